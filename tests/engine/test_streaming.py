"""Any batch size gives the same result: partial sums, duplicates and findings merge exactly."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from jisheng_cli.duplicates import KeyIndex, cross_row_warnings, pack_keys
from jisheng_cli.indicators import cube
from tests.helpers import SAMPLE, compute


def _snapshot(block_bytes: int) -> tuple[object, ...]:
    out = compute([SAMPLE], year="2012", by=["township", "village", "year"],
                  block_bytes=block_bytes)
    return (
        [r.to_dict() for r in out.report.rows],
        [i.to_dict() for i in out.report.inputs],
        [f.to_dict() for f in out.findings],
    )


WHOLE = _snapshot(1 << 26)


@settings(max_examples=6, deadline=None)
@given(st.integers(min_value=64, max_value=200_000))
def test_any_block_size_gives_the_whole_file_result(block_bytes: int) -> None:
    assert _snapshot(block_bytes) == WHOLE


def test_sample_counts_are_the_published_figures() -> None:
    rows, inputs, _ = WHOLE
    total = {r["indicator"]: r for r in rows if r["group_level"] == "total" and r["year"] is None}
    assert total["births_total"]["value"] == 1562
    p = total["policy_conformance_rate"]
    assert (p["numerator"], p["denominator"]) == (1549, 1562)
    assert round(p["value"], 2) == 99.17
    m = total["out_of_policy_multichild_rate"]
    assert (m["numerator"], m["denominator"]) == (1, 1562)
    assert round(m["value"], 2) == 0.06
    s = total["sex_ratio_at_birth"]
    assert 103 <= s["value"] <= 107 and s["status"] == "met"
    assert inputs[0]["rows_read"] == 1718


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 400), st.integers(1, 3),
                       st.integers(0, 2)), max_size=200),
    st.integers(1, 50),
)
def test_key_index_equals_a_python_set(rows: list[tuple[int, int, int, int]], chunk: int) -> None:
    index = KeyIndex()
    seen: dict[tuple[int, int, int, int], int] = {}
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        arr = np.array(part, dtype=np.int64).reshape(-1, 4)
        ref = np.arange(start, start + len(part), dtype=np.int64)
        dup, first, _ = index.add(pack_keys(arr[:, 0] + 10**16, arr[:, 1], arr[:, 2], arr[:, 3]),
                                  ref, ref * 2)
        for i, key in enumerate(part):
            expect_dup = key in seen
            assert dup[i] == expect_dup
            if expect_dup:
                assert first[i] == seen[key]
            else:
                seen[key] = start + i
    assert len(index) == len(seen)
    refs, _days, codes = cross_row_warnings(index)
    # every warned row is a kept row
    assert set(refs.tolist()) <= set(seen.values())
    assert set(codes.tolist()) <= {0, 1}


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 10_000), max_size=300), st.integers(1, 40))
def test_partials_merge_in_any_split(keys: list[int], chunk: int) -> None:
    whole = cube.count(np.array(keys, dtype=np.int64))
    parts = [cube.count(np.array(keys[i:i + chunk], dtype=np.int64))
             for i in range(0, len(keys), chunk)]
    merged = cube.merge(parts)
    assert merged.keys.tolist() == whole.keys.tolist()
    assert merged.counts.tolist() == whole.counts.tolist()


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 400), st.integers(1, 3),
                       st.integers(0, 2)), min_size=1, max_size=300),
    st.integers(1, 40), st.integers(2, 50), st.integers(1, 60), st.integers(1, 5),
)
def test_small_runs_and_chunks_change_nothing(
    rows: list[tuple[int, int, int, int]], chunk: int, max_run: int, piece: int, shards: int
) -> None:
    """Capped run sizes (more runs to search), any number of shards and a piecewise
    cross-row pass give the same duplicates and warnings as the defaults."""
    import jisheng_cli.duplicates as dups

    def run_all() -> tuple[list[bool], list[tuple[int, int, int]]]:
        index = KeyIndex()
        flags: list[bool] = []
        for start in range(0, len(rows), chunk):
            arr = np.array(rows[start:start + chunk], dtype=np.int64).reshape(-1, 4)
            ref = np.arange(start, start + len(arr), dtype=np.int64)
            dup, _, _ = index.add(pack_keys(arr[:, 0] + 10**16, arr[:, 1], arr[:, 2],
                                            arr[:, 3]), ref, ref)
            flags.extend(dup.tolist())
        refs, days, codes = cross_row_warnings(index)
        return flags, sorted(zip(refs.tolist(), days.tolist(), codes.tolist(), strict=True))

    whole = run_all()
    saved = dups.MAX_RUN, dups.CHUNK, dups.SHARDS
    dups.MAX_RUN, dups.CHUNK, dups.SHARDS = max_run, piece, shards
    try:
        assert run_all() == whole
    finally:
        dups.MAX_RUN, dups.CHUNK, dups.SHARDS = saved
