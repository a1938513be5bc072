"""The record batch every reader yields (CSV and Parquet alike), and which of its rows
are not records at all: blank lines, totals (合计/总计/小计), footers (填表人 …) and
repeated header lines."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

TOTALS_WORDS = ("合计", "总计", "小计")
# A footer says who filled in, made, checked or answers for the sheet, when, and a phone
# number to call: not a record wherever it stands, as long as no data cell is filled in.
FOOTER_WORDS = ("填表人", "制表人", "审核人", "负责人", "填报日期", "制表日期", "联系电话")
# A remark opens a footer only in the file's last lines: elsewhere a 备注 cell may be data.
TAIL_WORDS = ("备注",)
DEFAULT_BLOCK_BYTES = 4 << 20
# A cell beside a totals word that does not make it a record: a count or a sum.
_NUMBER = r"^[+-]?(\d[\d,]*(\.\d*)?|\.\d+)%?$"
# Every totals word holds it: rows without it anywhere are never looked at twice.
_TOTALS_MARK = "计"


@dataclass
class RawBatch:
    """Text cells of one block: canonical column → Arrow string array, plus row bookkeeping."""

    columns: dict[str, pa.Array]
    rows: np.ndarray  # spreadsheet row number of each record
    skipped_blank: np.ndarray  # bool: empty, totals (合计), footer or repeated-header rows
    ragged: list[tuple[int, int, int]] = field(default_factory=list)  # (row, cells, expected)
    # The ragged row that is the file's last line, with too few cells and no line end
    # after it: the file may have been cut off.
    cut_off_row: int | None = None
    # Rows holding NUL bytes (a damaged copy), taken out of `columns` and `rows`:
    # (row, canonical column of the first such cell, None when it is not a read column).
    nul: list[tuple[int, str | None]] = field(default_factory=list)
    # Lines with too few cells that are footers or totals (`填表人:张三` typed alone on its
    # line): not records, counted with the blank/totals rows.
    short_skipped: int = 0
    # Canonical column → bool mask of the cells a workbook stored as numbers (an ID column
    # stored so has lost its last digits: id_precision_lost). Text formats leave it empty.
    numeric: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)


def is_short_footer(first_cell: str, footer_words: Sequence[str] = ()) -> bool:
    """A line too short to be a record whose first cell opens a footer or a total: a
    hand-typed CSV's `填表人:张三` or `合计` alone (spreadsheets pad such lines to the
    header's width, and `row_marks` judges them there)."""
    cell = compact(first_cell)
    return bool(cell) and any(cell.startswith(compact(w))
                              for w in (*TOTALS_WORDS, *FOOTER_WORDS, *footer_words))


def compact(text: str) -> str:
    """A word as cells are compared with it: NFKC (a full-width colon is `:`), no white
    space (`填 表 人`), lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


@dataclass(frozen=True)
class RowMarks:
    """What the rows of a block are, beside records."""

    skip: np.ndarray  # blank, totals, footer or repeated header: never a record
    # Footer-like: a footer word first but a data cell filled in, or a 备注 line. Not a
    # record when nothing but skipped or footer-like rows follows it to the end of the
    # file (`settle_tail`); a record otherwise.
    tail: np.ndarray


def skip_mask(
    cells: list[pa.Array], header_cells: list[str], matched: dict[str, int],
    *, footer_words: Sequence[str] = (),
) -> np.ndarray:
    """Rows that are not records wherever they stand (see `row_marks`)."""
    return row_marks(cells, header_cells, matched, footer_words=footer_words).skip


def row_marks(
    cells: list[pa.Array], header_cells: list[str], matched: dict[str, int],
    *, footer_words: Sequence[str] = (),
) -> RowMarks:
    """The rows of a block that are not records (docs/data.md "Rows that are not records").

    `cells` are every column of the block by position, `header_cells` the header line's
    cells and `matched` the canonical column → position of the recognised ones.
    `footer_words` ([reading] footer_words) open footers beside FOOTER_WORDS.

    - blank: no cell but white space;
    - totals: the first non-empty cell is a totals word (whatever the others hold), or
      the row's only text cell starts with one (`总计:7人` in the third cell, numbers
      beside it);
    - footer: the first non-empty cell starts with a footer word and no other recognised
      column holds anything but another footer label (`审核人:李**`);
    - repeated header: each recognised cell, trimmed, equals the header's cell.

    Every test but the first runs only on the few rows a cheap look picks out."""
    import numpy as np

    n = len(cells[0]) if cells else 0
    if n == 0:
        empty = np.zeros(0, dtype=bool)
        return RowMarks(empty, empty)
    lead, lead_pos = _lead(cells)
    mask = lead_pos < 0
    mask |= _totals(cells, lead, lead_pos)
    footer, tail = _footers(cells, lead, lead_pos, matched, footer_words)
    mask |= footer
    mask |= _repeated_header(cells, header_cells, matched)
    return RowMarks(mask, tail & ~mask)


def _bools(values: pa.Array) -> np.ndarray:
    import numpy as np
    import pyarrow.compute as pc

    return np.asarray(pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=bool)


def _compacted(values: pa.Array) -> pa.Array:
    import pyarrow.compute as pc

    normal = pc.utf8_normalize(values, "NFKC")
    return pc.utf8_lower(pc.replace_substring_regex(normal, r"\s+", ""))


def _starts(values: pa.Array, words: Sequence[str]) -> np.ndarray:
    import numpy as np
    import pyarrow.compute as pc

    out = np.zeros(len(values), dtype=bool)
    for word in words:
        out |= _bools(pc.starts_with(values, word))
    return out


def _lead(cells: list[pa.Array]) -> tuple[pa.Array, np.ndarray]:
    """Each row's first non-empty cell, trimmed ("" for a blank row), and its position
    (−1 for a blank row). Most rows have a first cell, so the first column decides for
    them; only rows whose first cell is empty look further along (a small subset)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    first = pc.utf8_trim_whitespace(cells[0])
    lead_empty = _bools(pc.equal(first, ""))
    pos = np.where(lead_empty, -1, 0)
    rest = np.flatnonzero(lead_empty)
    if not len(rest):
        return first, pos
    taken = pa.array(rest)
    found = pa.array([""] * len(rest), pa.string())
    where = np.full(len(rest), -1)
    for i, col in enumerate(cells[1:], 1):
        trimmed = pc.utf8_trim_whitespace(col.take(taken))
        new = pc.and_(pc.equal(found, ""), pc.not_equal(trimmed, ""))
        where[_bools(new)] = i
        found = pc.if_else(new, trimmed, found)
    pos[rest] = where
    return pc.replace_with_mask(first, pa.array(lead_empty), found), pos


def _totals(cells: list[pa.Array], lead: pa.Array, lead_pos: np.ndarray) -> np.ndarray:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    mask = np.zeros(len(lead), dtype=bool)
    holding = [_may_hold(col, _TOTALS_MARK) for col in cells]
    picked = _picked(lead, lead_pos, holding[0], lambda v: pc.match_substring(v, _TOTALS_MARK))
    if len(picked):
        compact_lead = _compacted(lead.take(pa.array(picked)))
        mask[picked] = _bools(pc.is_in(compact_lead, pa.array(TOTALS_WORDS)))
    marked = np.zeros(len(lead), dtype=bool)
    for col, may in zip(cells, holding, strict=True):
        if may:
            marked |= _bools(pc.match_substring(col, _TOTALS_MARK))
    rows = np.flatnonzero(marked & ~mask)
    if not len(rows):
        return mask
    taken = pa.array(rows)
    texts = np.zeros(len(rows), dtype=np.int64)
    starts = np.zeros(len(rows), dtype=bool)
    for col in cells:
        value = _compacted(col.take(taken))
        text = ~_bools(pc.equal(value, "")) & ~_bools(pc.match_substring_regex(value, _NUMBER))
        texts += text
        starts |= text & _starts(value, TOTALS_WORDS)
    mask[rows] = starts & (texts == 1)
    return mask


def _picked(
    lead: pa.Array, lead_pos: np.ndarray, first_may: bool, test: Callable[[pa.Array], pa.Array],
) -> np.ndarray:
    """The rows whose lead passes `test` (a boolean compute over a string array). When the
    first column cannot hold what `test` looks for (`first_may`, from `_may_hold`), only
    the few rows whose lead lies further along are looked at."""
    import numpy as np
    import pyarrow as pa

    if first_may:
        return np.flatnonzero(_bools(test(lead)))
    further = np.flatnonzero(lead_pos > 0)
    if not len(further):
        return further
    return further[_bools(test(lead.take(pa.array(further))))]


def _may_hold(col: pa.Array, text: str) -> bool:
    """Whether any cell of a string column may hold `text`: one search over the column's
    bytes (its last byte first, with numpy: a tenth of a kernel per cell); a column of
    another type may."""
    import numpy as np
    import pyarrow as pa

    if not text or not pa.types.is_string(col.type):
        return True
    buffers = col.buffers()
    if len(buffers) < 3 or buffers[2] is None:
        return False
    data = np.frombuffer(buffers[2], dtype=np.uint8)
    needle = np.frombuffer(text.encode(), dtype=np.uint8)
    k = len(needle) - 1
    at = np.flatnonzero(data[k:] == needle[-1])
    found = np.ones(len(at), dtype=bool)
    for i in range(k):
        found &= data[at + i] == needle[i]
    return bool(found.any())


def _footers(
    cells: list[pa.Array], lead: pa.Array, lead_pos: np.ndarray, matched: dict[str, int],
    footer_words: Sequence[str],
) -> tuple[np.ndarray, np.ndarray]:
    """(footers, footer-like rows): see `row_marks` and `RowMarks.tail`."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    words = tuple(dict.fromkeys([*FOOTER_WORDS, *(w for w in map(compact, footer_words) if w)]))
    labels = (*words, *TAIL_WORDS)
    footer = np.zeros(len(lead), dtype=bool)
    tail = np.zeros(len(lead), dtype=bool)
    # A cheap first look at every row (NFKC over whole columns costs more than the rest
    # of this module): the first character as written, in each form NFKC and lower case
    # would fold to a word's first character.
    firsts = sorted({v for w in labels for v in _written(w[0])})
    picked = _picked(lead, lead_pos, any(_may_hold(cells[0], c) for c in firsts),
                     lambda v: pa.array(_starts(v, firsts)))
    if not len(picked):
        return footer, tail
    taken = pa.array(picked)
    value = _compacted(lead.take(taken))
    opens = _starts(value, words)
    likely = _starts(value, labels)
    filled = np.zeros(len(picked), dtype=bool)
    for pos in sorted(set(matched.values())):
        cell = _compacted(pc.utf8_trim_whitespace(cells[pos].take(taken)))
        data = ~_bools(pc.equal(cell, "")) & ~_starts(cell, labels)
        filled |= data & (lead_pos[picked] != pos)
    footer[picked] = opens & ~filled
    tail[picked] = likely & ~footer[picked]
    return footer, tail


def _written(char: str) -> set[str]:
    """The ways a compacted first character may be written: a Latin letter in either
    case, and either at full width (`Ｐ`)."""
    forms = {char, char.upper()}
    return forms | {chr(ord(c) + 0xFEE0) for c in forms if "!" <= c <= "~"}


def _repeated_header(
    cells: list[pa.Array], header_cells: list[str], matched: dict[str, int]
) -> np.ndarray:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    mask = np.zeros(len(cells[0]), dtype=bool)
    positions = list(matched.values())
    if not _may_hold(cells[positions[0]], header_cells[positions[0]].strip()):
        return mask
    same = pc.equal(pc.utf8_trim_whitespace(cells[positions[0]]), header_cells[positions[0]])
    candidates = np.flatnonzero(_bools(same))
    if len(candidates):
        taken = pa.array(candidates)
        repeated = np.ones(len(candidates), dtype=bool)
        for pos in positions[1:]:
            eq = pc.equal(pc.utf8_trim_whitespace(cells[pos].take(taken)), header_cells[pos])
            repeated &= _bools(eq)
        mask[candidates[repeated]] = True
    return mask


def settle_tail(
    marked: Iterable[tuple[RawBatch, np.ndarray]], more_records: Callable[[], bool] | None = None,
) -> Iterator[RawBatch]:
    """The batches in order, each with its `RowMarks.tail` rows: those that no record
    follows to the end of the input are marked skipped (footers); the others stay records.

    The end of the file may lie several blocks on, so batches whose last rows are
    footer-like wait (with any batch after them) until a record or the end shows up:
    the outcome does not depend on the block size. `more_records`, asked at the end,
    says whether records follow the end of this input (a byte range of a larger file)."""
    import numpy as np

    pending: list[tuple[RawBatch, np.ndarray]] = []
    for raw, tail in marked:
        records = np.flatnonzero(~raw.skipped_blank & ~tail)
        if len(records):
            yield from (b for b, _ in pending)
            pending = []
            tail = tail.copy()
            tail[: records[-1] + 1] = False  # a record follows them: records too
        if pending or tail.any():
            pending.append((raw, tail))
        else:
            yield raw
    if pending and not (more_records is not None and more_records()):
        for raw, tail in pending:
            raw.skipped_blank = raw.skipped_blank | tail
    yield from (b for b, _ in pending)
