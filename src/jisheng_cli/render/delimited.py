"""CSV and TSV: RFC 4180 quoting, UTF-8, `\\n` line ends, optional BOM."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import BinaryIO

from jisheng_cli.render.grid import Grid, long_grid, wide_grid
from jisheng_cli.render.options import RenderOptions
from jisheng_cli.render.safety import safe_text
from jisheng_cli.results import Report

UTF8_BOM = b"\xef\xbb\xbf"


class RowWriter:
    """Streams csv rows as UTF-8 to a binary stream, one encoded row at a time.

    With lineterminator "\\n" Python 3.11's csv module leaves a field holding a lone "\\r"
    unquoted, which Excel then splits into two rows. Writing each row with "\\r\\n" (which
    makes csv quote any CR or LF) and swapping only the final terminator for "\\n" keeps
    RFC 4180 quoting and gives the wanted line ends.
    """

    def __init__(self, stream: BinaryIO, delimiter: str = ",", bom: bool = False) -> None:
        self._stream = stream
        self._buf = io.StringIO()
        self._writer = csv.writer(self._buf, delimiter=delimiter, lineterminator="\r\n",
                                  quoting=csv.QUOTE_MINIMAL)
        if bom:
            stream.write(UTF8_BOM)

    def writerow(self, cells: Iterable[str]) -> None:
        self._buf.seek(0)
        self._buf.truncate()
        self._writer.writerow(cells)
        line = self._buf.getvalue()
        self._stream.write((line[:-2] + "\n").encode("utf-8"))


def grid_for(report: Report, opts: RenderOptions) -> Grid:
    if opts.layout == "long":
        return long_grid(report, opts.lang)
    return wide_grid(report, opts.lang, opts.detail)


def write_delimited(report: Report, opts: RenderOptions, stream: BinaryIO) -> None:
    grid = grid_for(report, opts)
    writer = RowWriter(stream, "\t" if opts.fmt == "tsv" else ",", opts.bom)
    writer.writerow(safe_text(h) for h in grid.headers)
    for row in grid.rows:
        # Only text is guarded: a negative number such as a gap of -5.33 must stay a number.
        writer.writerow(safe_text(c.text(opts.precision)) if c.is_text else c.text(opts.precision)
                        for c in row)
