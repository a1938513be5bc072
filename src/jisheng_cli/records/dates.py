"""Date parsing for register cells, and day numbers (statistical years: `periods`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from jisheng_cli.errors import ParseError
from jisheng_cli.records.text import normalize

EPOCH = date(1970, 1, 1)

# Excel's 1900 date system counts 1900-02-29 (serial 60), which never existed, so
# serials from 61 on are exactly days since 1899-12-30; earlier ones are off by one
# and no register date is that old anyway.
_EXCEL_BASE = date(1899, 12, 30)
_EXCEL_MIN_SERIAL = 61
_EXCEL_MAX_SERIAL = (date(9999, 12, 31) - _EXCEL_BASE).days

# A trailing time of day, as spreadsheets append to date cells: "0:00", "00:00:00.000".
_TIME = r"(?:[ T]+(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?)?"

_YEAR_FIRST = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})" + _TIME, re.ASCII)
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})" + _TIME, re.ASCII)
_CHINESE = re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]?" + _TIME)
_YEAR_LAST = re.compile(r"[0-9]{1,2}([-/.])[0-9]{1,2}\1[0-9]{4}" + _TIME, re.ASCII)
_SERIAL = re.compile(r"([0-9]{1,7})(?:\.[0-9]*)?", re.ASCII)


def _build(year: str, month: str, day: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise ParseError("unparseable_date") from None


def parse_date(text: object) -> date:
    """Parse a date cell in any of the styles registers use (see docs/data.md "Dates")."""
    value = normalize(text)
    if not value:
        raise ParseError("missing_value")
    match = _YEAR_FIRST.fullmatch(value)
    if match:
        return _build(match.group(1), match.group(3), match.group(4))
    match = _COMPACT.fullmatch(value) or _CHINESE.fullmatch(value)
    if match:
        return _build(match.group(1), match.group(2), match.group(3))
    if _YEAR_LAST.fullmatch(value):
        # 5/1/2023 is 5 January in China and 1 May in Excel's US default: refuse to guess.
        raise ParseError("ambiguous_date")
    match = _SERIAL.fullmatch(value)
    if match:
        # A fraction is the time of day of an Excel date-time; the day is the integer part.
        serial = int(match.group(1))
        if _EXCEL_MIN_SERIAL <= serial <= _EXCEL_MAX_SERIAL:
            return _EXCEL_BASE + timedelta(days=serial)
    raise ParseError("unparseable_date")


def to_days(d: date) -> int:
    """Days since 1970-01-01 (negative before it)."""
    return (d - EPOCH).days


def from_days(n: int) -> date:
    """Inverse of to_days."""
    return EPOCH + timedelta(days=int(n))
