"""The audit's output (docs/audit.md "Output"): one row per check of each claim, as a
table at a terminal, CSV, XLSX, or the JSON document (AuditReport.to_dict)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from jisheng_cli.audit.model import AuditReport
from jisheng_cli.messages import message_lang
from jisheng_cli.messages.audit import AUDIT_HEADERS, check_word, status_word

AUDIT_FORMATS = ("table", "csv", "json", "xlsx")
#: The columns of the table, CSV and XLSX, in order.
AUDIT_COLUMNS = ("row", "page", "line", "indicator", "group", "period", "printed", "check",
                 "status", "expected", "explanation")
# The terminal leaves out where-columns no claim fills; scripts get every column.
_OPTIONAL = ("page", "line", "group", "period")


def headers(lang: str) -> list[str]:
    if lang == "id":
        return list(AUDIT_COLUMNS)
    return [AUDIT_HEADERS[message_lang(lang)][c] for c in AUDIT_COLUMNS]


def rows(report: AuditReport, lang: str) -> Iterator[list[str | int]]:
    """One row per check; the claim's cells are repeated on each of its checks, so a
    filtered spreadsheet still says which claim a row is."""
    for result in report.results:
        c = result.claim
        for check in result.checks:
            yield [c.row, c.page or "", c.line or "", c.indicator, c.group or "",
                   c.period or "", c.printed, check_word(check.kind, lang),
                   status_word(check.status, lang), check.expected or "",
                   check.explanation(lang)]


def write_audit(report: AuditReport, fmt: str, stream: BinaryIO, *, lang: str,
                width: int = 100, color: bool = False, bom: bool = False) -> None:
    if fmt == "json":
        from jisheng_cli.render.jsonout import dumps

        stream.write((dumps(report.to_dict(lang), indent=2) + "\n").encode("utf-8"))
    elif fmt == "csv":
        from jisheng_cli.render.delimited import RowWriter
        from jisheng_cli.render.safety import safe_text

        writer = RowWriter(stream, ",", bom)
        writer.writerow(headers(lang))
        for row in rows(report, lang):
            writer.writerow(str(v) if isinstance(v, int) else safe_text(v) for v in row)
    elif fmt == "xlsx":
        _write_xlsx(report, stream, lang)
    else:
        _write_table(report, stream, lang, width, color)


_STYLE = {"mismatch": "bold red", "rounding": "yellow", "cannot_check": "dim", "ok": "green"}


def _write_table(report: AuditReport, stream: BinaryIO, lang: str, width: int,
                 color: bool) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from jisheng_cli.render.columns import make_console

    all_rows = list(rows(report, lang))
    shown = [n for n, c in enumerate(AUDIT_COLUMNS)
             if c not in _OPTIONAL or any(r[n] != "" for r in all_rows)]
    names = headers(lang)
    buf = io.StringIO()
    console = make_console(buf, width, color)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True,
                  header_style="bold" if color else "")
    for n in shown:
        wrap = AUDIT_COLUMNS[n] in ("explanation", "indicator")
        table.add_column(names[n], no_wrap=not wrap, overflow="fold",
                         justify="right" if AUDIT_COLUMNS[n] == "row" else "left",
                         ratio=1 if AUDIT_COLUMNS[n] == "explanation" else None)
    statuses = [check.status for r in report.results for check in r.checks]
    previous_row = None
    for status, row in zip(statuses, all_rows, strict=True):
        # A claim's cells once, on its first check: the checks read as its sub-rows.
        first = row[0] != previous_row
        previous_row = row[0]
        cells = [Text(str(row[n]) if first or AUDIT_COLUMNS[n] in ("check", "status",
                 "expected", "explanation") else "") for n in shown]
        status_at = shown.index(AUDIT_COLUMNS.index("status"))
        cells[status_at].stylize(_STYLE[status] if color else "")
        table.add_row(*cells, end_section=False)
    console.print(table)
    stream.write(buf.getvalue().encode("utf-8"))


_SHEET = {"zh": "核对", "en": "Audit", "id": "audit"}
_FILLS = {"mismatch": {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
          "rounding": {"bg_color": "#FFEB9C", "font_color": "#9C5700"}}


def _write_xlsx(report: AuditReport, stream: BinaryIO, lang: str) -> None:
    import xlsxwriter

    from jisheng_cli.render.safety import safe_text
    from jisheng_cli.render.xlsx import created_stamp

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"created": created_stamp(report.as_of), "title": "jisheng audit"})
    sheet = book.add_worksheet(_SHEET.get(lang, "audit"))
    bold = book.add_format({"bold": True})
    fills = {s: book.add_format(f) for s, f in _FILLS.items()}
    statuses = [check.status for r in report.results for check in r.checks]
    sheet.write_row(0, 0, headers(lang), bold)
    widths = [len(h) * 2 for h in headers(lang)]
    for r, (status, row) in enumerate(zip(statuses, rows(report, lang), strict=True), start=1):
        for col, value in enumerate(row):
            fmt = fills.get(status) if AUDIT_COLUMNS[col] == "status" else None
            if isinstance(value, int):
                sheet.write_number(r, col, value, fmt)
            else:
                sheet.write_string(r, col, safe_text(value), fmt)
            widths[col] = max(widths[col], min(len(str(value)) * 2, 80))
    for col, w in enumerate(widths):
        sheet.set_column(col, col, max(6, min(w, 80)))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(statuses), len(AUDIT_COLUMNS) - 1)
    book.close()
    stream.write(buf.getvalue())
