"""The compiled first-wins index (kernel.dedupe) answers as duplicates.KeyIndex does: batch
by batch, and in the cross-row warnings (values and order), on streams full of repeats and
near misses, across files, with both aux widths, any shard count and tiny pieces."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jisheng_cli.duplicates as dups
import jisheng_cli.kernel.dedupe as dedupe
from jisheng_cli.duplicates import KeyIndex, cross_row_warnings, pack_keys
from jisheng_cli.kernel.dedupe import HashKeyIndex
from jisheng_cli.rowref import pack

# Mothers (17 digits): the first two share a shard of 16 (they differ by 16), the third is
# the first's neighbour in another shard.
MOTHERS = [42052519900101002, 42052519900101018, 42052519900101003, 42052519850505004,
           42052519870707126]
Key = tuple[int, int, int, int]  # mother, day, order, sex


def _keys(rows: list[Key]) -> np.ndarray:
    arr = np.array(rows, dtype=np.int64).reshape(-1, 4)
    return pack_keys(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3])


@st.composite
def _key(draw: st.DrawFn) -> Key:
    return (draw(st.sampled_from(MOTHERS)), draw(st.integers(15000, 15400)),
            draw(st.integers(1, 3)), draw(st.integers(0, 2)))


@st.composite
def _near(draw: st.DrawFn, base: Key) -> Key:
    """`base` with one field changed a little: another mother of the same shard, a day
    apart or 100 (a short interval), the next order, another sex (twins)."""
    mother, day, order, sex = base
    field = draw(st.integers(0, 3))
    if field == 0:
        return (mother + 16, day, order, sex)
    if field == 1:
        return (mother, day + draw(st.sampled_from([-100, -1, 1, 100])), order, sex)
    if field == 2:
        return (mother, day, order + 1, sex)
    return (mother, day, order, (sex + 1) % 3)


@st.composite
def _stream(draw: st.DrawFn) -> list[Key]:
    rows: list[Key] = []
    for _ in range(draw(st.integers(1, 120))):
        kind = draw(st.sampled_from(["new", "repeat", "near"])) if rows else "new"
        if kind == "new":
            rows.append(draw(_key()))
        elif kind == "repeat":
            rows.append(draw(st.sampled_from(rows)))
        else:
            rows.append(draw(_near(draw(st.sampled_from(rows)))))
    return rows


def _batches(rows: list[Key], files: list[int], cuts: list[int], wide: bool
             ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(keys, refs, aux) per batch: files split the stream, batches split files, rows of a
    file are spreadsheet rows from 3; aux as engine.births makes it (a village, and with
    report dates the period day too)."""
    bounds = sorted({0, len(rows), *(f for f in files if f < len(rows))})
    for fi, (start, stop) in enumerate(itertools.pairwise(bounds)):
        edges = sorted({start, stop, *(c for c in cuts if start < c < stop)})
        for a, b in itertools.pairwise(edges):
            ref = pack(fi, np.arange(a - start, b - start, dtype=np.int64) + 3)
            gid = np.arange(a, b, dtype=np.int64) % 7
            days = np.array([r[1] for r in rows[a:b]], dtype=np.int64)
            aux = (gid << 32) | (days + (1 << 31)) if wide else gid.astype(np.int32)
            yield _keys(rows[a:b]), ref, aux


@contextmanager
def _patched(module: object, **values: object) -> Iterator[None]:
    saved = {k: getattr(module, k) for k in values}
    for k, v in values.items():
        setattr(module, k, v)
    try:
        yield
    finally:
        for k, v in saved.items():
            setattr(module, k, v)


def _pieces(index: KeyIndex | HashKeyIndex) -> list[tuple[bytes, list[int]]]:
    return [(run.keys.tobytes(), run.ref.tolist()) for run in index.sorted_chunks()]


def _warnings(index: KeyIndex | HashKeyIndex) -> list[list[int]]:
    return [a.tolist() for a in cross_row_warnings(index)]


@settings(max_examples=200)
@given(_stream(), st.lists(st.integers(1, 120), max_size=3),
       st.lists(st.integers(1, 120), max_size=8), st.booleans(),
       st.sampled_from([None, 1, 2, 5]), st.sampled_from([None, 1, 3, 20]),
       st.sampled_from([None, 2, 7, 40]), st.sampled_from([None, 1, 8]),
       st.sampled_from([0, 10, 500]))
def test_same_answers_as_key_index(
    rows: list[Key], files: list[int], cuts: list[int], wide: bool, shards: int | None,
    chunk: int | None, max_run: int | None, min_columns: int | None, expect: int
) -> None:
    """Batch by batch the same (is_duplicate, first_ref, first_aux); then the same pieces
    and the same cross-row warnings in the same order. Small pieces and runs make
    KeyIndex split shards into several pieces; small columns make the index grow."""
    with (_patched(dups, CHUNK=chunk or dups.CHUNK, MAX_RUN=max_run or dups.MAX_RUN),
          _patched(dedupe, MIN_COLUMNS=min_columns or dedupe.MIN_COLUMNS)):
        reference, compiled = KeyIndex(shards), HashKeyIndex(shards, expect=expect)
        for keys, ref, aux in _batches(rows, files, cuts, wide):
            want = reference.add(keys, ref, aux)
            got = compiled.add(keys, ref, aux)
            assert [g.tolist() for g in got] == [w.tolist() for w in want]
        assert len(compiled) == len(reference) == len(set(rows))
        assert _pieces(compiled) == _pieces(reference)
        assert _warnings(compiled) == _warnings(reference)


def test_first_wins_and_warnings_by_hand() -> None:
    m = MOTHERS[0]
    index = HashKeyIndex()
    # Batch 1: twins given one order (rows 2, 3), and a birth 100 days later.
    dup, first_ref, first_aux = index.add(
        _keys([(m, 15000, 1, 1), (m, 15000, 1, 2), (m, 15100, 2, 1)]),
        np.array([2, 3, 4]), np.array([10, 11, 12], dtype=np.int32))
    assert dup.tolist() == [False, False, False]
    assert first_ref.tolist() == [2, 3, 4] and first_aux.tolist() == [10, 11, 12]
    # Batch 2 (another file): row 4 again, then its twin of the same order (sex 2), twice.
    refs = pack(1, np.array([2, 3, 4]))
    dup, first_ref, first_aux = index.add(
        _keys([(m, 15100, 2, 1), (m, 15100, 2, 2), (m, 15100, 2, 2)]), refs,
        np.array([20, 21, 22], dtype=np.int32))
    assert dup.tolist() == [True, False, True]
    # The repeat points at file 0 row 4 (village 12); the second twin at the first one.
    assert first_ref.tolist() == [4, int(refs[1]), int(refs[1])]
    assert first_aux.tolist() == [12, 21, 21]
    got_refs, days, codes = cross_row_warnings(index)
    # Code 0, same order twice: row 3 (after row 2) and file 1's row 3 (after row 4).
    # Code 1, 100 < 180 days after the mother's day 15000: row 4 and file 1's row 3,
    # which so gets both codes, code 0 first.
    assert got_refs.tolist() == [3, int(refs[1]), 4, int(refs[1])]
    assert days.tolist() == [15000, 15100, 15100, 15100]
    assert codes.tolist() == [0, 0, 1, 1]


def test_pieces_leave_out_mothers_with_one_key() -> None:
    index = HashKeyIndex(shards=1)
    a, b = MOTHERS[0], MOTHERS[1]
    index.add(_keys([(b, 15000, 1, 1), (a, 15000, 1, 1), (b, 15300, 2, 1)]),
              np.array([2, 3, 4]), np.zeros(3, dtype=np.int32))
    (whole,) = index.sorted_chunks()
    assert whole.ref.tolist() == [3, 2, 4]  # mother a < b, then b's days in order
    (repeated,) = index.cross_row_chunks()
    assert repeated.ref.tolist() == [2, 4]  # mother a has one key: nothing to compare


def test_wider_aux_later_keeps_earlier_values() -> None:
    index = HashKeyIndex()
    key = _keys([(MOTHERS[0], 15000, 1, 1)])
    index.add(key, np.array([2]), np.array([7], dtype=np.int32))
    big = np.array([(5 << 32) | 9], dtype=np.int64)
    _, _, first_aux = index.add(key, np.array([3]), big)
    assert first_aux.tolist() == [7]  # the kept row's aux, widened
    other = _keys([(MOTHERS[1], 15000, 1, 1)])
    index.add(other, np.array([4]), big)
    _, _, first_aux = index.add(other, np.array([5]), big)
    assert first_aux.tolist() == [(5 << 32) | 9]


def test_a_key_beyond_32_bits_of_date_is_refused() -> None:
    # Day 2**25: (2**25 + 2**20) << 7 needs 33 bits (no date of years 1-9999 does).
    keys = pack_keys(np.array([MOTHERS[0]]), np.array([1 << 25]), np.array([1]),
                     np.array([1]))
    with pytest.raises(ValueError, match="32 bits"):
        HashKeyIndex().add(keys, np.array([2]), np.array([0], dtype=np.int32))


def test_empty_batches() -> None:
    index = HashKeyIndex()
    dup, first_ref, first_aux = index.add(_keys([]), np.zeros(0, dtype=np.int64),
                                          np.zeros(0, dtype=np.int32))
    assert (len(dup), len(first_ref), len(first_aux), len(index)) == (0, 0, 0, 0)
    assert [a.tolist() for a in cross_row_warnings(index)] == [[], [], []]
