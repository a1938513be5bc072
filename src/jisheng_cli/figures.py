"""The data behind every chart: funnels of units and trends over statistical years, taken
from a report's result rows. The HTML report and the workbook's native charts both draw
from here, so a chart in either shows the same numbers (docs/report.md)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from jisheng_cli.config import ReportSettings
from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.results import ResultRow
from jisheng_cli.stats_funnel import (
    COVERAGES,
    FunnelMethod,
    Overdispersion,
    funnel_limits,
    outside,
    overdispersion,
)

# Why an indicator of a level has no funnel (a message key of messages.report).
NO_FUNNEL_CLUSTER = "cluster_design"  # a field check's rate: a village is one cluster
NO_FUNNEL_NOT_PROPORTION = "not_a_proportion"  # a count, an amount, a ‰ rate, a ratio
NO_FUNNEL_NO_UNITS = "no_units"  # fewer than two units with a denominator, or too few trials
NO_FUNNEL_NO_SPREAD = "no_spread"  # the centre is 0 or 1: every unit 0% (or 100%), no limits
CURVE_POINTS = 60  # samples along n of each limit curve


@dataclass(frozen=True)
class FunnelUnit:
    code: str | None
    name: str | None
    k: float  # events (for a sex ratio: boys)
    n: float  # trials (for a sex ratio: boys + girls)
    value: float  # the indicator's value in its unit (% or 女=100)
    outside95: int  # −1 below the 95% limits, +1 above, 0 inside
    outside998: int  # the same at 99.8%


@dataclass(frozen=True)
class FunnelCurve:
    """The limits sampled along n, in the indicator's unit."""

    n: tuple[float, ...]
    low95: tuple[float, ...]
    high95: tuple[float, ...]
    low998: tuple[float, ...]
    high998: tuple[float, ...]


@dataclass(frozen=True)
class Funnel:
    indicator: str
    level: str
    year: int | None
    unit: str
    centre: float  # in the indicator's unit
    centre_rule: str  # "target", "target_midpoint" (a range target) or "overall"
    band: tuple[float, float] | None  # a range target, in the indicator's unit
    theta: float  # the centre as a proportion (a sex ratio: the male share)
    method: str  # "exact" or "wilson"; "normal" when τ² widens the limits
    concern: int  # −1: only units below matter (a minimum target), +1: above, 0: both
    dispersion: Overdispersion | None  # None unless [report] overdispersion = true
    units: tuple[FunnelUnit, ...]
    curve: FunnelCurve

    def limits_at(self, n: float) -> tuple[float, float, float, float]:
        """(low95, high95, low998, high998) at n, in the indicator's unit."""
        tau2 = self.dispersion.tau2 if self.dispersion else 0.0
        out: list[float] = []
        for coverage in COVERAGES:
            lo, hi = funnel_limits(self.theta, [n], coverage, _method(self.method), tau2)
            out += [_display(float(lo[0]), self.unit), _display(float(hi[0]), self.unit)]
        return out[0], out[1], out[2], out[3]

    @property
    def flagged(self) -> tuple[FunnelUnit, ...]:
        """Units outside the 99.8% limits on the side of concern: the ones the report names."""
        return tuple(u for u in self.units
                     if u.outside998 and (self.concern == 0 or u.outside998 == self.concern))


@dataclass(frozen=True)
class NoFunnel:
    indicator: str
    level: str
    reason: str  # NO_FUNNEL_*


def funnel_kind(indicator_id: str) -> str | None:
    """"proportion", "sex_ratio", or None with why not (a NO_FUNNEL_* reason)."""
    ind = REGISTRY[indicator_id]
    if ind.unit == "%" and ind.interval == "wilson":
        return "proportion"
    if ind.interval == "sex_ratio":
        return "sex_ratio"
    return None


def no_funnel_reason(indicator_id: str) -> str:
    ind = REGISTRY[indicator_id]
    return NO_FUNNEL_CLUSTER if ind.interval == "cluster" else NO_FUNNEL_NOT_PROPORTION


def funnel(rows: Sequence[ResultRow], indicator_id: str, level: str, year: int | None,
           settings: ReportSettings, overall: ResultRow | None = None, min_trials: int = 20
           ) -> Funnel | NoFunnel:
    """The funnel of `indicator_id` over the rows of `level` and `year`. `overall` is the
    row of the whole (the total of the same year): its value is the centre without a target
    and its target the one drawn. Fewer than `min_trials` trials over all units (the
    `min_denominator` of the definitions) draw no funnel: two villages with a multi-child
    birth each say nothing against limits."""
    kind = funnel_kind(indicator_id)
    if kind is None:
        return NoFunnel(indicator_id, level, no_funnel_reason(indicator_id))
    mine = [r for r in rows if r.indicator == indicator_id and r.group_level == level
            and r.year == year and r.numerator is not None and r.denominator is not None]
    k = np.array([float(r.numerator) for r in mine if r.numerator is not None])
    d = np.array([float(r.denominator) for r in mine if r.denominator is not None])
    n = k + d if kind == "sex_ratio" else d
    keep = n > 0
    mine = [r for r, x in zip(mine, keep, strict=True) if x]
    k, n = k[keep], n[keep]
    if len(mine) < 2 or n.sum() < min_trials:
        return NoFunnel(indicator_id, level, NO_FUNNEL_NO_UNITS)
    unit = REGISTRY[indicator_id].unit
    ref = overall or mine[0]
    band = None
    if settings.funnel_centre == "target" and (ref.target_min is not None
                                               or ref.target_max is not None):
        if ref.target_min is not None and ref.target_max is not None:
            centre, rule = (ref.target_min + ref.target_max) / 2.0, "target_midpoint"
            band = (ref.target_min, ref.target_max)
        else:
            bound = ref.target_min if ref.target_min is not None else ref.target_max
            assert bound is not None
            centre, rule = bound, "target"
        theta = _proportion(centre, unit)
    else:
        theta = float(k.sum() / n.sum())
        centre, rule = _display(theta, unit), "overall"
    if not 0.0 < theta < 1.0:
        # No variation under a centre of 0 or 1: no limits to draw, no unit to judge.
        return NoFunnel(indicator_id, level, NO_FUNNEL_NO_SPREAD)
    dispersion = overdispersion(k, n, theta, settings.winsor) if settings.overdispersion else None
    tau2 = dispersion.tau2 if dispersion else 0.0
    method = settings.funnel_limits if tau2 <= 0.0 else "normal"
    p = k / n
    flags = [outside(k, n, theta, coverage, settings.funnel_limits, tau2)
             for coverage in COVERAGES]
    units = tuple(
        FunnelUnit(r.group_code, r.group_name, float(k[i]), float(n[i]),
                   _display(float(p[i]), unit), int(flags[0][i]), int(flags[1][i]))
        for i, r in enumerate(mine))
    # The side that misses the target: below a minimum, above a maximum; both otherwise.
    concern = 0
    if rule == "target":
        concern = -1 if ref.target_min is not None else 1
    return Funnel(indicator_id, level, year, unit, centre, rule, band, theta, method,
                  concern, dispersion, units, _curve(theta, float(n.max()), method, tau2, unit))


def _curve(theta: float, n_max: float, method: str, tau2: float, unit: str) -> FunnelCurve:
    # From n = 1 to a little past the largest unit, denser at small n where limits bend.
    grid = np.unique(np.rint(np.geomspace(1.0, max(n_max * 1.05, 2.0), CURVE_POINTS)))
    cols: list[tuple[float, ...]] = []
    for coverage in COVERAGES:
        lo, hi = funnel_limits(theta, grid, coverage, _method(method), tau2)
        cols += [tuple(_display(float(x), unit) for x in lo),
                 tuple(_display(float(x), unit) for x in hi)]
    return FunnelCurve(tuple(float(x) for x in grid), cols[0], cols[1], cols[2], cols[3])


def _method(method: str) -> FunnelMethod:
    return "exact" if method == "exact" else "wilson"  # "normal" draws as wilson widened


def _proportion(value: float, unit: str) -> float:
    """A value in the indicator's unit as a proportion (a sex ratio: the male share)."""
    return value / (100.0 + value) if unit == "女=100" else value / 100.0


def _display(p: float, unit: str) -> float:
    if math.isnan(p):
        return p
    if unit == "女=100":
        return math.inf if p >= 1.0 else 100.0 * p / (1.0 - p)
    return 100.0 * p


@dataclass(frozen=True)
class TrendPoint:
    year: int
    value: float | None
    ci_low: float | None
    ci_high: float | None
    note: str | None


@dataclass(frozen=True)
class Trend:
    indicator: str
    unit: str
    group_level: str
    group_code: str | None
    group_name: str | None
    points: tuple[TrendPoint, ...]  # by year, oldest first
    target_min: float | None
    target_max: float | None
    target_source: str | None


def trends(rows: Sequence[ResultRow], indicators: Sequence[str], level: str = "total",
           code: str | None = None) -> list[Trend]:
    """Each indicator's values by statistical year for one group (default: the total).
    The target drawn is the latest year's (targets do not vary by year)."""
    out: list[Trend] = []
    for ind in indicators:
        mine = sorted((r for r in rows if r.indicator == ind and r.group_level == level
                       and r.group_code == code and r.year is not None),
                      key=lambda r: r.year or 0)
        if not mine:
            continue
        last = mine[-1]
        out.append(Trend(
            ind, REGISTRY[ind].unit, level, code, last.group_name,
            tuple(TrendPoint(r.year or 0, _num(r.value), r.ci_low, r.ci_high, r.note)
                  for r in mine),
            last.target_min, last.target_max, last.target_source))
    return out


def _num(v: float | int | None) -> float | None:
    return None if v is None else float(v)
