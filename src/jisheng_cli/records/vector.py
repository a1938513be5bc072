"""Vectorised parsing for columns of millions of rows, exactly agreeing with the scalar parsers.

Two strategies. Low-cardinality columns (sex, policy, dates, birth order) have few
distinct values, so `map_unique` runs the scalar parser once per distinct value and
broadcasts the result: same code, same answers, no per-row Python. ID numbers are
nearly all distinct, so `parse_ids` checks them with numpy on a byte matrix and only
sends the odd-looking values to the scalar `parse_id`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from jisheng_cli.errors import ParseError
from jisheng_cli.records.dates import to_days
from jisheng_cli.records.ids import WEIGHTS, ZEROED_TAIL, id_birth_date, id_sex, parse_id

_WEIGHTS16 = np.array(WEIGHTS, dtype=np.int16)
_POW10 = 10 ** np.arange(16, -1, -1, dtype=np.int64)

# ASCII characters Python's str.split() treats as whitespace. Removing only these in
# Arrow keeps the fast path exactly equivalent to clean_id: any value that is then pure
# [0-9Xx] was pure ASCII, where NFKC and strip() change nothing else.
_ASCII_WHITESPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f ]"

_ZERO, _NINE, _UPPER_X, _LOWER_X = ord("0"), ord("9"), ord("X"), ord("x")
_TAIL = np.frombuffer(ZEROED_TAIL.encode("ascii"), dtype=np.uint8)


class _ErrorTable:
    """Distinct (code, variant) pairs in order of appearance; 1-based ids for err arrays.

    The fast path only decides which rows fail: the Pydantic model re-validates those and
    writes their findings, parameters included (no column parser here has any)."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str], int] = {}
        self.codes: list[str] = []
        self.variants: list[str] = []

    def add(self, code: str, variant: str) -> int:
        key = (code, variant)
        if key not in self._ids:
            self.codes.append(code)
            self.variants.append(variant)
            self._ids[key] = len(self.codes)
        return self._ids[key]


def _prepare(values: Any) -> Any:
    """A large_string Array or ChunkedArray without nulls (null reads as an empty cell)."""
    if not isinstance(values, pa.Array | pa.ChunkedArray):
        values = pa.array(values, from_pandas=True)
    if pa.types.is_dictionary(values.type):
        values = values.cast(values.type.value_type)
    if not pa.types.is_large_string(values.type):
        values = values.cast(pa.large_string())
    return pc.fill_null(values, "")


def _combined(values: Any) -> Any:
    """One contiguous Array: parse_ids reads the raw buffers."""
    values = _prepare(values)
    if isinstance(values, pa.ChunkedArray):
        if values.num_chunks == 0:
            return pa.array([], type=pa.large_string())
        values = values.combine_chunks()
    return values


def _indices(indices: Any) -> npt.NDArray[np.intp]:
    if isinstance(indices, pa.ChunkedArray):
        if indices.num_chunks == 0:
            return np.zeros(0, dtype=np.intp)
        indices = indices.combine_chunks()
    return np.asarray(indices.to_numpy(zero_copy_only=False), dtype=np.intp)


Memo = dict[str, tuple[Any, str | None, str | None]]
MEMO_LIMIT = 1_000_000  # distinct values remembered per column (dates, codes, names)


def map_unique(
    values: Any,
    parser: Callable[[str], Any],
    dtype: npt.DTypeLike,
    fill: Any,
    memo: Memo | None = None,
) -> tuple[np.ndarray, npt.NDArray[np.int16], list[str], list[str]]:
    """Parse a column by parsing each distinct value once.

    Returns (parsed, err, codes, variants): `parsed` has `fill` where parsing failed;
    err[i] == 0 means row i parsed, k > 0 that it failed with codes[k-1]/variants[k-1].
    A `memo` carried from batch to batch keeps the answers for values seen before, so a
    date or a village code is parsed once per file, not once per batch.
    """
    column = _prepare(values)
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = (encoded.unify_dictionaries().combine_chunks() if encoded.num_chunks
                   else pa.DictionaryArray.from_arrays(pa.array([], pa.int32()),
                                                       pa.array([], pa.large_string())))
    distinct = encoded.dictionary
    rows = _indices(encoded.indices)
    parsed = np.full(len(distinct), fill, dtype=dtype)
    err = np.zeros(len(distinct), dtype=np.int16)
    table = _ErrorTable()
    for i, value in enumerate(distinct.to_pylist()):
        known = memo.get(value) if memo is not None else None
        if known is None:
            try:
                known = (parser(value), None, None)
            except ParseError as exc:
                known = (fill, exc.code, exc.variant)
            if memo is not None and len(memo) < MEMO_LIMIT:
                memo[value] = known
        result, code, variant = known
        if code is None:
            parsed[i] = result
        else:
            err[i] = table.add(code, variant or "")
    return parsed[rows], err[rows], table.codes, table.variants


@dataclass(frozen=True, repr=False)
class IdColumn:
    """A parsed ID column. Fields of rows with err != 0 are 0."""

    id17: npt.NDArray[np.int64]  # first 17 digits of the canonical 18-digit form
    check: npt.NDArray[np.uint8]  # check character value, 10 for X
    birth_days: npt.NDArray[np.int32]  # holder's birth date, days since 1970-01-01
    sex: npt.NDArray[np.int8]  # 1 male, 2 female
    err: npt.NDArray[np.int16]
    codes: list[str]
    variants: list[str]

    def __len__(self) -> int:
        return len(self.err)

    def __repr__(self) -> str:
        # The arrays are ID numbers: personal data must not leak through logs or tracebacks.
        invalid = int((self.err != 0).sum())
        return f"IdColumn(rows={len(self)}, invalid={invalid}, codes={self.codes})"

    @property
    def valid(self) -> npt.NDArray[np.bool_]:
        return self.err == 0


def _buffers(column: Any) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint8]]:
    """Row start offsets and the byte buffer of a large_string Array, without copying."""
    buffers = column.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int64)[column.offset : column.offset + len(column)]
    data = (
        np.frombuffer(buffers[2], dtype=np.uint8)
        if buffers[2] is not None
        else np.zeros(0, dtype=np.uint8)
    )
    return offsets, data


def _byte_matrix(
    data: npt.NDArray[np.uint8], starts: npt.NDArray[np.int64], is18: npt.NDArray[np.bool_]
) -> npt.NDArray[np.uint8]:
    """Bytes of rows of 15 or 18 bytes as an (n, 18) matrix, 15-byte rows padded with '0'."""
    matrix = np.full((len(starts), 18), _ZERO, dtype=np.uint8)
    # One gather per column keeps temporaries at one int64 per row, not eighteen.
    for j in range(15):
        matrix[:, j] = data[starts + j]
    long_starts = starts[is18]
    for j in range(15, 18):
        matrix[is18, j] = data[long_starts + j]
    return matrix


# Outcome of the fast test, in the order parse_id checks: first failure wins.
_OK, _BAD_CHARS, _BAD_DATE, _BAD_CHECK, _NOT_FAST, _CUT = 0, 1, 2, 3, 4, 5
_STATUS_ERRORS = {
    _BAD_CHARS: ("id_malformed", ""),
    _BAD_DATE: ("id_malformed", "birth_date"),
    _BAD_CHECK: ("id_check_digit", ""),
    _CUT: ("id_precision_lost", ""),
}

_Arr = npt.NDArray[Any]

# Rows per block: bounds the (rows, 18) temporaries to a few tens of megabytes.
_BLOCK = 1 << 18


def _fast_block(
    matrix: npt.NDArray[np.uint8], is18: npt.NDArray[np.bool_]
) -> tuple[_Arr, _Arr, _Arr, _Arr, _Arr]:
    """Parse a block of 15/18-byte rows: (status, id17, check, birth_days, sex) per row.

    Rows holding anything but digits and X/x get status _NOT_FAST: parse_id decides those.
    """
    is_digit = (matrix >= _ZERO) & (matrix <= _NINE)
    is_x = (matrix == _UPPER_X) | (matrix == _LOWER_X)
    fast = (is_digit | is_x).all(axis=1)
    # For 15-digit rows the padding columns are '0', so this also covers them.
    chars_ok = fast & is_digit[:, :17].all(axis=1)

    digits = matrix.astype(np.int16) - _ZERO
    d17 = digits[:, :17].copy()
    legacy = ~is18
    if legacy.any():
        # The 1989 numbers carry a 2-digit year of the 1900s: insert "19" before it.
        d17[legacy, 8:17] = digits[legacy, 6:15]
        d17[legacy, 6] = 1
        d17[legacy, 7] = 9

    year = d17[:, 6].astype(np.int32) * 1000 + d17[:, 7] * 100 + d17[:, 8] * 10 + d17[:, 9]
    month = d17[:, 10].astype(np.int32) * 10 + d17[:, 11]
    day = d17[:, 12].astype(np.int32) * 10 + d17[:, 13]
    date_ok = chars_ok & (year >= 1800) & (year <= 2099) & (month >= 1) & (month <= 12)
    date_ok &= (day >= 1) & (day <= 31)
    months = np.where(date_ok, (year - 1970) * 12 + month - 1, 0).astype("datetime64[M]")
    days = months.astype("datetime64[D]") + np.where(date_ok, day - 1, 0).astype("timedelta64[D]")
    # 2023-02-30 rolls into March: a real date stays in its own month.
    date_ok &= days.astype("datetime64[M]") == months

    expected = (12 - (d17 * _WEIGHTS16).sum(axis=1, dtype=np.int32) % 11) % 11
    given = np.where(is_x[:, 17], 10, digits[:, 17])
    check_ok = legacy | (given == expected)
    good = date_ok & check_ok

    # parse_id's rule: a failing check on a 000 tail is a number cut to 15 digits.
    zeroed = is18 & (matrix[:, 18 - len(_TAIL):] == _TAIL).all(axis=1)
    status = np.select(
        [~fast, ~chars_ok, ~date_ok, ~check_ok & zeroed, ~check_ok],
        [_NOT_FAST, _BAD_CHARS, _BAD_DATE, _CUT, _BAD_CHECK],
        _OK,
    ).astype(np.int8)
    id17 = np.where(good, d17.astype(np.int64) @ _POW10, 0)
    check = np.where(good, expected, 0).astype(np.uint8)
    birth_days = np.where(good, days.astype(np.int64), 0).astype(np.int32)
    sex = np.where(good, 2 - d17[:, 16] % 2, 0).astype(np.int8)
    return status, id17, check, birth_days, sex


@dataclass
class _Fields:
    """Per-row outputs of parse_ids while they are being filled in."""

    status: npt.NDArray[np.int8]
    id17: npt.NDArray[np.int64]
    check: npt.NDArray[np.uint8]
    birth_days: npt.NDArray[np.int32]
    sex: npt.NDArray[np.int8]


def _fast_pass(column: Any, row_ids: npt.NDArray[np.intp], out: _Fields) -> None:
    """Run the numpy test on the 15/18-byte values of `column`; row i is out[row_ids[i]]."""
    lengths = np.asarray(pc.binary_length(column).to_numpy(zero_copy_only=False), np.int64)
    offsets, data = _buffers(column)
    shaped = np.flatnonzero((lengths == 18) | (lengths == 15))
    for first in range(0, len(shaped), _BLOCK):
        local = shaped[first : first + _BLOCK]
        is18 = lengths[local] == 18
        status, id17, check, birth_days, sex = _fast_block(
            _byte_matrix(data, offsets[local], is18), is18
        )
        rows = row_ids[local]
        out.status[rows], out.id17[rows], out.check[rows] = status, id17, check
        out.birth_days[rows], out.sex[rows] = birth_days, sex


def parse_ids(values: Any) -> IdColumn:
    """Vectorised parse_id: same acceptance, same canonical number, same error codes."""
    raw = _combined(values)
    n = len(raw)
    out = _Fields(
        status=np.full(n, _NOT_FAST, dtype=np.int8),
        id17=np.zeros(n, dtype=np.int64),
        check=np.zeros(n, dtype=np.uint8),
        birth_days=np.zeros(n, dtype=np.int32),
        sex=np.zeros(n, dtype=np.int8),
    )
    _fast_pass(raw, np.arange(n), out)
    # Exports often pad IDs with a tab or spaces (to stop Excel turning them into
    # numbers): strip ASCII whitespace from the leftovers and give them a second pass.
    left = np.flatnonzero(out.status == _NOT_FAST)
    if len(left):
        compact = pc.replace_substring_regex(
            raw.take(pa.array(left)), pattern=_ASCII_WHITESPACE, replacement=""
        )
        _fast_pass(compact, left, out)
    status, id17, check, birth_days, sex = out.status, out.id17, out.check, out.birth_days, out.sex

    table = _ErrorTable()
    err = np.zeros(n, dtype=np.int16)
    for code_status, (code, variant) in _STATUS_ERRORS.items():
        failed = status == code_status
        if failed.any():
            err[failed] = table.add(code, variant)

    # Everything else (padding, full-width characters, scientific notation, junk) goes
    # through the scalar parser, once per distinct value.
    slow_rows = np.flatnonzero(status == _NOT_FAST)
    if len(slow_rows):
        slow_values = raw.take(pa.array(slow_rows))
        distinct = pc.unique(slow_values)
        which = _indices(pc.index_in(slow_values, value_set=distinct))
        d_err = np.zeros(len(distinct), dtype=np.int16)
        d_fields = np.zeros((len(distinct), 4), dtype=np.int64)
        for i, value in enumerate(distinct.to_pylist()):
            try:
                canonical = parse_id(value)
            except ParseError as exc:
                d_err[i] = table.add(exc.code, exc.variant)
                continue
            d_fields[i] = (
                int(canonical[:17]),
                10 if canonical[17] == "X" else int(canonical[17]),
                to_days(id_birth_date(canonical)),
                id_sex(canonical),
            )
        err[slow_rows] = d_err[which]
        fields = d_fields[which]
        id17[slow_rows] = fields[:, 0]
        check[slow_rows] = fields[:, 1]
        birth_days[slow_rows] = fields[:, 2]
        sex[slow_rows] = fields[:, 3]

    return IdColumn(id17, check, birth_days, sex, err, table.codes, table.variants)


def canonical_ids(col: IdColumn) -> npt.NDArray[np.str_]:
    """The canonical 18-character numbers ("" for invalid rows); for messages and tests."""
    chars = np.empty((len(col.err), 18), dtype=np.uint8)
    chars[:, :17] = (col.id17[:, None] // _POW10[None, :]) % 10 + _ZERO
    chars[:, 17] = np.where(col.check == 10, _UPPER_X, col.check.astype(np.int64) + _ZERO)
    out = chars.view("S18").ravel().astype("U18")
    out[col.err != 0] = ""
    return out
