"""The compiled dictionary: a low-cardinality column's byte strings → entry ids.

It replaces `records.vector.map_unique` on the kernel path. One dictionary per column
and parser lives for a file (in `CheckContext.dictionaries`), so a date or a village
code is decided once per file. A batch is looked up in parallel (hash of the bytes,
linear probe, byte-for-byte compare); the rows that miss are inserted one by one in
row order, so entries are numbered in order of first appearance, and each new entry is
decided once by the reference's own scalar parser. Per-row values and error flags are
then gathers of the entry arrays.

Why it is exact: an entry is found only when its bytes equal the cell's bytes (the hash
only chooses where to look), equal bytes are an equal Python string, and the entry's
value is what the scalar parser returned for that string: the value `map_unique` gives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from jisheng_cli.errors import ParseError
from jisheng_cli.kernel.buffers import Bytes, Offsets, string_buffers
from jisheng_cli.kernel.jit import njit
from jisheng_cli.kernel.words import word32
from jisheng_cli.records.vector import MEMO_LIMIT

EMPTY_SLOT = -1
_M32 = 0xFFFFFFFF
_FNV_PRIME = 0x01000193
_FNV_BASIS = 0x811C9DC5
_MIX = 0x045D9F3B  # < 2**27: products of 32-bit values stay inside int64


@njit(inline="always")
def cell_hash(data: Bytes, start: int, end: int) -> int:
    """A 32-bit hash of data[start:end], four bytes a step; int64 arithmetic only (no
    uint64: numba would mix it with int64 into floats), the same in pure Python."""
    h = _FNV_BASIS
    i = start
    while i + 4 <= end:
        h = ((h ^ word32(data, i)) * _FNV_PRIME) & _M32
        i += 4
    while i < end:
        h = ((h ^ int(data[i])) * _FNV_PRIME) & _M32
        i += 1
    h ^= end - start
    h = ((h ^ (h >> 16)) * _MIX) & _M32
    return h ^ (h >> 16)


@njit(inline="always")
def _same(data: Bytes, start: int, end: int, edata: Bytes, estart: int, eend: int) -> bool:
    n = end - start
    if n != eend - estart:
        return False
    j = 0
    while j + 4 <= n:
        if word32(data, start + j) != word32(edata, estart + j):
            return False
        j += 4
    while j < n:
        if data[start + j] != edata[estart + j]:
            return False
        j += 1
    return True


@njit(inline="always")
def find(data: Bytes, start: int, end: int, h: int, slots: npt.NDArray[np.int32],
          hashes: npt.NDArray[np.int64], estarts: Offsets, edata: Bytes) -> tuple[int, int]:
    """(entry id or EMPTY_SLOT, the slot where the search stopped)."""
    mask = len(slots) - 1
    j = h & mask
    while True:
        k = slots[j]
        if k == EMPTY_SLOT:
            return EMPTY_SLOT, j
        if hashes[k] == h and _same(data, start, end, edata, estarts[k], estarts[k + 1]):
            return k, j
        j = (j + 1) & mask


@njit
def look_up(offsets: Offsets, data: Bytes, slots: npt.NDArray[np.int32],
            hashes: npt.NDArray[np.int64], estarts: Offsets, edata: Bytes,
            out: npt.NDArray[np.int32], lo: int, hi: int) -> None:
    """Entry ids of rows lo..hi (EMPTY_SLOT for a value not in the table yet)."""
    for i in range(lo, hi):
        start, end = offsets[i], offsets[i + 1]
        k, _ = find(data, start, end, cell_hash(data, start, end), slots, hashes, estarts,
                    edata)
        out[i] = k


@njit
def _insert(offsets: Offsets, data: Bytes, rows: npt.NDArray[np.int64], first: int,
            slots: npt.NDArray[np.int32], hashes: npt.NDArray[np.int64], estarts: Offsets,
            edata: Bytes, n: int, out: npt.NDArray[np.int32]) -> tuple[int, int]:
    """Add the missed rows' values in row order (first appearance), from rows[first] on,
    until the table is half full; returns (entries, rows done)."""
    limit = len(slots) // 2
    r = first
    while r < len(rows) and n < limit:
        i = rows[r]
        start, end = offsets[i], offsets[i + 1]
        h = cell_hash(data, start, end)
        k, j = find(data, start, end, h, slots, hashes, estarts, edata)
        if k == EMPTY_SLOT:
            k = n
            at = estarts[n]
            for b in range(end - start):
                edata[at + b] = data[start + b]
            estarts[n + 1] = at + end - start
            hashes[n] = h
            slots[j] = n
            n += 1
        out[i] = k
        r += 1
    return n, r


@njit
def _rehash(hashes: npt.NDArray[np.int64], n: int, slots: npt.NDArray[np.int32]) -> None:
    mask = len(slots) - 1
    for k in range(n):
        j = hashes[k] & mask
        while slots[j] != EMPTY_SLOT:
            j = (j + 1) & mask
        slots[j] = k


def _grown(array: np.ndarray, size: int, fill: Any) -> np.ndarray:
    if len(array) >= size:
        return array
    bigger = np.full(max(size, 2 * len(array)), fill, dtype=array.dtype)
    bigger[: len(array)] = array
    return bigger


class Dictionary:
    """Distinct values of one column, each decided once by `parse` (a ParseError is the
    entry's error: value `fill`, `failed` set)."""

    def __init__(self, parse: Callable[[str], Any], dtype: npt.DTypeLike, fill: Any) -> None:
        self.parse, self.dtype, self.fill = parse, np.dtype(dtype), fill
        self._reset()

    def _reset(self) -> None:
        self.n = 0
        self.slots = np.full(1 << 10, EMPTY_SLOT, dtype=np.int32)
        self.hashes = np.zeros(1 << 8, dtype=np.int64)
        self.starts = np.zeros((1 << 8) + 1, dtype=np.int64)
        self.data = np.zeros(1 << 12, dtype=np.uint8)
        self.values = np.full(1 << 8, self.fill, dtype=self.dtype)
        self.failed = np.zeros(1 << 8, dtype=np.bool_)
        self.codes: list[tuple[str, str] | None] = []

    def ids(self, values: Any) -> npt.NDArray[np.int32]:
        """The entry id of every cell, new values added (and parsed) first (one column
        on one thread: the births kernel looks its columns up in `rowpass.scan`)."""
        self.fresh()
        offsets, data = string_buffers(values)
        out = np.empty(len(offsets) - 1, dtype=np.int32)
        look_up(offsets, data, self.slots, self.hashes, self.starts, self.data, out, 0,
                len(out))
        self.add_missed(offsets, data, out)
        return out

    def fresh(self) -> None:
        """Called before a batch's look-up: a column of unique junk keeps memory bounded."""
        if self.n > MEMO_LIMIT:
            self._reset()

    def add_missed(self, offsets: Offsets, data: Bytes, out: npt.NDArray[np.int32]) -> None:
        """Insert the cells a look-up missed (out == EMPTY_SLOT), then decide the new
        entries with the parser; `out` gets their ids."""
        missed = np.flatnonzero(out == EMPTY_SLOT)
        if not len(missed):
            return
        most = self.n + len(missed)
        size = int(self.starts[self.n] + (offsets[missed + 1] - offsets[missed]).sum())
        self.hashes = _grown(self.hashes, most, 0)
        self.starts = _grown(self.starts, most + 1, 0)
        self.data = _grown(self.data, size, 0)
        first, done, rows = self.n, 0, missed.astype(np.int64)
        while done < len(rows):
            if 2 * self.n >= len(self.slots):  # load at most one half: probes stay short
                self.slots = np.full(2 * len(self.slots), EMPTY_SLOT, dtype=np.int32)
                _rehash(self.hashes, self.n, self.slots)
            self.n, done = _insert(offsets, data, rows, done, self.slots, self.hashes,
                                   self.starts, self.data, self.n, out)
        self.values = _grown(self.values, self.n, self.fill)
        self.failed = _grown(self.failed, self.n, False)
        for k in range(first, self.n):
            try:
                self.values[k] = self.parse(self.text(k))
                self.codes.append(None)
            except ParseError as exc:
                self.failed[k] = True
                self.codes.append((exc.code, exc.variant))

    def text(self, k: int) -> str:
        return self.data[self.starts[k] : self.starts[k + 1]].tobytes().decode("utf-8")
