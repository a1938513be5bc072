"""Gap and status against a target, decided on the exact value where there is one."""

from __future__ import annotations

from fractions import Fraction

from jisheng_cli.config import Target
from jisheng_cli.indicators.exact import exact_gap
from jisheng_cli.indicators.targets import judge


def test_an_exact_boundary_value_meets_its_target() -> None:
    # 3961 of 4000 in policy is exactly 99.025%; the float 3961/4000*100 is
    # 99.02499999999999, a hair below the minimum.
    value = 3961 / 4000 * 100
    assert value < 99.025
    target = Target(min=99.025)
    exact = Fraction(3961 * 100, 4000)
    gap_exact = exact_gap(exact, target.min, target.max)
    assert gap_exact == 0
    assert judge(value, 98.6, 99.3, target)[1] == "missed"  # the float alone
    assert judge(value, 98.6, 99.3, target, None, gap_exact)[1] == "met"


def test_a_value_just_below_stays_missed() -> None:
    # 3960/4000 = 99.000% against a minimum of 99.025: 0.025 points short.
    target = Target(min=99.025)
    exact = Fraction(3960 * 100, 4000)
    gap_exact = exact_gap(exact, target.min, None)
    assert gap_exact == Fraction(-1, 40)
    gap, status = judge(99.0, 98.7, 99.3, target, None, gap_exact)
    assert status == "missed" and abs(gap - (-0.025)) < 1e-12
