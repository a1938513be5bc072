"""Files given twice (issue 10 item 5; docs/cli.md "Exit codes", docs/data.md "Files given
twice"): the same file or an identical copy is a usage error before anything is read; a
copy with a few rows changed runs, with a warning and `repeats` in the JSON."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import mid

from .helpers import AS_OF, EN, SAMPLE, assert_one_error_line, run_cli, sample_text

JSON = ("--format", "json", *AS_OF)


@pytest.mark.parametrize("command", ["indicators", "validate"])
def test_the_same_path_twice(work: Path, command: str) -> None:
    # Today's figures without the rule: 1,564 duplicates, 重报率 50.03%, exit 0.
    run = run_cli([command, SAMPLE, SAMPLE, "--rejects", "rejects.csv", *JSON], work)
    line = assert_one_error_line(run, 2)
    assert line == (f"jisheng: 错误: {SAMPLE}: 与 {SAMPLE} 是同一个文件,给出了两次;"
                    "每个文件只需给出一次")
    assert run.stdout == b""
    assert not (work / "rejects.csv").exists()


def test_a_copy_under_another_name_names_both(work: Path) -> None:
    shutil.copyfile(work / SAMPLE, work / "copy.csv")
    run = run_cli(["indicators", SAMPLE, "copy.csv", *JSON, *EN], work)
    line = assert_one_error_line(run, 2)
    assert line == (f"jisheng: error: copy.csv: the same bytes as {SAMPLE} (one file sent "
                    "twice?); give only one of them")


@pytest.mark.parametrize("later", ["./sample_data/births.csv",
                                   "sample_data/../sample_data/births.csv", "link.csv"])
def test_paths_that_name_one_file(work: Path, later: str) -> None:
    os.symlink(work / SAMPLE, work / "link.csv")
    run = run_cli(["indicators", SAMPLE, later, *JSON, *EN], work)
    line = assert_one_error_line(run, 2)
    assert line == (f"jisheng: error: {later}: the same file as {SAMPLE}, given twice; "
                    "give each file once")


def test_refused_before_the_first_batch_is_read(work: Path) -> None:
    # Undecodable bytes after the 64 KiB sample that fixes the encoding: read once, an input
    # error (exit 3) at that batch; given twice, the usage error comes first.
    text = sample_text()
    (work / "late.csv").write_bytes(text.encode("utf-8") + b"\xff\xfe,\n")
    once = run_cli(["indicators", "late.csv", *JSON], work)
    assert once.code == 3, once
    run = run_cli(["indicators", "late.csv", "late.csv", *JSON, *EN], work)
    assert_one_error_line(run, 2, "late.csv: the same file as late.csv")


CHANGED_ROWS = (10, 20, 30)  # spreadsheet rows (title 1, header 2): valid, unique records


def changed_copy(work: Path) -> str:
    """The sample with the mother ID of 3 rows replaced by new mothers' (3 new births)."""
    lines = sample_text().split("\n")
    for n, r in enumerate(CHANGED_ROWS):
        cells = lines[r - 1].split(",")
        cells[5] = mid(n + 1, "19850615")  # 母亲身份证号
        lines[r - 1] = ",".join(cells)
    (work / "sample_data" / "changed.csv").write_bytes("\n".join(lines).encode("gb18030"))
    return "sample_data/changed.csv"


def test_a_copy_with_three_rows_changed(work: Path) -> None:
    changed = changed_copy(work)
    run = run_cli(["indicators", SAMPLE, changed, *JSON], work)
    assert run.code == 0, run
    first, second = run.json()["inputs"]
    # Each file: 1,718 read − 3 rejected − 2 blank/totals = 1,713 valid records. The copy's
    # duplicates: its 1,713 less the 3 changed = 1,710 (row 1719, the sample's own repeat
    # of row 1420, is a duplicate of births.csv's row 1420 too), all first read in births.csv.
    assert first["repeats"] == []
    assert second["repeats"] == [{"path": SAMPLE, "rows": 1710}]
    assert (second["rows_duplicate"], second["rows_used"]) == (1710, 3)
    rows = {r["indicator"]: r for r in run.json()["rows"] if r["group_level"] == "total"}
    # Still 重报: 1 in births.csv + 1,710; births 1,712 + 3 = 1,715;
    # 重报率 1,711 / (1,715 + 1,711) = 49.94%.
    assert rows["duplicate_records"]["value"] == 1711
    assert rows["births_total"]["value"] == 1715
    assert round(rows["duplicate_rate"]["value"], 2) == 49.94
    warning = (f"{changed}:警告:其 1713 条有效记录中有 1710 条与 {SAMPLE}(共 1713 条)的记录重复:"
               "是否同一个文件报送了两次?")
    lines = run.err_lines
    assert lines[2] == warning, run.stderr  # right after the copy's counts line
    assert lines[1].startswith(f"{changed}:读入 1718 行")
    assert sum(warning == line for line in lines) == 1


def test_the_warning_in_english_and_from_validate(work: Path) -> None:
    changed = changed_copy(work)
    run = run_cli(["validate", SAMPLE, changed, "--format", "json", *AS_OF, *EN], work)
    assert run.code == 1, run  # the sample's 3 rejected rows, twice
    assert run.err_lines[2] == (
        f"{changed}: warning: 1710 of its 1713 valid records repeat records of {SAMPLE} "
        "(1713 records): was it sent twice?")
    dup = [f for f in json.loads(run.stdout) if f["code"] == "duplicate" and f["file"] == changed]
    assert len(dup) == 1710
    quiet = run_cli(["indicators", SAMPLE, changed, *JSON, "-q"], work)
    assert quiet.code == 0 and quiet.stderr == "", quiet
