"""A workbook cell as the text the checks read: what Excel shows, not Python's repr.

One rule for every number, IDs included: the 15 significant digits Excel itself keeps and
shows, written out in full (never `1e-05`, never `3.0`). An 18-digit ID stored as a number
has already lost its last digits in the file; its text is then what Excel shows
(4.20525198803151E+17 → `420525198803151000`), and the reader marks the cell as a number
(RawBatch.numeric) so that the checks can say why it is wrong.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta

# Excel's own precision: a double holds ~15.9 digits, Excel shows and keeps 15.
SIGNIFICANT_DIGITS = 15


def number_text(value: float) -> str:
    """`3.0` → `3`, `1e-05` → `0.00001`, `0.1 + 0.2` → `0.3`, 4.20525198803151e17 →
    `420525198803151000`."""
    if not math.isfinite(value):
        return str(value)
    text = format(Decimal(format(value, f".{SIGNIFICANT_DIGITS}g")), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def cell_text(value: Cell) -> str:
    """The text of one cell. A date or date-and-time cell is its ISO date (a time of day
    is dropped: every date column holds days); TRUE/FALSE as Excel shows them."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if kind is int:
        return str(value)
    if kind is float:
        return number_text(value)  # type: ignore[arg-type]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)  # a duration: no column holds one


def is_number(value: Cell) -> bool:
    """A cell the workbook stored as a number (a bool is not one, though Python says so)."""
    kind = type(value)
    return kind is float or kind is int
