"""Statistical years (1 Oct – 30 Sep) and the reporting period chosen on the command line.

On the `--help` path: numpy is imported inside the functions that take day arrays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from jisheng_cli.errors import UsageError
from jisheng_cli.records.dates import to_days

if TYPE_CHECKING:
    from collections.abc import Iterable

    import numpy as np

# Statistical year Y (统计年度) runs from 1 October of Y−1 to 30 September of Y.
FIRST_MONTH = 10


@dataclass(frozen=True)
class Period:
    start: date | None = None
    end: date | None = None

    def iso(self) -> tuple[str | None, str | None]:
        return (
            self.start.isoformat() if self.start else None,
            self.end.isoformat() if self.end else None,
        )

    def years(self) -> list[int] | None:
        """The statistical years the period touches, first to last; None when open-ended."""
        if self.start is None or self.end is None:
            return None
        return years_between(self.start, self.end)

    def part_year(self) -> bool:
        """True when a bound falls inside a statistical year: rates are not annualised."""
        # An open bound stands for its side of the other bound's year: it never cuts one.
        if self.start is not None:
            start = self.start
            end = self.end or statistical_year_bounds(statistical_year(start))[1]
        elif self.end is not None:
            end = self.end
            start = statistical_year_bounds(statistical_year(end))[0]
        else:
            return False
        return bool(short_years(years_between(start, end), start, end))

    def text(self) -> str:
        """The period as messages write it: `2011-10-01 … 2012-09-30`, an open side empty."""
        start, end = self.iso()
        return f"{start or ''} … {end or ''}".strip()


def statistical_year(d: date) -> int:
    """Statistical year of a date, named by the calendar year it ends in."""
    return d.year + 1 if d.month >= FIRST_MONTH else d.year


def years_between(first: date, last: date) -> list[int]:
    """The statistical years from the one of `first` to the one of `last`."""
    return list(range(statistical_year(first), statistical_year(last) + 1))


#: A statistical year whose records start later, or end earlier, than this many days
#: from its bounds is `partial` (a month's lag in registration is normal).
PARTIAL_DAYS = 31


def year_within(year: int, period: Period) -> tuple[date, date]:
    """The first and last day of statistical year `year` inside `period`."""
    first, last = statistical_year_bounds(year)
    return (max(first, period.start) if period.start else first,
            min(last, period.end) if period.end else last)


def short_years(years: Iterable[int], first: date, last: date, tolerance: int = 0,
                within: Period | None = None) -> list[int]:
    """The years among `years` (each cut to `within`) that the days `first` to `last`
    cover short: starting more than `tolerance` days after a year's first day or ending
    more than `tolerance` days before its last. The one rule of a part year, for a period
    (tolerance 0) and for the data (`partial_years`)."""
    out = []
    for year in years:
        y_first, y_last = year_within(year, within or Period())
        if (first - y_first).days > tolerance or (y_last - last).days > tolerance:
            out.append(year)
    return out


def partial_years(years: Iterable[int], first: date, last: date, as_of: date,
                  within: Period | None = None) -> set[int]:
    """The years among `years` (each cut to the period asked, `within`) that records
    dated `first` to `last` cover short by more than PARTIAL_DAYS, or that end after
    `as_of`. A period that cuts a year is no news here: the year is judged inside it."""
    years = list(years)
    late = {y for y in years if year_within(y, within or Period())[1] > as_of}
    return set(short_years(years, first, last, PARTIAL_DAYS, within)) | late


def stat_years(days: np.ndarray) -> np.ndarray:
    """`statistical_year` of dates given as days since 1970-01-01, as an int64 array."""
    import numpy as np

    if days.dtype.kind in "iu" and len(days):
        lo, hi = int(days.min()), int(days.max())
        if hi - lo < len(days):
            # A register's dates span a few decades: the calendar's arithmetic once per
            # day of that span, then a look-up per date (30x faster on a block).
            return _stat_years(np.arange(lo, hi + 1, dtype=np.int64))[days - lo]
    return _stat_years(days)


def _stat_years(days: np.ndarray) -> np.ndarray:
    import numpy as np

    d = days.astype("datetime64[D]")
    year = d.astype("datetime64[Y]").astype(np.int64) + 1970
    month = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    return year + (month >= FIRST_MONTH)


def statistical_year_bounds(year: int) -> tuple[date, date]:
    """First and last day of statistical year `year`, both inclusive."""
    first = date(year - 1, FIRST_MONTH, 1)
    return first, date(year, FIRST_MONTH, 1) - timedelta(days=1)


def period_mask(days: np.ndarray, period: Period) -> np.ndarray:
    """True where a day (days since 1970-01-01) falls in the period, bounds included."""
    import numpy as np

    mask = np.ones(len(days), dtype=bool)
    if period.start is not None:
        mask &= days >= to_days(period.start)
    if period.end is not None:
        mask &= days <= to_days(period.end)
    return mask


_YEAR = re.compile(r"^\s*(\d{4})\s*(?:\.\.\s*(\d{4})\s*)?$")


def parse_year_option(text: str) -> tuple[int, int]:
    m = _YEAR.match(text)
    if not m:
        raise UsageError("year_option", value=text)
    first = int(m.group(1))
    last = int(m.group(2) or first)
    if last < first:
        raise UsageError("year_range_reversed", value=text)
    return first, last


def parse_date_option(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError("date_option", option=option, value=text) from None


def period_from_options(year: str | None, start: str | None, end: str | None) -> Period:
    if year is not None and (start is not None or end is not None):
        raise UsageError("year_and_dates")
    if year is not None:
        first, last = parse_year_option(year)
        return Period(statistical_year_bounds(first)[0], statistical_year_bounds(last)[1])
    p = Period(
        parse_date_option(start, "--from") if start else None,
        parse_date_option(end, "--to") if end else None,
    )
    if p.start and p.end and p.end < p.start:
        raise UsageError("to_before_from")
    return p
