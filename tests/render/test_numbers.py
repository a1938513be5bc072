from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.indicators.exact import exact_value
from jisheng_cli.indicators.model import Formula, Indicator
from jisheng_cli.indicators.registry import get
from jisheng_cli.render.numbers import (
    decimals_for,
    exact_number,
    format_cell,
    format_exact,
    grouped,
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


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        # 3961 of 4000 births in policy: 3961 × 100 / 4000 = 99.025 exactly; the float
        # 99.02499999999999 would print 99.02.
        (Fraction(3961 * 100, 4000), 2, "99.03"),
        # 11 of 2000 births of order 3+: 1100 / 2000 = 0.55 exactly → 0.6 (float: 0.5).
        (Fraction(11 * 100, 2000), 1, "0.6"),
        # 35 fen collected of 100,000 fen assessed: 3500 / 100000 = 0.035 exactly → 0.04.
        (Fraction(35 * 100, 100_000), 2, "0.04"),
        (Fraction(1, 8), 2, "0.13"),  # 0.125
        (Fraction(-1, 8), 2, "-0.13"),  # half away from zero, for gaps below a target
        (Fraction(-1, 1000), 2, "0.00"),  # never "-0.00"
        (Fraction(-1, 2), 0, "-1"),
        (Fraction(1, 3), 4, "0.3333"),
        (Fraction(2, 3), 0, "1"),
        (Fraction(7), 2, "7.00"),
        (Fraction(1562), 0, "1562"),
        (Fraction(0), 1, "0.0"),
    ],
)
def test_round_half_up_of_an_exact_fraction(value: Fraction, decimals: int,
                                            expected: str) -> None:
    assert round_half_up(value, decimals) == expected


def test_rounded_number_of_a_fraction_is_the_printed_number() -> None:
    # xlsx typed cells: the number a spreadsheet shows must be the csv text.
    assert rounded_number(Fraction(3961 * 100, 4000), 2) == 99.03
    assert rounded_number(Fraction(5, 2), 0) == 3
    assert isinstance(rounded_number(Fraction(5, 2), 0), int)
    assert format_cell(Fraction(3961 * 100, 4000), get("policy_conformance_rate"), 1) == "99.0"


def _decimal_half_up(num: int, den: int, scale: int, decimals: int) -> str:
    """The expected text, independently: Decimal division of a terminating ratio (exact at
    60 digits) quantized half-up."""
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(num * scale) / Decimal(den)
        assert exact * den == num * scale  # the division was exact
        return format(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")


@given(d=st.integers(min_value=0, max_value=4), data=st.data())
def test_exact_halves_of_a_rate_round_up(d: int, data: st.DataObject) -> None:
    """num/den × 100 × 10^d = k + 1/2 exactly: with den = 2^a·5^b·c, a ≥ d+3, b ≥ d+2,
    num = (2k+1)·den / (2·10^(d+2)) = (2k+1)·2^(a−d−3)·5^(b−d−2)·c is an integer, and
    num·100/den·10^d = (2k+1)/2. 0 ≤ k < 10^(d+2) keeps num < den (a rate below 100%)."""
    a = data.draw(st.integers(min_value=d + 3, max_value=d + 8), label="a")
    b = data.draw(st.integers(min_value=d + 2, max_value=d + 6), label="b")
    c = data.draw(st.integers(min_value=1, max_value=50), label="c")
    k = data.draw(st.integers(min_value=0, max_value=10 ** (d + 2) - 1), label="k")
    den = 2**a * 5**b * c
    num = (2 * k + 1) * 2 ** (a - d - 3) * 5 ** (b - d - 2) * c
    assert Fraction(num * 100 * 10**d, den) - k == Fraction(1, 2)  # a true half
    rate = Formula("rate", "n", "m")
    computed = _Computed(num / den * 100, den)
    exact = exact_value(rate, {"n": num, "m": den}, computed)
    got = round_half_up(exact, d)
    assert got == _decimal_half_up(num, den, 100, d)
    # Half away from zero: the last digit shown is k + 1.
    assert Decimal(got) * 10**d == k + 1


@given(st.integers(min_value=-10**12, max_value=10**12),
       st.integers(min_value=1, max_value=10**12), st.integers(min_value=0, max_value=6))
def test_round_half_up_of_any_fraction(p: int, q: int, decimals: int) -> None:
    """Any ratio, terminating or not: the text is the half-up rounding of p/q. A 80-digit
    quotient is far closer to p/q than p/q can be to a half it is not equal to
    (1 / (2·q·10^d) ≥ 5e-19), so quantizing it decides the same way."""
    with localcontext() as ctx:
        ctx.prec = 80
        quotient = Decimal(p) / Decimal(q)
    expected = quotient.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    got = round_half_up(Fraction(p, q), decimals)
    assert Decimal(got) == expected
    assert not got.startswith("-0") or Decimal(got) != 0
    assert (len(got.split(".")[1]) if "." in got else 0) == decimals


class _Computed:
    def __init__(self, value: float | None, denominator: int | None) -> None:
        self.value, self.denominator = value, denominator


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


@given(st.integers(min_value=-10**15, max_value=10**15),
       st.integers(min_value=1, max_value=10**9), st.integers(min_value=0, max_value=8))
def test_fraction_text_is_the_decimal_rounding_printed(p: int, q: int, decimals: int) -> None:
    """The fast text of a fraction is, character for character, the Decimal that
    `_round_fraction` builds, printed "f" (the path every other value takes)."""
    from jisheng_cli.render.numbers import _fraction_text, _round_fraction

    value = Fraction(p, q)
    assert _fraction_text(value, decimals) == format(_round_fraction(value, decimals), "f")


def test_fraction_text_by_hand() -> None:
    from jisheng_cli.render.numbers import _fraction_text

    assert _fraction_text(Fraction(-1, 1000), 2) == "0.00"  # -0.001 → 0.00, no sign
    assert _fraction_text(Fraction(-5, 1000), 2) == "-0.01"  # -0.005 half away → -0.01
    assert _fraction_text(Fraction(1, 20), 3) == "0.050"
    assert _fraction_text(Fraction(123456, 1000), 1) == "123.5"  # 123.456 → 123.5
    assert _fraction_text(Fraction(5, 2), 0) == "3"


def test_is_missing_by_type() -> None:
    from jisheng_cli.render.numbers import is_missing

    assert [is_missing(v) for v in (None, 0, "", Fraction(0), float("nan"), 0.0)] == [
        True, False, False, False, True, False]


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (43115, 0, "43,115"),
        (10401000, 2, "10,401,000.00"),
        (999, 0, "999"),
        (1000, 0, "1,000"),
        (-1234.5, 0, "-1,235"),  # half away from zero, then grouped
        (Fraction(2675, 1000) * 1000, 2, "2,675.00"),
        (1234567.125, 2, "1,234,567.13"),
        (None, 2, ""),
        ("1562", 0, "1,562"),
        ("99.17", 0, "99.17"),  # text is only grouped: its decimals stay
        ("1234.5678", 0, "1,234.5678"),
        ("1:1234.5", 0, "1:1,234.5"),
        ("1:4.54", 0, "1:4.54"),
        ("", 0, ""),
        ("-", 0, "-"),
    ],
)
def test_grouped(value: object, decimals: int, expected: str) -> None:
    assert grouped(value, decimals) == expected  # type: ignore[arg-type]


@given(st.integers(min_value=-10**15, max_value=10**15), st.integers(min_value=0, max_value=3))
def test_grouped_is_the_rounded_text_with_commas_every_three_digits(n: int, d: int) -> None:
    value = Fraction(n, 10**d)
    text = grouped(value, d)
    assert text.replace(",", "") == round_half_up(value, d)
    whole = text.lstrip("-").split(".")[0].split(",")
    assert 1 <= len(whole[0]) <= 3 and all(len(g) == 3 for g in whole[1:])
