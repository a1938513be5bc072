"""`jisheng list`: the indicator catalogue, straight from the registry; and the markdown
table helper that `jisheng schema --format markdown` shares."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from jisheng_cli.errors import UsageError
from jisheng_cli.indicators.model import Indicator
from jisheng_cli.render.delimited import RowWriter
from jisheng_cli.render.jsonout import dumps
from jisheng_cli.render.safety import safe_text

CATALOGUE_FORMATS = ("table", "csv", "json", "markdown")
INDICATOR_FIELDS = tuple(f.name for f in dataclasses.fields(Indicator))

_HEADERS = {
    "zh": ("ID", "中文", "English", "单位", "公式", "设置", "别名"),
    "en": ("ID", "Chinese", "English", "Unit", "Formula", "Setting", "Also called"),
    "id": ("id", "zh", "en", "unit", "formula", "setting", "aliases"),
}


def _md_cell(value: object) -> str:
    # A pipe would end the cell and a line break the row.
    s = "" if value is None else str(value)
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>") \
        .replace("\n", "<br>").replace("\r", "<br>")


def write_markdown_table(headers: Sequence[str], rows: Iterable[Sequence[object]],
                         stream: BinaryIO) -> None:
    """A GitHub-flavoured markdown table; None cells are empty."""
    def line(cells: Iterable[object]) -> bytes:
        return ("| " + " | ".join(_md_cell(c) for c in cells) + " |\n").encode("utf-8")

    stream.write(line(headers))
    stream.write(("|" + "|".join("---" for _ in headers) + "|\n").encode("utf-8"))
    for row in rows:
        stream.write(line(row))


def _summary_rows(indicators: list[Indicator], lang: str) -> list[tuple[str, ...]]:
    return [
        (i.id, i.zh, i.en, i.unit, i.formula_zh if lang == "zh" else i.formula_en,
         i.setting or "", "、".join(i.aliases))
        for i in indicators
    ]


def write_indicator_list(indicators: list[Indicator], stream: BinaryIO, fmt: str,
                         lang: str, width: int, color: bool) -> None:
    if fmt == "json":
        # Every field, for scripts and docs generators.
        doc = [dataclasses.asdict(i) for i in indicators]
        stream.write((dumps(doc, indent=2) + "\n").encode("utf-8"))
    elif fmt == "csv":
        writer = RowWriter(stream)
        writer.writerow(INDICATOR_FIELDS)
        for i in indicators:
            d = dataclasses.asdict(i)
            writer.writerow(_csv_cell(d[k]) for k in INDICATOR_FIELDS)
    elif fmt == "markdown":
        write_markdown_table(_HEADERS.get(lang, _HEADERS["en"]),
                             _summary_rows(indicators, lang), stream)
    elif fmt == "table":
        _write_rich(indicators, stream, lang, width, color)
    else:
        raise UsageError("bad_choice", option="--format", value=fmt,
                         choices=", ".join(CATALOGUE_FORMATS))


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, tuple):  # needs, aliases: one cell, ";"-separated
        return safe_text(";".join(map(str, value)))
    return safe_text(str(value))


# Floors for the prose columns of the table format; ids and units never wrap.
_FLOORS = {1: 8, 2: 10, 4: 12, 5: 10}
_GAP = 2


def _write_rich(indicators: list[Indicator], stream: BinaryIO, lang: str, width: int,
                color: bool) -> None:
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from jisheng_cli.render.columns import fair_widths, make_console

    # At a terminal the aliases go under the Chinese label, one a line after "=": a
    # seventh column would squeeze the settings, which people copy into a config.
    headers = _HEADERS.get(lang, _HEADERS["en"])[:-1]
    rows = [(i.id, "\n".join([i.zh, *(f"={a}" for a in i.aliases)]), *r[2:6])
            for i, r in zip(indicators, _summary_rows(indicators, lang), strict=True)]
    natural = [max([cell_len(h)] + [cell_len(line) for r in rows for line in r[n].split("\n")])
               for n, h in enumerate(headers)]
    rigid = sum(w for n, w in enumerate(natural) if n not in _FLOORS)
    avail = width - rigid - _GAP * (len(headers) - 1)
    # Explicit widths: left alone, rich collapses every wrappable column to one width.
    shared = fair_widths({str(n): natural[n] for n in _FLOORS},
                         {str(n): min(f, natural[n]) for n, f in _FLOORS.items()}, avail) or {}

    buf = io.StringIO()
    console = make_console(buf, width, color)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True,
                  header_style="bold" if color else "")
    for n, header in enumerate(headers):
        w = shared.get(str(n))
        table.add_column(header, no_wrap=n not in _FLOORS, overflow="fold", width=w)
    for row in rows:
        table.add_row(*(Text(c) for c in row))
    console.print(table)
    stream.write(buf.getvalue().encode("utf-8"))
