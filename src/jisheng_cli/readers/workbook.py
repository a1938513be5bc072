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
from typing import Any

from jisheng_cli.errors import InputError
from jisheng_cli.readers.batch import DEFAULT_BLOCK_BYTES, RawBatch, skip_mask
from jisheng_cli.readers.cells import Cell, cell_text, is_number
from jisheng_cli.readers.headers import (
    HEADER_SEARCH_LINES,
    HeaderMatch,
    check_required,
    find_header,
)
from jisheng_cli.readers.inputs import ReadOptions
from jisheng_cli.readers.ranges import ByteRange
from jisheng_cli.readers.sources import Source

ALL_SHEETS = "*"
# Bytes a cell takes as Arrow text, roughly: what turns `block_bytes` into rows.
CELL_BYTES = 16


def open_book(source: Source, data: bytes | None = None) -> Any:
    """The calamine workbook of `source` (its bytes when given: standard input)."""
    from python_calamine import CalamineWorkbook, PasswordError

    path = Source(source.path).display
    try:
        if data is not None:
            return CalamineWorkbook.from_filelike(io.BytesIO(data))
        return CalamineWorkbook.from_path(source.path)
    except PasswordError:
        raise InputError("workbook_password", path=path) from None
    except Exception as e:
        from jisheng_cli.readers.sniff import sniff_head

        head = data[:8] if data is not None else _head(source.path)
        if sniff_head(head) == "xls":
            # OLE2 holds Word and PowerPoint files as well as Excel 97–2003 workbooks.
            raise InputError("not_csv_xls", path=path) from None
        # calamine's words name the damage, never a cell's content.
        raise InputError("workbook_unreadable", path=path, detail=type(e).__name__) from None


def _head(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read(8)


def visible_sheets(book: Any) -> list[str]:
    """Sheet names in workbook order, hidden ones left out (all, if every one is hidden)."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    shown = [m.name for m in book.sheets_metadata
             if m.visible == SheetVisibleEnum.Visible and m.typ == SheetTypeEnum.WorkSheet]
    return shown or list(book.sheet_names)


def pick_sheet(book: Any, wanted: str | None, path: str) -> str:
    """The sheet `FILE#wanted` names: by name first, else by 1-based position; no
    suffix: the first visible sheet."""
    names: list[str] = list(book.sheet_names)
    if wanted is None:
        return visible_sheets(book)[0]
    if wanted in names:
        return wanted
    if wanted.isdigit() and 1 <= int(wanted) <= len(names):
        return names[int(wanted) - 1]
    raise InputError("sheet_not_found", path=path, sheet=wanted, sheets=", ".join(names))


def _text_rows(rows: list[list[Cell]]) -> list[list[str]]:
    return [[cell_text(c) for c in r] for r in rows]


class _Sheet:
    """One sheet's rows as Excel numbers them, the first ones already taken for the
    header search (`head[i]` is Excel row i + 1)."""

    def __init__(self, sheet: Any, options: ReadOptions) -> None:
        start = sheet.start
        self.first_row = start[0] if start else 0  # 0-based: the first non-empty row
        self.last_row = sheet.end[0] if sheet.end else -1
        self.empty = start is None
        self._rows: Iterator[list[Cell]] = iter(sheet.iter_rows())
        want = (options.header_row if options.header_row is not None
                else max(options.skip_rows, self.first_row) + HEADER_SEARCH_LINES)
        head = list(itertools.islice(self._rows, want))
        if self.first_row and head and any(cell_text(c).strip() for c in head[0]):
            # This calamine began at the first non-empty row: number from there.
            pad: list[list[Cell]] = [[] for _ in range(self.first_row)]
            head = pad + head
        self.head = head

    def rows_after(self, index: int) -> Iterator[list[Cell]]:
        """Rows after `head[index]`, to the sheet's end."""
        return itertools.chain(self.head[index + 1:], self._rows)


class WorkbookInput:
    """One sheet of a workbook as an input: header and kind known; batches on demand."""

    header_row: int

    def __init__(self, source: Source, options: ReadOptions | None = None,
                 fmt: str = "xlsx") -> None:
        options = options or ReadOptions()
        data = sys.stdin.buffer.read() if source.is_stdin else None
        if data is not None and fmt == "zip":
            from jisheng_cli.readers.sniff import zip_flavour

            fmt = zip_flavour(io.BytesIO(data))
            if fmt == "zip":
                raise InputError("not_csv_zip", path=source.display)
        self.encoding = fmt  # shown as the input's encoding in JSON `inputs` and -v
        self._size = len(data) if data is not None else os.path.getsize(source.path)
        self._book = open_book(source, data)
        try:
            name = pick_sheet(self._book, source.sheet, Source(source.path).display)
            self.source = replace(source, sheet=name)
            self.path = self.source.display
            sheet = _Sheet(self._book.get_sheet_by_name(name), options)
            if sheet.empty:
                raise InputError("sheet_empty", path=self.path)
            self.match: HeaderMatch = _find(sheet, self.source.kind, options, self.path)
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
        first = self.header_row + 1  # Excel's number of the next row
        while True:
            chunk = list(itertools.islice(rows, per_batch))
            if not chunk:
                return
            yield self._batch(chunk, first, width)
            first += len(chunk)
            self._emitted = first - 1

    def _batch(self, chunk: list[list[Cell]], first: int, width: int) -> RawBatch:
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
        return RawBatch(
            columns={c: cells[i] for c, i in self.match.columns.items()},
            rows=np.arange(first, first + n, dtype=np.int64),
            skipped_blank=skip_mask(cells, self.match.headers, self.match.columns),
            # F: footer_words=options.footer_words once skip_mask takes them.
            numeric={c: numeric.get(i, none) for c, i in self.match.columns.items()},
        )


def _find(sheet: _Sheet, kind: str | None, options: ReadOptions, path: str) -> HeaderMatch:
    """The CSV header search over the sheet's first rows, numbered as Excel numbers them."""
    try:
        return find_header(
            _text_rows(sheet.head), kind, options.column_map,
            header_row=options.header_row,
            # Empty rows above the data are not lines to search (a CSV has none).
            skip_rows=max(options.skip_rows, sheet.first_row),
        )
    except InputError as e:
        raise InputError(e.code, path=path, **e.params) from None


def sheets_of_kind(path: str, kind: str | None) -> list[str]:
    """The visible sheets of the workbook at `path` whose header names a kind (`kind`
    when forced), in workbook order: what `FILE#*` reads. A hidden sheet is left out (it
    often keeps an old copy or a lookup table); `FILE#name` still reads it."""
    source = Source(path, kind)
    book = open_book(source)
    try:
        found = []
        for name in visible_sheets(book):
            sheet = _Sheet(book.get_sheet_by_name(name), ReadOptions())
            if sheet.empty:
                continue
            try:
                _find(sheet, kind, ReadOptions(), path)
            except InputError:
                continue
            found.append(name)
        if not found:
            raise InputError("no_sheet_of_kind", path=path,
                             sheets=", ".join(book.sheet_names))
        return found
    finally:
        book.close()
