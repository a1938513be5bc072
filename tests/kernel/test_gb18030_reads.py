"""A GB18030 file read through kernel.gb18030 (the kernel forced) gives what Arrow's own
transcoding gives: the same batches, row numbers, cells, ragged rows, progress positions
and errors, for every GB18030 file of the suite, for damaged copies, for the Dask
engine's byte ranges and for whole runs of both engines."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from jisheng_cli.errors import InputError
from jisheng_cli.kernel import gb18030
from jisheng_cli.readers.csvfile import InputFile
from jisheng_cli.readers.inputs import ReadOptions, open_input
from jisheng_cli.readers.ranges import split_ranges
from jisheng_cli.readers.sources import Source
from tests.helpers import DATA, ROOT, SAMPLE, compute

CANDIDATES = sorted(
    [*DATA.glob("*.csv"), *(ROOT / "sample_data").glob("*.csv"),
     *(ROOT / "tests" / "hardening" / "corpus").glob("*.csv"),
     *(ROOT / "tests" / "fixtures").glob("*/*.csv*")])


def _encoding(path: Path) -> str | None:
    try:
        f = open_input(Source(str(path)), ReadOptions(kernel="never"))
    except InputError:
        return None
    f.close()
    return getattr(f, "encoding", None)


GB_FILES = [p for p in CANDIDATES if _encoding(p) == "gb18030"]


def test_the_suite_has_gb18030_files() -> None:
    names = {p.name for p in GB_FILES}
    assert {"births_small.gb18030.csv", "births.csv", "gb18030_register.csv",
            "gbk_rare_chars.csv", "births.csv.gz"} <= names


@pytest.fixture
def table_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Streams the kernel's transcoder was made for: a forced read must really use it."""
    seen: list[int] = []
    original = gb18030.Transcoder.__init__

    def counted(self: gb18030.Transcoder) -> None:
        seen.append(1)
        original(self)

    monkeypatch.setattr(gb18030.Transcoder, "__init__", counted)
    return seen


def read_all(f: Any, block_bytes: int) -> list[object]:
    """Every batch as plain values, then the progress position at the end; an error (code,
    parameters) ends the list instead. (Arrow reads up to 32 blocks ahead on a thread of
    its own, so the position after a batch depends on timing: only the last is known.)"""
    out: list[object] = []
    try:
        for b in f.batches(block_bytes):
            out.append((b.rows.tolist(), {k: v.to_pylist() for k, v in b.columns.items()},
                        b.skipped_blank.tolist(), b.ragged, b.nul, b.cut_off_row,
                        b.short_skipped))
        out.append(f.position())
    except InputError as e:
        out.append((e.code, e.params))
    finally:
        f.close()
    return out


def read_with(path: Path, kernel: str, block_bytes: int, **options: Any) -> list[object]:
    return read_all(open_input(Source(str(path)), ReadOptions(kernel=kernel, **options)),
                    block_bytes)


def assert_same_read(got: list[object], ref: list[object]) -> None:
    """The same batches and end; when the read fails, the same error, after batches that
    agree as far as both went: Arrow hands on an error of its read-ahead thread as soon
    as it has one, so how many batches come before it depends on timing (the reference
    path, run twice on one damaged file, gave 16 and 2)."""
    if isinstance(ref[-1], tuple):
        assert got[-1] == ref[-1]
        n = min(len(got), len(ref)) - 1
        assert got[:n] == ref[:n]
    else:
        assert got == ref


@pytest.mark.parametrize("block_bytes", [1 << 10, 4 << 20])
@pytest.mark.parametrize("path", GB_FILES, ids=lambda p: p.name)
def test_every_gb18030_file_reads_the_same(path: Path, block_bytes: int,
                                           table_calls: list[int]) -> None:
    ref = read_with(path, "never", block_bytes)
    assert not table_calls  # Arrow's own transcoding
    got = read_with(path, "always", block_bytes)
    assert table_calls  # the kernel's
    assert_same_read(got, ref)


@pytest.mark.parametrize("options", [{}, {"encoding": "gb18030"}])
def test_gb18030_byte_order_mark(tmp_path: Path, table_calls: list[int],
                                 options: dict[str, str]) -> None:
    """GB18030's own mark (U+FEFF, 84 31 95 33) before the sample's title: its UTF-8
    (EF BB BF) reaches Arrow first, which drops it, on either path."""
    marked = tmp_path / "gb_bom.csv"
    marked.write_bytes(b"\x84\x31\x95\x33" + SAMPLE.read_bytes())
    assert marked.read_bytes().decode("gb18030")[0] == "\ufeff"
    ref = read_with(marked, "never", 1 << 12, **options)
    got = read_with(marked, "always", 1 << 12, **options)
    assert table_calls
    assert_same_read(got, ref)
    # The sample's 1,721 CRLF-separated pieces less the title, the header and the empty
    # one after the last CRLF: 1,718 rows.
    assert sum(len(b[0]) for b in got if isinstance(b, tuple)) == 1718  # type: ignore[arg-type]


def test_small_files_keep_arrows_transcoding(table_calls: list[int]) -> None:
    read_all(InputFile(Source(str(SAMPLE)), kernel="auto"), 1 << 16)  # 167 kB: far below
    assert not table_calls


def damaged(tmp_path: Path, damage: str) -> Path:
    """The sample register (GB18030, 167 kB) damaged past its first 64 KiB, where the
    encoding is detected, so that the damage is met while reading."""
    data = SAMPLE.read_bytes()
    at = data.index(b"\n", 120_000) + 1  # the start of a row well past the sample
    if damage == "cut_off":  # cut in the 合 of the last line, 合计 (the total row)
        data = data[: data.rindex("合计".encode("gb18030")) + 1]
    elif damage == "lone_lead":  # 0x81 followed by a comma: no two-byte code
        data = data[:at] + b"\x81" + data[at:]
    elif damage == "lone_0x80":
        data = data[:at] + b"\x80," + data[at:]
    elif damage == "bad_four_byte":  # 0x8431A530: past the last BMP code, 0x8431A439
        data = data[:at] + b"\x84\x31\xa5\x30" + data[at:]
    path = tmp_path / f"{damage}.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("damage", ["cut_off", "lone_lead", "lone_0x80", "bad_four_byte"])
@pytest.mark.parametrize("block_bytes", [1 << 12, 4 << 20])
def test_damage_fails_the_same(tmp_path: Path, damage: str, block_bytes: int) -> None:
    path = damaged(tmp_path, damage)
    ref, got = read_with(path, "never", block_bytes), read_with(path, "always", block_bytes)
    assert_same_read(got, ref)
    # Python's codec refuses the bytes inside Arrow's read: the file is reported as
    # holding more than one encoding, never with a row's text.
    assert got[-1] == ("mixed_encodings", {"encoding": "gb18030"})


def test_byte_ranges_read_the_same() -> None:
    """The Dask engine's partitions: each range opened on its own, the kernel forced."""
    ref = read_all(InputFile(Source(str(SAMPLE)), kernel="never"), 1 << 16)
    whole = InputFile(Source(str(SAMPLE)), kernel="always")
    ranges = split_ranges(whole, 10_000)
    whole.close()
    assert ranges is not None and len(ranges) > 10
    parts = []
    ref = [b for b in ref if isinstance(b, tuple)]
    for r in ranges:
        f = InputFile(Source(str(SAMPLE)), kernel="always")
        f.restrict(r)
        parts.extend(b[:3] for b in read_all(f, 1 << 16) if isinstance(b, tuple))
    rows = list(itertools.chain.from_iterable(p[0] for p in parts))  # type: ignore[index]
    assert rows == list(itertools.chain.from_iterable(b[0] for b in ref))  # type: ignore[index]
    for column in ("mother_id", "mother_name", "village_name"):
        got = [v for p in parts for v in p[1][column]]  # type: ignore[index]
        assert got == [v for b in ref for v in b[1][column]], column  # type: ignore[index]


@pytest.mark.parametrize("engine", ["pandas", "dask"])
def test_whole_runs_agree(monkeypatch: pytest.MonkeyPatch, engine: str,
                          table_calls: list[int]) -> None:
    """A run with the kernel forced (JISHENG_KERNEL sets Settings.kernel's default) gives
    the reference run's report and findings, on the sample and the small register."""
    paths = [SAMPLE, DATA / "births_small.gb18030.csv"]
    kw: dict[str, Any] = {"year": "2012", "engine": engine}
    if engine == "dask":
        kw["partition_bytes"] = 20_000  # the sample in several byte ranges
    monkeypatch.setenv("JISHENG_KERNEL", "never")
    ref = compute(paths, **kw)
    assert not table_calls
    monkeypatch.setenv("JISHENG_KERNEL", "always")
    got = compute(paths, **kw)
    assert table_calls  # (for Dask, the reads of this process: workers get the settings)
    assert got.report.to_dict() == ref.report.to_dict()
    assert got.findings == ref.findings
    assert ref.report.inputs[0].rows_read > 1000  # a real register was read
