"""Work done ahead on a thread while the caller checks the current batch: Arrow's parse
and the reader's per-batch bookkeeping (pyarrow compute and numpy release the GIL)."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

PARSE_THREAD = "jisheng-reader"
ROWS_THREAD = "jisheng-rows"


def prefetched(reader: Any, depth: int = 2) -> Iterator[Any]:
    """`reader.read_next_batch()` results, parsed one or two ahead on a thread: parsing
    releases the GIL, so the next block is read while this one is checked (both cores
    busy). An exception is handed over in place of a batch, in order, and ends the
    stream; closing the iterator early stops the thread before it returns."""
    return _handed_over(reader.read_next_batch, depth, PARSE_THREAD)


def ahead(
    items: Iterator[T], depth: int = 2, name: str = ROWS_THREAD,
) -> Generator[T, None, None]:
    """The items of `items`, each made on a thread one or two ahead of the caller (every
    `next` runs there, in order, so state the iterator keeps needs no lock). An exception
    it raises is raised here in its place, after the items before it; closing early stops
    the thread before it returns (the iterator itself is left unfinished)."""
    for item in _handed_over(items.__next__, depth, name):
        if isinstance(item, BaseException):
            raise item
        yield item


def _handed_over(next_item: Callable[[], Any], depth: int, name: str) -> Iterator[Any]:
    import queue
    import threading

    slots: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def work() -> None:
        while not stop.is_set():
            try:
                item: Any = next_item()
            except StopIteration:
                item = done
            except BaseException as e:
                item = e
            while not stop.is_set():
                try:
                    slots.put(item, timeout=0.1)
                    break
                except queue.Full:
                    continue
            if item is done or isinstance(item, BaseException):
                return

    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    try:
        while True:
            item = slots.get()
            if item is done:
                return
            yield item
            if isinstance(item, BaseException):
                return
    finally:
        stop.set()
        thread.join()
