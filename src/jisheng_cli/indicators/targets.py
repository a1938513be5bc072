"""Targets: the default normal range of the sex ratios, and the gap and status of a value
against a target (docs/indicators.md "Targets, gap and status")."""

from __future__ import annotations

from fractions import Fraction

from jisheng_cli.config import Definitions, Target
from jisheng_cli.indicators.model import has_note
from jisheng_cli.indicators.registry import REGISTRY

NORMAL_RANGE_SOURCE = "srb_normal_range"


def default_targets(d: Definitions) -> dict[str, Target]:
    low, high = d.srb_normal_range
    return {
        i.id: Target(min=low, max=high, source=NORMAL_RANGE_SOURCE)
        for i in REGISTRY.values()
        if i.interval == "sex_ratio"
    }


def targets_in_force(d: Definitions, configured: dict[str, Target]) -> dict[str, Target]:
    """The targets a run judges by: the configured ones over the defaults."""
    return {**default_targets(d), **configured}


def judge(
    value: float | None, low: float | None, high: float | None, target: Target | None,
    note: str | None = None, exact_gap: Fraction | None = None,
) -> tuple[float | None, str | None]:
    """(gap, status): signed distance to the nearest bound (positive = inside) and
    met / missed / missed_significant (the whole interval outside the bounds).

    A bound that is None while the other is not means "no limit on that side": a sex
    ratio without girls has no value but the interval [low, ∞), and is
    missed_significant (gap null) when low is above the target's max; otherwise a
    null value has a null status. A value noted `few_clusters` is at most `missed`.

    `exact_gap` (indicators.exact, from integer counts) decides inside or outside when
    given: 3961/4000 = 99.025% exactly meets a minimum of 99.025, which the float
    99.02499999999999 would miss.
    """
    if target is None:
        return None, None
    outside = not has_note(note, "few_clusters") and (
        (target.min is not None and high is not None and high < target.min)
        or (target.max is not None and low is not None and low > target.max)
    )
    if value is None:
        return None, "missed_significant" if outside else None
    gaps = []
    if target.min is not None:
        gaps.append(value - target.min)
    if target.max is not None:
        gaps.append(target.max - value)
    gap = min(gaps)
    if (gap >= 0) if exact_gap is None else (exact_gap >= 0):
        return gap, "met"
    return gap, "missed_significant" if outside else "missed"
