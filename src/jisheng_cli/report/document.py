"""The report as plain data: what each section shows, built from a run's Outcome.

Texts of tables come formatted here (half-up at the indicator's decimals, thousands
separators); charts keep figures' Funnel and Trend, which report.svg draws. Nothing here
knows HTML. Only counts, codes, place names and statistics enter: no register cell.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from jisheng_cli import figures
from jisheng_cli.change import Change, printed_change
from jisheng_cli.config import Definitions, ReportSettings
from jisheng_cli.coverage import PARTIAL
from jisheng_cli.indicators.model import Indicator, has_note
from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.indicators.targets import NORMAL_RANGE_SOURCE
from jisheng_cli.levels import COUNTY, TOTAL, TOWNSHIP, VILLAGE
from jisheng_cli.messages import message_lang
from jisheng_cli.messages.change import CHANGE_WORDS, change_sentence
from jisheng_cli.messages.findings import CODES
from jisheng_cli.messages.report import label
from jisheng_cli.pipeline import Outcome
from jisheng_cli.render.grid import indicator_header, status_word
from jisheng_cli.render.numbers import decimals_for
from jisheng_cli.render.table import LEGEND, legend_text, markers_for, target_text
from jisheng_cli.report.text import exact_text, signed, value_text
from jisheng_cli.results import InputSummary, Report, ResultRow

TOP_FINDINGS = 10  # finding codes listed per input in the quality section
NO_DATE = "—"  # a date span a file does not have (a women's register: a stock date)


@dataclass(frozen=True)
class HeadlineRow:
    indicator: str
    label: str
    value: str
    markers: str  # the terminal table's markers (render.table.markers_for)
    interval: str
    target: str
    source: str
    status: str  # a word in the report's language
    status_id: str  # met, missed, missed_significant or ""
    gap: str
    change: str


@dataclass(frozen=True)
class YoyRow:
    indicator: str
    label: str
    current: str
    previous: str
    change: str
    interval: str
    significant: str  # yes / no in the report's language; "" when no test applies
    sentence: str  # messages.change.change_sentence


@dataclass(frozen=True)
class FunnelSection:
    indicator: str
    label: str
    level: str
    chart: figures.Funnel | figures.NoFunnel


@dataclass(frozen=True)
class TrendSection:
    indicator: str
    label: str
    trend: figures.Trend


@dataclass(frozen=True)
class FindingCount:
    code: str
    count: int
    message: str  # the catalogue's title of the code, without its parameters


@dataclass(frozen=True)
class QualityFile:
    path: str
    kind: str
    counts: tuple[str, ...]  # read, used, rejected, duplicate, out of period, blank
    span: str
    findings: tuple[FindingCount, ...]


@dataclass(frozen=True)
class Document:
    lang: str  # "zh" or "en" (id writes English words)
    title: str
    period: str
    as_of: str
    version: str
    definitions: tuple[str, ...]  # "name = value" of every non-default definition
    year: int | None  # the headline year
    headline: tuple[HeadlineRow, ...]
    legend: str
    yoy: tuple[YoyRow, ...]
    compared: bool  # the run compared each year with the one before (not for a part year)
    settings: ReportSettings
    min_trials: int  # definitions.min_denominator: fewer trials over all units, no funnel
    funnels: tuple[FunnelSection, ...]
    trends: tuple[TrendSection, ...]
    quality: tuple[QualityFile, ...]


def report_lang(lang: str) -> str:
    """The report's language: its words are zh or English (--lang id: English)."""
    return "zh" if lang == "zh" else "en"


def headline_year(report: Report, asked_years: Sequence[int] | None) -> int | None:
    """The last year of an asked period; else the latest statistical year whose total rows
    are none of them `partial` (data that run three months into a year head the year
    before), the latest when every year is partial."""
    if asked_years:
        return max(asked_years)
    years = {r.year for r in report.rows if r.year is not None}
    partial = {r.year for r in report.rows
               if r.group_level == TOTAL and r.year is not None and has_note(r.note, PARTIAL)}
    whole = years - partial
    return max(whole or years) if years else None


def report_levels(by: Sequence[str]) -> list[str]:
    """The run's --by: the user's levels with village and year added, total first."""
    return list(dict.fromkeys([TOTAL, *by, VILLAGE, "year"]))


def build_document(outcome: Outcome, settings: ReportSettings, user_by: Sequence[str],
                   asked_years: Sequence[int] | None, lang: str) -> Document:
    report = outcome.report
    lang = report_lang(lang)
    year = headline_year(report, asked_years)
    totals = {r.indicator: r for r in report.rows if r.group_level == TOTAL and r.year == year}
    ids = [i for i in report.indicators if i in REGISTRY]
    headline = tuple(_headline_row(totals[i], lang) for i in ids if i in totals)
    yoy = tuple(_yoy_row(totals[i], lang) for i in ids
                if i in totals and totals[i].change is not None)
    used = {m for h in headline for m in LEGEND[lang] if m in h.markers}
    levels = [VILLAGE, *([TOWNSHIP] if TOWNSHIP in user_by else [])]
    min_trials = Definitions.model_validate(report.definitions).min_denominator
    return Document(
        lang=lang,
        title=_title(report, year, lang),
        period=_period(report, lang),
        as_of=report.as_of,
        version=report.version,
        definitions=_definitions(report),
        year=year,
        headline=headline,
        legend=legend_text(used, lang) if used else "",
        yoy=yoy,
        compared=report.compare_previous,
        settings=settings,
        min_trials=min_trials,
        funnels=tuple(_funnels(report.rows, ids, levels, year, settings, totals, min_trials,
                               lang)),
        trends=tuple(_trends(report.rows, ids, lang)),
        quality=tuple(_quality(s, outcome, lang) for s in report.inputs),
    )


def indicator_label(indicator_id: str, lang: str) -> str:
    return indicator_header(REGISTRY[indicator_id], lang)


def _title(report: Report, year: int | None, lang: str) -> str:
    counties = {r.group_name for r in report.rows if r.group_level == COUNTY and r.group_name}
    head = (label("title_area", lang, area=counties.pop()) if len(counties) == 1
            else label("title", lang))
    if year is None:
        return head
    return label("title_join", lang, head=head, year=label("title_year", lang, year=year))


def _period(report: Report, lang: str) -> str:
    a, b = report.period_from, report.period_to
    if a and b:
        return label("period_range", lang, start=a, end=b)
    if a:
        return label("period_from", lang, start=a)
    if b:
        return label("period_to", lang, end=b)
    return label("period_all", lang)


def _definitions(report: Report) -> tuple[str, ...]:
    defaults = Definitions().model_dump(mode="json")
    return tuple(f"{k} = {json.dumps(v, ensure_ascii=False)}"
                 for k, v in report.definitions.items() if defaults.get(k) != v)


def _headline_row(r: ResultRow, lang: str) -> HeadlineRow:
    ind = REGISTRY[r.indicator]
    value = r.exact_value if r.exact_value is not None else r.value
    lo, hi = value_text(r.ci_low, ind), value_text(r.ci_high, ind)
    return HeadlineRow(
        indicator=r.indicator,
        label=indicator_label(r.indicator, lang),
        value=value_text(value, ind),
        markers=markers_for(r.status, r.note),
        interval=f"[{lo}, {hi}]" if lo and hi else "",
        target=target_text(r.target_min, r.target_max),
        source=source_text(r, lang),
        status=status_word(r.status, lang) or "",
        status_id=r.status or "",
        gap=in_points(signed(value_text(r.exact_gap if r.exact_gap is not None else r.gap, ind)),
                      ind.unit, lang),
        change=change_text(r, ind, lang),
    )


def source_text(r: ResultRow, lang: str) -> str:
    """Where a target comes from: the config's words, or the sex ratios' default range
    in words (its key names where to change it)."""
    if r.target_source == NORMAL_RANGE_SOURCE and r.target_min is not None \
            and r.target_max is not None:
        return label("source_srb_normal_range", lang, low=exact_text(r.target_min),
                     high=exact_text(r.target_max))
    return r.target_source or ""


def change_text(r: ResultRow, ind: Indicator, lang: str) -> str:
    """The change as printed beside the two values (change.printed_change), signed, in
    points for a %."""
    current = r.exact_value if r.exact_value is not None else r.value
    previous = r.exact_previous if r.exact_previous is not None else r.previous
    diff = printed_change(current, previous, decimals_for(ind, None))
    if diff is None or r.change is None:
        return ""
    return in_points(signed(value_text(Fraction(diff), ind)), ind.unit, lang)


def _yoy_row(r: ResultRow, lang: str) -> YoyRow:
    ind = REGISTRY[r.indicator]
    lo, hi = value_text(r.change_ci_low, ind), value_text(r.change_ci_high, ind)
    previous = r.exact_previous if r.exact_previous is not None else r.previous
    significant = ("" if r.change_significant is None else
                   label("significant_yes" if r.change_significant else "significant_no", lang))
    return YoyRow(
        indicator=r.indicator,
        label=indicator_label(r.indicator, lang),
        current=value_text(r.exact_value if r.exact_value is not None else r.value, ind),
        previous=value_text(previous, ind),
        change=change_text(r, ind, lang),
        interval=f"[{lo}, {hi}]" if lo and hi else "",
        significant=significant,
        sentence=change_sentence(r.indicator, r, Change.of_row(r), lang),
    )


def in_points(text: str, unit: str, lang: str) -> str:
    """A difference of two values: percentage points for a %, ‰ points for a ‰ rate,
    the indicator's own unit otherwise (a count's cases, a ratio's 女=100)."""
    if not text or unit not in ("%", "‰"):
        return text
    # The point words of the 同比 sentence (one table, which the audit reads back).
    return f"{text} {CHANGE_WORDS[message_lang(lang)][unit][2]}"


def _funnels(rows: Sequence[ResultRow], ids: Sequence[str], levels: Sequence[str],
             year: int | None, settings: ReportSettings, totals: dict[str, ResultRow],
             min_trials: int, lang: str) -> list[FunnelSection]:
    out: list[FunnelSection] = []
    for i in ids:
        name = indicator_label(i, lang)
        if figures.funnel_kind(i) is None:
            if figures.no_funnel_reason(i) == figures.NO_FUNNEL_CLUSTER:
                out.append(FunnelSection(i, name, VILLAGE,
                                         figures.NoFunnel(i, VILLAGE, figures.NO_FUNNEL_CLUSTER)))
            continue
        for level in levels:
            out.append(FunnelSection(i, name, level, figures.funnel(
                rows, i, level, year, settings, totals.get(i), min_trials=min_trials)))
    return out


def _trends(rows: Sequence[ResultRow], ids: Sequence[str], lang: str) -> list[TrendSection]:
    """Each indicator of the total with a value in two statistical years or more."""
    return [TrendSection(t.indicator, indicator_label(t.indicator, lang), t)
            for t in figures.trends(rows, ids)
            if sum(p.value is not None for p in t.points) >= 2]


def _quality(s: InputSummary, outcome: Outcome, lang: str) -> QualityFile:
    counts = Counter(f.code for f in outcome.findings if f.file == s.path)
    # Commonest first; a tie by code, so that the order never depends on the run.
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_FINDINGS]
    span = (f"{s.first_date} – {s.last_date}" if s.first_date and s.last_date else NO_DATE)
    return QualityFile(
        path=s.path,
        kind=s.kind,
        counts=tuple(exact_text(n) for n in (s.rows_read, s.rows_used, s.rows_rejected,
                                              s.rows_duplicate, s.rows_out_of_period,
                                              s.rows_skipped_blank)),
        span=span,
        findings=tuple(FindingCount(code, n, _code_title(code, lang)) for code, n in top),
    )


def _code_title(code: str, lang: str) -> str:
    """The catalogue's message of a code with its fields left out ("…"): a field is
    filled from one finding, and a row count has many."""
    entry = CODES.get(code)
    if entry is None:
        return ""
    text = entry.zh if lang == "zh" else entry.en
    return re.sub(r"\{[^{}]*\}", "…", text)
