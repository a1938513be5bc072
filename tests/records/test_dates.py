from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.errors import ParseError
from jisheng_cli.periods import statistical_year
from jisheng_cli.records.dates import EPOCH, from_days, parse_date, to_days

JAN5 = date(2023, 1, 5)


@pytest.mark.parametrize(
    "raw",
    [
        "2023-01-05",
        "2023-1-5",
        "2023/1/5",
        "2023/01/05",
        "2023.1.5",
        "20230105",
        "2023年1月5日",
        "2023年01月05日",
        "2023年1月5号",
        "２０２３－０１－０５",
        "2023-01-05 00:00:00",
        "2023-01-05T00:00:00",
        "2023/1/5 0:00",
        "2023-01-05 23:59:59.000",
        "20230105 00:00",
        "44931",
        "44931.0",
        "44931.75",
        " 44931 ",
        "\ufeff2023-01-05",
    ],
)
def test_parse_date_styles(raw: str) -> None:
    assert parse_date(raw) == JAN5


def test_excel_serial_boundaries() -> None:
    assert parse_date("61") == date(1900, 3, 1)
    for serial in ("1", "59", "60"):  # 60 is 1900-02-29, a day Excel invents
        with pytest.raises(ParseError) as info:
            parse_date(serial)
        assert info.value.code == "unparseable_date"
    assert parse_date("2958465") == date(9999, 12, 31)


@pytest.mark.parametrize(
    "raw", ["5/1/2023", "05-01-2023", "5.1.2023", "12/31/2023", "5/1/2023 0:00"]
)
def test_parse_date_ambiguous(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date(raw)
    assert (info.value.code, info.value.variant) == ("ambiguous_date", "")


@pytest.mark.parametrize(
    "raw",
    [
        "2023-02-30",
        "2023-13-01",
        "20230230",
        "2023年2月30日",
        "2023-1/5",
        "yesterday",
        "2023-01-05 25:00",
        "60",
        "0",
        "-44931",
        "99999999",
        "1e5",
        "2023-01-05x",
    ],
)
def test_parse_date_unparseable(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date(raw)
    assert (info.value.code, info.value.variant) == ("unparseable_date", "")


@pytest.mark.parametrize("raw", ["", "  ", None])
def test_parse_date_missing(raw: object) -> None:
    with pytest.raises(ParseError) as info:
        parse_date(raw)
    assert info.value.code == "missing_value"


def test_no_range_check_here() -> None:
    assert parse_date("1900-01-01") == date(1900, 1, 1)
    assert parse_date("2999-12-31") == date(2999, 12, 31)


def test_days() -> None:
    assert EPOCH == date(1970, 1, 1)
    assert to_days(date(1970, 1, 1)) == 0
    assert to_days(date(2023, 1, 5)) == 19362
    assert to_days(date(1969, 12, 31)) == -1
    assert from_days(19362) == date(2023, 1, 5)


@given(st.dates())
def test_days_round_trip(d: date) -> None:
    assert from_days(to_days(d)) == d


@pytest.mark.parametrize(
    ("d", "year"),
    [
        (date(2022, 9, 30), 2022),
        (date(2022, 10, 1), 2023),
        (date(2022, 12, 31), 2023),
        (date(2023, 1, 1), 2023),
        (date(2023, 9, 30), 2023),
        (date(2023, 10, 1), 2024),
    ],
)
def test_statistical_year(d: date, year: int) -> None:
    assert statistical_year(d) == year


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2999, 12, 31)))
def test_every_style_round_trips(d: date) -> None:
    styles = [
        d.isoformat(),
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}.{d.month}.{d.day}",
        f"{d.year}-{d.month}-{d.day} 0:00",
        d.strftime("%Y%m%d"),
        f"{d.year}年{d.month}月{d.day}日",
        str((d - date(1899, 12, 30)).days),
    ]
    for raw in styles:
        assert parse_date(raw) == d
