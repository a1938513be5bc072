"""The births cell step both engines share: rows → counts per (village, year, cell)."""

from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from jisheng_cli.indicators import births, cube
from jisheng_cli.periods import stat_years
from jisheng_cli.records.dates import to_days


def test_batch_partial_counts_rows_in_the_period_by_cell_and_statistical_year() -> None:
    day = [to_days(d) for d in (date(2023, 9, 30), date(2023, 10, 1), date(2024, 1, 1),
                                 date(2023, 9, 30), date(2023, 9, 30))]
    part = births.batch_partial(
        group=np.array([0, 0, 1, 0, 0]),
        period_day=np.array(day, dtype=np.int64),
        sex=np.array([1, 2, 1, 1, 1]),
        order=np.array([1, 2, 5, 1, 1]),
        policy=np.array([1, 0, 0, 1, 1]),
        duplicate=np.array([False, False, True, False, False]),
        in_period=np.array([True, True, True, False, True]),
    )
    group, year, cell = cube.decode(part.keys, births.N_CELLS)
    got = list(zip(group.tolist(), year.tolist(), cell.tolist(), part.counts.tolist(),
                   strict=True))
    # cell = (sex × 3 + order class) × 2 + policy, order class 0/1/2 for 1/2/3+:
    #   rows 0 and 4: male, 1st, in policy → (1×3 + 0)×2 + 1 = 7, 30 Sep 2023 → year 2023;
    #   row 3 is the same birth out of the period: not counted.
    #   row 1: female, 2nd, out of policy → (2×3 + 1)×2 + 0 = 14, 1 Oct 2023 → year 2024.
    #   row 2: a duplicate → cell 18 whatever its values, 1 Jan 2024 → year 2024.
    assert got == [(0, 2023, 7, 2), (0, 2024, 14, 1), (1, 2024, births.DUP_CELL, 1)]
    assert births.DUP_CELL == 18


def test_statistical_years_from_the_table() -> None:
    # The statistical year runs from 1 October: 30 Sep 2011 is in 2011, 1 Oct 2011 in 2012.
    days = np.array([to_days(date(2011, 9, 30)), to_days(date(2011, 10, 1)),
                     to_days(date(1969, 12, 31))], dtype=np.int64)
    assert births._stat_years(days).tolist() == [2011, 2012, 1970]
    assert births._stat_years(days[:0]).tolist() == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.integers(-80_000, 80_000), st.integers(-10**6, 10**6)),
                max_size=50), st.sampled_from([np.int32, np.int64]))
def test_year_table_is_stat_years(days: list[int], dtype: type) -> None:
    """Any days, near together (the table) or centuries apart (stat_years itself)."""
    array = np.array(days, dtype=dtype)
    assert births._stat_years(array).tolist() == stat_years(array).tolist()
