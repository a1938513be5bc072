"""File-level faults (docs/quality.md "Reliability"): exit 3, one `jisheng: error:` line on
stderr naming the file, nothing on stdout, never a traceback."""

from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path

import pytest

from .helpers import AS_OF, ROOT, SAMPLE, assert_one_error_line, run_cli, sample_text


def _indicators(*files: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    return ("indicators", *files, "--year", "2012", *AS_OF, *extra)


def _empty(work: Path) -> str:
    (work / "empty.csv").write_bytes(b"")
    return "empty.csv"


def _header_only(work: Path) -> str:
    title, header = sample_text().split("\r\n")[:2]
    (work / "header.csv").write_bytes(f"{title}\r\n{header}\r\n".encode("gb18030"))
    return "header.csv"


def _binary(work: Path) -> str:
    rng = random.Random(20121001)
    data = bytes(rng.randrange(256) for _ in range(4096))
    (work / "binary.csv").write_bytes(data[:50] + b"\x00\x00" + data[50:])
    return "binary.csv"


def _word_file_renamed(work: Path) -> str:
    # An OLE2 file that is not a workbook (a .xlsx renamed .csv is read: test_workbooks).
    shutil.copy(ROOT / "tests" / "fixtures" / "workbooks" / "not_a_workbook.doc", work / "doc.csv")
    return "doc.csv"


def _unknown_kind(work: Path) -> str:
    (work / "unrelated.csv").write_text("品名,单价,数量\n苹果,3.5,10\n梨,2.0,4\n", encoding="utf-8")
    return "unrelated.csv"


def _missing(work: Path) -> str:
    return "no_such_file.csv"


def _directory(work: Path) -> str:
    (work / "folder.csv").mkdir()
    return "folder.csv"


FAULTS = {
    "empty file": _empty,
    "header only": _header_only,
    "binary": _binary,
    "word file renamed csv": _word_file_renamed,
    "unknown kind": _unknown_kind,
    "missing path": _missing,
    "directory": _directory,
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_bad_input_file(work: Path, fault: str) -> None:
    name = FAULTS[fault](work)
    run = run_cli(_indicators(name), work)
    assert_one_error_line(run, 3, name)
    assert run.stdout == b""


def test_missing_required_column(work: Path) -> None:
    lines = io.StringIO(sample_text())
    title = next(lines)
    table = list(csv.reader(lines))
    i = table[0].index("母亲身份证号")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in table:
        writer.writerow(row[:i] + row[i + 1 :])
    (work / "no_id.csv").write_bytes((title + out.getvalue()).encode("gb18030"))
    run = run_cli(_indicators("no_id.csv"), work)
    assert_one_error_line(run, 3, "no_id.csv", "mother_id", "母亲身份证号")
    assert run.stdout == b""


def test_missing_file_among_good_ones(work: Path) -> None:
    run = run_cli(_indicators(SAMPLE, "gone.csv"), work)
    assert_one_error_line(run, 3, "gone.csv")
    assert run.stdout == b""


def test_unknown_config_key(work: Path) -> None:
    (work / "bad.toml").write_text("[definitions]\nfoo = 1\n", encoding="utf-8")
    run = run_cli(_indicators(SAMPLE, extra=("--config", "bad.toml")), work)
    assert_one_error_line(run, 3, "bad.toml", "foo")
    assert run.stdout == b""
