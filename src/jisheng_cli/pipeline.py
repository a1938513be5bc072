"""The run: open inputs, stream each kind through checks, de-duplication and partial sums,
match a field check against the register, then assemble the report. Library code: raises
typed errors, never prints."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from jisheng_cli import __version__
from jisheng_cli.assemble import Extras, aggregate, result_rows, village_frame
from jisheng_cli.change import attach_changes
from jisheng_cli.coverage import check_asked_period, main_kind, main_span, mark_partial
from jisheng_cli.engine.births import stream_births
from jisheng_cli.engine.fees import stream_fees
from jisheng_cli.engine.population import load_population
from jisheng_cli.engine.state import RunState, open_source
from jisheng_cli.engine.survey import load_checked, load_survey, survey_frame
from jisheng_cli.engine.women_run import run_women
from jisheng_cli.errors import InputError, UsageError
from jisheng_cli.findings import Finding
from jisheng_cli.groups import GroupTable
from jisheng_cli.indicators import cube
from jisheng_cli.indicators.registry import REGISTRY, for_kinds
from jisheng_cli.levels import COUNTY, YEAR
from jisheng_cli.periods import Period, statistical_year, statistical_year_bounds
from jisheng_cli.readers.inputs import Input
from jisheng_cli.readers.sources import Source
from jisheng_cli.readers.twice import refuse_twice
from jisheng_cli.results import InputSummary, Report, ResultRow
from jisheng_cli.settings import Settings

# Kinds whose rows carry village columns.
STREAMED = ("births", "fees", "survey", "women", "procedures", "women_survey")


@dataclass
class Outcome:
    report: Report
    findings: list[Finding]
    warnings: dict[str, int] = field(default_factory=dict)  # warned rows per input path

    @property
    def rejected_rows(self) -> int:
        return sum(i.rows_rejected for i in self.report.inputs)

    def missed_targets(self, configured: set[str]) -> list[ResultRow]:
        """The rows whose configured target is missed, in output order."""
        return [r for r in self.report.rows
                if r.indicator in configured and r.status in ("missed", "missed_significant")]

    def missed_configured_targets(self, configured: set[str]) -> int:
        return len(self.missed_targets(configured))


def choose_indicators(requested: list[str] | None, kinds: set[str], settings: Settings
                      ) -> list[str]:
    available = [i.id for i in for_kinds(kinds)]
    if not settings.config.definitions.survey_independent:
        # The dual-system estimate assumes the check was independent of the register.
        available = [i for i in available if i != "registration_completeness"]
    if requested is None:
        return [i for i in available if REGISTRY[i].default]
    unknown = [i for i in requested if i not in REGISTRY]
    if unknown:
        raise UsageError("unknown_indicator", id=unknown[0])
    missing = [i for i in requested if i not in available]
    if missing:
        ind = REGISTRY[missing[0]]
        if ind.id == "registration_completeness":
            raise UsageError("indicator_needs_setting", id=ind.id,
                             setting="survey_independent = true")
        if ind.kind in ("survey", "population"):  # measured against the births register
            raise UsageError("indicator_needs_file_and_births", id=ind.id, kind=ind.kind)
        raise UsageError("indicator_needs_file", id=ind.id, kind=ind.kind)
    return list(dict.fromkeys(requested))


def run(sources: list[Source], settings: Settings) -> Outcome:
    if settings.engine == "dask" and any(s.is_stdin for s in sources):
        # Checked before anything is read: workers open the files themselves.
        raise UsageError("dask_stdin")
    files: list[Input] = []
    try:
        for s in sources:
            files.append(open_source(s, settings))
        refuse_twice([(f.source, f.kind) for f in files])  # before the first batch is read
        return _run(files, settings)
    finally:
        for f in files:
            f.close()


def _kinds_check(files: list[Input]) -> dict[str, list[int]]:
    by_kind: dict[str, list[int]] = {}
    for i, f in enumerate(files):
        by_kind.setdefault(f.kind, []).append(i)
    for kind in ("survey", "checked", "population"):
        if kind in by_kind and "births" not in by_kind:
            raise InputError("needs_births", path=files[by_kind[kind][0]].path, kind=kind)
    if "checked" in by_kind and "survey" not in by_kind:
        raise InputError("checked_needs_survey", path=files[by_kind["checked"][0]].path)
    if "women_survey" in by_kind and "women" not in by_kind:
        raise InputError("women_survey_needs_women",
                         path=files[by_kind["women_survey"][0]].path)
    return by_kind


def compare_settings(settings: Settings) -> tuple[Settings, int | None]:
    """--compare-previous: the run by year, over the asked period and the statistical year
    before it (so that the period's first year has its previous), and that extra year
    (None without a start to the period: every year in the data is computed anyway)."""
    if not settings.compare_previous:
        return settings, None
    asked = settings.period
    if asked.part_year():
        raise UsageError("compare_needs_whole_years", period=asked.text())
    by = settings.by if YEAR in settings.by else [*settings.by, YEAR]
    if asked.start is None:
        return replace(settings, by=by), None
    extra = statistical_year(asked.start) - 1
    period = Period(statistical_year_bounds(extra)[0], asked.end)
    return replace(settings, by=by, period=period), extra


def _run(files: list[Input], settings: Settings) -> Outcome:
    asked = settings.period  # what the output stands for; the run may read a year more
    settings, extra_year = compare_settings(settings)
    definitions = settings.config.definitions
    by_kind = _kinds_check(files)
    streamed = [f for f in files if f.kind in STREAMED]
    by_code = all("village_code" in f.match.columns for f in streamed)
    if not by_code and COUNTY in settings.by:
        raise UsageError("county_needs_codes")
    summaries = [InputSummary(f.path, f.kind, f.encoding, header_row=f.header_row,
                              ignored_columns=f.match.ignored) for f in files]
    state = RunState(files, summaries, GroupTable(by_code), settings)

    survey = load_survey(state, by_kind.get("survey", [])) if "survey" in by_kind else None
    checked = load_checked(state, by_kind.get("checked", []))
    mothers = np.unique(survey.data["id17"]) if survey is not None else None
    if settings.engine == "dask":
        from jisheng_cli.engine.dask_engine import stream_births_dask

        register = stream_births_dask(state, by_kind.get("births", []), mothers,
                                      keep_births="women" in by_kind)
    else:
        register = stream_births(state, by_kind.get("births", []), mothers,
                                 keep_births="women" in by_kind)
    women = run_women(state, by_kind, register.kept, register.partial)
    fee_terms = stream_fees(state, by_kind["fees"]) if "fees" in by_kind else pd.DataFrame()
    population = load_population(state, by_kind.get("population", []))
    state.note_repeats()

    for fi, summary in enumerate(summaries):
        if summary.rows_read == 0:
            raise InputError("no_data_rows", path=files[fi].path)
        if settings.compute and summary.valid_rows == 0 and files[fi].kind in STREAMED:
            raise InputError("no_usable_row", path=files[fi].path, read=summary.rows_read,
                             rejected=summary.rows_rejected, blank=summary.rows_skipped_blank)
    check_asked_period(asked, summaries)
    state.findings.sort(key=lambda t: (t[0], t[1], t[2]))

    kinds = set(by_kind)
    ids = choose_indicators(settings.indicators, kinds, settings)
    rows = []
    if settings.compute:
        others = [fee_terms, *women.yearly]
        checked_gids: set[int] = set()
        if survey is not None:
            checked_gids = set(np.unique(survey.data["gid"]).tolist()) | checked
            others.append(survey_frame(state, survey, register.candidates, register.partial,
                                       register.register_gids, checked_gids))
            state.findings.sort(key=lambda t: (t[0], t[1], t[2]))
        village = village_frame(register.partial, others)
        village, before = _split_year(village, extra_year)
        if extra_year is not None and not len(village):
            _no_records(asked, summaries)
        extras = Extras(
            village_terms=village,
            checked=checked_gids,
            register_gids=register.register_gids,
            population=population,
            period_years=_period_years(asked, register.partial),
            part_year=asked.part_year(),
            kinds=kinds,
            women_checked=women.checked,
            whole_terms=women.whole,
        )
        aggregates = aggregate(village, state.groups, settings.by, YEAR in settings.by,
                               women.whole)
        rows = result_rows(aggregates, state.groups, ids, definitions,
                           dict(settings.config.targets), extras)
        mark_partial(rows, summaries, asked, settings.as_of)
        if settings.compare_previous:
            # The extra year's rows give the first asked year its previous, then go; they
            # are judged partial in the period read, so a short previous year is told.
            earlier = [a for a in aggregate(before, state.groups, settings.by, True, women.whole)
                       if a.year is not None] if len(before) else []
            earlier_extras = replace(extras, village_terms=before)
            earlier_rows = result_rows(earlier, state.groups, ids, definitions,
                                       dict(settings.config.targets), earlier_extras)
            mark_partial(earlier_rows, summaries, settings.period, settings.as_of)
            attach_changes(rows + earlier_rows, definitions.confidence)
    start_iso, end_iso = asked.iso()
    report = Report(
        version=__version__,
        period_from=start_iso,
        period_to=end_iso,
        as_of=settings.as_of.isoformat(),
        by=list(settings.by),
        definitions=definitions.model_dump(mode="json"),
        inputs=summaries,
        rows=rows,
        indicators=ids,
        compare_previous=settings.compare_previous,
    )
    return Outcome(report, [t[3] for t in state.findings], dict(state.warnings))


def _period_years(period: Period, births_partial: cube.Partial) -> list[int]:
    """The statistical years a pooled rate divides by: the period's, else the data's."""
    years = period.years()
    if years is not None:
        return years
    from jisheng_cli.indicators import births

    _, data_years, _ = cube.dense(births_partial, births.N_CELLS)
    return sorted(set(data_years.tolist()))


def _split_year(village: pd.DataFrame, year: int | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The village × year terms without statistical year `year`, and those of it."""
    if year is None:
        return village, village.iloc[:0]
    of_year = village.index.get_level_values("year") == year
    return village[~of_year], village[of_year]


def _no_records(asked: Period, summaries: list[InputSummary]) -> None:
    """The asked period holds no record though the year before does (--compare-previous
    read it too, so check_asked_period saw rows used): the same error as without it."""
    span = main_span(summaries)
    kind = main_kind(s.kind for s in summaries)
    paths = [s.path for s in summaries if s.kind == kind]
    raise InputError("no_records_in_period", path=", ".join(paths), period=asked.text(),
                     span=span.text() if span else "")
