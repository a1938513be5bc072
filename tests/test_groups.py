"""groups.GroupTable: village indexes in order of appearance, most frequent names with
first-seen ties, the name-mismatch flags; groups.count_pairs."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from jisheng_cli.groups import GroupTable, count_pairs

A, B = "420525100001", "420525101002"  # townships 420525100, 420525101


def _obj(values: list[str | None]) -> np.ndarray:
    return np.array(values, dtype=object)


def _feed(table: GroupTable, rows: list[tuple[str | None, str | None, str | None]],
          start: int) -> tuple[list[int], list[bool]]:
    codes, villages, towns = (_obj([r[i] for r in rows]) for i in range(3))
    gid = table.lookup(codes, villages, towns)
    order = np.arange(start, start + len(rows), dtype=np.int64)
    return gid.tolist(), table.tally_names(gid, villages, towns, order).tolist()


def test_count_pairs_in_order_of_first_appearance() -> None:
    keys = np.array([7, 3, 7, 7, 3, 7], dtype=np.int64)
    names = _obj(["x", "y", None, "x", "y", "z"])
    order = np.array([10, 11, 12, 13, 14, 15], dtype=np.int64)
    found = count_pairs(keys, names, order)
    assert found is not None
    # (7,x) rows 10 and 13; (3,y) rows 11 and 14; (7,z) row 15; row 12 has no name.
    assert found.columns() == ([7, 3, 7], ["x", "y", "z"], [2, 2, 1], [10, 11, 15])
    assert found.pair_of_row.tolist() == [0, 1, -1, 0, 1, 2]
    assert count_pairs(keys[:1], _obj([None]), order[:1]) is None


def test_tie_goes_to_the_first_seen_name_across_batches() -> None:
    table = GroupTable(by_code=True)
    # Batch 1 (rows 0-4): A is "x" twice (first row 0), "y" twice (first row 1), "z" once.
    gid, mismatch = _feed(table, [(A, "x", "t"), (A, "y", "t"), (A, "y", "u"),
                                  (B, "w", "s"), (A, "x", "t"), (A, "z", "t")], 0)
    assert gid == [0, 0, 0, 1, 0, 0]
    # The first name seen for A is "x": the y, y and z rows differ from it.
    assert mismatch == [False, True, True, False, False, True]
    # x 2 (first 0) vs y 2 (first 1): tie, x was seen first.
    assert table.describe("village", A) == (A, "x")
    # Township 420525100: t 3 (first 0), u 1; 420525101: s 1.
    assert table.describe("township", "420525100") == ("420525100", "t")
    # Batch 2 (rows 10-11): y twice more, 4 against x's 2.
    gid, mismatch = _feed(table, [(A, "y", "u"), (A, "y", "u")], 10)
    assert gid == [0, 0] and mismatch == [True, True]
    assert table.describe("village", A) == (A, "y")
    # Township: t 3 (first 0), u 3 (first 2): tie, t seen first.
    assert table.describe("township", "420525100") == ("420525100", "t")
    assert table.first_name(0) == "x"


def test_name_only_groups_are_township_village_pairs() -> None:
    table = GroupTable(by_code=False)
    gid, mismatch = _feed(table, [(None, "v1", "t1"), (None, "v1", "t2"), (None, "v1", "t1"),
                                  (None, "v2", "t2")], 0)
    assert gid == [0, 1, 0, 2]
    assert mismatch == [False] * 4  # names are the keys: nothing to disagree with
    assert table.keys == ["t1\x1fv1", "t2\x1fv1", "t2\x1fv2"]
    assert table.describe("village", "t2\x1fv1") == (None, "v1")
    assert table.level_key("township").tolist() == ["t1", "t2", "t2"]


def test_merge_keeps_first_names_and_offsets_refs() -> None:
    whole, part = GroupTable(True), GroupTable(True)
    _feed(whole, [(A, "x", "t")], 0)
    # The partition saw B first, then A named "y" twice at its rows 0 and 1.
    _feed(part, [(B, "w", "s"), (A, "y", "t"), (A, "y", "t")], 0)
    assert whole.merge(part, 100).tolist() == [1, 0]
    assert whole.first_name(0) == "x"  # processed first
    # A: x 1 (first 0), y 2 (first 101) → y.
    assert whole.describe("village", A) == (A, "y")
    assert whole.describe("village", B) == (B, "w")


_ROWS = st.lists(st.tuples(st.sampled_from([A, B, "420525100003"]),
                           st.sampled_from(["x", "y", "None", "", None]),
                           st.sampled_from(["t", "u", None])), max_size=40)


@settings(max_examples=150, deadline=None)
@given(_ROWS, st.lists(st.integers(0, 40), max_size=3), st.booleans())
def test_same_as_counting_row_by_row(rows: list[tuple[str, str | None, str | None]],
                                     cuts: list[int], by_code: bool) -> None:
    """Any split into batches gives what a plain row-by-row count gives."""
    table = GroupTable(by_code)
    bounds = sorted({0, len(rows), *(c for c in cuts if c < len(rows))})
    gids: list[int] = []
    flags: list[bool] = []
    for lo, hi in pairwise(bounds):
        batch = [(r[0] if by_code else None, r[1], r[2]) for r in rows[lo:hi]]
        g, m = _feed(table, batch, lo)
        gids += g
        flags += m
    index: dict[str, int] = {}
    first: dict[str, str] = {}
    tally: dict[str, dict[str, list[int]]] = {}
    want_flags = []
    for n, (code, village, town) in enumerate(rows):
        key = code if by_code else f"{town}\x1f{village}"
        index.setdefault(key, len(index))
        if village is not None:
            first.setdefault(key, village)
            tally.setdefault(key, {}).setdefault(village, [0, n])[0] += 1
        want_flags.append(by_code and village is not None and village != first[key])
    assert gids == [index[c if by_code else f"{t}\x1f{v}"] for c, v, t in rows]
    assert flags == want_flags
    for key, names in tally.items():
        best = min(names, key=lambda v: (-names[v][0], names[v][1]))
        want = (key, best) if by_code else (None, key.split("\x1f")[1])
        assert table.describe("village", key) == want
