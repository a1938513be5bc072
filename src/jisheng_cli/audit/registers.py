"""The check against the registers: the indicator computed for the claim's group and
period with the run's definitions; `ok` only when equal at the printed decimals; where
another value of a [definitions] setting reproduces the printed figure, which one
(docs/audit.md).

The pipeline runs once per distinct period (not per claim), once more per statistical
year before a claim that prints a change without its previous figure, and once per
(period, setting = value) tried for a figure the definitions do not reproduce; every run
is cached. A printed count (numerator, denominator) that differs from the registers' is
a mismatch only when the value's own check is not one: a value the registers do not
reproduce already says the counts differ, and a setting that reproduces it explains them.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

from jisheng_cli.audit.lookup import (
    candidates_text,
    count_text,
    counts_text,
    exact_value,
    find_row,
    half_up_text,
    in_printed_unit,
    is_total,
    unit_fits,
)
from jisheng_cli.audit.model import Check, Claim, Status
from jisheng_cli.audit.periods_text import parse_period_text
from jisheng_cli.audit.printed import NotAFigure, Printed, parse_printed
from jisheng_cli.audit.rounding import printed_by, rounded
from jisheng_cli.audit.units import show, show_exact
from jisheng_cli.errors import InputError, UsageError
from jisheng_cli.indicators.model import Indicator, has_note
from jisheng_cli.levels import COUNTY, TOTAL, TOWNSHIP, VILLAGE
from jisheng_cli.periods import Period, statistical_year_bounds
from jisheng_cli.readers.sources import Source
from jisheng_cli.results import InputSummary, ResultRow
from jisheng_cli.settings import Settings

#: The [definitions] setting every indicator measured on births depends on.
PERIOD_BASIS = "period_basis"


@dataclass
class RegisterChecks:
    checks: dict[int, Check]  # by Claim.row
    # The registers' figure a statistical year before the claim's, for claims that print
    # a change but no previous figure (by Claim.row).
    previous: dict[int, Printed] = field(default_factory=dict)
    inputs: list[InputSummary] = field(default_factory=list)


@dataclass(frozen=True)
class _Ask:
    """A claim the registers can be asked about: its indicator and period are known."""

    claim: Claim
    printed: Printed
    indicator: Indicator
    period: Period


def _cannot(reason: str, **params: str) -> Check:
    return Check("registers", "cannot_check", reason, params)


def check_registers(items: Sequence[tuple[Claim, Printed, Indicator | None]],
                    sources: list[Source], settings: Settings) -> RegisterChecks:
    """A check per claim (cannot_check with the reason where none can be made)."""
    checks: dict[int, Check] = {}
    asks: list[_Ask] = []
    for claim, printed, indicator in items:
        if indicator is None:
            checks[claim.row] = _cannot("registers_not_indicator", label=claim.indicator)
            continue
        period = parse_period_text(claim.period) if claim.period else settings.period
        if period is None:
            checks[claim.row] = _cannot("registers_bad_period", period=claim.period or "")
            continue
        if not unit_fits(indicator, printed):
            checks[claim.row] = _cannot("registers_unit", unit=printed.unit or "—",
                                        indicator_unit=indicator.unit)
            continue
        asks.append(_Ask(claim, printed, indicator, period))
    if not asks:
        return RegisterChecks(checks, inputs=_opened(sources, settings)[0])
    opened, kinds, by_code = _opened(sources, settings)
    runnable = _runnable(asks, kinds, settings, checks)
    if not runnable:
        return RegisterChecks(checks, inputs=opened)
    groups = not all(is_total(a.claim.group) for a in runnable)
    runs = _Runs(sources, settings, runnable if kinds is not None else None, by_code, groups)
    previous_of = {a.claim.row: _year_before(a) for a in runnable}
    runs.refuse_stdin(list(dict.fromkeys([a.period for a in runnable]
                                         + [p for p in previous_of.values() if p])))
    if kinds is None and runs.rows(runnable[0].period) is not None:
        # Standard input's kind is known once it is read (in the one run).
        runnable = _runnable(runnable, {i.kind for i in runs.inputs}, settings, checks)
    for ask in runnable:
        checks[ask.claim.row] = _judge(ask, runs)
    previous: dict[int, Printed] = {}
    for ask in runnable:
        before = previous_of[ask.claim.row]
        figure = _previous_figure(ask, before, runs) if before else None
        if figure is not None:
            previous[ask.claim.row] = figure
    return RegisterChecks(checks, previous, runs.inputs or opened)


# ---- what the inputs allow -----------------------------------------------------------
def _runnable(asks: list[_Ask], kinds: set[str] | None, settings: Settings,
              checks: dict[int, Check]) -> list[_Ask]:
    """The asks the inputs' kinds allow; the others' cannot_check goes to `checks`."""
    out = []
    for ask in asks:
        refusal = _refusal(ask.indicator, kinds, settings) if kinds is not None else None
        if refusal is None:
            out.append(ask)
        else:
            checks[ask.claim.row] = refusal
    return out


def _opened(sources: list[Source], settings: Settings
            ) -> tuple[list[InputSummary], set[str] | None, bool]:
    """The inputs as their headers tell (a summary without counts: the report's list
    when no run is made), their kinds (None when standard input's kind is not given: it
    cannot be read ahead) and whether every register carries village codes (the county
    level)."""
    from jisheng_cli.engine.state import read_options
    from jisheng_cli.pipeline import STREAMED
    from jisheng_cli.readers.inputs import open_input

    summaries: list[InputSummary] = []
    kinds: set[str] | None = set()
    by_code = True
    for source in sources:
        if source.is_stdin:
            summaries.append(InputSummary(source.display, source.kind or "", ""))
            by_code = False  # unknown without reading it: no county rows
            if source.kind is None or kinds is None:
                kinds = None
            else:
                kinds.add(source.kind)
            continue
        f = open_input(source, read_options(settings))
        try:
            summaries.append(InputSummary(f.path, f.kind, f.encoding))
            if kinds is not None:
                kinds.add(f.kind)
            by_code &= f.kind not in STREAMED or "village_code" in f.match.columns
        finally:
            f.close()
    return summaries, kinds, by_code


def _refusal(indicator: Indicator, kinds: set[str], settings: Settings) -> Check | None:
    """cannot_check when the inputs' kinds (or a setting) do not give the indicator."""
    from jisheng_cli.indicators.registry import NEEDS

    needed = [indicator.kind, *sorted(NEEDS.get(indicator.kind, set())), *indicator.needs]
    missing = [k for k in needed if k not in kinds]
    if missing:
        return _cannot("registers_needs_kind", label=indicator.zh, kind=missing[0])
    if indicator.id == "registration_completeness" and not (
            settings.config.definitions.survey_independent):
        return _cannot("registers_needs_setting", label=indicator.zh,
                       setting="survey_independent = true")
    return None


# ---- the runs --------------------------------------------------------------------------
class _Runs:
    """The pipeline's rows by (period, setting, value), each computed once."""

    def __init__(self, sources: list[Source], settings: Settings, asks: list[_Ask] | None,
                 by_code: bool, groups: bool = True) -> None:
        """`asks`: the indicators to compute (None: the default ones, the inputs' kinds
        being unknown); `groups`: some claim names a group below the total."""
        from jisheng_cli.indicators.registry import REGISTRY

        self.sources = sources
        self.settings = settings
        wanted = {a.indicator.id for a in asks} if asks is not None else None
        self.ids = [i for i in REGISTRY if i in wanted] if wanted is not None else None
        self.by = [TOTAL]
        if groups:
            self.by += [COUNTY, TOWNSHIP, VILLAGE] if by_code else [TOWNSHIP, VILLAGE]
        self.stdin = any(s.is_stdin for s in sources)
        self.inputs: list[InputSummary] = []
        self._cache: dict[tuple[Period, str | None, str | None], list[ResultRow] | None] = {}

    def refuse_stdin(self, periods: list[Period]) -> None:
        """Standard input is read once: claims that need several runs are refused."""
        if self.stdin and len(periods) > 1:
            raise UsageError("audit_stdin_runs", runs=len(periods))

    def rows(self, period: Period, setting: str | None = None, value: str | None = None
             ) -> list[ResultRow] | None:
        """The rows of `period` (with `setting` = `value`); None when the period holds no
        record, or the setting cannot be used with these inputs."""
        key = (period, setting, value)
        if key not in self._cache:
            self._cache[key] = self._run(period, setting, value)
        return self._cache[key]

    def _run(self, period: Period, setting: str | None, value: str | None
             ) -> list[ResultRow] | None:
        from jisheng_cli.pipeline import run

        config = self.settings.config
        if setting is not None:
            definitions = config.definitions.model_copy(update={setting: value})
            config = config.model_copy(update={"definitions": definitions})
        settings = replace(self.settings, period=period, by=self.by, compute=True,
                           keep_findings=False, indicators=self.ids, compare_previous=False,
                           config=config)
        try:
            outcome = run(self.sources, settings)
        except InputError as e:
            # A period without records is its claims' problem, not the audit's; a setting
            # the inputs cannot give (report_date without the column) is not tried.
            if e.code == "no_records_in_period" or (
                    setting is not None and e.code == "report_date_column"):
                return None
            raise
        if not self.inputs:
            self.inputs = outcome.report.inputs
        return outcome.report.rows

    @property
    def alternatives_allowed(self) -> bool:
        return not self.stdin


# ---- the value's check -----------------------------------------------------------------
def _judge(ask: _Ask, runs: _Runs) -> Check:
    claim, printed, indicator = ask.claim, ask.printed, ask.indicator
    rows = runs.rows(ask.period)
    if rows is None:
        start, end = ask.period.iso()
        return _cannot("registers_no_records", period=f"{start or ''}..{end or ''}")
    found = find_row(rows, indicator.id, claim.group)
    if found.candidates:
        return _cannot("registers_ambiguous_group", group=claim.group or "",
                       candidates=candidates_text(found.candidates))
    row = found.row
    if row is None:
        return _cannot("registers_no_group", group=claim.group or "")
    exact = exact_value(row)
    if exact is None:
        return _cannot("registers_no_value", note=row.note or "—")
    value = in_printed_unit(exact, printed)
    params = {"printed": printed.text, "counts": counts_text(row),
              "exact": show_exact(value, printed.decimals, printed.unit, printed.factor),
              **_interval(row, printed, runs.settings.config.definitions.confidence)}
    expected = half_up_text(value, printed)

    def check(status: Status, reason: str, extra: dict[str, str] | None = None,
              rule: str | None = None, setting: str | None = None) -> Check:
        return Check("registers", status, reason, {**params, **(extra or {})}, expected,
                     float(value), rule, setting, ci_low=row.ci_low, ci_high=row.ci_high)

    rule = printed_by(value, printed.value, printed.decimals)
    if rule is None:
        setting = _setting_that_prints(ask, runs) if runs.alternatives_allowed else None
        if setting is not None:
            return check("mismatch", "registers_setting", setting=setting)
        return check("mismatch", "registers_mismatch")
    counts = _count_mismatch(claim, row)
    if counts is not None:
        return check("mismatch", "registers_count_mismatch", counts)
    if rule == "half_up":
        return check("ok", "registers_ok")
    return check("rounding", "registers_rounding", rule=rule)


_COLUMN_ZH = {"numerator": "分子", "denominator": "分母"}


def _interval(row: ResultRow, printed: Printed, confidence: float) -> dict[str, str]:
    """The registers' interval as the explanation shows it, for context only: ",95% 区间
    98.16%–98.40%" (zh) and ", 95% interval 98.16%–98.40%" (en); empty without one."""
    if row.ci_low is None or row.ci_high is None:
        return {"interval_zh": "", "interval_en": ""}
    low, high = (half_up_text(in_printed_unit(Fraction(str(b)), printed), printed)
                 for b in (row.ci_low, row.ci_high))
    level = f"{confidence * 100:g}%"
    return {"interval_zh": f",{level} 区间 {low}–{high}",
            "interval_en": f", {level} interval {low}–{high}"}


def _count_mismatch(claim: Claim, row: ResultRow) -> dict[str, str] | None:
    """The first printed count (numerator, then denominator) the registers' does not
    print as, at its own decimals and scale ("716万元" is any 7,155,000–7,164,999 yuan);
    an unreadable cell is the arithmetic check's to report."""
    for column, computed in (("numerator", row.numerator), ("denominator", row.denominator)):
        text = getattr(claim, column)
        if not text or computed is None:
            continue
        try:
            figure = parse_printed(text)
        except NotAFigure:
            continue
        mine = Fraction(str(computed)) if isinstance(computed, float) else Fraction(computed)
        if rounded(mine / figure.factor, figure.decimals, "half_up") != figure.value:
            return {"column": column, "column_zh": _COLUMN_ZH[column], "text": text,
                    "computed": count_text(computed)}
    return None


def alternative_settings(indicator: Indicator) -> list[tuple[str, tuple[str, ...]]]:
    """The [definitions] fields whose other values change `indicator`, with every value
    of each: its own setting when a choice of words (a Literal), and period_basis for
    what is measured on births."""
    from jisheng_cli.config import Definitions
    from jisheng_cli.indicators.registry import NEEDS

    names = [indicator.setting] if indicator.setting else []
    on_births = {indicator.kind, *NEEDS.get(indicator.kind, set()), *indicator.needs}
    if "births" in on_births:
        names.append(PERIOD_BASIS)
    out = []
    for name in dict.fromkeys(names):
        annotation = Definitions.model_fields[name].annotation
        if typing.get_origin(annotation) is typing.Literal:
            out.append((name, tuple(str(v) for v in typing.get_args(annotation))))
    return out


def _setting_that_prints(ask: _Ask, runs: _Runs) -> str | None:
    """The first other setting value whose run prints the figure half-up, as TOML."""
    current = runs.settings.config.definitions
    for name, values in alternative_settings(ask.indicator):
        for value in values:
            if value == getattr(current, name):
                continue
            rows = runs.rows(ask.period, name, value)
            row = find_row(rows, ask.indicator.id, ask.claim.group).row if rows else None
            exact = exact_value(row) if row is not None else None
            if exact is not None and printed_by(in_printed_unit(exact, ask.printed),
                                                ask.printed.value,
                                                ask.printed.decimals) == "half_up":
                return f'{name} = "{value}"'
    return None


# ---- the year before -------------------------------------------------------------------
def _year_before(ask: _Ask) -> Period | None:
    """The statistical year before the claim's, for a claim printing a change without
    its previous figure whose period is one whole statistical year."""
    if not ask.claim.change or ask.claim.previous:
        return None
    years = ask.period.years()
    if years is None or len(years) != 1 or ask.period.part_year():
        return None
    return Period(*statistical_year_bounds(years[0] - 1))


def _previous_figure(ask: _Ask, before: Period, runs: _Runs) -> Printed | None:
    """The registers' figure of the year before, as the claim prints its own; none when
    that year's records are partial (a change on a part year is no change on the year)."""
    rows = runs.rows(before)
    row = find_row(rows, ask.indicator.id, ask.claim.group).row if rows else None
    exact = exact_value(row) if row is not None else None
    if exact is None or row is None or has_note(row.note, "partial"):
        return None
    p = ask.printed
    value = rounded(in_printed_unit(exact, p), p.decimals, "half_up")
    return Printed(show(value, p.unit, p.factor), value, p.decimals, p.unit, p.factor)
