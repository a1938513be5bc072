from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from jisheng_cli.errors import ParseError
from jisheng_cli.records.ids import (
    calc_check_digit,
    clean_id,
    id_birth_date,
    id_sex,
    mask_id,
    mask_name,
    parse_id,
    upgrade15,
)
from tests.helpers import mutated_id, valid_id15, valid_id18

# A mother born 1980-01-01 in 远安县 (420525): the county code dates from 1992, so
# stdnum's birth-place check rejects her number, which is nevertheless real.
FIRST17 = "42052519800101123"
MOTHER = FIRST17 + ric.calc_check_digit(FIRST17 + "0")
WRONG_CHECK = FIRST17 + ("0" if MOTHER[-1] != "0" else "1")


def _code(text: object) -> str:
    with pytest.raises(ParseError) as info:
        parse_id(text)
    return info.value.code


def test_reference_check_digit() -> None:
    # stdnum's own doc example, and the published GB 11643 example.
    assert calc_check_digit("36042619910101007") == "1"
    assert calc_check_digit("11010519491231002") == "X"


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_digit_agrees_with_stdnum(first17: str) -> None:
    # stdnum's function takes the whole number and ignores its last character.
    assert calc_check_digit(first17) == ric.calc_check_digit(first17 + "0")


def test_valid_18_digits() -> None:
    assert parse_id(MOTHER) == MOTHER
    assert parse_id(f"  {MOTHER}\u3000") == MOTHER
    assert parse_id("420525 19800101 " + MOTHER[14:]) == MOTHER


def test_mother_born_1980_in_420525_is_accepted() -> None:
    assert not ric.is_valid(MOTHER)  # why stdnum's validate must not be used
    assert parse_id(MOTHER) == MOTHER
    assert id_birth_date(MOTHER) == date(1980, 1, 1)


def test_x_check_character() -> None:
    number = "11010519491231002X"
    assert parse_id(number) == number
    assert parse_id(number.lower()) == number
    assert parse_id("１１０１０５１９４９１２３１００２ｘ") == number
    assert clean_id(" 11010519491231002x ") == number


def test_upgrade_15_digits() -> None:
    legacy = "420525800101123"
    expected = "42052519800101123" + ric.calc_check_digit("42052519800101123" + "0")
    assert upgrade15(legacy) == expected
    assert parse_id(legacy) == expected
    assert id_birth_date(legacy) == date(1980, 1, 1)


def test_wrong_check_digit() -> None:
    assert _code(WRONG_CHECK) == "id_check_digit"
    with pytest.raises(ParseError) as info:
        parse_id(WRONG_CHECK)
    assert info.value.variant == ""
    assert WRONG_CHECK not in str(info.value)


@pytest.mark.parametrize(
    "raw", ["4.20525E+17", "4.20525e17", "4.20525E17", "４．２０５２５Ｅ＋１７"]
)
def test_scientific_notation(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_id(raw)
    assert (info.value.code, info.value.variant) == ("id_scientific_notation", "")


@pytest.mark.parametrize(
    "raw",
    [
        MOTHER[:-1],  # 17 characters
        MOTHER + "1",
        "4205251980010112",
        "X20525198001011238",
        "4205251980010112XX",
        "42052580010112X",
        "张三",
        "420525-19800101-1238",
    ],
)
def test_malformed(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_id(raw)
    assert (info.value.code, info.value.variant) == ("id_malformed", "")


@pytest.mark.parametrize(
    "first17",
    [
        "42052519800230123",
        "42052519801301123",
        "42052517991231123",
        "42052521000101123",
        "42052519800100123",
    ],
)
def test_impossible_birth_date(first17: str) -> None:
    number = first17 + calc_check_digit(first17)
    with pytest.raises(ParseError) as info:
        parse_id(number)
    assert (info.value.code, info.value.variant) == ("id_malformed", "birth_date")


def test_impossible_birth_date_15() -> None:
    assert _code("420525800230123") == "id_malformed"


def test_birth_date_limits() -> None:
    for first17 in ("42052518000101123", "42052520991231123"):
        assert parse_id(first17 + calc_check_digit(first17))[:17] == first17


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_missing(raw: object) -> None:
    assert _code(raw) == "missing_value"


def test_sex() -> None:
    assert id_sex(MOTHER) == 1  # sequence 123: odd
    female = "42052519800101124"
    assert id_sex(female + calc_check_digit(female)) == 2
    assert id_sex("420525800101124") == 2


@given(valid_id18())
def test_valid_numbers_parse(number: str) -> None:
    assert parse_id(number) == number
    assert id_birth_date(number) == ric.get_birth_date(number)


@given(valid_id15())
def test_legacy_numbers_upgrade(number: str) -> None:
    upgraded = parse_id(number)
    assert len(upgraded) == 18
    assert upgraded[:6] == number[:6] and upgraded[8:17] == number[6:]
    assert upgraded[17] == ric.calc_check_digit(upgraded)


@given(mutated_id())
def test_errors_never_echo_the_value(raw: str) -> None:
    try:
        parse_id(raw)
    except ParseError as exc:
        cleaned = clean_id(raw)
        assert cleaned[:6] not in exc.message or len(cleaned) < 6


def test_mask_id() -> None:
    assert mask_id("420525198001011234") == "420525********1234"
    assert mask_id(" 42052519800101123x ") == "420525********123X"
    assert mask_id("420525800101123") == "420525*****1123"
    assert mask_id("4.20525E+17") == "***********"
    assert mask_id("12345") == "*****"
    assert mask_id("张三李四王五赵六钱七孙八周九") == "*" * 14
    assert mask_id("") == ""


def test_mask_name() -> None:
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("张") == "张"
    assert mask_name(" 王小明 ") == "王**"
    assert mask_name("") == ""
    assert mask_name(None) == ""
