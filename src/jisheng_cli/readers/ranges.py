"""Line-aligned byte ranges of a CSV (the Dask engine's partitions of one large file), and
the window that reads one of them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from jisheng_cli.readers.sources import Source


class LinesFile(Protocol):
    """What cutting needs of an opened CSV (readers.csvfile.InputFile is one): a
    protocol, so that the CSV reader can use this module without a cycle."""

    source: Source
    encoding: str
    header_row: int

    @property
    def size(self) -> int | None: ...


@dataclass(frozen=True)
class ByteRange:
    """A line-aligned slice of a CSV's data lines, with the lines before it."""

    start: int
    end: int
    head_end: int  # where the data starts: title and header lines end here
    rows_before: int  # data lines in the file before `start`


def split_ranges(f: LinesFile, target: int) -> list[ByteRange] | None:
    """Cut a CSV into ranges of about `target` bytes at line ends, or None when a line
    end might not end a row: a quote anywhere (a quoted line break), a lone carriage
    return, an encoding whose newline is not the byte 0x0A, or standard input. Every line
    is then one row, so a range knows its first row number from the lines before it."""
    if f.source.is_stdin or "\n".encode(f.encoding) != b"\n" or (f.size or 0) <= target:
        return None
    chunk_bytes = 16 << 20
    cuts: list[tuple[int, int]] = []  # (byte after a line end, line ends before it)
    head_end = -1
    want = 0  # the byte after which the next cut is looked for
    lines = 0  # line ends before `pos`
    pos = 0
    carry = b""
    with open(f.source.path, "rb") as raw:
        while True:
            block = raw.read(chunk_bytes)
            chunk = carry + block
            base = pos - len(carry)
            if not block:
                if chunk.endswith(b"\r"):
                    return None
                break
            # A CR at the end may pair with an LF in the next block: judge it there.
            carry = b"\r" if chunk.endswith(b"\r") else b""
            body = chunk[: len(chunk) - len(carry)]
            if b'"' in body or (b"\r" in body and body.count(b"\r") != body.count(b"\r\n")):
                return None
            at = 0
            while True:
                if head_end < 0:
                    k = _nth_newline(body, at, f.header_row - lines)
                    if k < 0:
                        break
                    head_end = base + k + 1
                    lines = f.header_row
                    at = k + 1
                    want = head_end + target
                    cuts.append((head_end, 0))
                    continue
                rel = max(want - base, at)
                k = body.find(b"\n", rel)
                if rel >= len(body) or k < 0:
                    break
                lines += body.count(b"\n", at, k + 1)
                at = k + 1
                cuts.append((base + at, lines - f.header_row))
                want = base + at + target
            lines += body.count(b"\n", at)
            pos += len(block)
    if head_end < 0:
        return None
    if cuts[-1][0] < pos:
        cuts.append((pos, -1))
    ranges = [ByteRange(a, b, head_end, rows)
              for (a, rows), (b, _) in itertools.pairwise(cuts) if b > a]
    return ranges if len(ranges) > 1 else None


def _nth_newline(data: bytes, start: int, n: int) -> int:
    """Index of the n-th LF at or after `start` (n ≥ 1), or −1."""
    k = start - 1
    for _ in range(n):
        k = data.find(b"\n", k + 1)
        if k < 0:
            return -1
    return k


class Window:
    """Bytes [start, end) of a file, read forward only (one partition of a CSV)."""

    def __init__(self, raw: BinaryIO, start: int, end: int) -> None:
        self._raw = raw
        self._pos = start
        self._end = end

    def read(self, n: int = -1) -> bytes:
        left = self._end - self._pos
        n = left if n < 0 else min(n, left)
        if n <= 0:
            return b""
        self._raw.seek(self._pos)
        data = self._raw.read(n)
        self._pos += len(data)
        return data
