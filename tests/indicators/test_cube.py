"""indicators.cube: partials merge by adding the counts of equal keys."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from jisheng_cli.indicators import cube


def test_merge_adds_counts_of_equal_keys() -> None:
    a = cube.Partial(np.array([3, 7, 9], dtype=np.int64), np.array([1, 2, 3], dtype=np.int64))
    b = cube.Partial(np.array([1, 7], dtype=np.int64), np.array([5, 10], dtype=np.int64))
    got = cube.merge([a, cube.Partial.empty(), b])
    # Key 7: 2 + 10 = 12; keys 1, 3, 9 once each.
    assert got.keys.tolist() == [1, 3, 7, 9] and got.counts.tolist() == [5, 1, 12, 3]
    assert got.counts.dtype == np.int64
    empty = cube.merge([cube.Partial.empty()])
    assert len(empty.keys) == 0 and empty.keys.dtype == np.int64
    assert len(cube.merge([]).keys) == 0


_KEYS = st.lists(st.one_of(st.integers(0, 20), st.integers(0, 2**40)), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(_KEYS, max_size=6), st.integers(1, 2**54))
def test_merge_is_the_count_of_every_row(batches: list[list[int]], weight: int) -> None:
    """Merged partials (nested too) hold each key once, sorted, with all its rows."""
    parts = [cube.count(np.array(b, dtype=np.int64)) for b in batches]
    # Counts stay exact past float64's 2**53: up to 180 rows of a key times 2**54.
    parts = [cube.Partial(p.keys, p.counts * weight) for p in parts]
    want = Counter(k for b in batches for k in b)
    for got in (cube.merge(parts), cube.merge([cube.merge(parts[:2]), *parts[2:]])):
        assert got.keys.tolist() == sorted(want)
        assert got.counts.tolist() == [want[k] * weight for k in sorted(want)]
