"""ID numbers a spreadsheet damaged by storing them as numbers (15 significant digits kept).

The row rule is the parsers' (`records.ids.parse_id`, `records.vector.parse_ids`): an
18-digit number ending in 000 whose check fails is `id_precision_lost`. Here: a cell a
workbook stored as a number is `id_precision_lost` whatever it holds (the models do the
same in `records.fields.id_cell`), and the file rule.

The file rule: among the first WINDOW 18-digit IDs of a file's ID column (within its first
SCAN_ROWS records), at least MIN_IDS and more than half end in 000 or are stored as numbers
→ the column was stored as numbers (`id_column_stored_as_numbers`, once), and that file's
IDs that end in 000 yet pass the check are warned (`id_maybe_precision_lost`) and not used
as a mother's identity: no duplicate, no cross-row warning, no field-check match. The
window is counted in row order, so the decision is the same whatever the block size.
Elsewhere a valid ID ending in 000 is a real one (about 1 in 1,100 are): no finding.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.records.ids import ZEROED_TAIL
from jisheng_cli.records.vector import IdColumn

# The ID column of each kind that has one (checked villages and population have none).
ID_COLUMNS = {"births": "mother_id", "survey": "mother_id", "fees": "payer_id",
              "women": "woman_id", "procedures": "woman_id", "women_survey": "woman_id"}
WINDOW = 1000  # IDs the file rule looks at
MIN_IDS = 5  # fewer IDs than this decide nothing: a few real 000s are not a pattern
SCAN_ROWS = 100_000  # records read ahead at most (an ID column may be nearly empty)
LOST = "id_precision_lost"

_SPACES = r"[\t\n\x0b\x0c\r\x1c-\x1f ]"
_EIGHTEEN = r"^[0-9]{17}[0-9X]$"
_ZEROED = rf"^[0-9]{{15}}{ZEROED_TAIL}$"


def _matches(values: pa.Array, pattern: str) -> np.ndarray:
    hit = pc.match_substring_regex(values, pattern)
    return np.asarray(pc.fill_null(hit, False).to_numpy(zero_copy_only=False), dtype=bool)


def _compact(values: Any) -> pa.Array:
    """The cells as `ids.clean_id` sees them (NFKC, no whitespace, upper-case X)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    values = pc.fill_null(values.cast(pa.large_string()), "")
    values = pc.replace_substring_regex(pc.utf8_normalize(values, "NFKC"), _SPACES, "")
    return pc.utf8_upper(values)


def numeric_cells(raw: RawBatch, column: str) -> np.ndarray:
    """Non-empty cells of `column` a workbook stored as numbers."""
    mask = raw.numeric.get(column)
    if mask is None or column not in raw.columns:
        return np.zeros(len(raw), dtype=bool)
    empty = np.asarray(pc.equal(_compact(raw.columns[column]), "").to_numpy(
        zero_copy_only=False), dtype=bool)
    return np.asarray(mask, dtype=bool) & ~empty


def zeroed_ids(raw: RawBatch, column: str) -> np.ndarray:
    """Cells holding 18 digits that end in 000."""
    if column not in raw.columns:
        return np.zeros(len(raw), dtype=bool)
    return _matches(_compact(raw.columns[column]), _ZEROED)


def mark_numeric(idc: IdColumn, raw: RawBatch, column: str) -> None:
    """`id_precision_lost` for every non-empty cell the workbook stored as a number."""
    lost = numeric_cells(raw, column)
    if not lost.any():
        return
    if LOST not in idc.codes:
        idc.codes.append(LOST)
        idc.variants.append("")
    idc.err[lost] = idc.codes.index(LOST) + 1
    for values in (idc.id17, idc.check, idc.birth_days, idc.sex):
        values[lost] = 0


@dataclass
class ZeroTally:
    """The file rule's counts over the first WINDOW IDs of the first SCAN_ROWS records."""

    ids: int = 0
    zeroed: int = 0
    rows: int = 0

    @property
    def done(self) -> bool:
        return self.ids >= WINDOW or self.rows >= SCAN_ROWS

    @property
    def stored_as_numbers(self) -> bool:
        return self.ids >= MIN_IDS and 2 * self.zeroed > self.ids

    def add(self, raw: RawBatch, column: str) -> None:
        if self.done or column not in raw.columns:
            return
        seen = min(len(raw), SCAN_ROWS - self.rows)
        self.rows += seen
        numeric = numeric_cells(raw, column)
        values = _compact(raw.columns[column])
        counted = (_matches(values, _EIGHTEEN) | numeric) & ~raw.skipped_blank
        idx = np.flatnonzero(counted[:seen])[: WINDOW - self.ids]
        self.ids += len(idx)
        self.zeroed += int((_matches(values, _ZEROED) | numeric)[idx].sum())


def look_ahead(batches: Iterator[RawBatch], column: str) -> tuple[ZeroTally, Iterator[RawBatch]]:
    """The file rule's tally, and the batches again from the first (those read are held)."""
    tally = ZeroTally()
    held: list[RawBatch] = []
    for raw in batches:
        held.append(raw)
        tally.add(raw, column)
        if tally.done:
            break
    return tally, itertools.chain(held, batches)


def keyed_ids(id17: np.ndarray, trusted: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Mothers' IDs as duplicates and matching use them: an untrusted ID becomes its row's
    own negative number (−1 − ref), equal to no other row's and to no real ID."""
    return np.where(trusted, id17, -1 - ref.astype(np.int64))
