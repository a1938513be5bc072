"""Funnel-plot control limits and over-dispersion for proportions (docs/report.md "Funnel plots").

A funnel plot draws each unit's proportion y = k/n against n, with limits around a
centre θ that narrow as n grows; a unit outside the limits differs from θ by more than
chance at that coverage (Spiegelhalter 2005, *Statistics in Medicine* 24:1185).

Two ways to draw the limits, both on proportions in [0, 1]:

- ``exact``: quantiles of Binomial(n, θ), interpolated between the integers so that the
  curve is smooth (Spiegelhalter 2005, appendix A.1.1);
- ``wilson``: θ ± z·√(θ(1 − θ)/n), which is where θ sits on the edge of a unit's Wilson
  score interval: a unit lies outside these limits exactly when its Wilson interval
  excludes θ.

Additive over-dispersion (Spiegelhalter 2005, §5.2): the z-scores are winsorised, φ is
their mean square, and when I·φ exceeds I − 1 a between-unit variance τ² widens every
limit to θ ± z·√(θ(1 − θ)/n + τ²).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from jisheng_cli.stats import ArrayLike, FloatArray, z_value

FunnelMethod = Literal["exact", "wilson"]
FUNNEL_METHODS: tuple[FunnelMethod, ...] = ("exact", "wilson")
# The two coverages every funnel draws: about 2 and 3 standard errors.
COVERAGES = (0.95, 0.998)


def funnel_limits(theta: float, n: ArrayLike, coverage: float, method: FunnelMethod = "exact",
                  tau2: float = 0.0) -> tuple[FloatArray, FloatArray]:
    """(low, high) proportions at each n for a centre θ and a two-sided coverage.

    With τ² > 0 the limits are the normal ones widened by τ² whatever `method` (the
    additive model has no exact form). NaN where n ≤ 0 or θ is outside (0, 1).
    """
    n_arr = np.atleast_1d(np.asarray(n, dtype=np.float64))
    bad = ~(n_arr > 0) | (not 0.0 < theta < 1.0)
    safe_n = np.where(bad, 1.0, n_arr)
    if method == "exact" and tau2 <= 0.0:
        alpha = 1.0 - coverage
        low = _binomial_quantile(theta, safe_n, alpha / 2.0)
        high = _binomial_quantile(theta, safe_n, 1.0 - alpha / 2.0)
    elif method in FUNNEL_METHODS:
        z = z_value(coverage)
        half = z * np.sqrt(theta * (1.0 - theta) / safe_n + max(tau2, 0.0))
        low, high = theta - half, theta + half
    else:
        raise ValueError(f"unknown funnel method {method!r}")
    low = np.where(bad, np.nan, np.clip(low, 0.0, 1.0))
    high = np.where(bad, np.nan, np.clip(high, 0.0, 1.0))
    return low, high


def _binomial_quantile(theta: float, n: FloatArray, p: float) -> FloatArray:
    """Spiegelhalter's interpolated quantile of Binomial(n, θ) ÷ n: with r the smallest
    count whose CDF reaches p, (r − a)/n where a = (F(r) − p)/(F(r) − F(r − 1))."""
    from scipy.stats import binom

    # The limits are drawn at any n, not only whole ones: the binomial of a fractional
    # n is not defined, so n is rounded to the nearest whole number of trials.
    whole = np.maximum(np.rint(n), 1.0)
    r = binom.ppf(p, whole, theta)
    f_r = binom.cdf(r, whole, theta)
    f_below = binom.cdf(r - 1.0, whole, theta)
    step = f_r - f_below
    a = np.where(step > 0, (f_r - p) / np.where(step > 0, step, 1.0), 0.0)
    result: FloatArray = (r - a) / whole
    return result


def outside(k: ArrayLike, n: ArrayLike, theta: float, coverage: float,
            method: FunnelMethod = "exact", tau2: float = 0.0) -> npt.NDArray[np.int8]:
    """−1 where k/n lies below the limits, +1 above, 0 inside (or n ≤ 0).

    With the exact method a unit is judged by its binomial tail, P(X ≤ k) or P(X ≥ k)
    under θ below (1 − coverage)/2, not by the interpolated curve: the curve at the
    largest count, n/n, bends just under 1, yet a unit with every trial a success is no
    surprise when θⁿ is not small. Elsewhere by the normal limits.
    """
    k_arr = np.asarray(k, dtype=np.float64)
    n_arr = np.asarray(n, dtype=np.float64)
    ok = n_arr > 0
    safe_n = np.where(ok, n_arr, 1.0)
    if method == "exact" and tau2 <= 0.0:
        from scipy.stats import binom

        half = (1.0 - coverage) / 2.0
        below = binom.cdf(k_arr, safe_n, theta) < half
        above = binom.sf(k_arr - 1.0, safe_n, theta) < half
    else:
        lo, hi = funnel_limits(theta, safe_n, coverage, method, tau2)
        p = k_arr / safe_n
        below, above = p < lo, p > hi
    result: npt.NDArray[np.int8] = np.where(ok & below, -1, np.where(ok & above, 1, 0)
                                            ).astype(np.int8)
    return result


@dataclass(frozen=True)
class Overdispersion:
    """Spiegelhalter's additive over-dispersion estimate for one funnel."""

    units: int  # I: units with n > 0
    phi: float  # mean square of the winsorised z-scores (NaN with no unit)
    tau2: float  # between-unit variance on the proportion scale; 0 when not over-dispersed
    winsor: float  # the fraction winsorised at each end

    @property
    def overdispersed(self) -> bool:
        return self.tau2 > 0.0


def overdispersion(k: ArrayLike, n: ArrayLike, theta: float, winsor: float = 0.1
                   ) -> Overdispersion:
    """τ² for proportions k/n around θ (Spiegelhalter 2005, §5.2).

    z_i = (y_i − θ)/s_i with s_i² = θ(1 − θ)/n_i; the z below the `winsor` quantile
    are set to it, those above the 1 − `winsor` quantile to that (numpy's linear
    quantiles); φ = mean(z²); τ² = (I·φ − (I − 1)) / (Σw − Σw²/Σw), w = 1/s², when
    I·φ > I − 1, else 0.
    """
    k_arr = np.asarray(k, dtype=np.float64).ravel()
    n_arr = np.asarray(n, dtype=np.float64).ravel()
    keep = n_arr > 0
    k_arr, n_arr = k_arr[keep], n_arr[keep]
    units = int(n_arr.size)
    if units == 0 or not 0.0 < theta < 1.0:
        return Overdispersion(units, float("nan"), 0.0, winsor)
    s2 = theta * (1.0 - theta) / n_arr
    z = (k_arr / n_arr - theta) / np.sqrt(s2)
    if winsor > 0.0:
        lo, hi = np.quantile(z, [winsor, 1.0 - winsor])
        z = np.clip(z, lo, hi)
    phi = float(np.mean(z**2))
    tau2 = 0.0
    if units * phi > units - 1:
        w = 1.0 / s2
        tau2 = float((units * phi - (units - 1)) / (w.sum() - (w**2).sum() / w.sum()))
    return Overdispersion(units, phi, max(tau2, 0.0), winsor)
