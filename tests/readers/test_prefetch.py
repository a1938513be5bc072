"""`prefetched`: Arrow's batches in order from a read-ahead thread, an error in its place,
and no thread left behind however the caller stops."""

from __future__ import annotations

import threading

from jisheng_cli.readers.prefetch import prefetched


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
