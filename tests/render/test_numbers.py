from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.indicators.model import Indicator
from jisheng_cli.indicators.registry import get
from jisheng_cli.render.numbers import (
    decimals_for,
    exact_number,
    format_cell,
    format_exact,
    round_half_up,
    rounded_number,
)
from jisheng_cli.render.safety import safe_text


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (99.16773, 2, "99.17"),
        (99.16773367477593, 2, "99.17"),
        (12.5, 0, "13"),
        (13.5, 0, "14"),  # round-half-even would give 14 here but 12 for 12.5
        (0.125, 2, "0.13"),
        (2.675, 2, "2.68"),  # binary 2.67499999... ; the decimal value rounds up
        (1.005, 2, "1.01"),
        (-1.5, 0, "-2"),
        (-2.675, 2, "-2.68"),
        (-0.001, 2, "0.00"),  # never "-0.00"
        (7, 2, "7.00"),
        (1562, 0, "1562"),
        (0, 2, "0.00"),
        (1e20, 0, "100000000000000000000"),
        (1.7976931348623157e308, 0, "1797693134862315700" + "0" * 290),
        (None, 2, ""),
        (float("nan"), 2, ""),
        (float("inf"), 2, ""),
    ],
)
def test_round_half_up_table(value: float | None, decimals: int, expected: str) -> None:
    assert round_half_up(value, decimals) == expected


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
       st.integers(min_value=0, max_value=6))
def test_round_half_up_is_decimal_quantize(x: float, decimals: int) -> None:
    expected = Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    got = round_half_up(x, decimals)
    assert Decimal(got) == expected
    assert not got.startswith("-0") or Decimal(got) != 0
    # Always exactly `decimals` digits after the point, never exponent notation.
    assert "e" not in got.lower()
    assert (len(got.split(".")[1]) if "." in got else 0) == decimals


def test_round_half_up_accepts_numpy_scalars() -> None:
    np = pytest.importorskip("numpy")
    assert round_half_up(np.float64(2.675), 2) == "2.68"
    assert round_half_up(np.int64(12), 1) == "12.0"
    assert round_half_up(np.float64("nan"), 1) == ""


def test_rounded_number_is_the_printed_number() -> None:
    assert rounded_number(99.16773367477593, 2) == 99.17
    assert rounded_number(12.5, 0) == 13
    assert isinstance(rounded_number(12.5, 0), int)
    assert rounded_number(None, 2) is None


def _yuan() -> Indicator:
    return Indicator("fee_assessed_amount", "fees", "应征金额", "Assessed amount", "yuan", 2,
                     "", "")


def test_decimals_for() -> None:
    rate, count = get("policy_conformance_rate"), get("births_total")
    assert decimals_for(rate, None) == 2
    assert decimals_for(rate, 4) == 4
    assert decimals_for(rate, 0) == 0
    assert decimals_for(count, None) == 0
    assert decimals_for(count, 3) == 0  # a count of births never prints "1562.000"
    assert decimals_for(_yuan(), 0) == 2
    assert decimals_for(_yuan(), 5) == 2
    estimated = Indicator("estimated_unreported_births", "survey", "推算漏报出生数",
                          "Estimated unreported births", "count", 1, "", "")
    assert decimals_for(estimated, None) == 1
    assert decimals_for(estimated, 3) == 3


def test_format_cell() -> None:
    rate, count = get("policy_conformance_rate"), get("births_total")
    srb = get("sex_ratio_at_birth")
    assert format_cell(99.16773367477593, rate, None) == "99.17"
    assert format_cell(99.16773367477593, rate, 1) == "99.2"
    assert format_cell(99.16773367477593, rate, 0) == "99"
    assert format_cell(1562, count, None) == "1562"
    assert format_cell(1562, count, 2) == "1562"
    assert format_cell(119.38202247191012, srb, None) == "119.38"
    assert format_cell(None, rate, None) == ""


def test_format_exact() -> None:
    assert format_exact(1549) == "1549"
    assert format_exact(1549.0) == "1549"
    assert format_exact(92.5) == "92.5"
    assert format_exact(None) == ""
    assert format_exact(float("nan")) == ""
    assert format_exact(1234.5, _yuan()) == "1234.50"
    assert format_exact(1234, _yuan()) == "1234.00"
    assert exact_number(1549) == 1549
    assert exact_number(1234.555, _yuan()) == 1234.56
    assert exact_number(None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("城关镇", "城关镇"),
        ("a=b", "a=b"),
        ("", ""),
        ("'quoted", "'quoted"),
    ],
)
def test_safe_text(text: str, expected: str) -> None:
    assert safe_text(text) == expected
