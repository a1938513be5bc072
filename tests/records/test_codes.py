from __future__ import annotations

import pytest

from jisheng_cli.errors import ParseError
from jisheng_cli.records.codes import (
    SEX_FEMALE,
    SEX_MALE,
    SEX_UNKNOWN,
    parse_birth_order,
    parse_policy,
    parse_residence,
    parse_sex,
    parse_yes_no,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", SEX_MALE),
        ("1.0", SEX_MALE),
        ("男", SEX_MALE),
        ("男性", SEX_MALE),
        ("M", SEX_MALE),
        ("m", SEX_MALE),
        ("Male", SEX_MALE),
        ("１", SEX_MALE),
        (" 男 ", SEX_MALE),
        ("2", SEX_FEMALE),
        ("2.0", SEX_FEMALE),
        ("女", SEX_FEMALE),
        ("女性", SEX_FEMALE),
        ("F", SEX_FEMALE),
        ("female", SEX_FEMALE),
        ("Ｆ", SEX_FEMALE),
        ("0", SEX_UNKNOWN),
        ("未知", SEX_UNKNOWN),
        ("9", SEX_UNKNOWN),
        ("9.0", SEX_UNKNOWN),
        ("未说明", SEX_UNKNOWN),
    ],
)
def test_parse_sex(raw: str, expected: int) -> None:
    assert parse_sex(raw) == expected


@pytest.mark.parametrize("raw", ["3", "男女", "x", "1.5", "-1", "unknown"])
def test_parse_sex_unknown(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_sex(raw)
    assert (info.value.code, info.value.variant) == ("unknown_sex_code", "")


@pytest.mark.parametrize(
    "parser", [parse_sex, parse_policy, parse_yes_no, parse_residence, parse_birth_order]
)
@pytest.mark.parametrize("raw", ["", "   ", "\u3000", None])
def test_empty_is_missing(parser: object, raw: object) -> None:
    with pytest.raises(ParseError) as info:
        parser(raw)  # type: ignore[operator]
    assert info.value.code == "missing_value"


@pytest.mark.parametrize(
    "raw",
    [
        "政策内",
        "计划内",
        "符合",
        "符合政策",
        "是",
        "Y",
        "y",
        "yes",
        "YES",
        "1",
        "1.0",
        "in",
        "true",
    ],
)
def test_parse_policy_in(raw: str) -> None:
    assert parse_policy(raw) is True


@pytest.mark.parametrize(
    "raw",
    ["政策外", "计划外", "不符合", "不符合政策", "否", "N", "no", "0", "0.0", "out", "FALSE"],
)
def test_parse_policy_out(raw: str) -> None:
    assert parse_policy(raw) is False


@pytest.mark.parametrize("raw", ["2", "政策", "maybe", "有"])
def test_parse_policy_unknown(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_policy(raw)
    assert info.value.code == "unknown_policy_code"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("是", True),
        ("有", True),
        ("Y", True),
        ("yes", True),
        ("1", True),
        ("true", True),
        ("否", False),
        ("无", False),
        ("n", False),
        ("No", False),
        ("0", False),
        ("false", False),
    ],
)
def test_parse_yes_no(raw: str, expected: bool) -> None:
    assert parse_yes_no(raw) is expected


def test_parse_yes_no_unknown() -> None:
    with pytest.raises(ParseError) as info:
        parse_yes_no("也许")
    assert info.value.code == "unknown_yes_no_code"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("常住", "local"),
        ("户籍", "local"),
        (" 户籍 ", "local"),
        ("流入", "inflow"),
        ("流动", "inflow"),
    ],
)
def test_parse_residence(raw: str, expected: str) -> None:
    assert parse_residence(raw) == expected


def test_parse_residence_unknown() -> None:
    with pytest.raises(ParseError) as info:
        parse_residence("外出")
    assert info.value.code == "unknown_residence_code"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        ("2", 2),
        ("2.0", 2),
        ("２", 2),
        ("第2孩", 2),
        ("2孩", 2),
        ("第 2 孩", 2),
        ("二孩", 2),
        ("第二孩", 2),
        ("第三", 3),
        ("一", 1),
        ("两孩", 2),
        ("十", 10),
        ("第十孩", 10),
        ("十二", 12),
        ("二十", 20),
        ("3胎", 3),
        ("20", 20),
    ],
)
def test_parse_birth_order(raw: str, expected: int) -> None:
    assert parse_birth_order(raw) == expected


@pytest.mark.parametrize("raw", ["0", "21", "-1", "二十一", "零", "100", "99999999999999999999"])
def test_parse_birth_order_out_of_range(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_birth_order(raw)
    assert (info.value.code, info.value.variant) == ("birth_order_out_of_range", "")


@pytest.mark.parametrize("raw", ["2.5", "abc", "第孩", "十十", "二二", "1e1", "孩2", "〇十"])
def test_parse_birth_order_invalid(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_birth_order(raw)
    assert info.value.code == "invalid_birth_order"
