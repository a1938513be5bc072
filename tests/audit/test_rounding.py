"""Rounding rules and the numerators that print a figure (audit.rounding), by hand."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.audit.rounding import printed_by, printing_range, rounded
from jisheng_cli.render.numbers import round_half_up


def test_the_worked_examples() -> None:
    assert printed_by(Fraction(1549, 1562) * 100, Decimal("99.17"), 2) == "half_up"
    # 42,376 / 43,115 = 98.2860…%: no rule prints 99.15.
    assert printed_by(Fraction(42376, 43115) * 100, Decimal("99.15"), 2) is None
    assert printing_range(Decimal("99.15"), 2, 43115, Fraction(100)) == (42747, 42750)


def test_the_other_rules() -> None:
    assert printed_by(Fraction("99.179"), Decimal("99.17"), 2) == "truncation"
    assert printed_by(Fraction("0.125"), Decimal("0.13"), 2) == "half_up"
    assert printed_by(Fraction("0.135"), Decimal("0.13"), 2) == "truncation"
    assert printed_by(Fraction("0.145"), Decimal("0.14"), 2) == "truncation"
    # half-even differs from truncation only above a tie: 0.1451 half-even is 0.15.
    assert rounded(Fraction("0.125"), 2, "half_even") == Decimal("0.12")
    assert rounded(Fraction("0.135"), 2, "half_even") == Decimal("0.14")
    # 99.1449 → 99.145 → 99.15: rounding an already rounded figure.
    assert printed_by(Fraction("99.1449"), Decimal("99.15"), 2) == "double_rounding"
    assert printed_by(Fraction("99.1449"), Decimal("99.16"), 2) is None


def test_printing_range_when_no_numerator_gives_the_figure() -> None:
    # Over 3 births the values are 0, 33.33, 66.67, 100: 50.00% is none of them.
    assert printing_range(Decimal("50.00"), 2, 3, Fraction(100)) is None
    assert printing_range(Decimal("66.67"), 2, 3, Fraction(100)) == (2, 2)


@given(st.integers(0, 5000), st.integers(1, 5000), st.integers(0, 3))
def test_half_up_is_the_renderers_rounding(k: int, n: int, decimals: int) -> None:
    value = Fraction(k, n) * 100
    assert format(rounded(value, decimals, "half_up"), "f") == round_half_up(value, decimals)


@given(st.integers(0, 5000), st.integers(1, 5000), st.integers(0, 3))
def test_every_numerator_in_the_range_prints_the_figure(k: int, n: int, decimals: int) -> None:
    printed = rounded(Fraction(k, n) * 100, decimals, "half_up")
    lo, hi = printing_range(printed, decimals, n, Fraction(100)) or (None, None)
    assert lo is not None and hi is not None and lo <= k <= hi
    for j in (lo, hi):
        assert rounded(Fraction(j, n) * 100, decimals, "half_up") == printed
    for j in (lo - 1, hi + 1):
        if j >= 0:
            assert rounded(Fraction(j, n) * 100, decimals, "half_up") != printed
