"""A large CSV read as line-aligned byte ranges (the Dask engine's partitions) gives the
same rows, row numbers, cells and ragged rows as the whole file read at once; a file
whose line ends might not end rows is never split."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jisheng_cli.readers.csvfile import InputFile
from jisheng_cli.readers.ranges import Window, split_ranges
from jisheng_cli.readers.sources import Source
from tests.helpers import SAMPLE

TITLE = "远安县出生登记表（2012年度）"
HEADER = "统计用区划代码,乡镇,村名,母亲姓名,母亲身份证号,出生日期,性别,孩次,政策属性"


def register(n: int, newline: str = "\n") -> str:
    lines = [TITLE, HEADER]
    for i in range(n):
        if i % 97 == 5:
            lines.append("")  # a blank line is a (skipped) row
        elif i % 89 == 7:
            lines.append("420525100201,鸣凤镇,东村")  # ragged
        else:
            lines.append(f"42052510{i % 7:04d},鸣凤镇,村{i % 7},张丽,4205251990010{i % 10}"
                         f"{i:05d},2023-0{1 + i % 9}-1{i % 10},男,1,政策内")
    return newline.join(lines) + ("" if n % 2 else newline)  # with and without a last EOL


def read(f: InputFile) -> tuple[np.ndarray, list[str | None], list[tuple[int, int, int]]]:
    rows, ids, ragged = [], [], []
    for b in f.batches(1 << 16):
        rows.append(b.rows)
        ids.extend(b.columns["mother_id"].to_pylist())
        ragged.extend(b.ragged)
    return np.concatenate(rows), ids, ragged


def by_ranges(path: Path, target: int, encoding: str | None = None
              ) -> tuple[np.ndarray, list[str | None], list[tuple[int, int, int]], int]:
    whole = InputFile(Source(str(path)), encoding=encoding)
    ranges = split_ranges(whole, target)
    assert ranges is not None
    assert ranges[0].start == ranges[0].head_end and ranges[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in itertools.pairwise(ranges))
    parts = []
    for r in ranges:
        f = InputFile(Source(str(path)), encoding=encoding)
        f.restrict(r)
        parts.append(read(f))
    return (np.concatenate([p[0] for p in parts]), [i for p in parts for i in p[1]],
            [x for p in parts for x in p[2]], len(ranges))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.integers(min_value=1, max_value=8_000), n=st.integers(300, 700),
       crlf=st.booleans())
def test_any_range_size_reads_the_same_rows(tmp_path: Path, target: int, n: int,
                                            crlf: bool) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(register(n, "\r\n" if crlf else "\n").encode("utf-8"))
    rows, ids, ragged = read(InputFile(Source(str(path))))
    got_rows, got_ids, got_ragged, _ = by_ranges(path, target)
    assert got_rows.tolist() == rows.tolist()
    assert got_ids == ids
    assert got_ragged == ragged
    assert ragged and ragged[0][0] == 2 + 8  # title, header, then the 8th data line


def test_gb18030_sample_in_ranges() -> None:
    rows, ids, ragged = read(InputFile(Source(str(SAMPLE))))
    got_rows, got_ids, got_ragged, n = by_ranges(SAMPLE, 10_000)
    assert n > 10
    assert (got_rows.tolist(), got_ids, got_ragged) == (rows.tolist(), ids, ragged)


@pytest.mark.parametrize(("body", "encoding"), [
    ('a "quoted\nbreak"', "utf-8"),  # a line end inside quotes does not end a row
    ("a lone\rcarriage return", "utf-8"),
    ("plain", "utf-16"),  # its line end is two bytes
])
def test_files_that_are_never_split(tmp_path: Path, body: str, encoding: str) -> None:
    text = register(400) + "420525100201,鸣凤镇,村1,张丽," + body + ",2023-01-01,男,1,政策内\n"
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode(encoding))
    assert split_ranges(InputFile(Source(str(path)), encoding=encoding), 1000) is None


def test_small_files_and_stdin_are_not_split(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(register(400), encoding="utf-8")
    f = InputFile(Source(str(path)))
    assert split_ranges(f, path.stat().st_size) is None
    assert split_ranges(f, 1000) is not None


def test_window_reads_only_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "w.bin"
    path.write_bytes(b"0123456789")
    with open(path, "rb") as raw:
        window = Window(raw, 2, 7)  # bytes 2..6: "23456"
        raw.seek(9)  # another reader moved the file: the window seeks back itself
        assert window.read(3) == b"234"
        assert window.read() == b"56"  # the rest, never past the end
        assert window.read(4) == b""
