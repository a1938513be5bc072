"""GB18030 → UTF-8 by table, compiled: a GB18030 register without Python's codec on one
thread holding the GIL (Arrow's own `encoding="gb18030"` transcodes that way).

The tables come from Python's codec itself, so what decodes here decodes as Python's
does: every two-byte code and every four-byte code of the BMP decoded once per process;
the supplementary planes are linear from 0x90308130, as in Python's decoder
(Modules/cjkcodecs/_codecs_cn.c). Anything the tables cannot decode (an invalid byte, or
a character cut off by the end of the file) is handed to Python's codec from there on,
so the errors are Python's own, raised from the same read.

The kernel is serial and releases the GIL: it runs in Arrow's read-ahead thread, beside
Arrow parsing the block before and the checks of the batch before that, which keep the
other core busy (2 cores). Cut into pieces after line feeds (0x0A is never a trailing
byte in GB18030) and run under `prange`, the same loop took three times the CPU per
byte (numba's parallel outlining) and no less wall time; see Transcoder.
"""

from __future__ import annotations

import codecs
import functools
from typing import Any

import numpy as np

from jisheng_cli.kernel.jit import njit

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
        # Written by every block (its pages stay mapped); each block's UTF-8 is copied
        # out at its own size, since Arrow keeps up to 32 blocks read ahead.
        self._scratch = np.empty(0, dtype=np.uint8)

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
        if len(self._scratch) < out_bytes(len(data)):
            self._scratch = np.empty(out_bytes(len(data)), dtype=np.uint8)
        two, bmp = tables()
        total, stop = transcode(data, two, bmp, self._scratch)
        if stop < 0:
            return self._to_python(data.tobytes(), final)
        rest = data[stop:].tobytes()
        if rest and not _python_waits(rest):
            return self._to_python(data.tobytes(), final)
        self._carry = rest
        return self._scratch[:total].copy()

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
    Python's codec refuses it. Built from Python's codec in two calls, about 20 ms."""
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


def out_bytes(n: int) -> int:
    """Room for the UTF-8 of `n` bytes of GB18030: a two-byte code becomes at most three
    bytes, a four-byte one at most four, ASCII one."""
    return n + n // 2 + 1


@njit
def transcode(data: Any, two: Any, bmp: Any, out: Any) -> tuple[int, int]:
    """Decode `data` into `out` (at least `out_bytes(len(data))` long): (bytes of UTF-8
    written, where a character cut off by the end of `data` begins (len(data) if none),
    or (0, −1) when `data` holds a code the tables refuse)."""
    stop = len(data)
    i = 0
    o = 0
    while i < stop:
        c = data[i]
        if c < 0x80:
            out[o] = c
            o += 1
            i += 1
            continue
        if i + 1 >= stop:
            return o, i
        c2 = data[i + 1]
        if 0x30 <= c2 <= 0x39:
            if i + 3 >= stop:
                return o, i
            c3 = data[i + 2]
            c4 = data[i + 3]
            if c < 0x81 or c > 0xFE or c3 < 0x81 or c3 > 0xFE or c4 < 0x30 or c4 > 0x39:
                return 0, -1
            seq = (np.int64(c3) - 0x81) * 10 + (np.int64(c4) - 0x30)
            head = (np.int64(c) - 0x81) * 10 + (np.int64(c2) - 0x30)
            if c < _TWO_LEAD + 5:  # 0x81–0x84: the BMP table
                lseq = head * 1260 + seq
                if lseq >= BMP_FOUR:
                    return 0, -1
                cp = np.int64(bmp[lseq])
            elif c >= _SUPPLEMENTARY_LEAD:
                cp = 0x10000 + (head - (_SUPPLEMENTARY_LEAD - 0x81) * 10) * 1260 + seq
                if cp > _MAX_CODE_POINT:
                    return 0, -1
            else:
                return 0, -1
            i += 4
        else:
            cp = np.int64(two[(np.int64(c) - _TWO_LEAD) * 256 + c2])
            i += 2
        if cp < 0:
            return 0, -1
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


def warm() -> None:
    """Compile (or load) the transcoder on two characters: kernel.warm's list."""
    Transcoder()("计生".encode("gb18030"))
