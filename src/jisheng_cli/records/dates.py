"""Date parsing for register cells, and day numbers (statistical years: `periods`)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from jisheng_cli.errors import ParseError
from jisheng_cli.records.numerals import DIGITS, chinese_number, digit_by_digit
from jisheng_cli.records.text import normalize

# How a year-last date (3/5/2012) is read: day first or month first (`[reading]`).
DateOrder = Literal["dmy", "mdy"]

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
_YEAR_LAST = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{4})" + _TIME, re.ASCII)
_SERIAL = re.compile(r"([0-9]{1,7})(?:\.[0-9]*)?", re.ASCII)

# Chinese style: each of year, month and day in Arabic digits or Chinese numerals, mixed
# as people write them (2012年三月五日). The year is read digit by digit (二〇一二), the
# month and day as counted (十二, 三十一, 廿五); 两 is not a date digit.
_CN_DIGIT = "".join(c for c in DIGITS if c != "两")
_YEAR4 = rf"[0-9]{{4}}|[{_CN_DIGIT}]{{4}}"
_MONTH_DAY = r"[0-9]{1,2}|[一二三四五六七八九十廿卅]{1,3}"
_MONTH_AND_DAY = rf"\s*年\s*({_MONTH_DAY})\s*月\s*({_MONTH_DAY})\s*[日号]?" + _TIME
_CHINESE = re.compile(rf"({_YEAR4})" + _MONTH_AND_DAY)

# Forms that are almost a date: each gets a message saying what is missing.
_YEAR_MONTH = re.compile(
    rf"[0-9]{{4}}[-/.]([0-9]{{1,2}})|([0-9]{{1,2}})[-/.][0-9]{{4}}"
    rf"|(?:{_YEAR4})\s*年\s*({_MONTH_DAY})\s*月份?"
)
_TWO_DIGIT_YEAR = re.compile(
    r"[0-9]{1,2}([-/.])[0-9]{1,2}\1[0-9]{1,2}" + _TIME
    + rf"|(?:[0-9]{{2}}|[{_CN_DIGIT}]{{2}})" + _MONTH_AND_DAY
)


def _build(year: int | None, month: int | None, day: int | None,
           variant: str = "", **params: object) -> date:
    try:
        if year is None or month is None or day is None:
            raise ValueError
        return date(year, month, day)
    except ValueError:
        raise ParseError("unparseable_date", variant, **params) from None


def _year_last(first: str, second: str, year: str, date_order: DateOrder | None) -> date:
    if date_order is None:
        # 5/1/2023 is 5 January in China and 1 May in Excel's US default: refuse to guess,
        # even for 25/3/2023. Reading that one as day-first would read 3/25/2023 in the
        # same file as month-first: a file of both orders would pass without a word.
        raise ParseError("ambiguous_date")
    day, month = (first, second) if date_order == "dmy" else (second, first)
    return _build(int(year), int(month), int(day), "date_order", order=date_order)


def parse_date(text: object, date_order: DateOrder | None = None) -> date:
    """Parse a date cell in any of the styles registers use (see docs/data.md "Dates").

    `date_order` (`[reading] date_order`) says how a year-last date such as 3/5/2012 is
    read; without it such a date is `ambiguous_date`."""
    value = normalize(text)
    if not value:
        raise ParseError("missing_value")
    match = _YEAR_FIRST.fullmatch(value)
    if match:
        return _build(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    match = _COMPACT.fullmatch(value)
    if match:
        return _build(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _CHINESE.fullmatch(value)
    if match:
        return _build(digit_by_digit(match.group(1)), _counted(match.group(2)),
                      _counted(match.group(3)))
    match = _YEAR_LAST.fullmatch(value)
    if match:
        return _year_last(match.group(1), match.group(3), match.group(4), date_order)
    match = _YEAR_MONTH.fullmatch(value)
    if match and 1 <= (_counted(next(g for g in match.groups() if g)) or 0) <= 12:
        raise ParseError("unparseable_date", "year_month_only")
    if _TWO_DIGIT_YEAR.fullmatch(value):
        raise ParseError("unparseable_date", "two_digit_year")
    match = _SERIAL.fullmatch(value)
    if match:
        # A fraction is the time of day of an Excel date-time; the day is the integer part.
        serial = int(match.group(1))
        if _EXCEL_MIN_SERIAL <= serial <= _EXCEL_MAX_SERIAL:
            return _EXCEL_BASE + timedelta(days=serial)
    raise ParseError("unparseable_date")


def _counted(text: str) -> int | None:
    return int(text) if text.isascii() else chinese_number(text)


def to_days(d: date) -> int:
    """Days since 1970-01-01 (negative before it)."""
    return (d - EPOCH).days


def from_days(n: int) -> date:
    """Inverse of to_days."""
    return EPOCH + timedelta(days=int(n))
