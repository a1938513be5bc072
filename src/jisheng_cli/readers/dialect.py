"""The dialect of a delimited file from its first block: the delimiter (`,` `;` `|` tab) and
the header line it yields. Line ends need nothing here: CR, LF and CRLF all end a line for
both Python's csv module (the header search) and pyarrow's reader (the records)."""

from __future__ import annotations

import csv
import io

from jisheng_cli.errors import InputError
from jisheng_cli.readers.headers import HeaderMatch, find_header, rows_needed

DELIMITERS = (",", ";", "|", "\t")
_SNIFF_LINES = 10


def delimiter_order(text: str, path: str) -> list[str]:
    """The delimiters to try, the likeliest first: by the most of each found outside
    quotes on one of the first lines (a `;` inside a quoted Chinese cell does not count);
    a tie keeps the order of DELIMITERS. A `.tsv` or `.txt` name puts tab first."""
    counts = _unquoted_counts(text)
    order = sorted(DELIMITERS, key=lambda d: -counts[d])
    if path.lower().endswith((".tsv", ".txt")):
        order.remove("\t")
        order.insert(0, "\t")
    return order


def _unquoted_counts(text: str) -> dict[str, int]:
    """Per delimiter, its most occurrences outside quotes on one of the first lines. A
    quote toggles the state whatever the delimiter (`""` toggles it twice), and a quoted
    line break does not end the line."""
    best = dict.fromkeys(DELIMITERS, 0)
    line = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    lines = 0
    previous = ""
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "\r\n":
            if not (ch == "\n" and previous == "\r"):
                for d in DELIMITERS:
                    best[d] = max(best[d], line[d])
                    line[d] = 0
                lines += 1
                if lines >= _SNIFF_LINES:
                    return best
        elif not quoted and ch in line:
            line[ch] += 1
        previous = ch
    for d in DELIMITERS:
        best[d] = max(best[d], line[d])
    return best


def first_rows(text: str, delimiter: str, limit: int) -> list[list[str]]:
    """The first `limit` lines of the sample as cells. `newline=""` lets the csv module end a
    line at CR, LF or CRLF and keep a quoted line break inside its cell."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass
    return rows


def header_and_delimiter(
    text: str, path: str, delimiter: str | None, kind: str | None,
    column_map: dict[str, dict[str, str]], *, header_row: int | None = None,
    skip_rows: int = 0,
) -> tuple[str, list[list[str]], HeaderMatch]:
    """(delimiter, first rows, header) of a file: `delimiter` when given (the only one
    tried), else the likeliest delimiter under which a header line is found. No header
    under any: the error of the likeliest, whose cells are the ones worth showing."""
    candidates = [delimiter] if delimiter else delimiter_order(text, path)
    first_error: InputError | None = None
    for d in candidates:
        rows = first_rows(text, d, rows_needed(header_row, skip_rows))
        try:
            match = find_header(rows, kind, column_map, header_row=header_row,
                                skip_rows=skip_rows)
        except InputError as e:
            first_error = first_error or InputError(e.code, path=path, **e.params)
            continue
        return d, rows, match
    assert first_error is not None
    raise first_error

