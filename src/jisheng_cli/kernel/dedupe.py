"""First-wins duplicates in a compiled hash index: `duplicates.KeyIndex`'s answers, faster.

The kept keys are split into shards by mother exactly as KeyIndex splits them (the
mother's 17 digits modulo its SHARDS), so `sorted_chunks` can hand the cross-row pass the
same pieces in the same order. Each shard holds its kept keys in insertion order, in
columns: the mother (8 bytes), the rest of the key (4: date, order and sex take 29 bits
for any date of years 1-9999), the row (4: the file is known from the position, since keys
go in in file order and each shard notes where each file's keys start) and the caller's
aux (4 or 8), and an
open-addressing table of uint32 slots, linear probing, each slot holding a column position
and 5 bits of the key's hash so that most probes of another key never read the columns.
A batch goes in row by row in file order: that is what first-wins means.

Memory per kept key: 20 bytes of columns (24 with an int64 aux), and 4 bytes / load of
table with the load kept between 1/2 and 3/4 (5.3 to 8 bytes; the table grows by 1.5):
25-32 bytes, against KeyIndex's 28-32 plus its merges (50M rows must fit in 2 GiB).
Columns grow by doubling, but what is reserved and not yet filled is never written, so
it is not resident. When the input's size is known the shards are made about as large
as it needs at once (`expect`), so a run seldom grows at all. A growth step copies one
shard only, a sixteenth of the index: its old and new columns (or its old and new table)
exist together for the copy, at most some 3 bytes a kept key of the whole index on top of
the above. The kernels are in `kernel.dedupe_kernels`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np

from jisheng_cli import duplicates as dups
from jisheng_cli.duplicates import KEY_DTYPE, _Run
from jisheng_cli.kernel.dedupe_kernels import (
    TAG_BITS,
    _insert,
    _rehash,
    _repeated_mothers,
    _split,
)
from jisheng_cli.rowref import ROW_BITS, ROW_MASK

MAX_SHARD_KEYS = (1 << (32 - TAG_BITS)) - 2  # 134 million kept keys a shard
MAX_LOAD = 0.75
TABLE_GROWTH = 1.5
COLUMN_GROWTH = 2
MIN_COLUMNS = 1024
PRESIZE = 1.1  # margin on the expected keys of a shard when it is made


class _Shard:
    """One shard's columns (insertion order), table, and the sizes of the sorted runs
    KeyIndex would hold for the same inserts (for the cross-row pieces)."""

    def __init__(self, aux_dtype: np.dtype) -> None:
        self.count = 0
        self.hi = np.empty(0, dtype=np.uint64)
        self.lo = np.empty(0, dtype=np.uint32)
        self.row = np.empty(0, dtype=np.uint32)
        self.aux = np.empty(0, dtype=aux_dtype)
        # Where each file's keys start (positions, ascending) and that file's index.
        self.file_starts: list[int] = []
        self.file_ids: list[int] = []
        self.table = np.zeros(_table_size(0), dtype=np.uint32)
        self.runs: list[int] = []

    def reserve(self, more: int) -> None:
        """Room for `more` new keys: columns and table grow before the kernel runs."""
        need = self.count + more
        if need > MAX_SHARD_KEYS:
            raise ValueError(f"a shard of the duplicate index holds at most {MAX_SHARD_KEYS}"
                             " keys")
        if need > len(self.hi):
            cap = max(need, int(len(self.hi) * COLUMN_GROWTH), MIN_COLUMNS)
            self.hi, self.lo, self.row, self.aux = (
                _grown(c, cap, self.count) for c in (self.hi, self.lo, self.row, self.aux))
        if need > MAX_LOAD * len(self.table):
            size = max(_table_size(need), int(len(self.table) * TABLE_GROWTH))
            self.table = np.zeros(0, dtype=np.uint32)  # the old table goes before the new
            with np.errstate(over="ignore"):
                self.table = _rehash(self.hi, self.lo, self.count, size)

    def begin_file(self, fi: int) -> None:
        """The keys inserted from now on are file `fi`'s (a no-op while it stays the same)."""
        if not self.file_ids or self.file_ids[-1] != fi:
            self.file_starts.append(self.count)
            self.file_ids.append(fi)

    def refs(self, positions: np.ndarray) -> np.ndarray:
        """The row refs (rowref) of the keys at column positions `positions`."""
        at = np.searchsorted(np.asarray(self.file_starts, dtype=np.int64), positions,
                             side="right") - 1
        files = np.asarray(self.file_ids, dtype=np.int64)[at]
        return (files << ROW_BITS) | self.row[positions].astype(np.int64)

    def widen_aux(self) -> None:
        self.aux = self.aux.astype(np.int64)

    def pushed(self, count: int) -> None:
        """After a batch: the new keys are one more sorted run to KeyIndex (merged as its
        `_Shard._push` merges them)."""
        new, self.count = count - self.count, count
        if new == 0:
            return
        runs = self.runs
        runs.append(new)
        while (len(runs) > 1 and 2 * runs[-1] >= runs[-2]
               and runs[-1] + runs[-2] <= dups.MAX_RUN):
            b = runs.pop()
            runs[-1] += b

    def sorted_chunks(self, chunk: int, repeated_only: bool = False) -> Iterator[_Run]:
        """KeyIndex's pieces of this shard, each in key order.

        With `repeated_only`, a piece holds only the keys of mothers with two or more
        kept keys: the cross-row pass compares a key with its neighbours of the same
        mother only, so it finds the same warnings, in the same order, without sorting
        every other key."""
        if self.count == 0:
            return
        hi, lo = self.hi[:self.count], self.lo[:self.count]
        for rows in self._piece_rows(chunk):
            if rows is None:
                rows = np.arange(self.count)
            p_hi, p_lo, p_ref = hi[rows], lo[rows], self.refs(rows)
            if repeated_only and len(p_hi):
                # Piece by piece (a piece never splits a mother): the table of mothers
                # stays the size of a piece, in cache, however large the shard.
                with np.errstate(over="ignore"):
                    keep = _repeated_mothers(p_hi)
                p_hi, p_lo, p_ref = p_hi[keep], p_lo[keep], p_ref[keep]
            if not len(p_hi):
                continue
            order = np.lexsort((p_lo, p_hi))  # keys are unique: this is the key order
            keys = np.empty(len(order), dtype=KEY_DTYPE)
            keys["hi"] = p_hi[order]
            keys["lo"] = p_lo[order]
            yield _Run(keys.view("V16").ravel(), p_ref[order], p_ref[:0])

    def _piece_rows(self, chunk: int) -> Iterator[np.ndarray | None]:
        """The rows of each of KeyIndex's pieces of this shard (None: all of them), in
        insertion order. Its pieces start at mothers (17 digits) taken from the quantiles
        of its largest run, which is a range of the insertion order here."""
        pieces = max(1, self.count // chunk)
        if pieces == 1:
            yield None
            return
        j = self.runs.index(max(self.runs))  # the first largest, as max() picks
        start = sum(self.runs[:j])
        at = np.linspace(0, self.runs[j] - 1, pieces + 1)[1:-1].astype(np.int64)
        # The run's order statistics at those places (as in its sorted keys; a mother's
        # place is its hi's): a partition, not a sort of up to MAX_RUN keys.
        bounds = np.unique(np.partition(self.hi[start:start + self.runs[j]], at)[at])
        # Small piece numbers take 2 bytes a key and sort by radix, keeping insertion order.
        piece = np.searchsorted(bounds, self.hi[:self.count], side="right").astype(
            np.uint16 if len(bounds) < 1 << 16 else np.int64)
        order = np.argsort(piece, kind="stable")
        edges = np.concatenate([[0], np.cumsum(np.bincount(piece, minlength=len(bounds) + 1))])
        for a, b in itertools.pairwise(edges.tolist()):
            yield order[a:b]


def _table_size(keys: int) -> int:
    return max(64, int(keys / MAX_LOAD) + 1)


def _grown(column: np.ndarray, cap: int, count: int) -> np.ndarray:
    out = np.empty(cap, dtype=column.dtype)
    out[:count] = column[:count]
    return out


class HashKeyIndex:
    """`duplicates.KeyIndex` compiled: `add` gives the same (is_duplicate, first_ref,
    first_aux) batch by batch, and `sorted_chunks` the same pieces in the same order, so
    `duplicates.cross_row_warnings` finds the same warnings in the same order."""

    def __init__(self, shards: int | None = None, expect: int = 0) -> None:
        """`expect`: about how many keys will be kept (from the input's size), so that
        the shards are made that large at once instead of growing (and rehashing) there.
        """
        self._n = shards or dups.SHARDS
        self._expect = expect
        self._shards: list[_Shard] | None = None  # made on the first batch: aux's width
        self._scratch: list[np.ndarray] = []

    def __len__(self) -> int:
        return sum(s.count for s in self._shards or ())

    def add(
        self, keys: np.ndarray, ref: np.ndarray, aux: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Insert a batch in order. Returns, per row, (is_duplicate, first_ref, first_aux).

        A row is a duplicate when an earlier row (earlier batch, or earlier in this batch)
        has the same key; first_ref/first_aux then describe that earlier kept row, else
        the row's own ref and aux."""
        n = len(keys)
        dup = np.empty(n, dtype=bool)
        first_ref = np.empty(n, dtype=np.int64)
        first_aux = np.empty(n, dtype=np.int64)
        if n == 0:
            return dup, first_ref, first_aux
        fresh = self._shards is None
        shards = self._shards_for(aux.dtype)
        parts = keys.view(KEY_DTYPE)
        hi = parts["hi"].astype(np.uint64)
        lo = parts["lo"].astype(np.uint64)
        if int(lo.max()) >> 32:
            raise ValueError("a key's date, order and sex do not fit in 32 bits")
        ref = np.ascontiguousarray(ref, dtype=np.int64)
        fi = int(ref[0]) >> ROW_BITS
        if int(ref.max()) >> ROW_BITS != fi or int(ref.min()) >> ROW_BITS != fi:
            raise ValueError("a batch of the duplicate index holds one file's rows")
        if int((ref & ROW_MASK).max()) >> 32:
            raise ValueError("a row of the duplicate index is numbered below 2**32")
        aux = np.ascontiguousarray(aux, dtype=shards[0].aux.dtype)
        order, *cols, p_dup, p_ref, p_aux = self._scratch_for(n, aux.dtype)
        with np.errstate(over="ignore"):
            bounds = _split(self._n, hi, lo, ref, aux, order, *cols)
        if fresh and self._expect > n:
            # Each shard's share of the first batch, applied to the whole: capacity beyond
            # what is filled is never touched, so a generous guess costs table bytes only.
            for shard, rows in zip(shards, np.diff(bounds).tolist(), strict=True):
                if rows:
                    shard.reserve(int(PRESIZE * self._expect * rows / n))
        for s, shard in enumerate(shards):
            a, b = int(bounds[s]), int(bounds[s + 1])
            if a == b:
                continue
            shard.reserve(b - a)
            shard.begin_file(fi)
            shard.pushed(_insert(*(c[a:b] for c in cols), shard.table, shard.hi, shard.lo,
                                 shard.row, shard.aux, shard.count, p_dup[a:b], p_ref[a:b],
                                 p_aux[a:b]))
            p_ref[a:b] = shard.refs(p_ref[a:b])  # positions → the kept rows' refs
        dup[order], first_ref[order], first_aux[order] = p_dup, p_ref, p_aux
        return dup, first_ref, first_aux

    def _scratch_for(self, n: int, aux_dtype: np.dtype) -> list[np.ndarray]:
        """A batch's working arrays, kept from batch to batch: fresh arrays for every
        batch would cost page faults on every batch once the heap is large."""
        scratch = self._scratch
        if not scratch or len(scratch[0]) < n or scratch[5].dtype != aux_dtype:
            size = max(n, len(scratch[0]) if scratch else 0)
            scratch = [np.empty(size, dtype=t) for t in (
                np.int64, np.uint64, np.uint64, np.uint64, np.int64, aux_dtype,  # split
                np.bool_, np.int64, np.int64)]  # insert's answers
            self._scratch = scratch
        return [a[:n] for a in scratch]

    def sorted_chunks(self, chunk: int | None = None) -> Iterator[_Run]:
        """Every kept key, shard by shard, each in key order (mother, date, order, sex) and
        in pieces of about `chunk` keys that never split a mother: KeyIndex's pieces."""
        for shard in self._shards or ():
            yield from shard.sorted_chunks(chunk or dups.CHUNK)

    def cross_row_chunks(self) -> Iterator[_Run]:
        """`sorted_chunks` less the mothers with one kept key (they warn of nothing)."""
        for shard in self._shards or ():
            yield from shard.sorted_chunks(dups.CHUNK, repeated_only=True)

    def _shards_for(self, aux_dtype: np.dtype) -> list[_Shard]:
        """The shards, made for 4-byte aux values (8 when any aux is wider: the columns
        widen once, and the kernel sees one of two column types)."""
        wide = np.dtype(aux_dtype).itemsize > 4
        if self._shards is None:
            store = np.dtype(np.int64 if wide else np.int32)
            self._shards = [_Shard(store) for _ in range(self._n)]
        elif wide and self._shards[0].aux.dtype.itemsize == 4:
            for shard in self._shards:
                shard.widen_aux()
        return self._shards


def warm() -> None:
    """Compile (or load from the cache) every kernel, both aux widths, on tiny inputs."""
    one = np.ones(3, dtype=np.int64)
    keys = dups.pack_keys(np.array([1, 1, 2]), np.array([0, 0, 400]), one, one)
    ref = np.arange(3, dtype=np.int64)
    for aux in (ref.astype(np.int32), ref):
        index = HashKeyIndex(shards=1)
        index.add(keys, ref, aux)
        shard = index._shards[0] if index._shards else None
        if shard is not None:  # a growth step: the rehash kernel
            shard.reserve(len(shard.table))
        list(index.cross_row_chunks())
