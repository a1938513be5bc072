"""The CSV reader's per-batch work (row numbers, NUL scan, row marks, footers) runs on
its own thread ahead of the checks, and hands out the same batches and errors, in order."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from jisheng_cli.errors import InputError
from jisheng_cli.readers import csvfile
from jisheng_cli.readers.inputs import open_input
from jisheng_cli.readers.prefetch import ROWS_THREAD
from jisheng_cli.readers.sources import Source
from tests.helpers import HEADER, birth, mid


def _records(n: int) -> list[str]:
    return [birth("420525100201", mid(i), "2012-03-05") for i in range(n)]


def test_row_marks_run_on_the_rows_thread(tmp_path: Path, monkeypatch: Any) -> None:
    seen: list[str] = []
    marks = csvfile.row_marks

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(threading.current_thread().name)
        return marks(*args, **kwargs)

    monkeypatch.setattr(csvfile, "row_marks", spy)
    path = tmp_path / "r.csv"
    # 300 records, a ragged line after the 100th, a footer at the end.
    lines = [HEADER, *_records(100), "420525100201,鸣凤镇", *_records(200),
             "填表人：张**,,,,,,,,"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = open_input(Source(str(path)))
    try:
        batches = list(f.batches(1 << 12))  # 4 KiB blocks: a few dozen rows each
    finally:
        f.close()
    assert len(seen) > 5 and set(seen) == {ROWS_THREAD}
    rows = [r for b in batches for r in b.rows.tolist()]
    skipped = [s for b in batches for s in b.skipped_blank.tolist()]
    # Header on row 1, records on rows 2-101, the ragged line on 102 (no record), records
    # on 103-302 and the footer on 303 (a record of the block, skipped).
    assert rows == [*range(2, 102), *range(103, 304)]
    assert skipped == [False] * 300 + [True]
    assert [r for b in batches for r in b.ragged] == [(102, 2, 9)]


def test_an_error_on_the_rows_thread_comes_after_the_batches_before_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.csv"
    # 2,000 records (past the encoding sample), then 11 with a NUL byte: one too many.
    damaged = [line.replace("张丽", "张\x00丽") for line in _records(11)]
    path.write_text("\n".join([HEADER, *_records(2000), *damaged]) + "\n", encoding="utf-8")
    f = open_input(Source(str(path)))
    got: list[int] = []
    try:
        with pytest.raises(InputError) as caught:
            for b in f.batches(1 << 14):
                got += b.rows.tolist()
    finally:
        f.close()
    # The first damaged row is 2,002 (header 1, records 2-2001).
    assert caught.value.code == "nul_bytes_row" and caught.value.params["row"] == 2002
    assert got and got == list(range(2, 2 + len(got))) and got[-1] <= 2001
    assert not [t for t in threading.enumerate() if t.name == ROWS_THREAD]
