"""Damage in a delimited file that Arrow's reader shows only as an exception or in the
cells: undecodable rows, NUL bytes, quotes never closed. Words it as our own errors, never
passing Arrow's text on (it quotes rows, which hold personal data)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

from jisheng_cli.errors import InputError


def read_error(e: BaseException, encoding: str, path: str) -> InputError:
    # Arrow's messages quote the offending row; never pass them on (personal data).
    lowered = str(e).lower()
    if isinstance(e, UnicodeError) or "decode" in lowered or "utf8" in lowered:
        return InputError("mixed_encodings", path=path, encoding=encoding)
    text = str(e)
    if "straddling" in text or "block" in text:
        return InputError("row_too_long", path=path)
    return InputError("csv_broken", path=path)



def check_cells(batch: Any, delimiter: str, path: str) -> Any:
    """Damage visible only in the cells: the first column holding a NUL byte in each row
    (-1: none; None when no row has one), and a quoted cell running to the end of the
    file (a file-level error)."""
    import numpy as np
    import pyarrow.compute as pc

    nul_at = None
    for i, column in enumerate(batch.columns):
        # A byte search over the column's whole data buffer finds either kind of damage
        # (50 × faster than a per-cell regex); the rare hit is then looked at cell by cell.
        buffers = column.buffers()
        data = buffers[2] if len(buffers) > 2 else None
        if data is None or (b"\x00" not in (raw := data.to_pybytes()) and b"\n" not in raw):
            continue
        nul = np.asarray(pc.match_substring(column, "\x00").to_numpy(zero_copy_only=False),
                         dtype=bool)
        if nul.any():
            if nul_at is None:
                nul_at = np.full(batch.num_rows, -1, dtype=np.int64)
            nul_at[nul & (nul_at < 0)] = i
        has_break = pc.match_substring(column, "\n")
        if pc.any(has_break).as_py():
            swallowed = pc.and_(has_break, pc.greater(
                pc.count_substring(column, delimiter), 2 * batch.num_columns))
            if pc.any(swallowed).as_py():
                raise InputError("quote_unclosed", path=path)
    return nul_at


@contextlib.contextmanager
def decode_errors_caught() -> Iterator[list[BaseException]]:
    """Arrow decodes a ragged row's text before calling our handler; a row that is not
    valid in the file's encoding fails there, outside our code. Catch it (Python would
    print 'Exception ignored' with a traceback) and report the file as undecodable."""
    caught: list[BaseException] = []
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, UnicodeError):
            caught.append(unraisable.exc_value)
        else:
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield caught
    finally:
        sys.unraisablehook = previous
