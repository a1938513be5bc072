"""Compressed inputs (issue 10, item 2): gzip, bz2, xz and zstd known by their first bytes,
decompressed as they are read, damaged or cut-off data a file-level error with a remedy
(never the NUL-byte advice a compressed file used to get)."""

from __future__ import annotations

import bz2
import gzip
import lzma
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import zstandard
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from jisheng_cli.errors import InputError
from jisheng_cli.pipeline import Outcome, run
from jisheng_cli.readers.csvfile import InputFile
from jisheng_cli.readers.sniff import sniff_head
from jisheng_cli.readers.sources import Source, parse_source
from jisheng_cli.readers.streams import open_stream
from jisheng_cli.settings import Settings
from tests.helpers import ROOT, SAMPLE, compute

FIXTURES = ROOT / "tests" / "fixtures" / "compressed"
COMPRESSED = {"gzip": "births.csv.gz", "bz2": "births.csv.bz2", "xz": "births.csv.xz",
              "zstd": "births.csv.zst"}
COMPRESS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": lambda b: gzip.compress(b, mtime=0), "bz2": bz2.compress, "xz": lzma.compress,
    "zstd": zstandard.ZstdCompressor().compress,
}


def without_paths(outcome: Outcome) -> tuple[object, list[tuple[object, ...]]]:
    doc = outcome.report.to_dict()
    for i in doc["inputs"]:
        i.pop("path")
    findings = [(f.row, f.column, f.code, f.severity, f.value, f.variant, f.params)
                for f in outcome.findings]
    return doc, findings


@pytest.fixture(scope="module")
def plain() -> Outcome:
    return compute([SAMPLE], year="2012")


@pytest.mark.parametrize("fmt", list(COMPRESSED))
def test_the_sample_compressed_reads_as_the_csv(fmt: str, plain: Outcome) -> None:
    path = FIXTURES / COMPRESSED[fmt]
    outcome = compute([path], year="2012")
    assert without_paths(outcome) == without_paths(plain)
    summary = outcome.report.inputs[0]
    assert summary.path == str(path)
    assert summary.encoding == "gb18030"  # the text's encoding, not the compression's
    # docs/cli.md "Row counts", year 2012: 1718 read = 2 blank/totals + 3 rejected
    # + 1 duplicate + 150 out of period + 1562 used.
    assert (summary.rows_read, summary.rows_skipped_blank, summary.rows_rejected,
            summary.rows_duplicate, summary.rows_out_of_period, summary.rows_used) == (
        1718, 2, 3, 1, 150, 1562)
    assert {f.file for f in outcome.findings} == {str(path)}


@pytest.mark.parametrize("fmt", list(COMPRESSED))
def test_known_by_content_not_by_name(fmt: str, tmp_path: Path) -> None:
    renamed = tmp_path / "births.csv"
    shutil.copyfile(FIXTURES / COMPRESSED[fmt], renamed)
    f = InputFile(Source(str(renamed)))
    try:
        assert (f.compression, f.kind, f.header_row) == (fmt, "births", 2)
    finally:
        f.close()
    # And a plain CSV whose name says .gz is read as the text it is.
    named = tmp_path / "plain.csv.gz"
    shutil.copyfile(SAMPLE, named)
    g = InputFile(Source(str(named)))
    try:
        assert (g.compression, g.kind) == (None, "births")
    finally:
        g.close()


def refused(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        f = InputFile(Source(str(path)))
        try:
            for _ in f.batches(1 << 16):
                pass
        finally:
            f.close()
    assert info.value.path == str(path)
    return info.value


@pytest.mark.parametrize("fmt", list(COMPRESSED))
def test_a_cut_off_file_says_so(fmt: str, tmp_path: Path) -> None:
    data = (FIXTURES / COMPRESSED[fmt]).read_bytes()
    cut = tmp_path / COMPRESSED[fmt]
    cut.write_bytes(data[: len(data) * 2 // 3])  # past the sample: found while streaming
    e = refused(cut)
    assert (e.code, e.params) == ("compressed_damaged", {"format": fmt})
    assert str(e) == (f"{cut}: the {fmt} data is damaged or cut off (a copy or download that "
                      "stopped?); fetch the file again")
    assert e.text("zh") == f"{cut}: {fmt} 压缩数据已损坏或不完整(传输或下载中断?);请重新获取该文件"
    assert "NUL" not in str(e) and "--encoding" not in str(e)


def test_the_committed_truncated_gzip() -> None:
    # gzip -n -9 of the sample, cut at two thirds (scripts/make_compressed_fixtures.py).
    e = refused(FIXTURES / "truncated.csv.gz")
    assert (e.code, e.params) == ("compressed_damaged", {"format": "gzip"})


@pytest.mark.parametrize("where", [0.01, 0.5])
@pytest.mark.parametrize("fmt", list(COMPRESSED))
def test_a_damaged_byte_is_found(fmt: str, where: float, tmp_path: Path) -> None:
    """Garbage out of a damaged deflate block fails as text first (in the sample: not
    UTF-8 nor GB18030, NUL bytes; later: a decode error): the decompressor's verdict on
    the rest of the file is what is reported."""
    data = bytearray((FIXTURES / COMPRESSED[fmt]).read_bytes())
    data[int(len(data) * where)] ^= 0xFF
    path = tmp_path / "damaged"
    path.write_bytes(bytes(data))
    assert refused(path).code == "compressed_damaged"


def test_an_empty_compressed_file_is_empty() -> None:
    e = refused(FIXTURES / "empty.csv.gz")  # gzip -n of no bytes: 20 bytes, no content
    assert (e.code, str(e)) == ("file_empty", f"{FIXTURES / 'empty.csv.gz'}: file is empty")


@pytest.mark.parametrize(("inner", "outer_name"), [
    ("births.csv.gz", "gzip"), ("births.zip", "zip"), ("births.csv.zst", "zstd")])
def test_compressed_twice_is_refused(inner: str, outer_name: str, tmp_path: Path) -> None:
    path = tmp_path / "twice.gz"
    path.write_bytes(gzip.compress((FIXTURES / inner).read_bytes(), mtime=0))
    e = refused(path)
    assert (e.code, e.params) == ("compressed_inner", {"format": "gzip", "inner": outer_name})
    assert str(e) == (f"{path}: this gzip file holds compressed data again ({outer_name}); "
                      "decompress it first and give the file inside")


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=3000), cut=st.integers(0, 3000),
       fmt=st.sampled_from(sorted(COMPRESS)))
def test_concatenated_streams_read_whole(data: bytes, cut: int, fmt: str) -> None:
    """`cat a.gz b.gz > c.gz` (and the same for bz2, xz, zstd frames) is one file: what
    open_stream hands the readers is the two parts' bytes, in order, for any bytes (but
    bytes that are compressed or a zip themselves: refused, see above)."""
    assume(sniff_head(data[:8]) == "text")
    cut = min(cut, len(data))
    compress = COMPRESS[fmt]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "parts"
        path.write_bytes(compress(data[:cut]) + compress(data[cut:]))
        stream, found = open_stream(Source(str(path)))
        try:
            assert found == fmt
            assert stream.read() == data
        finally:
            stream.close()


def test_progress_counts_the_compressed_bytes(tmp_path: Path) -> None:
    """The bar's total is the file as stored; it ends at that size, never past it, and
    a compressed file is never cut into ranges (the Dask engine reads it whole)."""
    path = tmp_path / "births.csv.gz"
    # 40 copies of the sample's records under its title and header: 6.7 MB of text.
    lines = SAMPLE.read_bytes().splitlines(keepends=True)
    path.write_bytes(gzip.compress(b"".join(lines[:2] + lines[2:] * 40), mtime=0))
    size = path.stat().st_size
    seen: list[tuple[int, int]] = []
    settings_ = Settings(as_of=date(2026, 11, 22), block_bytes=1 << 18,
                         progress=lambda done, total: seen.append((done, total)))
    outcome = run([parse_source(str(path))], settings_)
    assert outcome.report.inputs[0].rows_read == 1718 * 40
    assert len(seen) > 3 and all(total == size for _, total in seen)
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and dones[-1] == size
    f = InputFile(Source(str(path)))
    try:
        assert f.ranges(1 << 16) is None
    finally:
        f.close()
