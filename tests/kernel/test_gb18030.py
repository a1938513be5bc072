"""kernel.gb18030 decodes exactly as Python's codec inside Arrow's own transcoder does:
the same UTF-8 out of every block, the same error from the same block, whatever the
text and the block cuts."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow.lib as palib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jisheng_cli.kernel.gb18030 import Transcoder, out_bytes, tables, transcode

# Every code point but the surrogates, which no text holds (GB18030 encodes all others).
ANY_CHAR = st.characters(blacklist_categories=("Cs",))
CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ASCII = st.sampled_from("0123456789,-X\n\r\" ")
SUPPLEMENTARY = st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF)
TEXT = st.text(st.one_of(ASCII, ASCII, ASCII, CHINESE, ANY_CHAR, SUPPLEMENTARY),
               max_size=400)


def arrow_reference() -> Callable[[bytes], bytes]:
    """What Arrow does today with encoding="gb18030": its own Transcoder class."""
    import codecs

    return palib.Transcoder(codecs.getincrementaldecoder("gb18030")(),  # type: ignore[attr-defined]
                            codecs.getincrementalencoder("utf-8")())


def calls(transform: Callable[[bytes], Any], blocks: list[bytes]) -> list[object]:
    """Each block's output (as bytes), then the end of the stream's; an error ends the
    list as (type, reason, start, end, object): the same error means the same values."""
    out: list[object] = []
    for block in [*blocks, b""]:
        try:
            out.append(bytes(transform(block)))
        except UnicodeDecodeError as e:
            out.append((type(e), e.reason, e.start, e.end, e.object))
            break
    return out


def cut(data: bytes, cuts: list[int]) -> list[bytes]:
    at = sorted({min(c, len(data)) for c in cuts} | {0, len(data)})
    return [data[a:b] for a, b in itertools.pairwise(at) if b > a]


def encodable(text: str) -> bytes:
    return text.encode("gb18030")


@settings(max_examples=300, deadline=None)
@given(text=TEXT, cuts=st.lists(st.integers(0, 1600), max_size=6))
def test_valid_text_in_any_blocks(text: str, cuts: list[int]) -> None:
    data = encodable(text)
    blocks = cut(data, cuts)
    transcoder = Transcoder()
    got = calls(transcoder, blocks)
    assert got == calls(arrow_reference(), blocks)
    assert b"".join(got) == data.decode("gb18030").encode("utf-8")  # type: ignore[arg-type]
    assert transcoder.on_tables  # characters cut by a block's end wait: no fallback


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_room_for_the_utf8(text: str) -> None:
    """`out_bytes` is enough: Chinese text (2 → 3 bytes) fills the buffer to within one
    byte, and nothing is written past it (a guard byte after it stays as it was)."""
    data = encodable(text)
    two, bmp = tables()
    room = out_bytes(len(data))
    out = np.full(room + 1, 0xAB, dtype=np.uint8)
    total, stop = transcode(np.frombuffer(data, dtype=np.uint8), two, bmp, out[:room])
    assert stop == len(data)  # whole characters only: nothing cut off
    assert out[:total].tobytes() == data.decode("gb18030").encode("utf-8")
    assert out[room] == 0xAB


def test_chinese_fills_the_room() -> None:
    # 1,000 × 鸣: 2,000 bytes of GB18030, 3,000 of UTF-8; room 2,000 + 1,000 + 1.
    data = ("鸣" * 1000).encode("gb18030")
    assert out_bytes(len(data)) == 3001
    out = np.empty(3001, dtype=np.uint8)
    assert transcode(np.frombuffer(data, dtype=np.uint8), *tables(), out) == (3000, 2000)


# Bytes that break a text: a lone byte above ASCII, leads without their trail, a trail
# that is no trail (LF, a digit, ASCII), four-byte codes out of range.
BAD = st.sampled_from([b"\x80", b"\xff", b"\x81", b"\x81\n", b"\x81\x30", b"\x81\x30\x81",
                       b"\x81\x7f", b"\xa1\x20", b"\x84\x31\xa5\x30", b"\x85\x30\x81\x30",
                       b"\xe3\x32\x9a\x36", b"\xfe\x39\xfe\x39", b"\x80\x30\x81\x30",
                       b"\x81\x30\x20\x30", b"\x81\x30\x81\x3a"])


@settings(max_examples=300, deadline=None)
@given(before=TEXT, bad=st.one_of(BAD, st.binary(min_size=1, max_size=6)), after=TEXT,
       cuts=st.lists(st.integers(0, 1600), max_size=6))
def test_invalid_bytes_fail_as_python_does(before: str, bad: bytes, after: str,
                                           cuts: list[int]) -> None:
    data = encodable(before) + bad + encodable(after)
    blocks = cut(data, cuts)
    transcoder = Transcoder()
    got = calls(transcoder, blocks)
    assert got == calls(arrow_reference(), blocks)
    assert transcoder.on_tables == (not isinstance(got[-1], tuple))


@settings(max_examples=200, deadline=None)
@given(text=TEXT, drop=st.integers(1, 3), cuts=st.lists(st.integers(0, 1600), max_size=4))
def test_a_cut_off_end_fails_as_python_does(text: str, drop: int, cuts: list[int]) -> None:
    data = encodable(text + "鸣𠀀")[:-drop]  # the last character loses 1–3 of its bytes
    blocks = cut(data, cuts)
    got = calls(Transcoder(), blocks)
    assert got == calls(arrow_reference(), blocks)
    assert isinstance(got[-1], tuple)  # "incomplete multibyte sequence" at the end


def test_lone_lead_byte_at_the_end_of_a_block_waits_for_the_next() -> None:
    # 鸣 (U+9E23) is C3 F9 in GB18030 (GB2312 row 35, cell 89, each + 0xA0) and E9 B8 A3
    # in UTF-8 (1110 1001, 10 111000, 10 100011): cut between its two bytes, the first
    # block gives only "a" and the second the whole character.
    transcoder = Transcoder()
    assert calls(transcoder, [b"a\xc3", b"\xf9\n"]) == [b"a", b"\xe9\xb8\xa3\n", b""]
    assert transcoder.on_tables


# Four-byte codes: every lead, second, third and fourth byte, valid or not.
FOUR = st.tuples(st.integers(0x80, 0xFF), st.integers(0x30, 0x39), st.integers(0x00, 0xFF),
                 st.integers(0x00, 0xFF)).map(bytes)
TWO = st.tuples(st.integers(0x80, 0xFF), st.integers(0x00, 0xFF)).map(bytes)


@settings(max_examples=500, deadline=None)
@given(code=st.one_of(FOUR, TWO))
def test_any_one_code_decodes_or_fails_as_python(code: bytes) -> None:
    # Followed by LF: a code needing more bytes than it has meets LF and fails, as in Python.
    block = code + b"\n"
    assert calls(Transcoder(), [block]) == calls(arrow_reference(), [block])


def test_every_bmp_four_byte_and_two_byte_code_decodes_as_python() -> None:
    two, bmp = tables()
    # 23,940 two-byte codes and 39,420 four-byte ones decode in this Python (3.11):
    # GBK's 21,886 + GB18030's additions (the 80 one-byte + 23,940 + 39,420 cover the
    # BMP without surrogates: 63,488 = 65,536 − 2,048).
    assert (two >= 0).sum() == 23_940 and (bmp >= 0).sum() == 39_420
    assert 128 + 23_940 + 39_420 == 0x10000 - 0x800
    codes = [bytes([0x80 + k // 256, k % 256]) for k in np.flatnonzero(two >= 0)]
    n = np.arange(39_420)
    codes += [bytes([0x81 + i // 12600, 0x30 + i // 1260 % 10, 0x81 + i // 10 % 126,
                     0x30 + i % 10]) for i in n]
    data = b"\n".join(codes)
    assert calls(Transcoder(), [data]) == [data.decode("gb18030").encode("utf-8"), b""]


def test_every_two_byte_code_the_table_refuses_python_refuses() -> None:
    two, _ = tables()
    refused = [bytes([0x80 + k // 256, k % 256]) for k in np.flatnonzero(two < 0)
               if not 0x30 <= k % 256 <= 0x39]  # a digit second byte: four-byte codes
    assert len(refused) == 128 * 246 - 23_940
    for code in refused:
        with pytest.raises(UnicodeDecodeError):
            code.decode("gb18030")


@pytest.mark.parametrize(("code", "char"), [
    (b"\x90\x30\x81\x30", "\U00010000"),  # the first supplementary code
    (b"\x95\x32\x82\x36", "\U00020000"),  # (5·10 + 2)·1260 + 1·10 + 6 = 65,536 after it
    (b"\xe3\x32\x9a\x35", "\U0010ffff"),  # the last: (73·10 + 2)·1260 + 25·10 + 5
    (b"\x84\x31\xa4\x39", "\uffff"),  # the last BMP code, 39,419
    (b"\x81\x30\x81\x30", "\x80"),  # the first
])
def test_four_byte_ends(code: bytes, char: str) -> None:
    assert code.decode("gb18030") == char  # Python agrees with the arithmetic
    assert calls(Transcoder(), [code]) == [char.encode("utf-8"), b""]


def test_without_jit() -> None:
    """NUMBA_DISABLE_JIT=1: the same functions, run as Python, give the same bytes."""
    code = ("import numpy as np; from jisheng_cli.kernel.gb18030 import Transcoder; "
            "t = Transcoder(); "
            "data = '序号,鸣凤镇\\n𠀀,Ab€\\n'.encode('gb18030'); "
            "print((bytes(t(data[:7])) + bytes(t(data[7:])) + bytes(t(b''))).hex())")
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    assert bytes.fromhex(proc.stdout.strip()) == "序号,鸣凤镇\n𠀀,Ab€\n".encode()
