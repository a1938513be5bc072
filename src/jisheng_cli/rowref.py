"""Row references: a file's index and a spreadsheet row packed in one int64.

Sorting refs sorts rows by file, then row: the order "first wins" and findings follow,
whichever engine or partition read them.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np

ROW_BITS = 40  # rows per file below 2**40; files in the remaining 23 bits
ROW_MASK = (1 << ROW_BITS) - 1

Ref = TypeVar("Ref", int, np.ndarray)


def pack(fi: int, rows: np.ndarray) -> np.ndarray:
    """The refs of rows of file `fi`."""
    return (np.int64(fi) << ROW_BITS) | rows.astype(np.int64)


def file_start(fi: int) -> int:
    """The ref of row 0 of file `fi`: added to refs read as file 0 it makes them file fi's."""
    return fi << ROW_BITS


def file_of(ref: Ref) -> Ref:
    return ref >> ROW_BITS


def row_of(ref: Ref) -> Ref:
    return ref & ROW_MASK
