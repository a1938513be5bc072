"""The `Input` protocol: what the engines use of any opened input (here ranges and
restrict, which the Dask engine uses to split a large file)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jisheng_cli.errors import InputError
from jisheng_cli.readers.inputs import Input, open_input
from jisheng_cli.readers.ranges import ByteRange
from jisheng_cli.readers.sources import Source

HEADER = "统计用区划代码,乡镇,村名,母亲姓名,母亲身份证号,出生日期,性别,孩次,政策属性"
LINE = "420525100201,鸣凤镇,东村,张丽,420525199001010{d}00,2023-01-0{d},男,1,政策内"


def _open(path: Path) -> Input:
    return open_input(Source(str(path)))


def _rows(f: Input) -> list[int]:
    return [int(r) for b in f.batches() for r in b.rows]


def test_a_csv_in_ranges_reads_every_row_once(tmp_path: Path) -> None:
    path = tmp_path / "births.csv"
    path.write_text("\n".join([HEADER, *(LINE.format(d=d) for d in range(1, 10))]) + "\n",
                    encoding="utf-8")
    whole = _open(path)
    size = path.stat().st_size
    # Header line, then 9 data lines of equal length: a target of 3 lines' bytes cuts
    # after data lines 3 and 6 (each cut at the first line end past the target).
    line_bytes = len((LINE.format(d=1) + "\n").encode("utf-8"))
    ranges = whole.ranges(3 * line_bytes - 1)
    assert ranges is not None
    assert [r.rows_before for r in ranges] == [0, 3, 6]
    assert ranges[-1].end == size
    rows = []
    for part in ranges:
        f = _open(path)
        f.restrict(part)
        rows.append(_rows(f))
        f.close()
    # Spreadsheet rows: header on row 1, records on rows 2..10.
    assert rows == [[2, 3, 4], [5, 6, 7], [8, 9, 10]]
    assert _rows(whole) == list(range(2, 11))
    whole.close()


def test_a_parquet_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "births.parquet"
    names = HEADER.split(",")
    values = LINE.format(d=1).split(",")
    pq.write_table(pa.table({n: [v] * 50 for n, v in zip(names, values, strict=True)}), path)
    f = _open(path)
    assert f.ranges(1) is None  # whatever the target
    with pytest.raises(InputError, match="read whole") as e:
        f.restrict(ByteRange(0, 10, 0, 0))
    assert (e.value.code, e.value.path) == ("parquet_whole", str(path))
    assert _rows(f) == list(range(2, 52))  # 50 records from row 2
    f.close()
