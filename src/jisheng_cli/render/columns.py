"""Columns of a terminal table: their widths, their packing into as many consecutive
tables as the width needs, and the rich table and console that print them."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

# Headers wrap onto several lines rather than widen a column past this (numbers, not
# long labels, decide the width), but a single word up to _WORD_CAP is never cut.
_HEADER_CAP = 14
_WORD_CAP = 24
# Columns are separated by exactly this many spaces (collapsed padding, a blank
# separator and no padding at the table's edges: see rich_table).
GAP = 2


@dataclass
class Col:
    header: str
    cells: list[Text]
    numeric: bool
    width: int = 0
    group: str = ""  # indicator id: its detail columns stay in the same table


def cell_width(texts: list[Text]) -> int:
    return max((t.cell_len for t in texts), default=0)


def fit_width(header: str, data_width: int) -> int:
    """Wide enough for every cell; the header wraps within it at spaces, down to
    _HEADER_CAP, but a single long word ("Third-or-higher-birth") is not cut."""
    from rich.cells import cell_len

    longest_word = max((cell_len(w) for w in header.split()), default=0)
    return max(data_width, min(cell_len(header), _HEADER_CAP), min(longest_word, _WORD_CAP))


def table_width(cols: list[Col]) -> int:
    return sum(c.width for c in cols) + GAP * max(len(cols) - 1, 0)


def pack(fixed: list[Col], data: list[Col], width: int) -> list[list[Col]]:
    """Consecutive runs of data columns that fit `width` next to the fixed columns.

    An indicator's detail columns are kept with it when they fit; a run never holds
    fewer than one column, even when that one overflows a very narrow terminal.
    """
    groups: list[list[Col]] = []
    for c in data:
        if groups and groups[-1][0].group == c.group:
            groups[-1].append(c)
        else:
            groups.append([c])

    tables: list[list[Col]] = []
    current: list[Col] = []
    for g in groups:
        if table_width(fixed + current + g) <= width:
            current += g
            continue
        if current:
            tables.append(current)
            current = []
        if table_width(fixed + g) <= width:
            current = list(g)
            continue
        for c in g:  # the group alone is too wide: split it column by column
            if current and table_width(fixed + current + [c]) > width:
                tables.append(current)
                current = []
            current.append(c)
    if current or not tables:
        tables.append(current)
    return tables


def rich_table(cols: list[Col], color: bool) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True,
                  expand=False, header_style="bold" if color else "")
    for c in cols:
        table.add_column(Text(c.header, overflow="fold"),
                         justify="right" if c.numeric else "left",
                         width=c.width, min_width=c.width, max_width=c.width,
                         overflow="fold")
    for i in range(len(cols[0].cells) if cols else 0):
        table.add_row(*(_aligned(c.cells[i], c.width) if c.numeric else c.cells[i]
                        for c in cols))
    return table


def _aligned(text: Text, width: int) -> Text:
    """Right-aligned by padding, not by rich: rich's right justification strips trailing
    spaces, which would undo the marker padding that keeps decimal points aligned."""
    out = text.copy()
    out.pad_left(max(width - out.cell_len, 0))
    out.justify = "left"
    return out


def fair_widths(wants: dict[str, int], floors: dict[str, int], avail: int) -> dict[str, int] | None:
    """Share `avail` columns max-min fairly: every column gets its floor, then the
    narrowest wants are served in full first. None when even the floors do not fit.

    Explicit widths matter: left to itself rich collapses every wrappable column to one
    width, so a short name column would be cut like a long note.
    """
    out = dict(floors)
    extra = avail - sum(out.values())
    if extra < 0:
        return None
    order = sorted(wants, key=lambda k: wants[k] - floors[k])
    for n, k in enumerate(order):
        add = min(wants[k] - floors[k], extra // (len(order) - n))
        out[k] += add
        extra -= add
    return out


def make_console(file: io.StringIO, width: int, color: bool) -> Console:
    from rich.console import Console

    return Console(file=file, width=width, force_terminal=color,
                   color_system="standard" if color else None, no_color=not color,
                   highlight=False, markup=False, emoji=False, soft_wrap=False,
                   legacy_windows=False)
