"""Funnel limits and over-dispersion (stats_funnel) against the published formulas worked by
hand, and against scipy's binomial where a hand sum would be long."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binom

from jisheng_cli.stats_funnel import funnel_limits, outside, overdispersion


def test_exact_upper_limit_by_hand() -> None:
    # θ = 0.9, n = 10, 99.8%: the 0.999 quantile is r = 10 (F(9) = 1 − 0.9¹⁰ = 0.6513215599
    # < 0.999 ≤ F(10) = 1); a = (1 − 0.999) ÷ (1 − 0.6513215599) = 0.0028679719;
    # limit = (10 − a) ÷ 10 = 0.9997132028.
    _, high = funnel_limits(0.9, [10], 0.998)
    assert high[0] == pytest.approx(0.9997132028, abs=1e-10)


def test_exact_lower_limit_by_hand() -> None:
    # θ = 0.9, n = 10, the 0.001 quantile: P(X ≤ 4) = 1.469025e-4 (P4 = 210·0.9⁴·0.1⁶ =
    # 1.37781e-4, P3 = 8.748e-6, P2 = 3.645e-7, P1 = 9e-9, P0 = 1e-10) < 0.001 ≤ P(X ≤ 5) =
    # 1.469026e-4 + P5 (252·0.9⁵·0.1⁵ = 1.4880348e-3) = 1.6349374e-3, so r = 5;
    # a = (1.6349374e-3 − 0.001) ÷ 1.4880348e-3 = 0.426695; limit = (5 − a) ÷ 10 = 0.4573305.
    low, _ = funnel_limits(0.9, [10], 0.998)
    assert low[0] == pytest.approx(0.4573305, abs=1e-7)


def test_wilson_limits_by_hand() -> None:
    # θ = 0.9, n = 100, 95%: 0.9 ± 1.959964 · √(0.9 · 0.1 ÷ 100) = 0.9 ± 1.959964 · 0.03.
    low, high = funnel_limits(0.9, [100], 0.95, "wilson")
    assert low[0] == pytest.approx(0.9 - 0.05879892, abs=1e-8)
    assert high[0] == pytest.approx(0.9 + 0.05879892, abs=1e-8)


def test_wilson_limits_are_where_the_wilson_interval_reaches_theta() -> None:
    # A unit exactly on the Wilson funnel's upper limit has θ on its Wilson interval's edge.
    from jisheng_cli.stats import wilson_interval

    theta, n = 0.3, 250
    _, high = funnel_limits(theta, [n], 0.95, "wilson")
    low_ci, _ = wilson_interval(high[0] * n, n, 0.95)
    assert float(low_ci) == pytest.approx(theta, abs=1e-9)


@given(st.floats(0.02, 0.98), st.integers(1, 2000), st.sampled_from([0.95, 0.998]))
def test_exact_limits_bracket_the_binomial_quantiles(theta: float, n: int, coverage: float
                                                     ) -> None:
    # Interpolation never leaves the whole-count quantiles it interpolates between.
    alpha = 1 - coverage
    low, high = funnel_limits(theta, [n], coverage)
    r_lo, r_hi = binom.ppf(alpha / 2, n, theta), binom.ppf(1 - alpha / 2, n, theta)
    assert (r_lo - 1) / n - 1e-12 <= low[0] <= r_lo / n + 1e-12
    assert max((r_hi - 1) / n, 0.0) - 1e-12 <= high[0] <= r_hi / n + 1e-12


def test_limits_undefined_without_trials_or_a_centre() -> None:
    low, high = funnel_limits(0.5, [0, 10], 0.95)
    assert math.isnan(low[0]) and math.isnan(high[0]) and not math.isnan(low[1])
    low, _ = funnel_limits(1.0, [10], 0.95)
    assert math.isnan(low[0])


def test_outside_uses_the_binomial_tail() -> None:
    # θ = 0.9917, n = 19, every trial a success: P(X ≥ 19) = 0.9917¹⁹ = 0.8535, no surprise,
    # though the interpolated curve sits just under 1.
    assert outside([19], [19], 0.9917, 0.998).tolist() == [0]
    # Against θ = 0.92, n = 30: P(X ≤ 24) = 0.0293 (inside at 95%), P(X ≤ 23) = 0.0082
    # (outside 95%, inside 99.8%), P(X ≤ 22) = 0.00197 (inside 99.8% still).
    assert outside([24, 23, 22], [30] * 3, 0.92, 0.95).tolist() == [0, -1, -1]
    assert outside([24, 23, 22], [30] * 3, 0.92, 0.998).tolist() == [0, 0, 0]
    # 40 of 60: P(X ≤ 40) under 0.92 is far below 0.001.
    assert outside([40], [60], 0.92, 0.998).tolist() == [-1]
    # Wilson: 0.98 > 0.9 + 1.959964·0.03 = 0.9588 at n = 100.
    assert outside([98, 90], [100, 100], 0.9, 0.95, "wilson").tolist() == [1, 0]


@given(st.floats(0.05, 0.95), st.integers(1, 300), st.data())
def test_outside_agrees_with_scipy_tails(theta: float, n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(0, n))
    got = int(outside([k], [n], theta, 0.998)[0])
    want = -1 if binom.cdf(k, n, theta) < 0.001 else 1 if binom.sf(k - 1, n, theta) < 0.001 else 0
    assert got == want


def test_overdispersion_by_hand() -> None:
    # θ = 0.5, n = 100 each: s² = 0.0025, s = 0.05; y = .5 .6 .4 .7 .3 → z = 0 2 −2 4 −4.
    # Winsorised at 10% (linear quantiles of −4 −2 0 2 4: at 0.4 of the first gap, −3.2; at
    # 3.6, 3.2): z = 0 2 −2 3.2 −3.2; φ = (0 + 4 + 4 + 10.24 + 10.24) ÷ 5 = 5.696.
    # I·φ = 28.48 > I − 1 = 4; w = 400 each: Σw − Σw²/Σw = 2000 − 400 = 1600;
    # τ² = (28.48 − 4) ÷ 1600 = 0.0153.
    od = overdispersion([50, 60, 40, 70, 30], [100] * 5, 0.5)
    assert od.units == 5
    assert od.phi == pytest.approx(5.696)
    assert od.tau2 == pytest.approx(0.0153)
    assert od.overdispersed
    # The limits widen to θ ± z·√(s² + τ²) = 0.5 ± 1.959964·√0.0178 = 0.5 ± 0.2614925.
    low, high = funnel_limits(0.5, [100], 0.95, "exact", od.tau2)
    assert high[0] == pytest.approx(0.5 + 1.959964 * math.sqrt(0.0178), abs=1e-6)
    assert low[0] == pytest.approx(0.5 - 1.959964 * math.sqrt(0.0178), abs=1e-6)


def test_no_overdispersion_when_units_agree() -> None:
    # z = 0 .4 −.4 .2 −.2 (winsorised to ±0.32): φ ≈ 0.07, I·φ < I − 1: τ² = 0.
    od = overdispersion([50, 52, 48, 51, 49], [100] * 5, 0.5)
    assert od.tau2 == 0.0 and not od.overdispersed
    assert od.phi == pytest.approx((0 + 0.32**2 * 2 + 0.2**2 * 2) / 5)


def test_without_winsorising() -> None:
    # z = 0 2 −2 4 −4: φ = 40 ÷ 5 = 8; τ² = (40 − 4) ÷ 1600 = 0.0225.
    od = overdispersion([50, 60, 40, 70, 30], [100] * 5, 0.5, winsor=0.0)
    assert od.phi == pytest.approx(8.0)
    assert od.tau2 == pytest.approx(0.0225)


def test_overdispersion_ignores_units_without_trials() -> None:
    od = overdispersion(np.array([50, 0]), np.array([100, 0]), 0.5)
    assert od.units == 1
