"""Workbook input (.xlsx, .xlsm, .xls, .ods) through python-calamine: one sheet, read as
the CSV reader reads a file (the same header search, the same skipped rows), its cells
turned into the text the checks read (readers.cells).

Memory: calamine parses the whole sheet into its own grid of cells when the sheet is
opened (about 1.2 GB for 1,048,576 rows × 12 columns, docs/benchmarks.md); this reader
then walks that grid one row at a time and holds only the Python rows of one batch
(`block_bytes`, roughly) and that batch's Arrow arrays. Standard input is read into
memory whole (a workbook is a zip or an OLE2 file: it cannot be read as a stream).

Row numbers are the ones Excel shows: calamine leaves out the empty rows above the data
in some versions and formats, so the sheet's start position puts them back.
"""

from __future__ import annotations

import io
import itertools
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from jisheng_cli.errors import InputError
from jisheng_cli.readers.batch import DEFAULT_BLOCK_BYTES, RawBatch, row_marks, settle_tail
from jisheng_cli.readers.cells import Cell, cell_text, is_number
from jisheng_cli.readers.headers import HeaderMatch, check_required
from jisheng_cli.readers.ranges import ByteRange
from jisheng_cli.readers.sheets import Sheet, find_sheet_header, open_book, pick_sheet
from jisheng_cli.readers.sources import Source

if TYPE_CHECKING:
    import numpy as np

# Bytes a cell takes as Arrow text, roughly: what turns `block_bytes` into rows.
CELL_BYTES = 16


class WorkbookInput:
    """One sheet of a workbook as an input: header and kind known; batches on demand."""

    header_row: int

    def __init__(
        self, source: Source, fmt: str = "xlsx", *,
        column_map: dict[str, dict[str, str]] | None = None, header_row: int | None = None,
        skip_rows: int = 0, footer_words: tuple[str, ...] = (), data: bytes | None = None,
    ) -> None:
        # `data`: the bytes of an archive's member (streams.member_bytes).
        if data is None and source.is_stdin:
            data = sys.stdin.buffer.read()
        self._footer_words = footer_words
        if data is not None and fmt == "zip":
            from jisheng_cli.readers.sniff import zip_flavour

            fmt = zip_flavour(io.BytesIO(data))
            if fmt == "zip":
                raise InputError("not_csv_zip", path=source.display)
        self.encoding = fmt  # shown as the input's encoding in JSON `inputs` and -v
        self._size = len(data) if data is not None else os.path.getsize(source.path)
        book_name = replace(source, sheet=None).display
        self._book = open_book(source.path, book_name, data)
        try:
            name = pick_sheet(self._book, source.sheet, book_name)
            self.source = replace(source, sheet=name)
            self.path = self.source.display
            sheet = Sheet(self._book.get_sheet_by_name(name), header_row, skip_rows)
            if sheet.empty:
                raise InputError("sheet_empty", path=self.path)
            self.match: HeaderMatch = find_sheet_header(
                sheet, self.source.kind, column_map or {}, self.path,
                header_row=header_row, skip_rows=skip_rows)
            check_required(self.match, self.path)
        except BaseException:
            self._book.close()
            raise
        self._grid = sheet
        self.kind = self.match.kind
        self.header_row = self.match.row_index + 1
        self._emitted = self.header_row

    @property
    def size(self) -> int | None:
        return self._size

    def position(self) -> int:
        """Bytes of the file, in proportion to the sheet's rows read so far."""
        total = max(self._grid.last_row + 1, 1)
        return min(self._size, self._size * self._emitted // total)

    def ranges(self, target: int) -> list[ByteRange] | None:
        """Never split: a sheet is read whole (the Dask engine gives it one partition)."""
        return None

    def restrict(self, part: ByteRange) -> None:
        raise InputError("workbook_whole", path=self.path)

    def close(self) -> None:
        import contextlib

        from python_calamine import CalamineError

        with contextlib.suppress(CalamineError):
            self._book.close()

    def batches(self, block_bytes: int = DEFAULT_BLOCK_BYTES) -> Iterator[RawBatch]:
        width = len(self.match.headers)
        per_batch = max(1, block_bytes // (CELL_BYTES * max(width, 1)))
        rows = self._grid.rows_after(self.match.row_index)

        def marked() -> Iterator[tuple[RawBatch, np.ndarray]]:
            first = self.header_row + 1  # Excel's number of the next row
            while True:
                chunk = list(itertools.islice(rows, per_batch))
                if not chunk:
                    return
                yield self._batch(chunk, first, width)
                first += len(chunk)
                self._emitted = first - 1

        # Footer-like rows are footers only when nothing but footers follows them.
        yield from settle_tail(marked())

    def _batch(
        self, chunk: list[list[Cell]], first: int, width: int,
    ) -> tuple[RawBatch, np.ndarray]:
        import numpy as np
        import pyarrow as pa

        n = len(chunk)
        # Rows of one sheet all have its width; cells past the header's are not read.
        columns = list(zip(*chunk, strict=False))[:width] if chunk[0] else []
        cells: list[pa.Array] = []
        numeric: dict[int, np.ndarray] = {}
        for pos in range(width):
            values = columns[pos] if pos < len(columns) else ("",) * n
            if all(type(v) is str for v in values):
                cells.append(pa.array(values, pa.string()))
                continue
            cells.append(pa.array([cell_text(v) for v in values], pa.string()))
            numeric[pos] = np.fromiter((is_number(v) for v in values), bool, n)
        none = np.zeros(n, dtype=bool)
        marks = row_marks(cells, self.match.headers, self.match.columns,
                          footer_words=self._footer_words)
        return RawBatch(
            columns={c: cells[i] for c, i in self.match.columns.items()},
            rows=np.arange(first, first + n, dtype=np.int64),
            skipped_blank=marks.skip,
            numeric={c: numeric.get(i, none) for c, i in self.match.columns.items()},
        ), marks.tail


