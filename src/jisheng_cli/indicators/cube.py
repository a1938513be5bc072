"""Mergeable partial sums: counts per (group, statistical year, cell), as sparse int64 keys.

A batch becomes (keys, counts); partials from any batches, files or partitions merge by
adding counts of equal keys, so the result never depends on how the input was split.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

YEAR0 = 1900
YEARS = 256


@dataclass
class Partial:
    keys: np.ndarray  # int64, sorted, unique
    counts: np.ndarray  # int64

    @staticmethod
    def empty() -> Partial:
        return Partial(np.zeros(0, np.int64), np.zeros(0, np.int64))


def encode(group: np.ndarray, year: np.ndarray, cell: np.ndarray, n_cells: int) -> np.ndarray:
    return (group.astype(np.int64) * YEARS + (year.astype(np.int64) - YEAR0)) * n_cells + cell


def decode(keys: np.ndarray, n_cells: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    cell = keys % n_cells
    rest = keys // n_cells
    return rest // YEARS, rest % YEARS + YEAR0, cell


def count(keys: np.ndarray) -> Partial:
    k, c = np.unique(keys, return_counts=True)
    return Partial(k, c.astype(np.int64))


def merge(parts: list[Partial]) -> Partial:
    if not parts:
        return Partial.empty()
    keys = np.concatenate([p.keys for p in parts])
    if not len(keys):
        return Partial.empty()
    counts = np.concatenate([p.counts for p in parts])
    # Each part is sorted: a stable sort (timsort for int64) merges the runs it finds, a
    # fraction of the general sort np.unique's inverse needs; counts add as integers.
    order = np.argsort(keys, kind="stable")
    keys, counts = keys[order], counts[order]
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    return Partial(keys[starts], np.add.reduceat(counts, starts))


def dense(part: Partial, n_cells: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(groups, years, matrix): one row per (group, year) present, one column per cell."""
    group, year, cell = decode(part.keys, n_cells)
    gy = group * YEARS + (year - YEAR0)
    rows, inverse = np.unique(gy, return_inverse=True)
    matrix = np.zeros((len(rows), n_cells), dtype=np.int64)
    np.add.at(matrix, (inverse.ravel(), cell), part.counts)
    return rows // YEARS, rows % YEARS + YEAR0, matrix
