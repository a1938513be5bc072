"""Tests and intervals for a change between two periods (docs/report.md "同比").

- a difference of two proportions: Newcombe's hybrid score interval (his method 10,
  without continuity correction), built from the two Wilson intervals;
- two counts (or ‰ rates, with their populations as exposure): the exact conditional
  test: given x1 + x2 events, x1 ~ Binomial(x1 + x2, t1/(t1 + t2)) when the two rates
  are equal.
"""

from __future__ import annotations

import math

import numpy as np

from jisheng_cli.stats import wilson_interval


def newcombe_interval(k1: float, n1: float, k2: float, n2: float, confidence: float = 0.95
                      ) -> tuple[float, float]:
    """Interval for p1 − p2 (p1 = k1/n1, the later period; p2 = k2/n2).

    With (l1, u1), (l2, u2) the Wilson intervals and d = p1 − p2::

        low  = d − √((p1 − l1)² + (u2 − p2)²)
        high = d + √((u1 − p1)² + (p2 − l2)²)

    NaN where either proportion is undefined. Agrees with statsmodels'
    ``confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff")``.
    """
    if not (n1 > 0 and n2 > 0 and 0 <= k1 <= n1 and 0 <= k2 <= n2):
        return math.nan, math.nan
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = (float(x) for x in wilson_interval(k1, n1, confidence))
    l2, u2 = (float(x) for x in wilson_interval(k2, n2, confidence))
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return low, high


def poisson_exact_test(x1: float, t1: float, x2: float, t2: float) -> float:
    """Two-sided p-value of the exact conditional test that two Poisson rates x1/t1 and
    x2/t2 are equal (for plain counts t1 = t2 = 1). Two-sided as scipy's ``binomtest``
    (outcomes no more likely than the one seen). 1.0 with no event in either period;
    NaN where an exposure is not positive or a count is not a whole number ≥ 0.
    """
    if not (t1 > 0 and t2 > 0) or x1 < 0 or x2 < 0 or x1 != int(x1) or x2 != int(x2):
        return math.nan
    total = int(x1) + int(x2)
    if total == 0:
        return 1.0
    return binomial_two_sided(int(x1), total, t1 / (t1 + t2))


# scipy's relative tolerance for "no more likely than the outcome seen".
_RERR = 1.0 + 1e-7


def binomial_two_sided(k: int, n: int, p: float) -> float:
    """scipy's ``binomtest(k, n, p).pvalue`` (two-sided, "minlike"): the probability of
    every outcome whose probability is at most P(X = k)·(1 + 1e-7). Summed over one array
    of log-probabilities rather than by scipy's binary search, which costs a millisecond a
    call: a village-by-year comparison makes a hundred thousand of them."""
    if k == p * n:
        return 1.0
    if p in (0.0, 1.0):
        return 1.0 if k == p * n else 0.0
    from scipy.special import gammaln

    i = np.arange(n + 1, dtype=np.float64)
    log_pmf = (gammaln(n + 1.0) - gammaln(i + 1.0) - gammaln(n - i + 1.0)
               + i * math.log(p) + (n - i) * math.log1p(-p))
    pmf = np.exp(log_pmf)
    return float(min(1.0, pmf[pmf <= pmf[k] * _RERR].sum()))
