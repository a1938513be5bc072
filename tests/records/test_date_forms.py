"""Dates as real exports write them: `[reading] date_order` for 3/5/2012, Chinese numerals
(二〇一二年三月廿五日), and the almost-dates that say what they lack (docs/data.md "Dates").

Day numbers are days since 1970-01-01, worked by hand from 2012-01-01 = 15340
(42 years × 365 = 15330, plus the 10 leap days of 1972, 1976, …, 2008)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.errors import ParseError
from jisheng_cli.messages.findings import finding_message
from jisheng_cli.records.dates import DateOrder, parse_date, to_days
from jisheng_cli.records.numerals import chinese_number, digit_by_digit
from tests.helpers import chinese_date

JAN1_2012 = 15340
MAR5 = JAN1_2012 + 31 + 29 + 4  # 2012 is a leap year: February has 29 days → 15404
MAY3 = JAN1_2012 + 31 + 29 + 31 + 30 + 2  # 15463
MAR25 = JAN1_2012 + 31 + 29 + 24  # 15424
DEC31 = JAN1_2012 + 365  # the 366th day of 2012 → 15705
ORDERS: list[DateOrder | None] = [None, "dmy", "mdy"]


def days(text: str, order: DateOrder | None = None) -> int:
    return to_days(parse_date(text, order))


def error(text: str, order: DateOrder | None = None) -> tuple[str, str, dict[str, object]]:
    with pytest.raises(ParseError) as info:
        parse_date(text, order)
    return info.value.code, info.value.variant, info.value.params


def test_the_anchor_day() -> None:
    assert to_days(date(2012, 1, 1)) == JAN1_2012


# ---- Chinese numerals --------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇一二年三月五日", MAR5),
        ("二零一二年三月五日", MAR5),
        ("二○一二年三月五日", MAR5),  # U+25CB, what input methods type for 〇
        ("二〇一二年三月五号", MAR5),
        ("二〇一二年三月五", MAR5),
        ("二〇一二 年 三 月 五 日", MAR5),
        ("二〇一二年三月五日 0:00", MAR5),
        ("二〇一二年十二月三十一日", DEC31),
        ("二〇一二年十二月卅一日", DEC31),
        ("二〇一二年三月廿五日", MAR25),
        ("二〇一二年三月二十五日", MAR25),
        ("二〇一二年三月卅日", MAR25 + 5),
        ("二〇一二年五月三日", MAY3),
        ("二〇一二年一月十日", JAN1_2012 + 9),
        ("二〇一二年一月一十日", JAN1_2012 + 9),
        # mixed, as people write them
        ("2012年三月五日", MAR5),
        ("二〇一二年3月5日", MAR5),
        ("2012年3月廿五日", MAR25),
        ("２０１２年三月五日", MAR5),  # full-width digits fold to ASCII first
    ],
)
@pytest.mark.parametrize("order", ORDERS)
def test_chinese_numeral_dates(text: str, expected: int, order: DateOrder | None) -> None:
    assert days(text, order) == expected  # date_order never touches a year-first date


@pytest.mark.parametrize(
    "text",
    [
        "二〇一二年十三月五日",  # month 13
        "二〇一二年二月三十日",  # 30 February
        "二〇一二年三月三十二日",
        "二〇一二年三月十十日",
        "二〇一二年三月廿十日",
        "二〇一二年三月〇五日",  # a day is counted, not spelled digit by digit
        "二〇一二年三月零日",
        "两〇一二年三月五日",  # 两 is no digit of a year
        "二〇1二年三月五日",
        "二〇一二年三月五月",
        "二千零一十二年三月五日",
    ],
)
def test_malformed_chinese_dates(text: str) -> None:
    assert error(text) == ("unparseable_date", "", {})


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("一十五", 15), ("二十", 20),
     ("二十三", 23), ("廿", 20), ("廿五", 25), ("卅", 30), ("卅一", 31), ("九十九", 99),
     ("两", 2)],
)
def test_chinese_number(text: str, value: int) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "〇十", "十〇", "廿〇", "十十", "二二", "廿十", "二廿",
                                  "百", "十二三"])
def test_chinese_number_malformed(text: str) -> None:
    assert chinese_number(text) is None


def test_digit_by_digit() -> None:
    assert [digit_by_digit(t) for t in ("二〇一二", "二○一二", "二零一二", "2012", "一九八八")] == [
        2012, 2012, 2012, 2012, 1988]
    assert digit_by_digit("二〇1二") is None and digit_by_digit("二十") is None


# ---- year-last dates and [reading] date_order --------------------------------------------

@pytest.mark.parametrize(
    "text", ["3/5/2012", "3-5-2012", "3.5.2012", "03/05/2012", "3/5/2012 0:00",
             "3/5/2012 13:45:00", "３/５/２０１２"]
)
def test_date_order_resolves_a_year_last_date(text: str) -> None:
    assert error(text) == ("ambiguous_date", "", {})
    assert days(text, "dmy") == MAY3  # 3 May
    assert days(text, "mdy") == MAR5  # 5 March


def test_a_day_over_12_needs_date_order_too() -> None:
    # 25/3/2012 can only be day-first, but accepting it without date_order would accept
    # 3/25/2012 of the same file month-first: a file of both orders would pass unseen.
    assert error("25/3/2012") == ("ambiguous_date", "", {})
    assert error("3/25/2012") == ("ambiguous_date", "", {})
    assert days("25/3/2012", "dmy") == MAR25
    assert days("3/25/2012", "mdy") == MAR25
    # Against the order given, it is no date: the message names the order.
    assert error("25/3/2012", "mdy") == ("unparseable_date", "date_order", {"order": "mdy"})
    assert error("3/25/2012", "dmy") == ("unparseable_date", "date_order", {"order": "dmy"})
    assert error("31/2/2012", "dmy") == ("unparseable_date", "date_order", {"order": "dmy"})


def test_equal_day_and_month_still_need_date_order() -> None:
    # 5/5/2012 reads the same either way, but a column where only those pass would bias
    # anything by month toward those days: the style is refused, not each value.
    assert error("5/5/2012") == ("ambiguous_date", "", {})
    assert days("5/5/2012", "dmy") == days("5/5/2012", "mdy") == JAN1_2012 + 31 + 29 + 31 + 30 + 4


@pytest.mark.parametrize("order", ["dmy", "mdy"])
def test_year_first_dates_ignore_date_order(order: DateOrder) -> None:
    assert [days(t, order) for t in ("2012-03-05", "2012/3/5", "2012.3.5", "20120305",
                                     "2012年3月5日", "40973")] == [MAR5] * 6
    # 40973 = serial of 2012-03-05: 15404 days after 1970 + 25569 from 1899-12-30


# ---- almost-dates: what they lack ---------------------------------------------------------

@pytest.mark.parametrize(
    "text", ["2012年3月", "2012年03月", "2012年3月份", "2012-03", "2012/3", "2012.03", "3/2012",
             "03-2012",
             "二〇一二年三月", "2012年三月", "二〇一二年十二月"]
)
@pytest.mark.parametrize("order", ORDERS)
def test_year_and_month_only(text: str, order: DateOrder | None) -> None:
    assert error(text, order) == ("unparseable_date", "year_month_only", {})


@pytest.mark.parametrize(
    "text", ["12-3-5", "12/3/5", "12.3.5", "5/3/12", "12-03-05 0:00", "12年3月5日",
             "一二年三月五日", "12年三月廿五日"]
)
@pytest.mark.parametrize("order", ORDERS)
def test_two_digit_year(text: str, order: DateOrder | None) -> None:
    assert error(text, order) == ("unparseable_date", "two_digit_year", {})


@pytest.mark.parametrize("text", ["2012-13", "13/2012", "2012年13月", "2012年", "123-3-5",
                                  "2012-3-5-1"])
def test_other_near_misses_are_plain_unparseable(text: str) -> None:
    assert error(text)[:2] == ("unparseable_date", "")


def test_the_messages_say_how_to_fix_it() -> None:
    for lang in ("zh", "en"):
        ambiguous = finding_message("ambiguous_date", lang)
        assert "[reading]" in ambiguous and "date_order = 'dmy'" in ambiguous
        assert "date_order = 'mdy'" in ambiguous and "jisheng.toml" in ambiguous
        assert "date_order = 'mdy'" in finding_message("unparseable_date", lang, "date_order",
                                                        order="mdy")
    assert "缺少日" in finding_message("unparseable_date", "zh", "year_month_only")
    assert "without a day" in finding_message("unparseable_date", "en", "year_month_only")
    assert "4 位" in finding_message("unparseable_date", "zh", "two_digit_year")
    assert "four digits" in finding_message("unparseable_date", "en", "two_digit_year")


# ---- every style, every order --------------------------------------------------------------

DATES = st.dates(min_value=date(1900, 3, 1), max_value=date(2999, 12, 31))


@given(DATES, st.sampled_from(ORDERS), st.sampled_from(["〇", "零", "○"]),
       st.sampled_from(["日", "号", ""]), st.booleans())
def test_every_style_in_every_order(d: date, order: DateOrder | None, zero: str, end: str,
                                    short_tens: bool) -> None:
    for text in (
        d.isoformat(),
        f"{d.year}/{d.month}/{d.day} 0:00",
        d.strftime("%Y%m%d"),
        f"{d.year}年{d.month}月{d.day}日",
        chinese_date(d, zero, end, short_tens),
        f"{d.year}年" + chinese_date(d).split("年")[1],
    ):
        assert parse_date(text, order) == d, text
    day_first = f"{d.day}/{d.month}/{d.year}"
    month_first = f"{d.month:02d}-{d.day:02d}-{d.year}"
    if order is None:
        assert error(day_first)[0] == error(month_first)[0] == "ambiguous_date"
    else:
        assert parse_date(day_first if order == "dmy" else month_first, order) == d
