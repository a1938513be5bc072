"""From merged partial sums to result rows: roll-up by level and year, rates, intervals,
targets, gap and status. Pure computation; nothing here reads files or renders."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from jisheng_cli import stats
from jisheng_cli.config import Definitions, Target
from jisheng_cli.groups import GroupTable
from jisheng_cli.indicators import births
from jisheng_cli.indicators.cube import Partial, dense
from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.results import TOTAL_NAME, ResultRow

LEVEL_ORDER = ("county", "township", "village")
NORMAL_RANGE_SOURCE = "srb_normal_range"


@dataclass(frozen=True)
class Aggregate:
    level: str
    key: str
    year: int | None
    terms: dict[str, int]


def _none(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and not math.isfinite(x)) else float(x)


def aggregate(
    part: Partial, groups: GroupTable, levels: Sequence[str], by_year: bool
) -> list[Aggregate]:
    """Sum the village × year matrix up to each level, in output order."""
    import pandas as pd

    gids, years, matrix = dense(part, births.N_CELLS)
    out: list[Aggregate] = []
    wanted = ["total", *[lv for lv in LEVEL_ORDER if lv in levels]]
    for level in wanted:
        keys = groups.level_key(level)[gids] if len(gids) else np.zeros(0, dtype=object)
        frame = pd.DataFrame(matrix)
        frame["key"] = keys
        frame["year"] = years
        pooled = frame.drop(columns="year").groupby("key", sort=True).sum()
        parts: list[tuple[pd.DataFrame, str | None]] = []
        if level == "total" or not by_year:
            parts.append((pooled, None))
        if by_year:
            parts.append((frame.groupby(["key", "year"], sort=True).sum(), "year"))
        for table, kind in parts:
            t = births.terms(table.to_numpy(dtype=np.int64))
            for i, idx in enumerate(table.index):
                key, year = idx if kind else (idx, None)
                out.append(
                    Aggregate(
                        level,
                        key,
                        None if year is None else int(year),
                        {name: int(v[i]) for name, v in t.items()},
                    )
                )
        if level == "total" and not any(a.level == "total" for a in out):
            zero = {name: 0 for name in births.terms(np.zeros((1, births.N_CELLS), np.int64))}
            out.append(Aggregate("total", "", None, zero))
    # Total rows first (pooled, then years), then groups by code, years ascending.
    totals = [a for a in out if a.level == "total"]
    others = [a for a in out if a.level != "total"]
    totals.sort(key=lambda a: (a.year is not None, a.year or 0))
    others.sort(key=lambda a: (a.key, LEVEL_ORDER.index(a.level), a.year or 0))
    return totals + others


def default_targets(d: Definitions) -> dict[str, Target]:
    low, high = d.srb_normal_range
    return {
        i.id: Target(min=low, max=high, source=NORMAL_RANGE_SOURCE)
        for i in REGISTRY.values()
        if i.interval == "sex_ratio"
    }


def judge(
    value: float | None, low: float | None, high: float | None, target: Target | None
) -> tuple[float | None, str | None]:
    """(gap, status): signed distance to the nearest bound (positive = inside) and
    met / missed / missed_significant (the whole interval outside the bounds)."""
    if target is None or value is None:
        return None, None
    gaps = []
    if target.min is not None:
        gaps.append(value - target.min)
    if target.max is not None:
        gaps.append(target.max - value)
    gap = min(gaps)
    if gap >= 0:
        return gap, "met"
    outside = (
        low is not None
        and high is not None
        and (
            (target.min is not None and high < target.min)
            or (target.max is not None and low > target.max)
        )
    )
    return gap, "missed_significant" if outside else "missed"


def result_rows(
    aggregates: list[Aggregate],
    groups: GroupTable,
    indicator_ids: Sequence[str],
    d: Definitions,
    targets: dict[str, Target],
) -> list[ResultRow]:
    formulas = births.formulas(d)
    all_targets = {**default_targets(d), **targets}
    rows: list[ResultRow] = []
    for agg in aggregates:
        code, name = (
            (None, TOTAL_NAME["zh"])
            if agg.level == "total"
            else groups.describe(agg.level, agg.key)
        )
        for ind_id in indicator_ids:
            ind = REGISTRY[ind_id]
            f = formulas[ind_id]
            num = int(births.term(_arr(agg.terms), f.numerator)[0])
            den = (
                None
                if f.denominator is None
                else int(births.term(_arr(agg.terms), f.denominator)[0])
            )
            value: float | None
            low = high = None
            note = None
            if f.kind == "count":
                value = num
            elif f.kind == "rate":
                assert den is not None
                value = num / den * 100 if den > 0 else None
                if den > 0:
                    lo, hi = stats.wilson_interval(num, den, d.confidence)
                    low, high = _none(float(lo) * 100), _none(float(hi) * 100)
                if 0 < den < d.min_denominator:
                    note = "small"
            else:  # sex ratio: numerator male, denominator female
                assert den is not None
                value = num / den * 100 if den > 0 else None
                if den > 0:
                    lo, hi = stats.sex_ratio_interval(num, den, d.confidence)
                    low, high = _none(float(lo)), _none(float(hi))
                    if num + den < d.min_denominator:
                        note = "small"
                else:
                    note = "no female births"
            target = all_targets.get(ind_id)
            gap, status = judge(value, low, high, target)
            rows.append(
                ResultRow(
                    group_level=agg.level,
                    group_code=code,
                    group_name=name,
                    year=agg.year,
                    indicator=ind_id,
                    numerator=num,
                    denominator=den,
                    value=value,
                    unit=ind.unit,
                    ci_low=low,
                    ci_high=high,
                    target_min=target.min if target else None,
                    target_max=target.max if target else None,
                    target_source=target.source if target else None,
                    gap=gap,
                    status=status,
                    note=note,
                )
            )
    return rows


def _arr(terms: dict[str, int]) -> dict[str, np.ndarray]:
    return {k: np.array([v]) for k, v in terms.items()}
