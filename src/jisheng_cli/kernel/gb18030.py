"""GB18030 → UTF-8 by table, compiled: a GB18030 register without Python's codec on one
thread holding the GIL (Arrow's own `encoding="gb18030"` transcodes that way).

The tables come from Python's codec itself, so what decodes here decodes as Python's
does: every two-byte code and every four-byte code of the BMP decoded once per process;
the supplementary planes are linear from 0x90308130, as in Python's decoder
(Modules/cjkcodecs/_codecs_cn.c). Anything the tables cannot decode (an invalid byte, or
a character cut off by the end of the file) is handed to Python's codec from there on,
so the errors are Python's own, raised from the same read.

A block is cut into pieces after line feeds (0x0A is never a trailing byte in GB18030:
after one, a character always starts) and the pieces are decoded in parallel.
"""

from __future__ import annotations

import codecs
import functools
from typing import Any

import numpy as np

from jisheng_cli.kernel.jit import njit, numba, prange

# Two-byte table: (lead - 0x80) * 256 + trail; four-byte BMP table: the linear index of
# 0x81308130 + n (Python's `lseq`), 39,420 of them up to 0x8431A439.
_TWO_LEAD = 0x80
BMP_FOUR = 39_420
# Four-byte codes from lead byte 0x90 on: U+10000 upwards, one after the other.
_SUPPLEMENTARY_LEAD = 0x90
_MAX_CODE_POINT = 0x10FFFF
NO_CHAR = -1


def utf8_stream(stream: Any) -> Any:
    """`stream` (a binary file object holding GB18030) as an Arrow input stream of UTF-8,
    read exactly as Arrow's own transcoding reads it (`pyarrow.TransformInputStream`
    over the file: the same reads of the file, the same bytes out of each)."""
    import pyarrow as pa

    return pa.TransformInputStream(pa.PythonFile(stream, mode="r"), Transcoder())


class Transcoder:
    """Arrow's transform function (a block of GB18030 in, its UTF-8 out; an empty block
    means the end of the stream), the table's in place of Python's codec until a block
    holds something the table cannot decode: that block and all after it go to Python's
    incremental codec, as Arrow's own `Transcoder` would."""

    def __init__(self) -> None:
        self._carry = b""  # a character cut by the end of the previous block
        self._python: Any = None

    @property
    def on_tables(self) -> bool:
        """False once Python's codec has taken over (the stream holds an error)."""
        return self._python is None

    def __call__(self, buf: Any) -> Any:
        final = len(buf) == 0
        if self._python is not None:
            return self._python(buf, final)
        if final:
            return self._to_python(self._carry, final) if self._carry else b""
        data = np.frombuffer(buf, dtype=np.uint8)
        if self._carry:
            data = np.concatenate([np.frombuffer(self._carry, dtype=np.uint8), data])
        two, bmp = tables()
        out, total, stop = transcode(data, two, bmp, numba.get_num_threads())
        if stop < 0:
            return self._to_python(data.tobytes(), final)
        rest = data[stop:].tobytes()
        if rest and not _python_waits(rest):
            return self._to_python(data.tobytes(), final)
        self._carry = rest
        return out[:total]

    def _to_python(self, data: bytes, final: bool) -> bytes:
        """Python's codec from here on, fed the bytes it would have been holding."""
        decoder = codecs.getincrementaldecoder("gb18030")()
        encoder = codecs.getincrementalencoder("utf-8")()

        def python(block: Any, last: bool) -> bytes:
            return encoder.encode(decoder.decode(bytes(block), last), last)

        self._python = python
        return python(data, final)


def _python_waits(rest: bytes) -> bool:
    """Whether Python's decoder, given these last bytes of a block (a character begun),
    would wait for the next block rather than fail now."""
    try:
        return codecs.getincrementaldecoder("gb18030")().decode(rest, final=False) == ""
    except UnicodeDecodeError:
        return False


@functools.cache
def tables() -> tuple[np.ndarray, np.ndarray]:
    """(two-byte table, four-byte BMP table): the code point of each code, NO_CHAR where
    Python's codec refuses it. Built from Python's codec, about 10 ms."""
    leads = np.arange(_TWO_LEAD, 0x100, dtype=np.uint8)
    trails = np.arange(0x100, dtype=np.uint8)
    pairs = np.stack(np.broadcast_arrays(leads[:, None], trails[None, :]), axis=-1)
    pairs = pairs.reshape(-1, 2)
    # A digit trail begins a four-byte code (never a two-byte one); an LF trail would be
    # read as the separator below, so those few are decoded one by one.
    two = np.full(len(pairs), NO_CHAR, dtype=np.int32)
    batched = (pairs[:, 1] < 0x30) | (pairs[:, 1] > 0x39)
    batched &= pairs[:, 1] != 0x0A
    two[batched] = _decoded(pairs[batched])
    for k in np.flatnonzero(pairs[:, 1] == 0x0A):
        two[k] = _decoded_one(pairs[k].tobytes())
    n = np.arange(BMP_FOUR)
    fours = np.stack([0x81 + n // 12600, 0x30 + n // 1260 % 10, 0x81 + n // 10 % 126,
                      0x30 + n % 10], axis=-1).astype(np.uint8)
    bmp = _decoded(fours)
    return two, bmp


def _decoded(codes: np.ndarray) -> np.ndarray:
    """The code point of each row of `codes` (one code's bytes) as Python decodes it
    alone, or NO_CHAR: all decoded in one call, each followed by LF. An undecodable byte
    comes out as a lone surrogate (which no GB18030 code decodes to) and only that byte is
    skipped, so every code's text still ends at its own LF."""
    lf = np.full((len(codes), 1), 0x0A, dtype=np.uint8)
    text = np.hstack([codes, lf]).tobytes().decode("gb18030", "surrogateescape")
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    ends = np.flatnonzero(points == 0x0A)
    if len(ends) != len(codes):  # cannot happen: decode them one by one
        return np.array([_decoded_one(c.tobytes()) for c in codes], dtype=np.int32)
    starts = np.concatenate([[0], ends[:-1] + 1])
    first = points[starts].astype(np.int64)
    ok = (ends - starts == 1) & ((first < 0xD800) | (first > 0xDFFF))
    return np.where(ok, first, NO_CHAR).astype(np.int32)


def _decoded_one(code: bytes) -> int:
    try:
        text = code.decode("gb18030")
    except UnicodeDecodeError:
        return NO_CHAR
    return ord(text) if len(text) == 1 else NO_CHAR


@njit(parallel=True)
def transcode(data: Any, two: Any, bmp: Any, pieces: int) -> tuple[Any, int, int]:
    """(buffer, bytes of UTF-8 in it, where a character cut off by the end of `data`
    begins (len(data) if none), or −1 when `data` holds a code the tables refuse).
    The pieces, cut after line feeds, are decoded in parallel, each into its own part of
    the buffer (UTF-8 is at most 3/2 of GB18030's bytes), then moved together."""
    n = len(data)
    cuts = _cuts(data, max(pieces, 1))
    k = len(cuts) - 1
    bases = np.zeros(k + 1, dtype=np.int64)
    for p in range(k):
        length = cuts[p + 1] - cuts[p]
        bases[p + 1] = bases[p] + length + length // 2 + 1
    out = np.empty(bases[k], dtype=np.uint8)
    ends = np.zeros(k, dtype=np.int64)
    stops = np.zeros(k, dtype=np.int64)
    for p in prange(k):
        ends[p], stops[p] = _piece(data, cuts[p], cuts[p + 1], p == k - 1, two, bmp,
                                   out, bases[p])
    total = 0
    for p in range(k):
        if stops[p] < 0:
            return out, 0, -1
        length = ends[p] - bases[p]
        if bases[p] != total:
            out[total:total + length] = out[bases[p]:ends[p]].copy()
        total += length
    return out, total, stops[k - 1] if k else n


@njit
def _cuts(data: Any, pieces: int) -> Any:
    """Up to `pieces` + 1 offsets: 0, then the byte after the first LF at or past each
    even share of `data`, then len(data)."""
    n = len(data)
    cuts = np.zeros(pieces + 1, dtype=np.int64)
    m = 1
    for p in range(1, pieces):
        at = max(n * p // pieces, cuts[m - 1])
        while at < n and data[at] != 0x0A:
            at += 1
        if at + 1 < n:
            cuts[m] = at + 1
            m += 1
    cuts[m] = n
    return cuts[: m + 1]


@njit
def _piece(data: Any, start: int, stop: int, last: bool, two: Any, bmp: Any, out: Any,
           o: int) -> tuple[int, int]:
    """Decode data[start:stop] into out[o:]: (end in `out`, `stop` or where a cut-off
    character begins (only in the `last` piece: the others end in LF, which ends no
    character), or −1 at a code the tables refuse)."""
    i = start
    while i < stop:
        c = data[i]
        if c < 0x80:
            out[o] = c
            o += 1
            i += 1
            continue
        if i + 1 >= stop:
            return o, i if last else -1
        c2 = data[i + 1]
        if 0x30 <= c2 <= 0x39:
            if i + 3 >= stop:
                return o, i if last else -1
            c3 = data[i + 2]
            c4 = data[i + 3]
            if c < 0x81 or c > 0xFE or c3 < 0x81 or c3 > 0xFE or c4 < 0x30 or c4 > 0x39:
                return o, -1
            seq = (np.int64(c3) - 0x81) * 10 + (np.int64(c4) - 0x30)
            head = (np.int64(c) - 0x81) * 10 + (np.int64(c2) - 0x30)
            if c < _TWO_LEAD + 5:  # 0x81–0x84: the BMP table
                lseq = head * 1260 + seq
                if lseq >= BMP_FOUR:
                    return o, -1
                cp = np.int64(bmp[lseq])
            elif c >= _SUPPLEMENTARY_LEAD:
                cp = 0x10000 + (head - (_SUPPLEMENTARY_LEAD - 0x81) * 10) * 1260 + seq
                if cp > _MAX_CODE_POINT:
                    return o, -1
            else:
                return o, -1
            i += 4
        else:
            cp = np.int64(two[(np.int64(c) - _TWO_LEAD) * 256 + c2])
            i += 2
        if cp < 0:
            return o, -1
        if cp < 0x80:
            out[o] = cp
            o += 1
        elif cp < 0x800:
            out[o] = 0xC0 | (cp >> 6)
            out[o + 1] = 0x80 | (cp & 0x3F)
            o += 2
        elif cp < 0x10000:
            out[o] = 0xE0 | (cp >> 12)
            out[o + 1] = 0x80 | ((cp >> 6) & 0x3F)
            out[o + 2] = 0x80 | (cp & 0x3F)
            o += 3
        else:
            out[o] = 0xF0 | (cp >> 18)
            out[o + 1] = 0x80 | ((cp >> 12) & 0x3F)
            out[o + 2] = 0x80 | ((cp >> 6) & 0x3F)
            out[o + 3] = 0x80 | (cp & 0x3F)
            o += 4
    return o, stop
