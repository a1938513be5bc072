"""Interval code checked against statsmodels and against hand-worked arithmetic."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

from jisheng_cli.stats import (
    chapman,
    cluster_ratio_interval,
    completeness_interval,
    sex_ratio_interval,
    wilson_interval,
    z_value,
)

TOL = 1e-12
Z = 1.959963984540054  # z_value(0.95)


def _sm_wilson(k: object, n: object, confidence: float = 0.95) -> tuple[float, float]:
    low, high = proportion_confint(k, n, alpha=1 - confidence, method="wilson")
    return low, high


# --- z ---------------------------------------------------------------------------


def test_z_value_is_the_exact_quantile() -> None:
    assert z_value(0.95) == pytest.approx(1.959963984540054, abs=1e-15)
    assert z_value(0.99) == pytest.approx(2.5758293035489004, abs=1e-15)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.5, 1.5, float("nan")])
def test_z_value_rejects_impossible_confidence(bad: float) -> None:
    with pytest.raises(ValueError):
        z_value(bad)


# --- Wilson ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "n"),
    [(0, 1), (1, 1), (0, 20), (20, 20), (1, 20), (19, 20), (7, 13), (1549, 1562),
     (0, 10_000_000), (10_000_000, 10_000_000), (1, 10_000_000), (5_000_000, 10_000_000)],
)
@pytest.mark.parametrize("confidence", [0.90, 0.95, 0.99])
def test_wilson_matches_statsmodels(k: int, n: int, confidence: float) -> None:
    low, high = wilson_interval(k, n, confidence)
    ref_low, ref_high = _sm_wilson(k, n, confidence)
    assert low == pytest.approx(ref_low, abs=TOL)
    assert high == pytest.approx(ref_high, abs=TOL)


def test_wilson_edges_are_exact() -> None:
    # k = 0 and k = n sit exactly on 0 and 1 rather than a few ulps inside, which the
    # sex ratio's mapping to +inf depends on.
    assert wilson_interval(0, 50)[0] == 0.0
    assert wilson_interval(50, 50)[1] == 1.0


def test_wilson_conformance_example() -> None:
    # 1549 in-policy births of 1562: value 99.16773…%, interval ≈ [98.58, 99.51]%.
    k, n = 1549, 1562
    assert 100 * k / n == pytest.approx(99.16773, abs=5e-6)
    low, high = wilson_interval(k, n)
    ref_low, ref_high = _sm_wilson(k, n)
    assert low == pytest.approx(ref_low, abs=TOL)
    assert high == pytest.approx(ref_high, abs=TOL)
    assert f"{100 * low:.2f}" == "98.58"
    assert f"{100 * high:.2f}" == "99.51"


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    n=st.integers(min_value=1, max_value=10_000_000),
    confidence=st.sampled_from([0.8, 0.9, 0.95, 0.99, 0.999]),
)
def test_wilson_matches_statsmodels_random(
    data: st.DataObject, n: int, confidence: float
) -> None:
    k = data.draw(st.integers(min_value=0, max_value=n))
    low, high = wilson_interval(k, n, confidence)
    ref_low, ref_high = _sm_wilson(k, n, confidence)
    assert abs(low - ref_low) <= TOL
    assert abs(high - ref_high) <= TOL
    assert 0.0 <= low <= k / n <= high <= 1.0


def test_wilson_broadcasts_and_gives_nan_for_empty() -> None:
    k = np.array([[0, 3, 5], [1, 2, 0]])
    n = np.array([0, 5, 5])  # broadcast along rows
    low, high = wilson_interval(k, n)
    assert isinstance(low, np.ndarray)
    assert low.shape == high.shape == (2, 3)
    assert low.dtype == np.float64
    assert np.isnan(low[:, 0]).all() and np.isnan(high[:, 0]).all()
    ref_low, ref_high = _sm_wilson(k[:, 1:], n[1:])
    np.testing.assert_allclose(low[:, 1:], ref_low, rtol=0, atol=TOL)
    np.testing.assert_allclose(high[:, 1:], ref_high, rtol=0, atol=TOL)


def test_wilson_scalar_input_gives_numpy_float() -> None:
    low, high = wilson_interval(3, 10)
    assert isinstance(low, np.float64) and isinstance(high, np.float64)
    low0, high0 = wilson_interval(0, 0)
    assert math.isnan(low0) and math.isnan(high0)


def test_wilson_impossible_counts_are_nan() -> None:
    low, high = wilson_interval(np.array([-1, 6]), np.array([5, 5]))
    assert np.isnan(low).all() and np.isnan(high).all()


# --- sex ratio -----------------------------------------------------------------------


def test_sex_ratio_example() -> None:
    male, female = 251, 185
    assert 100 * male / female == pytest.approx(135.68, abs=5e-3)
    low, high = sex_ratio_interval(male, female)
    p_low, p_high = _sm_wilson(male, male + female)
    assert low == pytest.approx(100 * p_low / (1 - p_low), abs=1e-9)
    assert high == pytest.approx(100 * p_high / (1 - p_high), abs=1e-9)
    assert low < 100 * male / female < high


def test_sex_ratio_without_girls_has_open_upper_bound() -> None:
    # The point value is undefined (caller: null), but p_high = 1 maps to +inf and the
    # lower bound is a real, finite statement about the ratio.
    low, high = sex_ratio_interval(5, 0)
    p_low, _ = _sm_wilson(5, 5)
    assert low == pytest.approx(100 * p_low / (1 - p_low), abs=1e-9)
    assert math.isfinite(low)
    assert high == math.inf


def test_sex_ratio_without_boys_starts_at_zero() -> None:
    low, high = sex_ratio_interval(0, 7)
    assert low == 0.0
    assert 0.0 < high < math.inf


def test_sex_ratio_broadcasts_and_empty_is_nan() -> None:
    male = np.array([251, 0, 5, 0])
    female = np.array([185, 0, 0, 7])
    low, high = sex_ratio_interval(male, female)
    assert isinstance(low, np.ndarray) and low.shape == (4,)
    assert np.isnan(low[1]) and np.isnan(high[1])
    assert high[2] == np.inf
    for i in (0, 2, 3):
        one_low, one_high = sex_ratio_interval(male[i], female[i])
        assert low[i] == one_low and high[i] == one_high


# --- cluster (ratio-estimator) interval ----------------------------------------------


def test_cluster_interval_hand_worked() -> None:
    # Three checked villages, the third with nothing found:
    #   m = [2, 1, 0] missed births, t = [20, 15, 10] survey births, n = 3.
    #   r = Σm/Σt = 3/45 = 1/15 = 0.0666…
    #   residuals mᵢ − r·tᵢ: 2 − 20/15 = 2/3;  1 − 15/15 = 0;  0 − 10/15 = −2/3
    #   Σ residual² = 4/9 + 0 + 4/9 = 8/9
    #   v = n/(n−1) · Σres² / (Σt)² = 3/2 · (8/9) / 45² = (4/3) / 2025 = 4/6075
    #   √v = 2/√6075 = 2/(45√3) = 0.025660011963983…
    #   t with 2 df at 97.5%: closed form (2p−1)·√(2/(4p(1−p))) = 0.95·√(2/0.0975)
    #     = 4.302652729749464 (note: not …911275; scipy agrees with the closed form)
    #   half-width = 4.302652729749464 · 2/(45√3) = 0.110406120522237…
    #   low = 1/15 − 0.1104… < 0 → clipped to 0;  high = 1/15 + 0.1104… = 0.177072787188903…
    t_2 = 0.95 * math.sqrt(2 / 0.0975)
    assert t_2 == pytest.approx(4.302652729749464, abs=1e-12)
    half = t_2 * 2 / (45 * math.sqrt(3))
    r, low, high = cluster_ratio_interval(np.array([2, 1, 0]), np.array([20, 15, 10]))
    assert r == pytest.approx(1 / 15, abs=1e-12)
    assert low == 0.0
    assert high == pytest.approx(1 / 15 + half, abs=1e-9)
    assert high == pytest.approx(0.177072787188903, abs=1e-9)


def test_cluster_interval_unclipped_and_confidence() -> None:
    # m = [10, 12, 8, 10], t = [100, 100, 100, 100]: r = 40/400 = 0.1,
    # residuals 0, 2, −2, 0 → Σres² = 8, v = 4/3 · 8 / 400² = 1/15000,
    # t with 3 df at 90% (scipy) → interval 0.1 ± t·√(1/15000), well inside [0, 1].
    from scipy.stats import t as student_t

    r, low, high = cluster_ratio_interval([10, 12, 8, 10], [100, 100, 100, 100], 0.90)
    half = student_t.ppf(0.95, 3) * math.sqrt(1 / 15000)
    assert r == pytest.approx(0.1, abs=1e-12)
    assert low == pytest.approx(0.1 - half, abs=1e-9)
    assert high == pytest.approx(0.1 + half, abs=1e-9)
    assert 0.0 < low < r < high < 1.0


def test_cluster_interval_upper_clip() -> None:
    # m = [7, 5], t = [5, 5] (÷ register births can pass 1): r = 12/10 = 1.2,
    # residuals 7 − 6 = 1, 5 − 6 = −1 → v = 2/1 · 2/100 = 0.04, √v = 0.2, t₁ = tan(0.475π).
    # The default clip at 1 would leave r outside; upper=inf keeps the interval about r.
    t_1 = math.tan(math.pi * 0.475)
    r, low, high = cluster_ratio_interval([7, 5], [5, 5])
    assert r == pytest.approx(1.2) and (low, high) == (0.0, 1.0)
    r, low, high = cluster_ratio_interval([7, 5], [5, 5], upper=math.inf)
    assert low == 0.0 and high == pytest.approx(1.2 + t_1 * 0.2, abs=1e-12)


def test_cluster_interval_undefined_cases() -> None:
    r, low, high = cluster_ratio_interval([3], [40])
    assert r == pytest.approx(3 / 40)
    assert math.isnan(low) and math.isnan(high)
    assert all(math.isnan(x) for x in cluster_ratio_interval([0, 0], [0, 0]))
    assert all(math.isnan(x) for x in cluster_ratio_interval([], []))


def test_cluster_interval_rejects_mismatched_inputs() -> None:
    with pytest.raises(ValueError):
        cluster_ratio_interval([1, 2], [3, 4, 5])
    with pytest.raises(ValueError):
        cluster_ratio_interval([[1, 2]], [[3, 4]])


# --- Chapman dual-system estimate and completeness -----------------------------------


def test_chapman_all_register_births_found() -> None:
    # R = 144, S = 155, M = 144: N̂ = 145·156/145 − 1 = 156 − 1 = 155;
    # v = 145·156·(144−144)·(155−144) / (145²·146) = 0 and f₀ = N̂ − (R+S−M) = 0:
    # nothing to build Chao's interval on, so the bounds are undefined, not a point.
    n_hat, low, high = chapman(144, 155, 144)
    assert n_hat == pytest.approx(155.0, abs=1e-9)
    assert math.isnan(low) and math.isnan(high)
    value, c_low, c_high = completeness_interval(144, n_hat, low, high)
    assert value == pytest.approx(144 / 155, abs=1e-12)
    assert math.isnan(c_low) and math.isnan(c_high)


def test_chapman_hand_worked() -> None:
    # R = 100 register, S = 90 survey, M = 80 matched:
    #   N̂ = 101·91/81 − 1 = 9191/81 − 1 = 9110/81 = 112.469135802469…
    #   v  = 101·91·(100−80)·(90−80) / (81²·82) = 9191·200 / (6561·82)
    #      = 1838200/538002 = 3.416715922989…
    #   Chao: seen = R + S − M = 110, f₀ = N̂ − 110 = 200/81 = 2.469135802…
    #   v/f₀² = 3.416715922989/6.096631611 = 0.560428…, ln(1.560428) = 0.444960…
    #   C = exp(1.959963984540054 · √0.444960) = exp(1.307400…) = 3.696548…
    #   interval = [110 + f₀/C, 110 + f₀·C] = [110.667957…, 119.127279…]
    n_hat_exact = 9110 / 81
    f0 = 200 / 81
    c = math.exp(1.959963984540054 * math.sqrt(math.log(1 + (1838200 / 538002) / f0**2)))
    n_hat, low, high = chapman(100, 90, 80)
    assert n_hat == pytest.approx(n_hat_exact, abs=1e-9)
    assert n_hat == pytest.approx(112.469135802469, abs=1e-9)
    assert low == pytest.approx(110 + f0 / c, abs=1e-9)
    assert high == pytest.approx(110 + f0 * c, abs=1e-9)
    assert low == pytest.approx(110.667957196, abs=1e-8)
    assert high == pytest.approx(119.127278880, abs=1e-8)

    # Completeness = 100/N̂ = 8100/9110 = 0.889132821075…; the interval swaps ends
    # because R/N decreases in N: [100/119.127…, 100/110.668…] = [83.944%, 90.360%],
    # below the logical maximum R/(R+S−M) = 100/110 = 90.909%.
    value, c_low, c_high = completeness_interval(100, n_hat, low, high)
    assert value == pytest.approx(8100 / 9110, abs=1e-12)
    assert c_low == pytest.approx(100 / (110 + f0 * c), abs=1e-12)
    assert c_high == pytest.approx(100 / (110 + f0 / c), abs=1e-12)
    assert c_low < value < c_high < 100 / 110


def test_chapman_broadcasts() -> None:
    n_hat, low, high = chapman(np.array([144, 100]), np.array([155, 90]), np.array([144, 80]))
    assert isinstance(n_hat, np.ndarray) and n_hat.shape == (2,)
    np.testing.assert_allclose(n_hat, [155.0, 9110 / 81], rtol=0, atol=1e-9)
    assert np.isnan(low[0]) and np.isnan(high[0])
    one_low, one_high = chapman(100, 90, 80)[1:]
    assert (low[1], high[1]) == (one_low, one_high)


def test_completeness_upper_bound_capped_and_nan_safe() -> None:
    # Chao's N̂_low never goes below R + S − M, but the function guards any input: a
    # lower bound at or below zero makes the upper bound 1.
    value, low, high = completeness_interval(
        np.array([5.0, 5.0, 5.0, 0.0]),
        np.array([8.0, 8.0, np.nan, 0.0]),
        np.array([-2.0, 4.0, np.nan, 0.0]),
        np.array([18.0, 12.0, np.nan, 0.0]),
    )
    assert value[0] == pytest.approx(5 / 8) and low[0] == pytest.approx(5 / 18)
    assert high[0] == 1.0
    # R/N̂low = 5/4 > 1 is capped at 1.
    assert high[1] == 1.0
    assert np.isnan([value[2], low[2], high[2]]).all()
    # Nothing registered and nothing found: completeness is undefined.
    assert np.isnan(value[3]) and np.isnan(low[3])


def _chao(big_r: int, big_s: int, m: int) -> tuple[float, float, float]:
    """Chao (1987): f₀ = N̂ − (R+S−M), C = exp(z·√ln(1 + v/f₀²)), [seen + f₀/C, seen + f₀·C]."""
    n_hat = (big_r + 1) * (big_s + 1) / (m + 1) - 1
    v = (big_r + 1) * (big_s + 1) * (big_r - m) * (big_s - m) / ((m + 1) ** 2 * (m + 2))
    seen = big_r + big_s - m
    f0 = n_hat - seen
    c = math.exp(Z * math.sqrt(math.log(1 + v / f0**2)))
    return n_hat, seen + f0 / c, seen + f0 * c


def test_chao_hand_worked_where_wald_passes_the_logical_maximum() -> None:
    # R = 40, S = 20, M = 15: N̂ = 41·21/16 − 1 = 52.8125; seen R+S−M = 45;
    #   f₀ = 25·5/16 = 7.8125; v = 41·21·25·5/(16²·17) = 107625/4352 = 24.730009…
    #   v/f₀² = 0.405175…, C = exp(1.959964·√ln 1.405175) = 3.136537…
    #   N ∈ [45 + 7.8125/3.136537, 45 + 7.8125·3.136537] = [47.490804, 69.504195]
    #   completeness 40/N ∈ [57.550%, 84.227%], below the maximum 40/45 = 88.889%;
    #   the Wald interval 52.8125 ± 1.959964·√24.730009 reached 40/43.0658 = 92.88%.
    n_hat, low, high = chapman(40, 20, 15)
    assert n_hat == 52.8125
    assert (low, high) == pytest.approx(_chao(40, 20, 15)[1:], abs=1e-12)
    assert low == pytest.approx(47.490804, abs=1e-6)
    assert high == pytest.approx(69.504195, abs=1e-6)
    value, c_low, c_high = completeness_interval(40, n_hat, low, high)
    assert value == 40 / 52.8125
    assert 100 * c_low == pytest.approx(57.55048, abs=1e-5)
    assert 100 * c_high == pytest.approx(84.22683, abs=1e-5)
    assert c_high < 40 / 45 < 40 / (52.8125 - Z * math.sqrt(107625 / 4352))


@settings(max_examples=300, deadline=None)
@given(data=st.data(), big_r=st.integers(0, 5000), big_s=st.integers(0, 5000))
def test_chao_stays_within_the_logical_limits(
    data: st.DataObject, big_r: int, big_s: int
) -> None:
    m = data.draw(st.integers(0, min(big_r, big_s)))
    n_hat, low, high = chapman(big_r, big_s, m)
    if m in (big_r, big_s):  # v = f₀ = 0: no interval
        assert math.isnan(low) and math.isnan(high)
        return
    seen = big_r + big_s - m
    assert seen < low <= n_hat <= high
    assert (low, high) == pytest.approx(_chao(big_r, big_s, m)[1:], rel=1e-12)
    _value, c_low, c_high = completeness_interval(big_r, n_hat, low, high)
    assert 0.0 <= c_low <= big_r / n_hat <= c_high <= big_r / seen <= 1.0


def test_chapman_without_variance_or_with_inconsistent_counts() -> None:
    n_hat, low, high = chapman(30, 0, 0)  # S = 0: N̂ = 31·1/1 − 1 = 30
    assert n_hat == 30.0 and math.isnan(low) and math.isnan(high)
    n_hat, low, high = chapman(50, 60, 50)  # R = M: N̂ = 51·61/51 − 1 = 60, f₀ = 0
    assert n_hat == pytest.approx(60.0, abs=1e-12) and math.isnan(low)
    assert all(math.isnan(x) for x in chapman(10, 20, 15)[1:])  # M > R
    assert all(math.isnan(x) for x in chapman(10, 12, 15)[1:])  # M > R and M > S
