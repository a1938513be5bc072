"""groups.GroupTable fed the kernel's dictionary entries (groups.Coded) gives what it gives
fed the object columns: village indexes, mismatch flags, names and first names."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from jisheng_cli.groups import Coded, GroupTable, count_pairs

A, B, C = "420525100001", "420525101002", "420525100003"


class _Dictionary:
    """Entries numbered in order of first appearance, as kernel.dictionary numbers them;
    a value may have two entries (cells whose bytes differ but parse alike)."""

    def __init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        self.table: list[Any] = []  # a new object: the numbering starts again
        self.entry: dict[tuple[str | None, int], int] = {}
        self.values: list[str | None] = []

    def code(self, cells: list[tuple[str | None, int]], junk: int) -> Coded:
        ids = []
        for cell in cells:
            ids.append(self.entry.setdefault(cell, len(self.values)))
            if ids[-1] == len(self.values):
                self.values.append(cell[0])
        for j in range(junk):  # entries of rows that were rejected: in no valid row
            self.values.append(f"junk{len(self.values)}-{j}")
        return Coded(np.array(ids, dtype=np.int32), np.array(self.values, dtype=object),
                     self.table)


_NAMES = st.sampled_from(["x", "y", "None", "", None])
_ROWS = st.lists(st.tuples(st.sampled_from([A, B, C]), _NAMES, st.sampled_from(["t", "u", None]),
                           st.integers(0, 1)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_ROWS, st.lists(st.integers(0, 40), max_size=4), st.booleans(),
       st.lists(st.booleans(), min_size=5, max_size=5), st.integers(0, 2))
def test_entries_give_what_the_object_columns_give(
        rows: list[tuple[str, str | None, str | None, int]], cuts: list[int], by_code: bool,
        restarts: list[bool], junk: int) -> None:
    plain, coded = GroupTable(by_code), GroupTable(by_code)
    dictionaries = [_Dictionary() for _ in range(3)]
    bounds = sorted({0, len(rows), *(c for c in cuts if c < len(rows))})
    for n, (lo, hi) in enumerate(pairwise(bounds)):
        if restarts[n]:  # the dictionaries restart at MEMO_LIMIT between batches
            for d in dictionaries:
                d.restart()
        batch = rows[lo:hi]
        columns = [[(r[0] if by_code else None, r[3]) for r in batch],
                   [(r[1], r[3]) for r in batch], [(r[2], r[3]) for r in batch]]
        objects = [np.array([c[0] for c in col], dtype=object) for col in columns]
        entries = [d.code(col, junk) for d, col in zip(dictionaries, columns, strict=True)]
        order = np.arange(lo, hi, dtype=np.int64) * 3  # row refs: increasing, not dense
        want = plain.lookup(*objects)
        got = coded.lookup(*entries)
        assert got.tolist() == want.tolist()
        assert (coded.tally_names(got, entries[1], entries[2], order).tolist()
                == plain.tally_names(want, objects[1], objects[2], order).tolist())
    assert coded.keys == plain.keys and coded.township_keys == plain.township_keys
    for gid, key in enumerate(plain.keys):
        assert coded.first_name(gid) == plain.first_name(gid)
        assert coded.describe("village", key) == plain.describe("village", key)
    for key in set(plain.township_keys):
        assert coded.describe("township", key) == plain.describe("township", key)


def test_count_pairs_of_entries() -> None:
    # Entries 0 "x", 1 None, 2 "y", 3 "x" again (other bytes), 4 unused.
    names = Coded(np.array([0, 2, 1, 3, 2, 0], dtype=np.int32),
                  np.array(["x", None, "y", "x", "z"], dtype=object), object())
    keys = np.array([7, 3, 7, 7, 3, 7], dtype=np.int64)
    order = np.array([10, 11, 12, 13, 14, 15], dtype=np.int64)
    found = count_pairs(keys, names, order)
    assert found is not None
    # (7, entry 0) rows 10 and 15; (3, entry 2) rows 11 and 14; row 12 has no name;
    # (7, entry 3) row 13: a second (7, "x") pair, which the tallies add to the first.
    assert found.columns() == ([7, 3, 7], ["x", "y", "x"], [2, 2, 1], [10, 11, 13])
    assert found.pair_of_row.tolist() == [0, 1, -1, 2, 1, 0]
    assert count_pairs(keys[:1], Coded(np.zeros(1, dtype=np.int32),
                                       np.array([None], dtype=object), object()),
                       order[:1]) is None
