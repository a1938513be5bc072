"""The compiled pieces of `kernel.dedupe`'s index: the key hash, the batch's split into
shards, the insert, the rehash of a growing table, and the mothers with several keys.
Plain functions over numpy arrays (they also run as Python under NUMBA_DISABLE_JIT)."""

from __future__ import annotations

import numpy as np

from jisheng_cli.kernel.jit import njit
from jisheng_cli.rowref import ROW_MASK

TAG_BITS = 5  # of each table slot; the rest is the column position + 1 (0: empty)

# splitmix64's finaliser: every bit of the key moves the low 32 bits (the slot) and the
# top 5 (the tag). uint64 constants, so numba keeps the arithmetic unsigned.
_K0 = np.uint64(0x9E3779B97F4A7C15)
_K1 = np.uint64(0xBF58476D1CE4E5B9)
_K2 = np.uint64(0x94D049BB133111EB)
_S27, _S30, _S31, _S32 = np.uint64(27), np.uint64(30), np.uint64(31), np.uint64(32)
_TAG_SHIFT = np.uint64(64 - TAG_BITS)
_LOW32 = np.uint64(0xFFFFFFFF)
_TAG_MASK = np.uint32((1 << TAG_BITS) - 1)
_ROW_MASK = np.int64(ROW_MASK)


@njit
def _mix(hi: np.uint64, lo: np.uint64) -> np.uint64:
    # Unsigned overflow is the point: it wraps silently when compiled; as plain Python
    # (NUMBA_DISABLE_JIT) numpy would warn, so callers run kernels in np.errstate.
    x = hi ^ (lo * _K0)
    x = (x ^ (x >> _S30)) * _K1
    x = (x ^ (x >> _S27)) * _K2
    return x ^ (x >> _S31)


@njit
def _slot(h: np.uint64, size: int) -> np.int64:
    """The home slot: the low 32 bits scaled to the table (any size, not only 2**k)."""
    return np.int64(((h & _LOW32) * np.uint64(size)) >> _S32)


@njit
def _split(shards: int, hi: np.ndarray, lo: np.ndarray, ref: np.ndarray, aux: np.ndarray,
           order: np.ndarray, s_hi: np.ndarray, s_lo: np.ndarray, s_h: np.ndarray,
           s_ref: np.ndarray, s_aux: np.ndarray) -> np.ndarray:
    """The batch's rows grouped by shard, each shard's rows in file order (a counting
    sort) into `order`, with the columns and hashes gathered in that order (so that each
    shard's insert reads and writes contiguous memory); the shards' bounds."""
    n = len(hi)
    ns = np.uint64(shards)
    bounds = np.zeros(shards + 1, dtype=np.int64)
    for i in range(n):
        bounds[int(hi[i] % ns) + 1] += 1
    for k in range(shards):
        bounds[k + 1] += bounds[k]
    fill = bounds[:-1].copy()
    for i in range(n):
        k = int(hi[i] % ns)
        at = fill[k]
        fill[k] += 1
        order[at] = i
        s_hi[at] = hi[i]
        s_lo[at] = lo[i]
        s_h[at] = _mix(hi[i], lo[i])
        s_ref[at] = ref[i]
        s_aux[at] = aux[i]
    return bounds


@njit
def _insert(hi: np.ndarray, lo: np.ndarray, h: np.ndarray, ref: np.ndarray, aux: np.ndarray,
            table: np.ndarray, c_hi: np.ndarray, c_lo: np.ndarray, c_row: np.ndarray,
            c_aux: np.ndarray, count: int, dup: np.ndarray, first_pos: np.ndarray,
            first_aux: np.ndarray) -> int:
    """Look up and insert a shard's rows in order; the shard's new key count. Each row's
    `first_pos` is the column position of its kept key (its own when it is new).

    The caller has made room: the columns hold count + len(hi) keys, and the table
    stays below full, so a probe always ends at an empty slot."""
    size = len(table)
    n = count
    for r in range(len(hi)):
        hr = h[r]
        tag = np.uint32(hr >> _TAG_SHIFT)
        k_hi = hi[r]
        k_lo = np.uint32(lo[r])
        i = _slot(hr, size)
        while True:
            s = table[i]
            if s == 0:
                c_hi[n] = k_hi
                c_lo[n] = k_lo
                c_row[n] = np.uint32(ref[r] & _ROW_MASK)
                c_aux[n] = aux[r]
                table[i] = np.uint32(((n + 1) << TAG_BITS) | tag)
                dup[r] = False
                first_pos[r] = n
                first_aux[r] = aux[r]
                n += 1
                break
            if (s & _TAG_MASK) == tag:
                p = np.int64(s >> TAG_BITS) - 1
                if c_hi[p] == k_hi and c_lo[p] == k_lo:
                    dup[r] = True
                    first_pos[r] = p
                    first_aux[r] = c_aux[p]
                    break
            i += 1
            if i == size:
                i = np.int64(0)
    return n


@njit
def _rehash(c_hi: np.ndarray, c_lo: np.ndarray, count: int, size: int) -> np.ndarray:
    """A table of `size` slots for the first `count` keys of the columns."""
    table = np.zeros(size, dtype=np.uint32)
    for p in range(count):
        hr = _mix(c_hi[p], np.uint64(c_lo[p]))
        i = _slot(hr, size)
        while table[i] != 0:
            i += 1
            if i == size:
                i = np.int64(0)
        table[i] = np.uint32(((p + 1) << TAG_BITS) | np.uint32(hr >> _TAG_SHIFT))
    return table


@njit
def _repeated_mothers(hi: np.ndarray) -> np.ndarray:
    """Which keys share their mother with another key (a table of mothers, at load 1/2)."""
    n = len(hi)
    size = max(64, 2 * n)
    table = np.zeros(size, dtype=np.uint32)  # position + 1 of a mother's first key
    out = np.zeros(n, dtype=np.bool_)
    for j in range(n):
        i = _slot(_mix(hi[j], np.uint64(0)), size)
        while True:
            p = np.int64(table[i]) - 1
            if p < 0:
                table[i] = np.uint32(j + 1)
                break
            if hi[p] == hi[j]:
                out[p] = True
                out[j] = True
                break
            i += 1
            if i == size:
                i = np.int64(0)
    return out
