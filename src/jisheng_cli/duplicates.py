"""Exact first-wins duplicate detection across batches and files, in compact memory.

Each kept birth is remembered as a 16-byte key (mother's ID as 17 digits; birth date,
birth order and sex) plus two payloads: where the first record is (int64) and the
caller's (the group and period it was counted in: int32, or int64 when the period needs
its own day), 28 or 32 bytes a kept birth. Keys live in sorted runs merged like an LSM tree, so a
lookup is a binary search and nothing is ever hashed into Python objects.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np

KEY_DTYPE = np.dtype([("hi", ">u8"), ("lo", ">u8")])
MAX_RUN = 4_000_000  # keys in one sorted run (128 MB with its payloads)
SHARDS = 16  # independent indexes by mother
CHUNK = 1_000_000  # keys per piece of the cross-row pass
SHORT_INTERVAL_DAYS = 180  # births of one mother closer than this are warned


def pack_keys(id17: np.ndarray, days: np.ndarray, order: np.ndarray, sex: np.ndarray) -> np.ndarray:
    """Big-endian (id17, days·128 + order·4 + sex) viewed as V16, so byte order = numeric order."""
    keys = np.empty(len(id17), dtype=KEY_DTYPE)
    keys["hi"] = id17.astype(np.uint64)
    lo = (days.astype(np.int64) + (1 << 20)) << 7  # shift keeps pre-1970 days positive
    keys["lo"] = (lo | (order.astype(np.int64) << 2) | sex.astype(np.int64)).astype(np.uint64)
    return keys.view("V16").ravel()


def unpack_keys(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    parts = keys.view(KEY_DTYPE)
    hi = parts["hi"].astype(np.int64)
    lo = parts["lo"].astype(np.int64)
    return hi, (lo >> 7) - (1 << 20), (lo >> 2) & 31, lo & 3


@dataclass
class _Run:
    keys: np.ndarray
    ref: np.ndarray  # int64: the row ref (rowref) of the kept record
    aux: np.ndarray  # caller's payload for the kept record (group, and period if needed)


class KeyIndex:
    """Kept keys in SHARDS independent indexes by mother (hi part), so a lookup searches
    only its shard's few runs however large the register; a mother's keys share a shard,
    so the cross-row pass can walk the shards one by one."""

    def __init__(self, shards: int | None = None) -> None:
        self._shards = [_Shard() for _ in range(shards or SHARDS)]

    def __len__(self) -> int:
        return sum(len(s) for s in self._shards)

    def add(
        self, keys: np.ndarray, ref: np.ndarray, aux: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Insert a batch in order. Returns, per row, (is_duplicate, first_ref, first_aux).

        A row is a duplicate when an earlier row (earlier batch, or earlier in this batch)
        has the same key; first_ref/first_aux then describe that earlier kept row.
        """
        if len(self._shards) == 1:
            return self._shards[0].add(keys, ref, aux)
        shard = keys.view(KEY_DTYPE)["hi"] % np.uint64(len(self._shards))
        duplicate = np.zeros(len(keys), dtype=bool)
        first_ref = np.zeros(len(keys), dtype=np.int64)
        first_aux = np.zeros(len(keys), dtype=np.int64)
        order = np.argsort(shard, kind="stable")  # rows of a shard stay in file order
        bounds = np.searchsorted(shard[order], np.arange(len(self._shards) + 1))
        for s, (a, b) in enumerate(itertools.pairwise(bounds)):
            if a == b:
                continue
            rows = order[a:b]
            d, f, x = self._shards[s].add(keys[rows], ref[rows], aux[rows])
            duplicate[rows], first_ref[rows], first_aux[rows] = d, f, x
        return duplicate, first_ref, first_aux

    def sorted_chunks(self, chunk: int | None = None) -> Iterator[_Run]:
        """Every kept key, shard by shard, each in key order (mother, date, order, sex) and
        in pieces of about `chunk` keys that never split a mother."""
        for shard in self._shards:
            yield from shard.sorted_chunks(chunk or CHUNK)

    def cross_row_chunks(self) -> Iterator[_Run]:
        """What `cross_row_warnings` reads: every kept key, in `sorted_chunks`' pieces."""
        return self.sorted_chunks()


class CrossRowKeys(Protocol):
    """An index the cross-row pass can read: this KeyIndex, or kernel.dedupe's, whose
    pieces leave out the mothers with one kept key."""

    def cross_row_chunks(self) -> Iterator[_Run]: ...


class _Shard:
    def __init__(self) -> None:
        self._runs: list[_Run] = []

    def __len__(self) -> int:
        return sum(len(r.keys) for r in self._runs)

    def add(
        self, keys: np.ndarray, ref: np.ndarray, aux: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Insert a batch in order. Returns, per row, (is_duplicate, first_ref, first_aux).

        A row is a duplicate when an earlier row (earlier batch, or earlier in this batch)
        has the same key; first_ref/first_aux then describe that earlier kept row.
        """
        n = len(keys)
        if n == 0:
            empty = np.zeros(0, dtype=np.int64)
            return np.zeros(0, dtype=bool), empty, empty
        ukeys, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        inverse = inverse.ravel()
        u_ref = ref[first].copy()
        u_aux = aux[first].copy()
        u_old = np.zeros(len(ukeys), dtype=bool)
        for run in self._runs:
            pos = np.searchsorted(run.keys, ukeys)
            pos_c = np.minimum(pos, len(run.keys) - 1)
            hit = (pos < len(run.keys)) & (run.keys[pos_c] == ukeys) & ~u_old
            u_ref[hit] = run.ref[pos_c[hit]]
            u_aux[hit] = run.aux[pos_c[hit]]
            u_old |= hit
        is_first_in_batch = np.zeros(n, dtype=bool)
        is_first_in_batch[first] = True
        duplicate = u_old[inverse] | ~is_first_in_batch
        new = ~u_old
        self._push(_Run(ukeys[new], u_ref[new], u_aux[new]))
        return duplicate, u_ref[inverse], u_aux[inverse]

    def _push(self, run: _Run) -> None:
        if len(run.keys) == 0:
            return
        self._runs.append(run)
        # Merge while the newest run is at least half its predecessor: O(n log n) overall.
        # Runs stop growing at MAX_RUN keys, so a merge never needs more than two of them
        # in memory at once; lookups then search a few more runs.
        while (
            len(self._runs) > 1
            and 2 * len(self._runs[-1].keys) >= len(self._runs[-2].keys)
            and len(self._runs[-1].keys) + len(self._runs[-2].keys) <= MAX_RUN
        ):
            b = self._runs.pop()
            a = self._runs.pop()
            self._runs.append(_merge(a, b))

    def sorted_chunks(self, chunk: int = CHUNK) -> Iterator[_Run]:
        """Every kept key in key order (mother, date, order, sex), in pieces of about
        `chunk` keys that never split a mother: cross-row checks need no full copy."""
        runs = [r for r in self._runs if len(r.keys)]
        if not runs:
            return
        total = sum(len(r.keys) for r in runs)
        largest = max(runs, key=lambda r: len(r.keys))
        pieces = max(1, total // chunk)
        # Boundaries at mothers (hi part, lo = 0) taken from the largest run's quantiles.
        picks = largest.keys[np.linspace(0, len(largest.keys) - 1, pieces + 1)[1:-1]
                             .astype(np.int64)] if pieces > 1 else largest.keys[:0]
        bounds = np.unique(_mother_floor(picks))
        edges = [np.concatenate([[0], np.searchsorted(r.keys, bounds), [len(r.keys)]])
                 for r in runs]
        for i in range(len(bounds) + 1):
            parts = [(r, e[i], e[i + 1]) for r, e in zip(runs, edges, strict=True)
                     if e[i + 1] > e[i]]
            if not parts:
                continue
            keys = np.concatenate([r.keys[a:b] for r, a, b in parts])
            ref = np.concatenate([r.ref[a:b] for r, a, b in parts])
            order = np.argsort(keys, kind="stable")
            yield _Run(keys[order], ref[order], ref[:0])


def _mother_floor(keys: np.ndarray) -> np.ndarray:
    """The smallest possible key of each key's mother (same hi, lo = 0)."""
    parts = keys.view(KEY_DTYPE).copy()
    parts["lo"] = 0
    return parts.view("V16").ravel()


def _merge(a: _Run, b: _Run) -> _Run:
    """Two sorted runs into one without a sort: b's rows go after a's equal keys.

    Keys never repeat across runs (a key is kept once), so the order is exact; the cost
    is one output copy, not the argsort index and gathered copies of a general sort."""
    at = np.searchsorted(a.keys, b.keys, side="right") + np.arange(len(b.keys))
    from_a = np.ones(len(a.keys) + len(b.keys), dtype=bool)
    from_a[at] = False
    out = []
    for x, y in ((a.keys, b.keys), (a.ref, b.ref), (a.aux, b.aux)):
        merged = np.empty(len(from_a), dtype=x.dtype)
        merged[at] = y
        merged[from_a] = x
        out.append(merged)
    return _Run(out[0], out[1], out[2])


def cross_row_warnings(
    index: CrossRowKeys, short_interval_days: int = SHORT_INTERVAL_DAYS
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows to warn about after all batches: (refs, days, code index).

    code 0 = same_order_multiple_birth: the same mother, date and birth order with another
    sex (twins given one order); flagged on every such row after the first in file order.
    code 1 = short_birth_interval: a birth less than `short_interval_days` after an earlier
    birth of the same mother on another date; flagged on the later birth's rows.
    """
    found = [_cross_row_chunk(run, short_interval_days) for run in index.cross_row_chunks()]
    found = [f for f in found if len(f[0])]
    if not found:
        z = np.zeros(0, dtype=np.int64)
        return z, z, z
    refs, days, codes = (np.concatenate([f[k] for f in found]) for k in range(3))
    return refs, days, codes


def sorted_cross_row(
    keys: np.ndarray, ref: np.ndarray, short_interval_days: int = SHORT_INTERVAL_DAYS
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`cross_row_warnings` for kept keys already in key order that hold every key of
    their mothers (a Dask partition shuffled on the mother)."""
    return _cross_row_chunk(_Run(keys, ref, ref[:0]), short_interval_days)


def _cross_row_chunk(
    run: _Run, short_interval_days: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    z = np.zeros(0, dtype=np.int64)
    if len(run.keys) < 2:
        return z, z, z
    hi, days, order, _sex = unpack_keys(run.keys)
    same_mother = hi[1:] == hi[:-1]
    refs: list[np.ndarray] = []
    out_days: list[np.ndarray] = []
    codes: list[np.ndarray] = []

    # Twins with one birth order: group by (mother, date, order); all but the earliest row.
    slot = same_mother & (days[1:] == days[:-1]) & (order[1:] == order[:-1])
    if slot.any():
        starts = np.flatnonzero(np.concatenate([[True], ~slot]))
        group = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(hi))))
        sizes = np.bincount(group)
        multi = sizes[group] > 1
        if multi.any():
            idx = np.flatnonzero(multi)
            earliest = np.full(len(starts), np.iinfo(np.int64).max)
            np.minimum.at(earliest, group[idx], run.ref[idx])
            later = idx[run.ref[idx] != earliest[group[idx]]]
            refs.append(run.ref[later])
            out_days.append(days[later])
            codes.append(np.zeros(len(later), dtype=np.int64))

    # Short intervals: compare each row with the latest earlier date of the same mother,
    # carried forward over rows of equal date.
    new_date = np.concatenate([[True], ~(same_mother & (days[1:] == days[:-1]))])
    date_starts = np.flatnonzero(new_date)
    last_before = np.full(len(date_starts), np.iinfo(np.int64).min)
    same_mother_at_start = np.zeros(len(date_starts), dtype=bool)
    same_mother_at_start[1:] = hi[date_starts[1:]] == hi[date_starts[1:] - 1]
    last_before[1:] = np.where(same_mother_at_start[1:], days[date_starts[1:] - 1], last_before[1:])
    span = np.diff(np.append(date_starts, len(hi)))
    prev_day = np.repeat(last_before, span)
    gap = days - prev_day
    short = (prev_day != np.iinfo(np.int64).min) & (gap > 0) & (gap < short_interval_days)
    if short.any():
        idx = np.flatnonzero(short)
        refs.append(run.ref[idx])
        out_days.append(days[idx])
        codes.append(np.ones(len(idx), dtype=np.int64))
    if not refs:
        return z, z, z
    return np.concatenate(refs), np.concatenate(out_days), np.concatenate(codes)
