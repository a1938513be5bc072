"""XLSX: typed cells (numbers as numbers, text as text, never a formula), two sheets."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any, BinaryIO

from jisheng_cli.render.delimited import grid_for
from jisheng_cli.render.grid import MISSED_STATUSES, Grid
from jisheng_cli.render.jsonout import dumps
from jisheng_cli.render.options import RenderOptions
from jisheng_cli.render.safety import safe_text
from jisheng_cli.results import Report

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

_SHEETS = {"zh": ("指标", "输入"), "en": ("Indicators", "Inputs"), "id": ("indicators", "inputs")}

_INPUT_HEADERS = {
    "zh": ("文件", "类型", "编码", "读取行数", "使用行数", "拒绝行数", "重复行数", "期外行数",
           "空行及合计行数", "最早日期", "最晚日期", "与其他文件重复"),
    "en": ("File", "Kind", "Encoding", "Rows read", "Rows used", "Rows rejected",
           "Rows duplicate", "Rows out of period", "Rows skipped (blank)", "First date",
           "Last date", "Repeats"),
}
_INPUT_FIELDS = ("path", "kind", "encoding", "rows_read", "rows_used", "rows_rejected",
                 "rows_duplicate", "rows_out_of_period", "rows_skipped_blank", "first_date",
                 "last_date", "repeats")
_META_LABELS = {
    "zh": {"period_from": "统计期起", "period_to": "统计期止", "as_of": "截至日期",
           "by": "分组", "version": "版本"},
    "en": {"period_from": "Period from", "period_to": "Period to", "as_of": "As of",
           "by": "Grouped by", "version": "Version"},
}

# The legend of the red fill, on the inputs sheet when a cell of the grid has it.
_MISSED_LEGEND = {
    "zh": ("红色底纹", "未达目标(状态为未达标或显著未达标)"),
    "en": ("Red fill", "target missed (status missed or missed (significant))"),
    "id": ("red_fill", "status missed or missed_significant"),
}
# Excel's own "bad" cell style: a light red fill, dark red text.
_MISSED_FILL = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}

_MIN_WIDTH, _MAX_WIDTH = 6, 60


def _display_width(s: str) -> int:
    from rich.cells import cell_len

    return cell_len(s)


class _Sheet:
    """A worksheet that writes only typed cells and remembers column widths."""

    def __init__(self, ws: Worksheet, formats: _Formats) -> None:
        self.ws = ws
        self.formats = formats
        self.widths: dict[int, int] = {}

    def _fit(self, col: int, text: str) -> None:
        self.widths[col] = max(self.widths.get(col, 0), _display_width(text))

    def text(self, row: int, col: int, value: str | None, fmt: Format | None = None) -> None:
        if value is None or value == "":
            return  # None is a blank cell, not an empty string
        s = safe_text(value)
        # write_string, never write(): write() turns "=..." into a formula and
        # "0012" into 12.
        self.ws.write_string(row, col, s, fmt)
        self._fit(col, s)

    def number(self, row: int, col: int, value: float | int | None, decimals: int | None,
               shown: str, missed: bool = False) -> None:
        if value is None:
            return
        self.ws.write_number(row, col, value, self.formats.number(decimals, missed))
        self._fit(col, shown)

    def finish(self) -> None:
        for col, w in self.widths.items():
            self.ws.set_column(col, col, min(max(w + 2, _MIN_WIDTH), _MAX_WIDTH))


class _Formats:
    def __init__(self, wb: Any) -> None:
        self._wb = wb
        self.header = wb.add_format({"bold": True, "text_wrap": False, "bottom": 1})
        self.missed = wb.add_format(_MISSED_FILL)
        self._numbers: dict[tuple[int | None, bool], Format] = {}

    def number(self, decimals: int | None, missed: bool = False) -> Format | None:
        # A fixed format so that 99.10 shows as 99.10, as in csv, not 99.1.
        if decimals is None and not missed:
            return None
        key = (decimals, missed)
        if key not in self._numbers:
            props: dict[str, Any] = dict(_MISSED_FILL) if missed else {}
            if decimals is not None:
                props["num_format"] = "0" if decimals == 0 else "0." + "0" * decimals
            self._numbers[key] = self._wb.add_format(props)
        return self._numbers[key]


def _write_grid(sheet: _Sheet, grid: Grid, precision: int | None, header_fmt: Format) -> bool:
    """The grid with its header row; True when a missed value got the red fill."""
    for c, h in enumerate(grid.headers):
        sheet.text(0, c, h, header_fmt)
    filled = False
    for r, cells in enumerate(grid.rows, start=1):
        for c, cell in enumerate(cells):
            if cell.is_text:
                # Codes too: "001" and 18-digit IDs must not become numbers.
                sheet.text(r, c, None if cell.missing else str(cell.value))
            else:
                # Only value cells carry a status (a wide value, a long row's value).
                missed = cell.status in MISSED_STATUSES and not cell.missing
                filled |= missed
                sheet.number(r, c, cell.number(precision), cell.decimals(precision),
                             cell.text(precision), missed)
    ws = sheet.ws
    ws.freeze_panes(1, 0)
    if grid.rows:
        ws.autofilter(0, 0, len(grid.rows), len(grid.columns) - 1)
    sheet.finish()
    return filled


def _write_inputs(sheet: _Sheet, report: Report, lang: str, header_fmt: Format,
                  missed_legend: bool = False) -> None:
    headers = _INPUT_HEADERS.get(lang, _INPUT_FIELDS)
    for c, h in enumerate(headers):
        sheet.text(0, c, h, header_fmt)
    row = 0
    for row, summary in enumerate(report.inputs, start=1):
        d = summary.to_dict()
        for c, key in enumerate(_INPUT_FIELDS):
            v = d[key]
            if key == "repeats":  # "births_a.csv: 1710" per file it repeats
                v = "; ".join(f"{r['path']}: {r['rows']}" for r in v)
            if v is None:
                continue  # no dated row: an empty cell, not a text "None"
            if isinstance(v, str):
                sheet.text(row, c, v)
            else:
                sheet.number(row, c, v, 0, str(v))
    labels = _META_LABELS.get(lang, {})
    meta: list[tuple[str, str | None]] = [
        ("period_from", report.period_from),
        ("period_to", report.period_to),
        ("as_of", report.as_of),
        ("by", ",".join(report.by)),
        ("version", report.version),
    ]
    # Definitions change what a rate means, so they travel with the numbers.
    meta += [(k, v if isinstance(v, str) else dumps(v)) for k, v in report.definitions.items()]
    row += 2
    for key, value in meta:
        sheet.text(row, 0, labels.get(key, key), header_fmt)
        sheet.text(row, 1, value)
        row += 1
    if missed_legend:
        label, meaning = _MISSED_LEGEND[lang]
        sheet.text(row + 1, 0, label, sheet.formats.missed)
        sheet.text(row + 1, 1, meaning)
    sheet.ws.freeze_panes(1, 0)
    sheet.finish()


def created_stamp(as_of: str | None) -> dt.datetime:
    """A workbook's creation stamp: the as-of date, so that the same inputs and
    options give a byte-identical file (docs/quality.md)."""
    try:
        return dt.datetime.combine(dt.date.fromisoformat(as_of or ""), dt.time())
    except (TypeError, ValueError):
        return dt.datetime(2000, 1, 1)


def write_xlsx(report: Report, opts: RenderOptions, stream: BinaryIO) -> None:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {
        "in_memory": True,
        # Belt and braces: only write_string is used, but no text must ever be
        # reinterpreted as a formula, URL or number.
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    })
    wb.set_properties({"created": created_stamp(report.as_of), "title": "jisheng"})
    formats = _Formats(wb)
    main_name, inputs_name = _SHEETS[opts.lang]
    filled = _write_grid(_Sheet(wb.add_worksheet(main_name), formats), grid_for(report, opts),
                         opts.precision, formats.header)
    _write_inputs(_Sheet(wb.add_worksheet(inputs_name), formats), report, opts.lang,
                  formats.header, filled)
    from jisheng_cli.render.xlsx_charts import add_chart_sheets

    add_chart_sheets(wb, report, opts, formats.header)
    wb.close()
    stream.write(buf.getvalue())
