"""The record batch every reader yields (CSV and Parquet alike), and which of its rows
are not records at all: blank lines, totals (合计/总计/小计) and repeated header lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

TOTALS_WORDS = ("合计", "总计", "小计")
DEFAULT_BLOCK_BYTES = 4 << 20


@dataclass
class RawBatch:
    """Text cells of one block: canonical column → Arrow string array, plus row bookkeeping."""

    columns: dict[str, pa.Array]
    rows: np.ndarray  # spreadsheet row number of each record
    skipped_blank: np.ndarray  # bool: empty, totals (合计) or repeated-header rows
    ragged: list[tuple[int, int, int]] = field(default_factory=list)  # (row, cells, expected)
    # The ragged row that is the file's last line, with too few cells and no line end
    # after it: the file may have been cut off.
    cut_off_row: int | None = None
    # Rows holding NUL bytes (a damaged copy), taken out of `columns` and `rows`:
    # (row, canonical column of the first such cell, None when it is not a read column).
    nul: list[tuple[int, str | None]] = field(default_factory=list)
    # Canonical column → bool mask of the cells a workbook stored as numbers (an ID column
    # stored so has lost its last digits: id_precision_lost). Text formats leave it empty.
    numeric: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)


def skip_mask(
    cells: list[pa.Array], header_cells: list[str], matched: dict[str, int]
) -> np.ndarray:
    """Rows that are empty, totals (合计/总计/小计 first) or a repeated header line.

    `cells` are every column of the block by position, `header_cells` the header line's
    cells and `matched` the canonical column → position of the recognised ones: a row is
    a repeated header when each recognised cell, trimmed, equals the header's cell.

    Most rows have a first cell, so the first column decides for them; only rows whose
    first cell is empty look further along (a small subset)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(cells[0]) if cells else 0
    if n == 0:
        return np.zeros(0, dtype=bool)
    words = pa.array(TOTALS_WORDS)

    def totals_of(values: pa.Array) -> np.ndarray:
        compact = pc.replace_substring_regex(values, r"\s+", "")
        return np.asarray(pc.fill_null(pc.is_in(compact, words), False)
                          .to_numpy(zero_copy_only=False), dtype=bool)

    first = pc.utf8_trim_whitespace(cells[0])
    lead_empty = np.asarray(pc.equal(first, "").to_numpy(zero_copy_only=False), dtype=bool)
    mask = ~lead_empty & totals_of(first)
    rest = np.flatnonzero(lead_empty)
    if len(rest):
        taken = pa.array(rest)
        found = pa.nulls(len(rest), pa.string())
        for col in cells[1:]:
            trimmed = pc.utf8_trim_whitespace(col.take(taken))
            found = pc.if_else(pc.and_(pc.is_null(found), pc.not_equal(trimmed, "")),
                               trimmed, found)
        blank = np.asarray(pc.is_null(found).to_numpy(zero_copy_only=False), dtype=bool)
        mask[rest] = blank | totals_of(found)
    positions = list(matched.values())
    same = pc.equal(pc.utf8_trim_whitespace(cells[positions[0]]), header_cells[positions[0]])
    candidates = np.flatnonzero(np.asarray(same.to_numpy(zero_copy_only=False), dtype=bool))
    if len(candidates):
        taken = pa.array(candidates)
        repeated = np.ones(len(candidates), dtype=bool)
        for pos in positions[1:]:
            eq = pc.equal(pc.utf8_trim_whitespace(cells[pos].take(taken)), header_cells[pos])
            repeated &= np.asarray(eq.to_numpy(zero_copy_only=False), dtype=bool)
        mask[candidates[repeated]] = True
    return mask
