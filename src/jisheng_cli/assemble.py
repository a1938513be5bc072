"""From merged partial sums to result rows: roll-up by level and year, then each
indicator's value (indicators.evaluate), target, gap and status (indicators.targets).
Pure computation; nothing here reads files or renders."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np

from jisheng_cli.config import Definitions, Target
from jisheng_cli.groups import GroupTable
from jisheng_cli.indicators import births
from jisheng_cli.indicators.cube import Partial, dense
from jisheng_cli.indicators.evaluate import (
    Aggregate,
    Extras,
    Value,
    all_formulas,
    evaluate_many,
)
from jisheng_cli.indicators.exact import exact_gap, exact_value
from jisheng_cli.indicators.model import Formula
from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.indicators.targets import judge, targets_in_force
from jisheng_cli.levels import AREA_LEVELS, TOTAL_NAME
from jisheng_cli.results import ResultRow

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Aggregate", "Extras", "aggregate", "result_rows", "village_frame"]


def village_frame(births_partial: Partial, others: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Every family's terms per (village, statistical year), zero where a family is silent."""
    import pandas as pd

    gids, years, matrix = dense(births_partial, births.N_CELLS)
    t = births.terms(matrix)
    frame = pd.DataFrame(t, index=pd.MultiIndex.from_arrays([gids, years], names=["gid", "year"]))
    frames = [frame] + [o for o in others if len(o)]
    out = pd.concat(frames, axis=1).fillna(0).astype(np.int64)
    out.index = out.index.set_names(["gid", "year"])
    for name in births.terms(np.zeros((0, births.N_CELLS), np.int64)):
        if name not in out:
            out[name] = 0
    return out.sort_index()


def aggregate(
    village: pd.DataFrame, groups: GroupTable, levels: Sequence[str], by_year: bool,
    whole: pd.DataFrame | None = None,
) -> list[Aggregate]:
    """Sum the village × year terms up to each level, in output order.

    `whole` holds terms counted once for the whole period at its stock date (gid → terms,
    engine.women): a group without a year takes those instead of summing its years."""
    import pandas as pd

    out: list[Aggregate] = []
    gids = village.index.get_level_values("gid").to_numpy()
    years = village.index.get_level_values("year").to_numpy()
    whole_gids = (whole.index.to_numpy() if whole is not None and len(whole)
                  else np.zeros(0, dtype=np.int64))
    whole_columns = list(whole.columns) if whole is not None else []
    wanted = ["total", *[lv for lv in AREA_LEVELS if lv in levels]]
    for level in wanted:
        keys = groups.level_key(level)[gids] if len(gids) else np.zeros(0, dtype=object)
        frame = village.reset_index(drop=True)
        frame["_key"] = keys
        frame["_year"] = years
        frame["_gid"] = gids
        members = _members(np.concatenate([keys, groups.level_key(level)[whole_gids]]),
                           np.concatenate([gids, whole_gids]))
        tables: list[tuple[pd.DataFrame, bool]] = []
        if level == "total" or not by_year:
            base = frame.drop(columns=["_year", "_gid", *whole_columns], errors="ignore")
            if len(whole_gids):
                assert whole is not None
                extra = whole.reset_index(drop=True)
                extra["_key"] = groups.level_key(level)[whole_gids]
                base = pd.concat([base, extra], ignore_index=True).fillna(0)
            tables.append((base.groupby("_key").sum().astype(np.int64), False))
        if by_year:
            tables.append((frame.drop(columns="_gid").groupby(["_key", "_year"]).sum(), True))
        for table, with_year in tables:
            names = [str(c) for c in table.columns]
            values = table.to_numpy(dtype=np.int64)
            for idx, line in zip(table.index.tolist(), values, strict=True):
                key, year = idx if with_year else (idx, None)
                out.append(Aggregate(level, str(key), None if year is None else int(year),
                                     dict(zip(names, line.tolist(), strict=True)),
                                     members[str(key)]))
        if level == "total" and not any(a.level == "total" for a in out):
            out.append(Aggregate("total", "", None, {c: 0 for c in village.columns}, ()))
    totals = [a for a in out if a.level == "total"]
    others = [a for a in out if a.level != "total"]
    totals.sort(key=lambda a: (a.year is not None, a.year or 0))
    others.sort(key=lambda a: (a.key, AREA_LEVELS.index(a.level), a.year or 0))
    return totals + others


def _members(keys: np.ndarray, gids: np.ndarray) -> dict[str, tuple[int, ...]]:
    """Each key's villages, ascending. A loop over the (village, year) rows: a pandas
    groupby pays per group, and --by village has one group per village."""
    found: dict[str, set[int]] = {}
    for key, gid in zip(keys.tolist(), gids.tolist(), strict=True):
        found.setdefault(str(key), set()).add(gid)
    return {key: tuple(sorted(v)) for key, v in found.items()}


def result_rows(
    aggregates: list[Aggregate],
    groups: GroupTable,
    indicator_ids: Sequence[str],
    d: Definitions,
    targets: dict[str, Target],
    extras: Extras,
) -> list[ResultRow]:
    formulas = all_formulas(d)
    all_targets = targets_in_force(d, targets)
    values = {i: _values(i, formulas[i], aggregates, d, extras, groups) for i in indicator_ids}
    with _collector_paused():
        return _rows(aggregates, groups, indicator_ids, values, formulas, all_targets)


def _values(ind_id: str, formula: Formula, aggregates: list[Aggregate], d: Definitions,
            extras: Extras, groups: GroupTable) -> list[Value]:
    """The indicator's value in each group; null with `needs …` without a kind it needs."""
    missing = [k for k in REGISTRY[ind_id].needs if k not in extras.kinds]
    if missing:
        from jisheng_cli.indicators.women import NEEDS_NOTE

        return [Value(None, None, None, note=NEEDS_NOTE[missing[0]]) for _ in aggregates]
    return evaluate_many(formula, aggregates, d, extras, groups)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the rows are made: they hold no cycles, and each
    collection of the older generations walks every object of the run (a third of the
    time of 34,000 rows at --by village)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _rows(aggregates: list[Aggregate], groups: GroupTable, indicator_ids: Sequence[str],
          values: dict[str, list[Value]], formulas: dict[str, Formula],
          all_targets: dict[str, Target]) -> list[ResultRow]:
    # What depends on the indicator only, looked up once, not per group.
    plan = [(ind_id, REGISTRY[ind_id].unit, formulas[ind_id], values[ind_id],
             all_targets.get(ind_id)) for ind_id in indicator_ids]
    rows: list[ResultRow] = []
    append = rows.append
    for n, agg in enumerate(aggregates):
        code, name = (None, TOTAL_NAME["zh"]) if agg.level == "total" else groups.describe(
            agg.level, agg.key
        )
        level, year, terms = agg.level, agg.year, agg.terms
        for ind_id, unit, formula, computed, target in plan:
            v = computed[n]
            exact = exact_value(formula, terms, v)
            if target is None:
                gap_exact, t_min, t_max, t_source = None, None, None, None
            else:
                t_min, t_max, t_source = target.min, target.max, target.source
                gap_exact = exact_gap(exact, t_min, t_max)
            gap, status = judge(v.value, v.low, v.high, target, v.note, gap_exact)
            append(
                ResultRow(
                    group_level=level, group_code=code, group_name=name, year=year,
                    indicator=ind_id, numerator=v.numerator, denominator=v.denominator,
                    value=v.value, unit=unit, ci_low=v.low, ci_high=v.high,
                    target_min=t_min, target_max=t_max, target_source=t_source,
                    gap=gap, status=status, note=v.note, exact_value=exact,
                    exact_gap=gap_exact,
                )
            )
    return rows
