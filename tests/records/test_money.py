from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.errors import ParseError
from jisheng_cli.records.money import FEN_PER_WAN_YUAN, FEN_PER_YUAN, parse_money


@pytest.mark.parametrize(
    ("raw", "fen"),
    [
        ("12,345.60", 1_234_560),
        ("¥12345.6", 1_234_560),
        ("￥12345.6", 1_234_560),
        ("12345.6元", 1_234_560),
        ("１２，３４５．６０", 1_234_560),
        ("  12345.60  ", 1_234_560),
        ("¥ 1,234,567.89 元", 123_456_789),
        ("0", 0),
        ("0.00", 0),
        ("-0", 0),
        ("100", 10_000),
        ("100.", 10_000),
        (".5", 50),
        ("0.005", 1),  # half-up, not banker's rounding
        ("0.015", 2),
        ("0.025", 3),
        ("0.0049", 0),
    ],
)
def test_parse_money_yuan(raw: str, fen: int) -> None:
    assert parse_money(raw) == fen


@pytest.mark.parametrize(
    ("raw", "fen"),
    [
        ("1.2345", 1_234_500),
        ("0.00005", 50),
        ("0.0000005", 1),  # half a fen rounds up
        ("0.0000004", 0),
        ("0.0000025", 3),
        ("1", 1_000_000),
        ("12,345.6789", 12_345_678_900),
    ],
)
def test_parse_money_wan_yuan(raw: str, fen: int) -> None:
    assert parse_money(raw, unit_fen=FEN_PER_WAN_YUAN) == fen


@pytest.mark.parametrize("raw", ["-1", "-12.50", "¥-5", "−5", "(1,200.00)", "-0.001"])
def test_negative(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_money(raw)
    assert info.value.code == "negative_money"


@pytest.mark.parametrize(
    "raw",
    [
        "abc",
        "12,5",
        "1,23,456",
        "1.2.3",
        "NaN",
        "Infinity",
        "1e5",
        "12元5角",
        "--5",
        "¥",
        ".",
    ],
)
def test_invalid(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_money(raw)
    assert (info.value.code, info.value.variant) == ("invalid_money", "")


# MAX_FEN is 10**15 fen: 10**13 yuan, or 10**9 万元 (10**9 × 1,000,000 fen).
@pytest.mark.parametrize(
    ("raw", "unit", "variant"),
    [
        ("10000000000000", FEN_PER_YUAN, None),  # exactly 10**15 fen: kept
        ("10000000000000.01", FEN_PER_YUAN, "too_large"),  # 10**15 + 1 fen
        ("1000000000", FEN_PER_WAN_YUAN, None),
        ("1000000000.0001", FEN_PER_WAN_YUAN, "too_large"),  # 10**15 + 100 fen
        ("1" * 40, FEN_PER_YUAN, "too_large"),
    ],
)
def test_too_large(raw: str, unit: int, variant: str | None) -> None:
    if variant is None:
        assert parse_money(raw, unit_fen=unit) == 10**15
        return
    with pytest.raises(ParseError) as info:
        parse_money(raw, unit_fen=unit)
    assert (info.value.code, info.value.variant) == ("invalid_money", variant)


@pytest.mark.parametrize("raw", ["", "  ", None])
def test_missing(raw: object) -> None:
    with pytest.raises(ParseError) as info:
        parse_money(raw)
    assert info.value.code == "missing_value"


@given(
    st.decimals(min_value=0, max_value=10**8, allow_nan=False, allow_infinity=False, places=6),
    st.sampled_from([FEN_PER_YUAN, FEN_PER_WAN_YUAN]),
    st.sampled_from(["{:f}", "{:,f}", "¥{:f}", "{:,f}元", " {:f} "]),
)
def test_parse_money_matches_decimal(amount: Decimal, unit: int, style: str) -> None:
    expected = int((amount * unit).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert parse_money(style.format(amount), unit_fen=unit) == expected
