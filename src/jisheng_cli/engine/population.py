"""Population files: one level per file (village, township or county), by year or for all.

Files are small (one row per area), so each row is validated by the Pydantic model
directly; the level is read from the code columns and their values.
"""

from __future__ import annotations

import numpy as np
from pydantic import ValidationError

from jisheng_cli.checks.common import mask_value, validation_findings
from jisheng_cli.engine.state import RunState
from jisheng_cli.errors import InputError, ParseError
from jisheng_cli.findings import Finding, params
from jisheng_cli.indicators.population import PopulationTable
from jisheng_cli.levels import code_level, code_prefix
from jisheng_cli.records.population import PopulationRecord, check_plausible


def _level_of(record: PopulationRecord, by_code: bool) -> tuple[str, str] | None:
    """(level, key) of one row: the most specific code given, else names."""
    if record.village_code is not None:
        code = record.village_code
        level = code_level(code)
        return level, code_prefix(code, level)
    if record.township_code is not None:
        return "township", record.township_code
    if record.county_code is not None:
        return "county", record.county_code
    if not by_code and record.township_name:
        if record.village_name:
            return "village", f"{record.township_name}\x1f{record.village_name}"
        return "township", record.township_name
    return None


def load_population(state: RunState, indices: list[int]) -> PopulationTable | None:
    if not indices:
        return None
    by_code = state.groups.by_code
    levels: set[str] = set()
    years: set[bool] = set()
    values: dict[tuple[str, int | None], tuple[int, int]] = {}  # → (population, ref)
    for fi in indices:
        f = state.files[fi]
        summary = state.summaries[fi]
        ctx = state.context(fi, "population")
        names = list(f.match.columns)
        for raw in f.batches(state.settings.block_bytes):
            state.ragged(fi, raw)
            summary.rows_skipped_blank += int(raw.skipped_blank.sum())
            cells = {c: raw.columns[c].to_pylist() for c in names}
            for i in np.flatnonzero(~raw.skipped_blank):
                row = int(raw.rows[i])
                data = {c: cells[c][i] or "" for c in names}
                try:
                    record = PopulationRecord.model_validate(data, context=ctx.validation_context())
                except ValidationError as e:
                    summary.rows_rejected += 1
                    for finding in validation_findings(e, data, row, ctx):
                        state.add(fi, finding)
                    continue
                found = _level_of(record, by_code)
                if found is None:
                    summary.rows_rejected += 1
                    state.add(
                        fi,
                        Finding(
                            f.path,
                            row,
                            None,
                            "missing_value",
                            "error",
                            None,
                            variant="area",
                        ),
                    )
                    continue
                level, key = found
                try:
                    check_plausible(level, record.population)
                except ParseError as e:
                    summary.rows_rejected += 1
                    value = mask_value("population", data["population"], ctx.show_personal_data)
                    state.add(
                        fi, Finding(f.path, row, "population", e.code, "error", value,
                                    variant=e.variant, params=params(**e.params))
                    )
                    continue
                levels.add(level)
                years.add(record.year is not None)
                slot = (key, record.year)
                if slot in values:
                    summary.rows_duplicate += 1
                    state.count_repeats(fi, np.array([values[slot][1]]))
                    state.add(
                        fi,
                        Finding(
                            f.path,
                            row,
                            "population",
                            "duplicate",
                            "duplicate",
                            str(record.population),
                            variant="area_year",
                            params=state.kept_row(fi, values[slot][1]),
                        ),
                    )
                    continue
                values[slot] = (record.population, int(state.ref(fi, np.array([row]))[0]))
                summary.rows_used += 1
        if summary.rows_used == 0:
            raise InputError("no_usable_population_row", path=f.path)
    if len(levels) > 1 or len(years) > 1:
        raise InputError("population_levels", path=state.files[indices[0]].path)
    return PopulationTable(levels.pop(), years.pop(), {k: v[0] for k, v in values.items()})
