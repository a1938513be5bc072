"""Statistical years (1 October – 30 September, named by the year they end in) and
reporting periods: the scalar and vector forms, bounds, masks and open ends."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.errors import UsageError
from jisheng_cli.periods import (
    Period,
    period_from_options,
    period_mask,
    stat_years,
    statistical_year,
    statistical_year_bounds,
)
from jisheng_cli.records.dates import to_days

DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


def days(*ds: date) -> np.ndarray:
    return np.array([to_days(d) for d in ds], dtype=np.int64)


@pytest.mark.parametrize(
    ("d", "year"),
    [
        (date(2023, 9, 30), 2023),  # the last day of 2023 stays in 2023
        (date(2023, 10, 1), 2024),  # 1 October opens the next year
        (date(2023, 12, 31), 2024),
        (date(2024, 1, 1), 2024),
        (date(2024, 2, 29), 2024),  # a leap day falls in the year that ends that September
        (date(2000, 2, 29), 2000),
        (date(1969, 10, 1), 1970),  # before the epoch: negative day numbers
        (date(1969, 9, 30), 1969),
    ],
)
def test_statistical_year_of_a_date(d: date, year: int) -> None:
    assert statistical_year(d) == year
    assert stat_years(days(d)).tolist() == [year]


def test_statistical_year_bounds() -> None:
    assert statistical_year_bounds(2024) == (date(2023, 10, 1), date(2024, 9, 30))
    assert statistical_year_bounds(1950) == (date(1949, 10, 1), date(1950, 9, 30))


@pytest.mark.parametrize(
    ("year", "length"),
    [
        # Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 29 + Mar 31 + Apr 30 + May 31 + Jun 30
        # + Jul 31 + Aug 31 + Sep 30 = 366: 29 Feb 2024 is inside statistical year 2024.
        (2024, 366),
        (2023, 365),  # February 2023 has 28 days
        (2000, 366),  # divisible by 400: a leap year
        (2100, 365),  # divisible by 100, not 400: no 29 February
    ],
)
def test_a_statistical_year_holds_the_leap_day_of_its_february(year: int, length: int) -> None:
    first, last = statistical_year_bounds(year)
    assert (last - first).days + 1 == length


@given(st.lists(DATES, min_size=1, max_size=50))
def test_vector_and_scalar_forms_agree(ds: list[date]) -> None:
    assert stat_years(days(*ds)).tolist() == [statistical_year(d) for d in ds]


@given(DATES, st.lists(st.integers(0, 800), min_size=1, max_size=400),
       st.sampled_from([np.int64, np.int32]))
def test_many_dates_close_together_agree_with_the_scalar_form(
    first: date, offsets: list[int], dtype: type,
) -> None:
    """Dates spanning fewer days than there are of them (a register's block: looked up in
    a table of the span) get the same years as each date alone."""
    ds = [first + timedelta(days=o % len(offsets)) for o in offsets]
    assert stat_years(days(*ds).astype(dtype)).tolist() == [statistical_year(d) for d in ds]


@given(DATES)
def test_a_date_lies_within_the_bounds_of_its_year_and_no_other(d: date) -> None:
    year = statistical_year(d)
    first, last = statistical_year_bounds(year)
    assert first <= d <= last
    assert statistical_year_bounds(year - 1)[1] < d < statistical_year_bounds(year + 1)[0]


def test_year_option_spans_whole_statistical_years() -> None:
    assert period_from_options("2021..2023", None, None) == Period(
        date(2020, 10, 1), date(2023, 9, 30))


def test_period_bounds_are_inclusive() -> None:
    p = Period(date(2023, 10, 1), date(2024, 9, 30))
    probe = days(date(2023, 9, 30), date(2023, 10, 1), date(2024, 9, 30), date(2024, 10, 1))
    assert period_mask(probe, p).tolist() == [False, True, True, False]


def test_open_ended_periods() -> None:
    probe = days(date(1950, 1, 1), date(2023, 9, 30), date(2023, 10, 1), date(2100, 12, 31))
    until = Period(end=date(2023, 9, 30))
    since = Period(start=date(2023, 10, 1))
    assert period_mask(probe, until).tolist() == [True, True, False, False]
    assert period_mask(probe, since).tolist() == [False, False, True, True]
    assert period_mask(probe, Period()).tolist() == [True] * 4
    assert until.years() is None and since.years() is None
    assert not until.part_year()  # its one bound closes a statistical year
    assert since.iso() == ("2023-10-01", None)


def test_years_and_part_years_of_a_period() -> None:
    whole = Period(date(2020, 10, 1), date(2023, 9, 30))
    assert whole.years() == [2021, 2022, 2023]
    assert not whole.part_year()
    half = Period(date(2010, 1, 1), date(2010, 6, 30))
    assert half.years() == [2010]
    assert half.part_year()
    # One day past the end of 2012: the period touches 2013 and is no longer whole years.
    spill = Period(date(2011, 10, 1), date(2012, 9, 30) + timedelta(days=1))
    assert spill.years() == [2012, 2013]
    assert spill.part_year()


@pytest.mark.parametrize(("year", "start", "end", "code", "params", "english"), [
    ("2023/24", None, None, "year_option", {"value": "2023/24"},
     "--year '2023/24': expected a year such as 2023 or a range 2021..2023"),
    ("2023..2021", None, None, "year_range_reversed", {"value": "2023..2021"},
     "--year '2023..2021': the range ends before it starts"),
    (None, "2023-02-30", None, "date_option", {"option": "--from", "value": "2023-02-30"},
     "--from '2023-02-30': expected a date as YYYY-MM-DD"),
    (None, None, "30.09.2023", "date_option", {"option": "--to", "value": "30.09.2023"},
     "--to '30.09.2023': expected a date as YYYY-MM-DD"),
    ("2023", "2022-10-01", None, "year_and_dates", {},
     "use either --year or --from/--to, not both"),
    (None, "2023-10-01", "2023-09-30", "to_before_from", {}, "--to is before --from"),
])
def test_period_options_refused(year: str | None, start: str | None, end: str | None,
                                code: str, params: dict[str, str], english: str) -> None:
    with pytest.raises(UsageError) as info:
        period_from_options(year, start, end)
    assert (info.value.code, info.value.params, info.value.exit_code) == (code, params, 2)
    assert str(info.value) == english


def test_a_period_error_in_chinese() -> None:
    with pytest.raises(UsageError) as info:
        period_from_options("2023..2021", None, None)
    assert info.value.text("zh") == "--year '2023..2021':范围的结束早于开始"


# ---- part years: one rule for a period and for the data (issue 10, item 8) ------------

def test_short_years_at_either_end() -> None:
    from jisheng_cli.periods import short_years

    # 2012 is 2011-10-01 … 2012-09-30. Starting 2011-11-01 is 31 days late; 2011-11-02, 32.
    assert short_years([2012], date(2011, 11, 1), date(2012, 9, 30), 31) == []
    assert short_years([2012], date(2011, 11, 2), date(2012, 9, 30), 31) == [2012]
    # Ending 2012-08-30 is 31 days early; 2012-08-29, 32.
    assert short_years([2012], date(2011, 10, 1), date(2012, 8, 30), 31) == []
    assert short_years([2012], date(2011, 10, 1), date(2012, 8, 29), 31) == [2012]
    # 2011-10-01 … 2013-03-31 covers 2012 whole and 2013 to 183 days before 2013-09-30.
    assert short_years([2012, 2013], date(2011, 10, 1), date(2013, 3, 31), 31) == [2013]


def test_partial_years_and_the_as_of_date() -> None:
    from jisheng_cli.periods import partial_years

    whole = (date(2011, 10, 1), date(2012, 9, 30))
    assert partial_years([2012], *whole, as_of=date(2026, 1, 1)) == set()
    # The year runs past the as-of date: partial though the data reach its end.
    assert partial_years([2012], *whole, as_of=date(2012, 9, 29)) == {2012}
    # Cut to a period of 2012-01-01 … 2012-06-30, data of that half-year are whole.
    half = Period(date(2012, 1, 1), date(2012, 6, 30))
    assert partial_years([2012], date(2012, 1, 3), date(2012, 6, 28), date(2026, 1, 1),
                         half) == set()
    assert partial_years([2012], date(2012, 3, 1), date(2012, 6, 28), date(2026, 1, 1),
                         half) == {2012}


def test_period_text() -> None:
    assert Period(date(2029, 10, 1), date(2030, 9, 30)).text() == "2029-10-01 … 2030-09-30"
    assert Period(date(2014, 1, 1), None).text() == "2014-01-01 …"
    assert Period(None, date(2014, 1, 1)).text() == "… 2014-01-01"


def _old_part_year(p: Period) -> bool:
    """Period.part_year as it was before short_years: a bound off a year's first or last day."""
    starts_ok = p.start is None or p.start == statistical_year_bounds(statistical_year(p.start))[0]
    ends_ok = p.end is None or p.end == statistical_year_bounds(statistical_year(p.end))[1]
    return not (starts_ok and ends_ok)


@given(st.one_of(st.none(), DATES), st.one_of(st.none(), DATES))
def test_part_year_keeps_its_meaning(start: date | None, end: date | None) -> None:
    if start and end and end < start:
        start, end = end, start
    p = Period(start, end)
    assert p.part_year() == _old_part_year(p)
