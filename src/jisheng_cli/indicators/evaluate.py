"""One group's value of each indicator from its merged sums: rates, intervals and notes.

`evaluate_many` computes the plain kinds (counts, amounts, rates, sex ratios) for all
groups at once; `evaluate` the kinds that need more than two sums (the field check's
clusters, estimates and Chapman, population coverage). The interval rules are in
docs/indicators.md "Intervals"; stats.py holds the interval functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from jisheng_cli import stats
from jisheng_cli.indicators import births, fees, population, survey, women, women_survey
from jisheng_cli.indicators.exact import term
from jisheng_cli.indicators.model import Formula, join_notes
from jisheng_cli.indicators.population import PopulationTable
from jisheng_cli.levels import finer

if TYPE_CHECKING:
    import pandas as pd

    from jisheng_cli.config import Definitions
    from jisheng_cli.groups import GroupTable


@dataclass(frozen=True)
class Aggregate:
    level: str
    key: str
    year: int | None
    terms: dict[str, int]
    gids: tuple[int, ...]  # villages of the group with any data


@dataclass
class Extras:
    """What some formulas need beyond a group's own sums."""

    village_terms: pd.DataFrame  # (gid, year) → terms, for cluster intervals
    checked: set[int] = field(default_factory=set)
    register_gids: set[int] = field(default_factory=set)
    population: PopulationTable | None = None
    period_years: list[int] = field(default_factory=list)
    part_year: bool = False
    kinds: set[str] = field(default_factory=set)  # the input kinds of the run
    # The women's field check: its villages, and the terms counted once for the whole
    # period at its stock date S (gid → terms; engine.women), which a group without a
    # year sums instead of its years' rows.
    women_checked: set[int] = field(default_factory=set)
    whole_terms: pd.DataFrame | None = None


def _none(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


#: Above village level, a survey rate over fewer checked villages than this carries the
#: note `few_clusters` and is never `missed_significant`: its variance has < 4 df.
FEW_CLUSTERS = 5


def all_formulas(d: Definitions) -> dict[str, Formula]:
    return {**births.formulas(d), **fees.formulas(d), **survey.formulas(d),
            **population.formulas(d), **women.formulas(d), **women_survey.formulas(d)}


@dataclass
class Value:
    numerator: float | int | None
    denominator: float | int | None
    value: float | None
    low: float | None = None
    high: float | None = None
    note: str | None = None


def evaluate(f: Formula, agg: Aggregate, d: Definitions, extras: Extras,
             groups: GroupTable) -> Value:
    """One group's value for the formula kinds that need more than two sums (the field
    check's clusters, estimates and Chapman, population coverage); the plain kinds are
    computed for all groups at once by `evaluate_many`."""
    num = term(agg.terms, f.numerator)
    den = term(agg.terms, f.denominator) if f.denominator else None
    if f.kind in ("survey_rate", "women_survey_rate"):
        assert den is not None
        checked = extras.women_checked if f.kind == "women_survey_rate" else extras.checked
        return _survey_rate(f, agg, d, extras, groups, checked, num, den)
    n_checked = _checked_count(agg, extras.checked, groups)
    if f.kind == "checked":
        return Value(n_checked, None, n_checked)
    if f.kind == "accuracy":
        assert den is not None
        if den == 0 or n_checked == 0:
            return Value(num, den if n_checked else None, None)
        return Value(num, den, 100 - abs(num - den) / den * 100)
    if f.kind == "estimate":
        if agg.level == "village" or n_checked == 0 or not den:
            return Value(None, None, None)
        r = num / den
        if r >= 1:
            return Value(None, None, None, note="every survey birth was missed")
        value = agg.terms.get("births", 0) * r / (1 - r)
        return Value(value, None, value)
    if f.kind == "chapman":
        if not d.survey_independent or n_checked == 0:
            return Value(None, None, None)
        big_r, big_s, m_both = num, den or 0, agg.terms.get("sv_matched_both", 0)
        n_hat, n_low, n_high = stats.chapman(big_r, big_s, m_both, d.confidence)
        share, s_lo, s_hi = stats.completeness_interval(big_r, n_hat, n_low, n_high)
        note = None
        if big_s == 0:
            note = "no_survey_births"
        elif math.isnan(float(n_low)) and 0 <= m_both <= min(big_r, big_s):
            # Consistent counts with M = R or M = S: v = f₀ = 0, nothing to build on.
            note = "chapman_variance_zero"
        return Value(big_r, _none(float(n_hat)), _none(float(share) * 100),
                     _none(float(s_lo) * 100), _none(float(s_hi) * 100), note)
    if f.kind == "per_mille":
        return _per_mille(agg, extras, groups)
    if f.kind == "per_mille_terms":
        # docs/women.md: rates per 1,000 operations or women carry no interval.
        if not den:
            return Value(num, den, None)
        small = "small" if den < d.min_denominator else None
        return Value(num, den, num / den * 1000, note=small)
    if f.kind in ("ratio", "inverse_ratio"):
        # Abortions per birth like the sex ratio: Wilson on a ÷ (a + b), mapped p/(1−p).
        if not den:
            return Value(num, den, None)
        lo, hi = stats.sex_ratio_interval(num, den, d.confidence)
        small = "small" if den < d.min_denominator else None
        return Value(num, den, num / den, _none(float(lo) / 100), _none(float(hi) / 100),
                     small)
    raise ValueError(f"unknown formula kind {f.kind}")


VECTOR_KINDS = ("count", "amount", "amount_rate", "rate", "sex_ratio")


def evaluate_many(f: Formula, aggs: Sequence[Aggregate], d: Definitions, extras: Extras,
                  groups: GroupTable) -> list[Value]:
    """`evaluate` over many groups at once; intervals are computed as arrays."""
    if f.kind not in VECTOR_KINDS:
        return [evaluate(f, a, d, extras, groups) for a in aggs]
    if not aggs:
        return []
    num = np.array([term(a.terms, f.numerator) for a in aggs], dtype=np.int64)
    if f.kind in ("count", "amount"):
        scale = 100 if f.kind == "amount" else 1
        return [Value(int(n) / scale if scale > 1 else int(n), None,
                      int(n) / scale if scale > 1 else int(n)) for n in num]
    den = np.array([term(a.terms, f.denominator) for a in aggs], dtype=np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(den > 0, num / np.where(den > 0, den, 1) * 100, np.nan)
    if f.kind == "amount_rate":
        return [Value(int(n) / 100, int(m) / 100, _none(float(v)))
                for n, m, v in zip(num, den, value, strict=True)]
    if f.kind == "rate":
        lo, hi = stats.wilson_interval(num, den, d.confidence)
        lo, hi = np.asarray(lo) * 100, np.asarray(hi) * 100
    else:  # sex ratio: numerator male, denominator female
        lo, hi = stats.sex_ratio_interval(num, den, d.confidence)
        lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    # For a sex ratio too `small` counts the JSON denominator (girls), as cli.md says.
    small = (den > 0) & (den < d.min_denominator)
    out = []
    for i in range(len(aggs)):
        if den[i] == 0 and f.kind == "sex_ratio":
            # No value, but [low, ∞) is a finding: 25 boys and no girls is ≥ 650.8.
            out.append(Value(int(num[i]), 0, None, _none(float(lo[i])), None,
                             "no female births"))
            continue
        if den[i] == 0:
            out.append(Value(int(num[i]), 0, None))
            continue
        out.append(Value(int(num[i]), int(den[i]), float(value[i]), _none(float(lo[i])),
                         _none(float(hi[i])), "small" if small[i] else None))
    return out


def _survey_rate(f: Formula, agg: Aggregate, d: Definitions, extras: Extras,
                 groups: GroupTable, checked: set[int], num: int, den: int) -> Value:
    """A field check's rate: Wilson in a village, the checked villages as clusters above."""
    n_checked = _checked_count(agg, checked, groups)
    if den == 0 or n_checked == 0:
        return Value(num, den if n_checked else None, None)
    value = num / den * 100
    small = "small" if den < d.min_denominator else None
    if agg.level == "village":
        if num > den:
            return Value(num, den, value, note=small)
        lo, hi = stats.wilson_interval(num, den, d.confidence)
        return Value(num, den, value, _none(float(lo) * 100), _none(float(hi) * 100), small)
    m, t = _cluster_terms(agg, extras, f, groups, checked)
    note = join_notes(small, "few_clusters" if n_checked < FEW_CLUSTERS else None)
    if num > den:
        # ÷ register births can pass 100%: no proportion, so no binomial interval;
        # the cluster Student-t interval, open above, is what is left.
        _r, c_lo, c_hi = stats.cluster_ratio_interval(m, t, d.confidence, upper=math.inf)
    else:
        _r, c_lo, c_hi = stats.cluster_proportion_interval(m, t, d.confidence)
    return Value(num, den, value, _none(c_lo * 100), _none(c_hi * 100), note)


def _checked_count(agg: Aggregate, checked: set[int], groups: GroupTable) -> int:
    if not checked:
        return 0
    if agg.level == "total":
        return len(checked)
    keys = groups.level_key(agg.level)
    return sum(1 for g in checked if keys[g] == agg.key)


def _cluster_terms(agg: Aggregate, extras: Extras, f: Formula, groups: GroupTable,
                   checked: set[int]) -> tuple[np.ndarray, np.ndarray]:
    """Per checked village of the group: numerator and denominator (0 where nothing)."""
    keys = groups.level_key(agg.level)
    villages = sorted(g for g in checked if agg.level == "total" or keys[g] == agg.key)
    whole = extras.whole_terms
    if agg.year is None and whole is not None and f.numerator in whole.columns:
        per_village = whole
    else:
        frame = extras.village_terms
        if agg.year is not None:
            frame = frame[frame.index.get_level_values("year") == agg.year]
        per_village = frame.groupby(level="gid").sum()
    rows = {int(g): dict(zip(per_village.columns, v, strict=True))
            for g, v in zip(per_village.index, per_village.to_numpy().tolist(), strict=True)}
    m = np.array([term(rows.get(g, {}), f.numerator) for g in villages], dtype=float)
    t = np.array([term(rows.get(g, {}), f.denominator) for g in villages], dtype=float)
    return m, t


def _per_mille(agg: Aggregate, extras: Extras, groups: GroupTable) -> Value:
    table = extras.population
    births_n = agg.terms.get("births", 0)
    if table is None:
        return Value(births_n, None, None)
    pop_level = table.level
    if agg.level != "total" and (
        finer(agg.level, pop_level)
    ):
        return Value(births_n, None, None, note=f"population is given by {pop_level}")
    unit_keys = groups.level_key(pop_level)
    register = sorted(extras.register_gids)
    if agg.level == "total":
        members = register
    else:
        level_keys = groups.level_key(agg.level)
        members = [g for g in register if level_keys[g] == agg.key]
    units = sorted({str(unit_keys[g]) for g in members})
    years: list[int | None] = (
        [agg.year] if agg.year is not None else list(extras.period_years) or [None]
    )
    total = 0
    for unit in units:
        for year in years:
            value = table.get(unit, year)
            if value is None:
                return Value(births_n, None, None,
                             note=f"population not given for every {pop_level}")
            total += value
    if total == 0:
        return Value(births_n, 0, None)
    note = "part-year period, not annualised" if extras.part_year else None
    return Value(births_n, total, births_n / total * 1000, note=note)
