"""The terminal table (rich): readable at a glance, never a wrapped number.

Wide layout: one row per group, indicator columns split over as many consecutive
tables as the width needs (the name column repeated in each); long layout: one row per
group × indicator. Flags are ASCII-safe markers after the number, explained by a
legend that lists only the markers actually shown.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, BinaryIO

from jisheng_cli.coverage import PARTIAL
from jisheng_cli.indicators.model import has_note
from jisheng_cli.levels import level_label
from jisheng_cli.render.columns import (
    GAP,
    Col,
    cell_width,
    fair_widths,
    fit_width,
    make_console,
    pack,
    rich_table,
)
from jisheng_cli.render.grid import (
    Cell,
    Grid,
    change_of,
    group_name,
    indicator_for,
    status_word,
    wide_grid,
)
from jisheng_cli.render.numbers import (
    decimals_for,
    format_cell,
    format_exact,
    grouped,
    round_half_up,
)
from jisheng_cli.render.options import RenderOptions
from jisheng_cli.results import Report

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

MISSED, MISSED_SIGNIFICANT, SMALL, FEW, PART = "*", "**", "†", "‡", "§"
_NOTE_MARKERS = (SMALL, FEW, PART)
_STATUS_MARKERS = {"missed": MISSED, "missed_significant": MISSED_SIGNIFICANT}
_MARKER_STYLES = {MISSED: "red", MISSED_SIGNIFICANT: "bold red", SMALL: "yellow",
                  FEW: "yellow", PART: "yellow"}

LEGEND = {  # the markers' meanings (the report's headline reads them too)
    "zh": {MISSED: "未达目标", MISSED_SIGNIFICANT: "区间整体在目标之外",
           SMALL: "分母小于最小值,仅供参考", FEW: "抽查村少于 5 个,区间宽,仅供参考",
           PART: "统计年度数据不完整"},
    "en": {MISSED: "target missed", MISSED_SIGNIFICANT: "whole interval outside the target",
           SMALL: "small denominator, indicative only",
           FEW: "fewer than 5 checked villages: a wide interval, indicative only",
           PART: "the data cover part of the statistical year"},
}
_LONG_HEADERS = {
    "zh": {"group_level": "层级", "group_name": "名称", "year": "统计年度", "label": "指标",
           "value": "数值", "numerator": "分子", "denominator": "分母", "ci": "置信区间",
           "target": "目标", "status": "状态", "note": "备注", "previous": "上年",
           "change": "变化", "change_ci": "变化区间", "change_significant": "显著"},
    "en": {"group_level": "Level", "group_name": "Name", "year": "Year", "label": "Indicator",
           "value": "Value", "numerator": "Numerator", "denominator": "Denominator",
           "ci": "CI", "target": "Target", "status": "Status", "note": "Note",
           "previous": "Previous", "change": "Change", "change_ci": "Change CI",
           "change_significant": "Significant"},
}
_YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}
_ALL_YEARS = {"zh": "全部", "en": "all", "id": "all"}
_MISSING = "-"

# Names wrap beyond this width rather than push indicator columns off the screen.
_NAME_CAP = 24


def _words(lang: str) -> str:
    return "zh" if lang == "zh" else "en"


def title_line(report: Report, lang: str) -> str:
    zh = lang == "zh"
    a, b = report.period_from, report.period_to
    if a and b:
        period = f"统计期 {a} 至 {b}" if zh else f"Period {a} to {b}"
    elif a:
        period = f"统计期 {a} 起" if zh else f"Period from {a}"
    elif b:
        period = f"统计期 至 {b}" if zh else f"Period to {b}"
    else:
        period = "全部记录" if zh else "All records"
    as_of = f"截至日期 {report.as_of}" if zh else f"as of {report.as_of}"
    return f"{period}  {as_of}"


def markers_for(status: str | None, note: str | None) -> str:
    m = _STATUS_MARKERS.get(status or "", "")
    if has_note(note, "small"):
        m += SMALL
    if has_note(note, "few_clusters"):
        m += FEW
    if has_note(note, PARTIAL):
        m += PART
    return m


def legend_text(used: set[str], lang: str) -> str:
    """The meanings of the markers `used`, in the order of LEGEND's markers."""
    words = LEGEND[_words(lang)]
    return "  ".join(f"{m} {words[m]}" for m in (MISSED, MISSED_SIGNIFICANT, *_NOTE_MARKERS)
                     if m in used)


def _plain(s: str) -> str:
    # A tab or line break in a name would break the table's rows.
    return re.sub(r"[\t\r\n\x0b\x0c]+", " ", s)


def _table_header(header: str) -> str:
    # rich wraps at spaces only, so "一孩性别比(女=100)" would break inside the unit;
    # a space before the unit lets it go to its own line.
    return re.sub(r"(?<=\S)\(", " (", header)


def _shown(cell: Cell, precision: int | None) -> str:
    """A cell's text with thousands separators on its numbers (years and codes have none)."""
    text = cell.text(precision)
    return text if cell.is_text or cell.kind == "int" else grouped(text)


def _value_texts(cells: list[Cell], precision: int | None, color: bool,
                 used: set[str]) -> list[Text]:
    """Numbers with their markers, the markers padded to one width so that the numbers
    of a right-aligned column stay aligned on the decimal point."""
    from rich.text import Text

    pairs = []
    for c in cells:
        s = _shown(c, precision) or _MISSING
        m = markers_for(c.status, c.note) if not c.missing else ""
        pairs.append((s, m))
        used.update(x for x in (MISSED_SIGNIFICANT, MISSED, *_NOTE_MARKERS) if x in m)
    width = max((len(m) for _, m in pairs), default=0)
    out = []
    for s, m in pairs:
        t = Text(s, no_wrap=True)
        if width:
            t.append(" ")
            status = m.rstrip("".join(_NOTE_MARKERS))
            t.append(status, style=_MARKER_STYLES.get(status) if color and status else None)
            for note_mark in _NOTE_MARKERS:
                if note_mark in m[len(status):]:
                    t.append(note_mark, style=_MARKER_STYLES[note_mark] if color else None)
            t.append(" " * (width - len(m)))
        out.append(t)
    return out


def _wide_columns(grid: Grid, report: Report, opts: RenderOptions,
                  used: set[str]) -> tuple[list[Col], list[Col]]:
    """The columns repeated in every table (level?, name, year?) and the data columns."""
    from rich.text import Text

    keys = grid.keys
    fixed: list[Col] = []
    # The level only helps when several levels share the table; the code never does.
    if len({r.group_level for r in report.rows} - {"total"}) > 1:
        levels = [Text(_plain(r[0].text(None)), no_wrap=True) for r in grid.rows]
        fixed.append(Col(grid.headers[0], levels, False))
    names = [Text(_plain(r[2].text(None)), overflow="fold") for r in grid.rows]
    # The name column alone may wrap, rather than push indicator columns off the screen.
    fixed.append(Col(grid.headers[2], names, False,
                     width=fit_width(grid.headers[2], min(cell_width(names), _NAME_CAP))))
    if "year" in keys:
        i = keys.index("year")
        years = [Text(r[i].text(None) or _ALL_YEARS[opts.lang], no_wrap=True) for r in grid.rows]
        fixed.append(Col(grid.headers[i], years, False))

    data: list[Col] = []
    for i, col in enumerate(grid.columns):
        # The markers after each value already say its status.
        if col.indicator is None or col.part == "status":
            continue
        cells = [r[i] for r in grid.rows]
        if col.part == "value":
            texts = _value_texts(cells, opts.precision, opts.color, used)
        else:
            texts = [Text(_shown(c, opts.precision), no_wrap=True) for c in cells]
        data.append(Col(_table_header(col.header), texts, True, group=col.indicator.id))

    for c in fixed + data:
        if not c.width:
            c.width = fit_width(c.header, cell_width(c.cells))
    return fixed, data


def _print_wide(console: Console, report: Report, opts: RenderOptions, used: set[str]) -> None:
    grid = wide_grid(report, opts.lang, opts.detail)
    fixed, data = _wide_columns(grid, report, opts, used)
    for n, run in enumerate(pack(fixed, data, opts.width)):
        if n:
            console.print()
        console.print(rich_table(fixed + run, opts.color))


def target_text(lo: float | None, hi: float | None) -> str:
    """A target as the table prints it: "[103, 107]", ">= 90", "<= 5", grouped."""
    a, b = grouped(format_exact(lo)), grouped(format_exact(hi))
    if a and b:
        return f"[{a}, {b}]"
    if a:
        return f">= {a}"
    if b:
        return f"<= {b}"
    return ""


def _print_long(console: Console, report: Report, opts: RenderOptions, used: set[str]) -> None:
    from rich.text import Text

    lang, precision = opts.lang, opts.precision
    heads = _LONG_HEADERS.get(lang, {})
    several_levels = len({r.group_level for r in report.rows} - {"total"}) > 1
    by_year = "year" in report.by
    show_note = any(r.note for r in report.rows)

    keys = (["group_level"] if several_levels else []) + ["group_name"]
    keys += ["year"] if by_year else []
    keys += ["label", "value", "numerator", "denominator", "ci", "target", "status"]
    keys += ["note"] if show_note else []
    if report.compare_previous:
        keys += ["previous", "change", "change_ci", "change_significant"]
    numeric = {"value", "numerator", "denominator", "ci", "target", "year", "previous",
               "change", "change_ci"}

    value_cells = [Cell(r.value, "value", indicator_for(r.indicator, r.unit), r.status, r.note,
                        r.exact_value) for r in report.rows]
    values = _value_texts(value_cells, precision, opts.color, used)
    columns: dict[str, list[Text]] = {k: [] for k in keys}
    for r, value in zip(report.rows, values, strict=True):
        ind = indicator_for(r.indicator, r.unit)
        lo = grouped(format_cell(r.ci_low, ind, precision))
        hi = grouped(format_cell(r.ci_high, ind, precision))
        c_lo, c_hi = (round_half_up(x, decimals_for(ind, precision))
                      for x in (r.change_ci_low, r.change_ci_high))
        changed = Cell(r.change, "value", ind, change_of=change_of(r)).text(precision)
        yes_no = _YES_NO[_words(lang)]
        texts = {
            "group_level": level_label(r.group_level, lang),
            "group_name": _plain(group_name(r, lang) or ""),
            "year": str(r.year) if r.year is not None else _ALL_YEARS[lang],
            "label": ind.label(lang),
            "numerator": grouped(format_exact(r.numerator, ind)),
            "denominator": grouped(format_exact(r.denominator, ind)),
            "ci": f"[{lo}, {hi}]" if lo and hi else "",
            "target": target_text(r.target_min, r.target_max),
            "status": status_word(r.status, lang) or "",
            "note": _plain(r.note or ""),
            "previous": grouped(format_cell(r.exact_previous if r.exact_previous is not None
                                            else r.previous, ind, precision)),
            "change": grouped(changed),
            "change_ci": f"[{c_lo}, {c_hi}]" if c_lo and c_hi else "",
            "change_significant": "" if r.change_significant is None
            else yes_no[0 if r.change_significant else 1],
        }
        for k in keys:
            columns[k].append(value if k == "value" else
                              Text(texts[k], no_wrap=k not in _LONG_FLOORS, overflow="fold"))

    cols = {k: Col(heads.get(k, k), columns[k], k in numeric) for k in keys}
    for c in cols.values():
        c.width = fit_width(c.header, cell_width(c.cells))
    wrapping = {k: cols[k] for k in keys if k in _LONG_FLOORS}
    rigid = [cols[k] for k in keys if k not in _LONG_FLOORS]
    avail = opts.width - sum(c.width for c in rigid) - GAP * (len(keys) - 1)
    shared = fair_widths({k: c.width for k, c in wrapping.items()},
                         {k: min(_LONG_FLOORS[k], c.width) for k, c in wrapping.items()}, avail)
    if shared is not None:
        # One table: names, labels and notes wrap within the room the numbers leave.
        for k, w in shared.items():
            cols[k].width = w
        console.print(rich_table([cols[k] for k in keys], opts.color))
        return
    # Too narrow even for that: repeat who/what on the left, split the rest like the
    # wide layout does.
    for k, cap in _LONG_CAPS.items():
        if k in cols:
            cols[k].width = min(cols[k].width, cap)
    fixed_keys = [k for k in ("group_level", "group_name", "year", "label") if k in cols]
    fixed = [cols[k] for k in fixed_keys]
    data = [cols[k] for k in keys if k not in fixed_keys]
    for n, run in enumerate(pack(fixed, data, opts.width)):
        if n:
            console.print()
        console.print(rich_table(fixed + run, opts.color))


# The long table's columns that may wrap, and how narrow they may get in one table.
_LONG_FLOORS = {"group_name": 8, "label": 8, "note": 6}
# Their widths when the long table has to be split.
_LONG_CAPS = {"group_name": 16, "label": 16, "note": 20}


def write_table(report: Report, opts: RenderOptions, stream: BinaryIO) -> None:
    from rich.text import Text

    buf = io.StringIO()
    console = make_console(buf, opts.width, opts.color)
    console.print(Text(title_line(report, opts.lang)))
    console.print()
    used: set[str] = set()
    if opts.layout == "long":
        _print_long(console, report, opts, used)
    else:
        _print_wide(console, report, opts, used)
    if used:
        console.print()
        console.print(Text(legend_text(used, opts.lang)))
    stream.write(buf.getvalue().encode("utf-8"))
