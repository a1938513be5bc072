"""A workbook's sheets through python-calamine: opening a book, choosing a sheet (the
first visible one, `#name`, `#3`, `#*`) and finding its header, numbering rows as Excel
does. Kept apart from readers.workbook so that readers.sources can expand `#*` without
importing the readers."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from typing import Any

from jisheng_cli.errors import InputError
from jisheng_cli.readers.cells import Cell, cell_text
from jisheng_cli.readers.headers import HEADER_SEARCH_LINES, HeaderMatch, find_header


def open_book(file: str, path: str, data: bytes | None = None) -> Any:
    """The calamine workbook at `file` (its bytes when given: standard input); `path` is
    the name errors give it."""
    from python_calamine import CalamineWorkbook, PasswordError

    try:
        if data is not None:
            return CalamineWorkbook.from_filelike(io.BytesIO(data))
        return CalamineWorkbook.from_path(file)
    except PasswordError:
        raise InputError("workbook_password", path=path) from None
    except Exception as e:
        from jisheng_cli.readers.sniff import HEAD_BYTES, sniff_head, sniff_path

        if (sniff_head(data[:HEAD_BYTES]) if data is not None else sniff_path(file)) == "xls":
            # OLE2 holds Word and PowerPoint files as well as Excel 97–2003 workbooks.
            raise InputError("not_csv_xls", path=path) from None
        # calamine's words name the damage, never a cell's content.
        raise InputError("workbook_unreadable", path=path, detail=type(e).__name__) from None


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


def text_rows(rows: list[list[Cell]]) -> list[list[str]]:
    return [[cell_text(c) for c in r] for r in rows]


class Sheet:
    """One sheet's rows as Excel numbers them, the first ones already taken for the
    header search (`head[i]` is Excel row i + 1)."""

    def __init__(self, sheet: Any, header_row: int | None = None, skip_rows: int = 0) -> None:
        start = sheet.start
        self.first_row = start[0] if start else 0  # 0-based: the first non-empty row
        self.last_row = sheet.end[0] if sheet.end else -1
        self.empty = start is None
        self._rows: Iterator[list[Cell]] = iter(sheet.iter_rows())
        want = (header_row if header_row is not None
                else max(skip_rows, self.first_row) + HEADER_SEARCH_LINES)
        head = list(itertools.islice(self._rows, want))
        if self.first_row and head and any(cell_text(c).strip() for c in head[0]):
            # This calamine began at the first non-empty row: number from there.
            pad: list[list[Cell]] = [[] for _ in range(self.first_row)]
            head = pad + head
        self.head = head

    def rows_after(self, index: int) -> Iterator[list[Cell]]:
        """Rows after `head[index]`, to the sheet's end."""
        return itertools.chain(self.head[index + 1:], self._rows)


def find_sheet_header(
    sheet: Sheet, kind: str | None, column_map: dict[str, dict[str, str]], path: str,
    *, header_row: int | None = None, skip_rows: int = 0,
) -> HeaderMatch:
    """The CSV header search over the sheet's first rows, numbered as Excel numbers them."""
    try:
        return find_header(
            text_rows(sheet.head), kind, column_map, header_row=header_row,
            # Empty rows above the data are not lines to search (a CSV has none).
            skip_rows=max(skip_rows, sheet.first_row),
        )
    except InputError as e:
        raise InputError(e.code, path=path, **e.params) from None


def sheets_of_kind(path: str, kind: str | None) -> list[str]:
    """The visible sheets of the workbook at `path` whose header names a kind (`kind`
    when forced), in workbook order: what `FILE#*` reads. A hidden sheet is left out (it
    often keeps an old copy or a lookup table); `FILE#name` still reads it."""
    book = open_book(path, path)
    try:
        found = []
        for name in visible_sheets(book):
            sheet = Sheet(book.get_sheet_by_name(name))
            if sheet.empty:
                continue
            try:
                find_sheet_header(sheet, kind, {}, path)
            except InputError:
                continue
            found.append(name)
        if not found:
            raise InputError("no_sheet_of_kind", path=path,
                             sheets=", ".join(book.sheet_names))
        return found
    finally:
        book.close()
