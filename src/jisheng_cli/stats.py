"""Interval estimates for the indicators (see docs/indicators.md "Intervals").

Every function here works on proportions in [0, 1] (or on counts for Chapman);
scaling to %, ‰ or 女=100 is the caller's job. Undefined values are NaN, which the
caller turns into null, so nothing here raises for an empty group.

Array functions broadcast like numpy ufuncs: array input gives float64 arrays, scalar
input gives ``np.float64`` (a ``float`` subclass, so it drops straight into results).
scipy is imported lazily because importing it costs more than most CLI runs take.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt

FloatArray: TypeAlias = npt.NDArray[np.float64]
#: What the broadcasting functions return: an array, or np.float64 for scalar input.
FloatResult: TypeAlias = FloatArray | np.float64
ArrayLike: TypeAlias = npt.ArrayLike

__all__ = [
    "chapman",
    "cluster_ratio_interval",
    "completeness_interval",
    "sex_ratio_interval",
    "wilson_interval",
    "z_value",
]


def _check_confidence(confidence: float) -> float:
    confidence = float(confidence)
    # `not (0 < c < 1)` also rejects NaN, which a plain range test would let through.
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
    return confidence


def _out(a: FloatArray) -> FloatResult:
    # `a[()]` turns a 0-d array into np.float64 and leaves real arrays alone.
    result: FloatResult = a[()]
    return result


def z_value(confidence: float) -> float:
    """Two-sided standard normal quantile: z = Φ⁻¹(1 − α/2) with α = 1 − confidence.

    Computed with the standard library's ``NormalDist`` (Wichura's AS 241, accurate to
    about 1e-16) rather than a tabulated 1.96: 0.95 gives 1.9599639845400536, as
    statsmodels and R do to the last digit but one. Not scipy: importing it would cost
    more memory and time than a births run needs.
    """
    from statistics import NormalDist

    alpha = 1.0 - _check_confidence(confidence)
    return NormalDist().inv_cdf(1.0 - alpha / 2.0)


def wilson_interval(
    k: ArrayLike, n: ArrayLike, confidence: float = 0.95
) -> tuple[FloatResult, FloatResult]:
    """Wilson score interval for a proportion p̂ = k/n, without continuity correction.

    With z = ``z_value(confidence)``::

        centre = (p̂ + z²/(2n)) / (1 + z²/n)
        half   = z · √(p̂(1 − p̂)/n + z²/(4n²)) / (1 + z²/n)
        interval = [centre − half, centre + half], clipped to [0, 1]

    Returns ``(low, high)`` as proportions. NaN where n ≤ 0 or k is outside [0, n]
    (no proportion is defined there). Agrees with statsmodels'
    ``proportion_confint(k, n, alpha=1 - confidence, method="wilson")``.
    """
    z = z_value(confidence)
    k_a, n_a = np.broadcast_arrays(
        np.asarray(k, dtype=np.float64), np.asarray(n, dtype=np.float64)
    )
    valid = (n_a > 0) & (k_a >= 0) & (k_a <= n_a)
    # Invalid cells get a harmless n = 1 so the arithmetic raises no warnings; they are
    # overwritten with NaN below.
    n_s = np.where(valid, n_a, 1.0)
    p = np.where(valid, k_a / n_s, 0.0)

    # Same operation order as statsmodels, so the two agree to rounding and not just
    # to the algebra.
    z2 = z * z
    denom = 1.0 + z2 / n_s
    centre = (p + z2 / (2.0 * n_s)) / denom
    half = z * np.sqrt(p * (1.0 - p) / n_s + z2 / (4.0 * n_s**2)) / denom
    low = np.clip(centre - half, 0.0, 1.0)
    high = np.clip(centre + half, 0.0, 1.0)

    # At k = 0 and k = n the bounds are exactly 0 and 1 in exact arithmetic; floating
    # point lands a few ulps inside. Pinning them matters for the sex ratio: p_high must
    # be exactly 1 for the mapped bound to become inf rather than some huge finite number.
    low = np.where(valid & (k_a == 0), 0.0, low)
    high = np.where(valid & (k_a == n_a), 1.0, high)

    low = np.where(valid, low, np.nan)
    high = np.where(valid, high, np.nan)
    return _out(low), _out(high)


def sex_ratio_interval(
    male: ArrayLike, female: ArrayLike, confidence: float = 0.95
) -> tuple[FloatResult, FloatResult]:
    """Interval for the sex ratio 100 · male/female via the Wilson interval of p.

    p = male / (male + female); [p_low, p_high] = Wilson interval of p; the
    bounds are mapped by the increasing function SR(p) = 100 · p / (1 − p), which
    is exactly male/female × 100 at p̂, so the interval contains the point value.

    NaN when male + female == 0. With female == 0 the point value is undefined
    (the caller reports null), but the interval is still defined: p_high = 1 and
    SR(1) = +inf, so the upper bound is ``inf``, meaning "no upper limit"; the lower
    bound stays finite. Returns ``(low, high)`` on the 女=100 scale.
    """
    male_a = np.asarray(male, dtype=np.float64)
    total = male_a + np.asarray(female, dtype=np.float64)
    p_low, p_high = wilson_interval(male_a, total, confidence)
    # p = 1 → 100·p/(1−p) = +inf is the intended result, not an error.
    with np.errstate(divide="ignore", invalid="ignore"):
        low = np.asarray(100.0 * p_low / (1.0 - p_low), dtype=np.float64)
        high = np.asarray(100.0 * p_high / (1.0 - p_high), dtype=np.float64)
    return _out(low), _out(high)


def cluster_ratio_interval(
    m: ArrayLike, t: ArrayLike, confidence: float = 0.95
) -> tuple[float, float, float]:
    """Ratio estimate and interval with villages as sampling clusters.

    With n villages, numerators mᵢ and denominators tᵢ::

        r    = Σmᵢ / Σtᵢ
        v(r) = n/(n − 1) · Σ(mᵢ − r·tᵢ)² / (Σtᵢ)²
        interval = r ± t_{n−1}(1 − α/2) · √v(r), bounds clipped to [0, 1]

    Villages checked where nothing was found must be passed (mᵢ = 0, tᵢ ≥ 0): they
    count in n and pull the variance, which is the point of a cluster interval.

    Returns ``(r, low, high)`` as proportions. r itself is not clipped (with the
    ``reported_births`` denominator a rate above 1 is possible and must show), only
    the bounds are. Σt == 0 → all NaN; n < 2 → r with NaN bounds, since one
    cluster gives no estimate of between-village variance.
    """
    confidence = _check_confidence(confidence)
    m_a = np.asarray(m, dtype=np.float64)
    t_a = np.asarray(t, dtype=np.float64)
    if m_a.ndim != 1 or m_a.shape != t_a.shape:
        raise ValueError(
            f"m and t must be 1-D arrays of equal length, got shapes {m_a.shape} and {t_a.shape}"
        )
    n = m_a.size
    t_sum = float(t_a.sum())
    if n == 0 or t_sum == 0.0:
        return float("nan"), float("nan"), float("nan")
    r = float(m_a.sum()) / t_sum
    if n < 2:
        return r, float("nan"), float("nan")

    from scipy.stats import t as student_t

    resid = m_a - r * t_a
    v = n / (n - 1) * float(np.sum(resid * resid)) / (t_sum * t_sum)
    q = float(student_t.ppf(1.0 - (1.0 - confidence) / 2.0, n - 1))
    half = q * float(np.sqrt(v))
    return r, min(max(r - half, 0.0), 1.0), min(max(r + half, 0.0), 1.0)


def chapman(
    R: ArrayLike, S: ArrayLike, M: ArrayLike, confidence: float = 0.95
) -> tuple[FloatResult, FloatResult, FloatResult]:
    """Chapman dual-system estimate of the true number of births and its interval.

    R register births, S survey births, M matched, all in the checked villages::

        N̂ = (R + 1)(S + 1)/(M + 1) − 1
        v  = (R + 1)(S + 1)(R − M)(S − M) / ((M + 1)²(M + 2))
        interval = N̂ ± z·√v

    Returns ``(N̂, low, high)`` in births (broadcasts; np.float64 for scalars). The
    normal interval is symmetric and not truncated at R; callers wanting a floor
    apply it. If inputs are inconsistent (M above exactly one of R, S) then v < 0
    and the bounds are NaN rather than an invented value.
    """
    z = z_value(confidence)
    r_a = np.asarray(R, dtype=np.float64)
    s_a = np.asarray(S, dtype=np.float64)
    m_a = np.asarray(M, dtype=np.float64)
    n_hat = np.asarray((r_a + 1.0) * (s_a + 1.0) / (m_a + 1.0) - 1.0, dtype=np.float64)
    v = (r_a + 1.0) * (s_a + 1.0) * (r_a - m_a) * (s_a - m_a) / (
        (m_a + 1.0) ** 2 * (m_a + 2.0)
    )
    with np.errstate(invalid="ignore"):
        half = z * np.sqrt(v)
    low = np.asarray(n_hat - half, dtype=np.float64)
    high = np.asarray(n_hat + half, dtype=np.float64)
    return _out(n_hat), _out(low), _out(high)


def completeness_interval(
    R: ArrayLike, n_hat: ArrayLike, n_low: ArrayLike, n_high: ArrayLike
) -> tuple[FloatResult, FloatResult, FloatResult]:
    """Registration completeness R/N̂ and its interval from a Chapman interval.

    completeness = R / N̂; interval = [R / N̂_high, min(1, R / N̂_low)], as
    proportions. The bounds swap ends because R/N is decreasing in N. When
    N̂_low ≤ 0 (a wide normal interval on a small check) R/N̂_low is meaningless,
    and every positive N is in the interval, so the upper bound is 1. NaN inputs
    give NaN outputs; N̂ == 0 (nothing registered or found) gives NaN.
    """
    r_a = np.asarray(R, dtype=np.float64)
    nh = np.asarray(n_hat, dtype=np.float64)
    nl = np.asarray(n_low, dtype=np.float64)
    nu = np.asarray(n_high, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.asarray(r_a / nh, dtype=np.float64)
        low = np.asarray(r_a / nu, dtype=np.float64)
        # np.minimum propagates NaN, so an undefined N̂_low stays undefined; only a
        # genuine N̂_low ≤ 0 (NaN compares False) is replaced by 1.
        high = np.where(nl <= 0, 1.0, np.minimum(1.0, r_a / nl))
    return _out(value), _out(low), _out(np.asarray(high, dtype=np.float64))
