"""The women's kinds in a run: the procedures ledger, the women's field check and the
register itself, streamed after the births register (whose kept births they join), and
the frames of terms they add to the report."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jisheng_cli.engine.procedures import stream_procedures
from jisheng_cli.engine.state import RunState
from jisheng_cli.engine.stock import stock_dates
from jisheng_cli.engine.women import FirstBirths, stream_women
from jisheng_cli.engine.women_joins import (
    load_women_survey,
    mothers_not_registered,
    women_frames,
)
from jisheng_cli.indicators import births as births_family
from jisheng_cli.indicators import cube
from jisheng_cli.levels import YEAR

WOMEN_KINDS = ("women", "procedures", "women_survey")


@dataclass
class WomenPart:
    yearly: list[pd.DataFrame] = field(default_factory=list)  # (gid, year) frames
    whole: pd.DataFrame | None = None  # gid → terms at the period's S
    checked: set[int] = field(default_factory=set)  # the women's field check's villages


def run_women(state: RunState, by_kind: dict[str, list[int]], births_kept:
              dict[str, np.ndarray] | None, births_partial: cube.Partial) -> WomenPart:
    out = WomenPart()
    settings = state.settings
    d = settings.config.definitions
    years: set[int] = set()
    if "procedures" in by_kind:
        flows = stream_procedures(state, by_kind["procedures"])
        if len(flows):
            out.yearly.append(flows)
            years.update(flows.index.get_level_values("year").tolist())
    if "women" not in by_kind:
        return out
    _, birth_years, _ = cube.dense(births_partial, births_family.N_CELLS)
    years.update(birth_years.tolist())
    dates = stock_dates(settings.period, settings.as_of, YEAR in settings.by, sorted(years))
    survey = (load_women_survey(state, by_kind["women_survey"], dates[0])
              if "women_survey" in by_kind else None)
    first = None
    if any("children_count" not in state.files[fi].match.columns for fi in by_kind["women"]):
        first = FirstBirths.of(births_kept)
    if settings.engine == "dask":
        from jisheng_cli.engine.dask_women import stream_women_dask

        women = stream_women_dask(state, by_kind["women"], dates, first)
    else:
        women = stream_women(state, by_kind["women"], dates, first)
    if births_kept is not None:
        mothers_not_registered(state, births_kept, women)
    out.whole, yearly = women_frames(women, births_kept, survey, d)
    if len(yearly):
        out.yearly.append(yearly)
    if survey is not None:
        out.checked = survey.villages()
    return out
