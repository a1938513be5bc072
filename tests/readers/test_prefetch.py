"""`prefetched`: Arrow's batches in order from a read-ahead thread, an error in its place,
and no thread left behind however the caller stops."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from jisheng_cli.errors import InputError
from jisheng_cli.readers.prefetch import ROWS_THREAD, ahead, prefetched


class Reader:
    """A stand-in for Arrow's streaming reader: batches 0, 1, 2 … until `fail_at`/`end`."""

    def __init__(self, end: int | None = None, fail_at: int | None = None) -> None:
        self.end = end
        self.fail_at = fail_at
        self.calls = 0

    def read_next_batch(self) -> int:
        n = self.calls
        self.calls += 1
        if n == self.fail_at:
            raise ValueError("bad block")
        if n == self.end:
            raise StopIteration
        return n


def _reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "jisheng-reader"]


def test_every_batch_in_order() -> None:
    reader = Reader(end=5)
    assert list(prefetched(reader)) == [0, 1, 2, 3, 4]
    assert reader.calls == 6  # five batches, then the StopIteration
    assert not _reader_threads()


def test_an_error_arrives_in_place_and_ends_the_stream() -> None:
    reader = Reader(fail_at=2)
    got = list(prefetched(reader))
    assert got[:2] == [0, 1]
    assert len(got) == 3 and isinstance(got[2], ValueError)
    assert reader.calls == 3  # nothing read after the failing block
    assert not _reader_threads()


def test_stopping_early_stops_the_thread() -> None:
    reader = Reader()  # never ends
    stream = prefetched(reader, depth=2)
    assert [next(stream) for _ in range(3)] == [0, 1, 2]
    stream.close()
    assert not _reader_threads()
    # At most the three taken, two waiting in the queue and one the thread was handing
    # over when told to stop: 3 + 2 + 1.
    assert reader.calls <= 6


def _numbers(end: int | None = None, fail_at: int | None = None) -> Iterator[str]:
    """0, 1, 2 … each tagged with the thread that made it, until `end` or `fail_at`."""
    n = 0
    while n != end:
        if n == fail_at:
            raise InputError("file_empty", path="r.csv")
        yield f"{n}@{threading.current_thread().name}"
        n += 1


def test_ahead_makes_every_item_in_order_on_its_thread() -> None:
    assert list(ahead(_numbers(end=4))) == [f"{n}@{ROWS_THREAD}" for n in range(4)]
    assert not _threads(ROWS_THREAD)


def test_ahead_raises_an_error_after_the_items_before_it() -> None:
    got: list[str] = []
    with pytest.raises(InputError) as caught:
        for item in ahead(_numbers(fail_at=3)):
            got.append(item)
    assert caught.value.code == "file_empty"
    assert got == [f"{n}@{ROWS_THREAD}" for n in range(3)]
    assert not _threads(ROWS_THREAD)


def test_closing_ahead_early_stops_its_thread() -> None:
    stream = ahead(_numbers())  # never ends
    assert next(stream) == f"0@{ROWS_THREAD}"
    stream.close()
    assert not _threads(ROWS_THREAD)


def _threads(name: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == name]
