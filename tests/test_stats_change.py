"""stats_change: Newcombe's interval and the exact conditional Poisson test, against
Newcombe's published table, hand arithmetic and statsmodels (docs/report.md "同比")."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats import rates as sm_rates
from statsmodels.stats.proportion import confint_proportions_2indep

from jisheng_cli.stats_change import newcombe_interval, poisson_exact_test

# Newcombe (1998), Statistics in Medicine 17:873, Table II, method 10 (hybrid score,
# no continuity correction), to the 4 decimals printed there.
NEWCOMBE_TABLE = [
    ((56, 70, 48, 80), (0.0524, 0.3339)),
    ((9, 10, 3, 10), (0.1705, 0.8090)),
    ((6, 7, 2, 7), (0.0582, 0.8062)),
    ((5, 56, 0, 29), (-0.0381, 0.1926)),
]


@pytest.mark.parametrize(("counts", "published"), NEWCOMBE_TABLE)
def test_newcombe_matches_the_published_table(counts: tuple[int, int, int, int],
                                              published: tuple[float, float]) -> None:
    low, high = newcombe_interval(*counts, confidence=0.95)
    assert low == pytest.approx(published[0], abs=5e-5)
    assert high == pytest.approx(published[1], abs=5e-5)


def test_newcombe_worked_by_hand() -> None:
    # 9/10 − 3/10 at 95%: z = 1.959964, z² = 3.841459, n + z² = 13.841459.
    # Wilson (k + z²/2 ± z·√(k(n−k)/n + z²/4)) ÷ (n + z²):
    #   9/10: √(0.9 + 0.960365) = 1.363952, ×z = 2.673296, centre 10.920729
    #         l1 = 8.247433 / 13.841459 = 0.595850, u1 = 13.594025 / 13.841459 = 0.982124
    #   3/10: √(2.1 + 0.960365) = 1.749390, ×z = 3.428742, centre 4.920729
    #         l2 = 1.491987 / 13.841459 = 0.107792, u2 = 8.349471 / 13.841459 = 0.603222
    # d = 0.6; low  = 0.6 − √((0.9 − 0.595850)² + (0.603222 − 0.3)²) = 0.6 − √0.184451
    #              = 0.6 − 0.429478 = 0.170522
    #          high = 0.6 + √((0.982124 − 0.9)² + (0.3 − 0.107792)²) = 0.6 + √0.043688
    #              = 0.6 + 0.209017 = 0.809017
    low, high = newcombe_interval(9, 10, 3, 10, 0.95)
    assert low == pytest.approx(0.170522, abs=2e-6)
    assert high == pytest.approx(0.809017, abs=2e-6)


@pytest.mark.parametrize("counts", [
    (56, 70, 48, 80), (45, 50, 40, 50), (900, 1000, 800, 1000), (0, 10, 0, 20),
    (10, 10, 0, 10), (0, 15, 15, 15), (1, 3, 2, 200), (1549, 1562, 1800, 1850),
])
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_newcombe_agrees_with_statsmodels(counts: tuple[int, int, int, int],
                                          confidence: float) -> None:
    ref = confint_proportions_2indep(*counts, method="newcomb", compare="diff",
                                     alpha=1 - confidence)
    low, high = newcombe_interval(*counts, confidence=confidence)
    assert low == pytest.approx(float(ref[0]), abs=1e-12)
    assert high == pytest.approx(float(ref[1]), abs=1e-12)


def test_newcombe_edges() -> None:
    # 0/n against 0/n: d = 0 and the interval holds it; n/n against 0/n: high is 1 (d = 1
    # and u1 = p1 = 1, l2 = p2 = 0), low below 1.
    low, high = newcombe_interval(0, 10, 0, 20)
    assert low < 0 < high
    low, high = newcombe_interval(10, 10, 0, 10)
    assert high == pytest.approx(1.0, abs=1e-12)
    assert 0 < low < 1
    # An empty year, or counts no binomial can have, give no interval.
    for counts in ((0, 0, 3, 10), (3, 10, 0, 0), (11, 10, 3, 10), (-1, 10, 3, 10)):
        assert all(math.isnan(x) for x in newcombe_interval(*counts))


@given(st.integers(1, 400), st.integers(1, 400), st.data())
def test_newcombe_swapping_the_years_mirrors_the_interval(n1: int, n2: int,
                                                          data: st.DataObject) -> None:
    k1 = data.draw(st.integers(0, n1))
    k2 = data.draw(st.integers(0, n2))
    low, high = newcombe_interval(k1, n1, k2, n2)
    back_low, back_high = newcombe_interval(k2, n2, k1, n1)
    assert low == pytest.approx(-back_high, abs=1e-12)
    assert high == pytest.approx(-back_low, abs=1e-12)
    assert low <= k1 / n1 - k2 / n2 <= high


def test_poisson_by_hand() -> None:
    # 10 against 2 with equal exposure: X ~ Binomial(12, 1/2); the outcomes no more likely
    # than 10 are 0, 1, 2, 10, 11, 12: 2·(C(12,10) + C(12,11) + C(12,12)) / 2¹² = 158/4096.
    assert poisson_exact_test(10, 1, 2, 1) == pytest.approx(158 / 4096, rel=1e-12)
    # 5 against 3: every outcome but 4 (C(8,4) = 70 of 256) is no more likely than 5.
    assert poisson_exact_test(5, 1, 3, 1) == pytest.approx(1 - 70 / 256, rel=1e-12)
    # 3 in exposure 1 against 0 in exposure 2: X ~ Binomial(3, 1/3), P(X = 3) = 1/27 is the
    # least likely outcome, alone.
    assert poisson_exact_test(3, 1, 0, 2) == pytest.approx(1 / 27, rel=1e-12)


@pytest.mark.parametrize("args", [
    (10, 1, 2, 1), (716, 100_000, 746, 100_000), (30, 2000, 10, 2500), (0, 5, 4, 5),
    (1562, 1, 1850, 1), (7, 1300.5, 7, 1200.25),
])
def test_poisson_agrees_with_statsmodels(args: tuple[float, float, float, float]) -> None:
    ref = sm_rates.test_poisson_2indep(*args, method="exact-cond")
    assert poisson_exact_test(*args) == pytest.approx(float(ref.pvalue), rel=1e-9)


def test_poisson_edges() -> None:
    assert poisson_exact_test(0, 1, 0, 1) == 1.0  # no event in either year
    for args in ((1, 0, 1, 1), (1, 1, 1, -2), (1.5, 1, 2, 1), (-1, 1, 2, 1)):
        assert math.isnan(poisson_exact_test(*args))


@given(st.integers(1, 400), st.data(), st.sampled_from([0.5, 0.25, 1 / 3, 0.9, 0.0123]))
def test_two_sided_binomial_is_scipys_binomtest(n: int, data: st.DataObject, p: float) -> None:
    from scipy.stats import binomtest

    from jisheng_cli.stats_change import binomial_two_sided

    k = data.draw(st.integers(0, n))
    ref = binomtest(k, n, p).pvalue
    # Far in a tail (n 181, k 164, p 0.0123: 1.4e-290) the two sums of ~1e-290 terms part
    # at the 9th digit; no decision reads a p-value that small, so there 6 digits suffice.
    rel = 1e-9 if ref > 1e-100 else 1e-6
    assert binomial_two_sided(k, n, p) == pytest.approx(ref, rel=rel, abs=1e-300)
