"""The audit's output (docs/audit.md "Output"): one row per check of each claim, as a
table at a terminal, CSV, XLSX, or the JSON document (AuditReport.to_dict)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from jisheng_cli.audit.model import AuditReport
from jisheng_cli.messages import message_lang
from jisheng_cli.messages.audit import AUDIT_HEADERS, check_word, in_language, status_word

AUDIT_FORMATS = ("table", "csv", "json", "xlsx")
#: The columns of the table, CSV and XLSX, in order.
AUDIT_COLUMNS = ("row", "page", "line", "indicator", "group", "period", "printed", "check",
                 "status", "expected", "explanation")


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
                   status_word(check.status, lang), in_language(check.expected or "", lang),
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
_CHECK_COLUMNS = ("check", "status", "expected", "explanation")
_INDENT = 4


def _pad(text: str, width: int) -> str:
    from rich.cells import cell_len

    return text + " " * max(width - cell_len(text), 0)


def _write_table(report: AuditReport, stream: BinaryIO, lang: str, width: int,
                 color: bool) -> None:
    """A claim's line (row, indicator, printed figure, group, period, page and line), then
    its checks under it: check, status, expected and the explanation, which wraps in the
    rest of the width (a column per claim field would leave it a few characters)."""
    from rich.cells import cell_len
    from rich.text import Text

    from jisheng_cli.render.columns import make_console

    names = dict(zip(AUDIT_COLUMNS, headers(lang), strict=True))
    checks = [(check_word(c.kind, lang), status_word(c.status, lang),
               in_language(c.expected or "", lang))
              for r in report.results for c in r.checks]
    widths = [max([cell_len(names[col])] + [cell_len(t[n]) for t in checks])
              for n, col in enumerate(_CHECK_COLUMNS[:3])]
    lead = _INDENT + sum(widths) + 2 * len(widths)
    room = max(width - lead, 20)
    buf = io.StringIO()
    console = make_console(buf, width, color)
    console.print(Text("  ".join([names["row"], names["indicator"], names["printed"],
                                  names["group"], names["period"],
                                  f"{names['page']}/{names['line']}"]),
                       style="bold" if color else ""))
    console.print(Text(" " * _INDENT + "".join(_pad(names[c], w + 2) for c, w in
                       zip(_CHECK_COLUMNS, widths, strict=False)) + names["explanation"],
                       style="bold" if color else ""))
    console.print("─" * min(width, lead + room))
    k = 0
    numbers = max((len(str(r.claim.row)) for r in report.results), default=1)
    for result in report.results:
        c = result.claim
        place = [c.group or "", c.period or ""]
        if c.page or c.line:
            place.append(f"{c.page or ''}/{c.line or ''}")
        extra = "  ".join(p for p in place if p)
        console.print(Text(f"{c.row:>{numbers}}  {c.indicator}  {c.printed}"
                           + (f"  {extra}" if extra else ""), style="bold" if color else ""))
        for check in result.checks:
            kind, status, expected = checks[k]
            k += 1
            lines = Text(check.explanation(lang)).wrap(console, room)
            head = Text(" " * _INDENT + _pad(kind, widths[0] + 2))
            head.append(_pad(status, widths[1] + 2), style=_STYLE[check.status] if color else "")
            head.append(_pad(expected, widths[2] + 2))
            for n, line in enumerate(lines):
                row = head if n == 0 else Text(" " * lead)
                row.append_text(line)
                console.print(row)
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
