"""Statistical years (1 Oct – 30 Sep) and the reporting period chosen on the command line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from jisheng_cli.errors import UsageError


@dataclass(frozen=True)
class Period:
    start: date | None = None
    end: date | None = None

    def iso(self) -> tuple[str | None, str | None]:
        return (
            self.start.isoformat() if self.start else None,
            self.end.isoformat() if self.end else None,
        )


def statistical_year_bounds(year: int) -> tuple[date, date]:
    """Statistical year Y runs from 1 Oct of Y−1 to 30 Sep of Y."""
    return date(year - 1, 10, 1), date(year, 9, 30)


_YEAR = re.compile(r"^\s*(\d{4})\s*(?:\.\.\s*(\d{4})\s*)?$")


def parse_year_option(text: str) -> tuple[int, int]:
    m = _YEAR.match(text)
    if not m:
        raise UsageError(f"--year {text!r}: expected a year such as 2023 or a range 2021..2023")
    first = int(m.group(1))
    last = int(m.group(2) or first)
    if last < first:
        raise UsageError(f"--year {text!r}: the range ends before it starts")
    return first, last


def parse_date_option(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} {text!r}: expected a date as YYYY-MM-DD") from None


def period_from_options(year: str | None, start: str | None, end: str | None) -> Period:
    if year is not None and (start is not None or end is not None):
        raise UsageError("use either --year or --from/--to, not both")
    if year is not None:
        first, last = parse_year_option(year)
        return Period(statistical_year_bounds(first)[0], statistical_year_bounds(last)[1])
    p = Period(
        parse_date_option(start, "--from") if start else None,
        parse_date_option(end, "--to") if end else None,
    )
    if p.start and p.end and p.end < p.start:
        raise UsageError("--to is before --from")
    return p
