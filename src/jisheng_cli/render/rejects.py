"""The rejects report (`--rejects FILE`): every rejected, duplicate and warned row.

Streamed finding by finding: a broken register can yield millions of findings, and
holding them all to write them would defeat the bounded-memory reading upstream.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from jisheng_cli.errors import UsageError
from jisheng_cli.findings import FINDING_FIELDS, Finding
from jisheng_cli.render.delimited import RowWriter
from jisheng_cli.render.jsonout import dumps
from jisheng_cli.render.safety import safe_text

REJECT_FORMATS = ("csv", "json")


def write_rejects(findings: Iterable[Finding], stream: BinaryIO, fmt: str,
                  bom: bool = False, *, lang: str) -> None:
    """fmt "csv" (header = FINDING_FIELDS) or "json" (an array of objects).

    The field names, `code` and `severity` are stable whatever the language (scripts
    filter on them); `message` is in `lang`. `bom` applies to csv only: a BOM makes a
    JSON file invalid (RFC 8259).
    """
    if fmt == "csv":
        writer = RowWriter(stream, ",", bom)
        writer.writerow(FINDING_FIELDS)
        for f in findings:
            d = f.to_dict(lang)
            # The row number is a number; every other field is text a spreadsheet could
            # take for a formula (a value such as "=1+1" is exactly what gets rejected).
            writer.writerow("" if d[k] is None else str(d[k]) if k == "row"
                            else safe_text(str(d[k])) for k in FINDING_FIELDS)
    elif fmt == "json":
        stream.write(b"[")
        first = True
        for f in findings:
            stream.write(b"\n  " if first else b",\n  ")
            stream.write(dumps(f.to_dict(lang)).encode("utf-8"))
            first = False
        stream.write(b"]\n" if first else b"\n]\n")
    else:
        raise UsageError("bad_choice", option="--format", value=fmt, choices="csv, json")


def write_findings_table(findings: list[Finding], stream: BinaryIO, *, width: int,
                         color: bool, lang: str) -> None:
    """`jisheng validate` at a terminal: one line per finding, the file shown once per file.

    Headers and severities are words in `lang`; the code stays the stable code."""
    import io

    from rich.console import Console
    from rich.table import Table

    from jisheng_cli.messages import pick
    from jisheng_cli.messages.summary import FINDING_HEADERS, NO_FINDINGS, SEVERITY_WORDS

    text = io.TextIOWrapper(stream, encoding="utf-8", newline="\n", write_through=True)
    console = Console(file=text, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False)
    if not findings:
        console.print(pick(NO_FINDINGS, lang))
    for path in dict.fromkeys(f.file for f in findings):
        table = Table(title=path, title_justify="left", box=None, pad_edge=False,
                      header_style="bold" if color else "")
        for name in ("row", "column", "severity", "code", "value", "message"):
            table.add_column(pick(FINDING_HEADERS[name], lang),
                             justify="right" if name == "row" else "left", overflow="fold")
        for f in findings:
            if f.file == path:
                table.add_row(str(f.row or ""), f.column or "",
                              pick(SEVERITY_WORDS[f.severity], lang), f.code, f.value or "",
                              f.message(lang))
        console.print(table)
    text.flush()
    text.detach()
