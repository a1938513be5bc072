"""Arrow's batches parsed ahead on a thread while the caller checks the current one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def prefetched(reader: Any, depth: int = 2) -> Iterator[Any]:
    """`reader.read_next_batch()` results, parsed one or two ahead on a thread: parsing
    releases the GIL, so the next block is read while this one is checked (both cores
    busy). An exception is handed over in place of a batch, in order, and ends the
    stream; closing the iterator early stops the thread before it returns."""
    import queue
    import threading

    slots: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def work() -> None:
        while not stop.is_set():
            try:
                item: Any = reader.read_next_batch()
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

    thread = threading.Thread(target=work, name="jisheng-reader", daemon=True)
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
