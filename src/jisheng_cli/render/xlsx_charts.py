"""The workbook's native charts (issue 13, part 2): a funnels sheet and a trends sheet, each
chart an editable xlsxwriter chart fed from data cells on the same sheet.

The chart data come from `jisheng_cli.figures`, as the HTML report's do, so the workbook and
the report draw the same numbers (docs/report.md "In the workbook").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.levels import TOTAL, TOWNSHIP, VILLAGE, level_label
from jisheng_cli.render.grid import indicator_header, report_indicators
from jisheng_cli.render.options import RenderOptions
from jisheng_cli.render.safety import safe_text
from jisheng_cli.results import Report, ResultRow

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from jisheng_cli.figures import Funnel, Trend

SHEETS = {"zh": ("漏斗图", "趋势"), "en": ("Funnels", "Trends"), "id": ("funnels", "trends")}

_WORDS = {
    "zh": {"code": "代码", "name": "名称", "n": "分母", "value": "数值", "curve_n": "n",
           "low95": "95% 下限", "high95": "95% 上限", "low998": "99.8% 下限",
           "high998": "99.8% 上限", "centre": "中心线", "year": "统计年度", "ci_low": "区间下限",
           "ci_high": "区间上限", "target_min": "目标下限", "target_max": "目标上限",
           "units": "单位", "limits": "控制限", "all_years": "全部"},
    "en": {"code": "Code", "name": "Name", "n": "n", "value": "Value", "curve_n": "n",
           "low95": "95% low", "high95": "95% high", "low998": "99.8% low",
           "high998": "99.8% high", "centre": "Centre", "year": "Year", "ci_low": "CI low",
           "ci_high": "CI high", "target_min": "Target min", "target_max": "Target max",
           "units": "Units", "limits": "Limits", "all_years": "all"},
}
_CENTRE_RULES = {
    "zh": {"target": "目标", "target_midpoint": "目标区间中点", "overall": "总体率"},
    "en": {"target": "the target", "target_midpoint": "the target's midpoint",
           "overall": "the overall rate"},
}
_FUNNEL_LEVELS = (VILLAGE, TOWNSHIP)
# Columns of a funnel block: the units (A–D), a gap, the limit curves and the centre (F–K),
# the chart from M. A block is at least as tall as its chart.
_UNIT_COL, _CURVE_COL, _CHART_COL = 0, 5, 12
_CHART_SIZE = {"x_scale": 1.5, "y_scale": 1.5}  # 720 × 432 px: about 22 rows
_CHART_ROWS = 24


def _words(lang: str) -> dict[str, str]:
    return _WORDS["zh" if lang == "zh" else "en"]


def _finite(x: float | None) -> float | None:
    """Excel has no infinity or NaN (a sex ratio's limit at p = 1 is infinite): blank."""
    return x if x is not None and math.isfinite(x) else None


class _Block:
    """Writes one table of a chart sheet and remembers its column ranges."""

    def __init__(self, ws: Worksheet, sheet: str, header: Format) -> None:
        self.ws, self.sheet, self.header = ws, sheet, header

    def title(self, row: int, col: int, text: str) -> None:
        self.ws.write_string(row, col, safe_text(text), self.header)

    def column(self, row: int, col: int, head: str, values: Sequence[Any],
               fmt: Format | None = None) -> list[Any]:
        """A header then the values, numbers as numbers; returns the chart range."""
        self.ws.write_string(row, col, head, self.header)
        for i, v in enumerate(values, start=1):
            if isinstance(v, str):
                self.ws.write_string(row + i, col, safe_text(v))
            elif _finite(v) is not None:
                self.ws.write_number(row + i, col, v, fmt)
        return [self.sheet, row + 1, col, row + max(len(values), 1), col]


def _latest_year(rows: Sequence[ResultRow]) -> int | None:
    years = [r.year for r in rows if r.year is not None]
    return max(years) if years else None


def _funnels(report: Report, opts: RenderOptions) -> list[Funnel]:
    from jisheng_cli.figures import Funnel, funnel, funnel_kind

    year = _latest_year(report.rows)
    levels = {r.group_level for r in report.rows}
    out: list[Funnel] = []
    for ind in report_indicators(report):
        if ind.id not in REGISTRY or funnel_kind(ind.id) is None:
            continue
        overall = next((r for r in report.rows if r.indicator == ind.id
                        and r.group_level == TOTAL and r.year == year), None)
        for level in _FUNNEL_LEVELS:
            if level in levels:
                f = funnel(report.rows, ind.id, level, year, opts.funnel, overall)
                if isinstance(f, Funnel):
                    out.append(f)
    return out


def _y_bounds(f: Funnel) -> dict[str, float]:
    """The units and the centre with a margin: the limits at n = 1 span 0–100% (a sex
    ratio's thousands), which would squash every unit onto one line; Excel clips them."""
    values = [u.value for u in f.units if math.isfinite(u.value)] + [f.centre]
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.15, abs(f.centre) * 0.02, 1.0)
    lo, hi = math.floor(lo - pad), math.ceil(hi + pad)
    if f.unit == "%":
        lo, hi = max(lo, 0), min(hi, 100)
    return {"min": float(max(lo, 0)), "max": float(hi)}


def _write_funnel(wb: Workbook, block: _Block, row: int, f: Funnel, lang: str,
                  fmt: Format | None) -> int:
    """One funnel's tables and chart from `row`; returns the next free row."""
    ind = REGISTRY[f.indicator]
    w = _words(lang)
    head = indicator_header(ind, lang)
    year = str(f.year) if f.year is not None else w["all_years"]
    rule = _CENTRE_RULES["zh" if lang == "zh" else "en"][f.centre_rule]
    centre_text = f"{w['centre']}: {f.centre:.2f} ({rule}); {w['limits']}: {f.method}"
    block.title(row, 0, f"{head} · {level_label(f.level, lang)} · {year} · {centre_text}")
    top = row + 1
    units = f.units
    block.column(top, _UNIT_COL, w["code"], [u.code or "" for u in units])
    block.column(top, _UNIT_COL + 1, w["name"], [u.name or "" for u in units])
    x_units = block.column(top, _UNIT_COL + 2, w["n"], [u.n for u in units])
    y_units = block.column(top, _UNIT_COL + 3, w["value"], [u.value for u in units], fmt)
    c = f.curve
    x_curve = block.column(top, _CURVE_COL, w["curve_n"], list(c.n))
    series = {key: block.column(top, _CURVE_COL + 1 + i, w[key], list(values), fmt)
              for i, (key, values) in enumerate((("low95", c.low95), ("high95", c.high95),
                                                 ("low998", c.low998), ("high998", c.high998),
                                                 ("centre", [f.centre] * len(c.n))))}

    chart = wb.add_chart({"type": "scatter"})
    chart.add_series({"name": w["units"], "categories": x_units, "values": y_units,
                      "marker": {"type": "circle", "size": 5}})
    styles = {"low95": ("#E69F00", "dash"), "high95": ("#E69F00", "dash"),
              "low998": ("#D55E00", "solid"), "high998": ("#D55E00", "solid"),
              "centre": ("#333333", "solid")}
    for key, ref in series.items():
        colour, dash = styles[key]
        chart.add_series({"name": w[key], "categories": x_curve, "values": ref,
                          "marker": {"type": "none"},
                          "line": {"color": colour, "width": 1.25, "dash_type": dash}})
    chart.set_title({"name": safe_text(f"{head} · {level_label(f.level, lang)} · {year}")})
    chart.set_x_axis({"name": w["n"], "min": 0})
    chart.set_y_axis({"name": head, **_y_bounds(f)})
    chart.set_legend({"position": "bottom"})
    block.ws.insert_chart(row, _CHART_COL, chart, _CHART_SIZE)
    return row + max(len(units) + 3, len(c.n) + 3, _CHART_ROWS)


def _write_trend(wb: Workbook, block: _Block, row: int, t: Trend, lang: str,
                 fmt: Format | None) -> int:
    ind = REGISTRY[t.indicator]
    w = _words(lang)
    head = indicator_header(ind, lang)
    block.title(row, 0, head)
    top = row + 1
    pts = t.points
    years = block.column(top, 0, w["year"], [p.year for p in pts])
    cols: dict[str, list[Any]] = {}
    for i, (key, values) in enumerate((
            ("value", [p.value for p in pts]), ("ci_low", [p.ci_low for p in pts]),
            ("ci_high", [p.ci_high for p in pts]), ("target_min", [t.target_min] * len(pts)),
            ("target_max", [t.target_max] * len(pts))), start=1):
        if key.startswith("target") and values[0] is None:
            block.column(top, i, w[key], [])  # the header alone: a table of one shape
            continue
        cols[key] = block.column(top, i, w[key], values, fmt)

    chart = wb.add_chart({"type": "line"})
    styles = {"value": ("#0072B2", "solid", 2.25), "ci_low": ("#56B4E9", "dash", 1.0),
              "ci_high": ("#56B4E9", "dash", 1.0), "target_min": ("#009E73", "solid", 1.0),
              "target_max": ("#009E73", "solid", 1.0)}
    for key, ref in cols.items():
        colour, dash, width = styles[key]
        chart.add_series({"name": w[key], "categories": years, "values": ref,
                          "marker": {"type": "circle" if key == "value" else "none"},
                          "line": {"color": colour, "width": width, "dash_type": dash}})
    chart.set_title({"name": safe_text(head)})
    chart.set_x_axis({"name": w["year"]})
    chart.set_legend({"position": "bottom"})
    block.ws.insert_chart(row, 7, chart, _CHART_SIZE)
    return row + max(len(pts) + 3, _CHART_ROWS)


def _number_format(wb: Workbook, formats: dict[int, Format], unit: str) -> Format:
    decimals = 2 if unit != "count" else 0
    if decimals not in formats:
        formats[decimals] = wb.add_format({"num_format": "0" if decimals == 0 else "0.00"})
    return formats[decimals]


def add_chart_sheets(wb: Workbook, report: Report, opts: RenderOptions, header: Format) -> None:
    """The funnels sheet when some indicator has a funnel at village or township level, and
    the trends sheet when the rows span two or more statistical years."""
    funnel_name, trend_name = SHEETS[opts.lang]
    formats: dict[int, Format] = {}
    _chart_sheet(wb, funnel_name, header, _funnels(report, opts), _write_funnel, formats,
                 opts.lang, last_column=11)
    if len({r.year for r in report.rows if r.year is not None}) >= 2:
        from jisheng_cli.figures import trends

        ids = [i.id for i in report_indicators(report) if i.id in REGISTRY]
        _chart_sheet(wb, trend_name, header, trends(report.rows, ids), _write_trend, formats,
                     opts.lang, last_column=5)


def _chart_sheet(wb: Workbook, name: str, header: Format, figures: Sequence[Any],
                 write: Callable[[Workbook, _Block, int, Any, str, Format | None], int],
                 formats: dict[int, Format], lang: str, last_column: int) -> None:
    """A sheet of `figures` (funnels or trends), each written by `write` below the last;
    no sheet when there is none."""
    if not figures:
        return
    ws = wb.add_worksheet(name)
    block, row = _Block(ws, name, header), 0
    for figure in figures:
        row = write(wb, block, row, figure, lang, _number_format(wb, formats, figure.unit))
    ws.set_column(0, last_column, 11)
