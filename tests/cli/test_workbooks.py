"""Workbooks on the command line: the sample register saved by LibreOffice as .xlsx, .xls
and .ods gives the CSV's figures, counts and findings; sheets in messages and the rejects;
standard input; the Dask engine."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .helpers import AS_OF, ROOT, SAMPLE, run_cli

FIXTURES = ROOT / "tests" / "fixtures" / "workbooks"
COUNTS = ("rows_read", "rows_used", "rows_rejected", "rows_duplicate", "rows_out_of_period",
          "rows_skipped_blank")


def _copy(work: Path, *names: str) -> None:
    for name in names:
        shutil.copy(FIXTURES / name, work / name)


def _indicators(work: Path, *files: str, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    run = run_cli(("indicators", *files, "--year", "2012", "--by", "township",
                   "--format", "json", *AS_OF, *extra), work)
    assert run.code == 0, str(run)
    return run.json()  # type: ignore[no-any-return]


@pytest.mark.parametrize("ext", ["xlsx", "xls", "ods"])
def test_the_sample_as_a_workbook_gives_the_csvs_figures(work: Path, ext: str) -> None:
    _copy(work, f"sample.{ext}")
    from_csv = _indicators(work, SAMPLE)
    from_book = _indicators(work, f"sample.{ext}")
    assert from_book["rows"] == from_csv["rows"]
    (a,), (b,) = from_csv["inputs"], from_book["inputs"]
    assert {k: b[k] for k in COUNTS} == {k: a[k] for k in COUNTS}
    # Path and encoding aside: LibreOffice named the sheet after the CSV it opened.
    assert (b["path"], b["encoding"], a["encoding"]) == (f"sample.{ext}#sample", ext, "gb18030")
    # The sample: 1,718 records (1,720 lines less title and header), of which 1 is a
    # repeated header and 1 a totals row … as the CSV's own counts say.
    assert a["rows_read"] == 1718


@pytest.mark.parametrize("ext", ["xlsx", "xls", "ods"])
def test_validate_finds_the_same_rows(work: Path, ext: str) -> None:
    _copy(work, f"sample.{ext}")
    runs = [run_cli(("validate", name, "--format", "json", *AS_OF), work)
            for name in (SAMPLE, f"sample.{ext}")]
    assert runs[0].code == runs[1].code == 1, str(runs[1])
    a, b = (r.json() for r in runs)
    assert [f["file"] for f in b] == [f"sample.{ext}#sample"] * len(a)
    # Same layout (title in row 1, header in row 2): the same rows, codes and values.
    strip = [{k: v for k, v in f.items() if k != "file"} for f in a]
    assert [{k: v for k, v in f.items() if k != "file"} for f in b] == strip
    assert len(a) >= 5


def test_the_sheet_names_the_rows_of_the_rejects(work: Path) -> None:
    _copy(work, "lo_register.xls")
    run = run_cli(("validate", "lo_register.xls", "--rejects", "rejects.csv", *AS_OF), work)
    assert run.code == 1, str(run)
    with open(work / "rejects.csv", encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    # Row 5's ID was typed as a number: 420525198803150000 (its check character should
    # be 2, GB 11643 over 42052519880315000) is rejected; row 7, a first birth marked 政策外,
    # is warned. Their file is the sheet, their rows the ones Excel shows.
    assert [(r["file"], r["row"], r["column"]) for r in table] == [
        ("lo_register.xls#鸣凤镇", "5", "mother_id"),
        ("lo_register.xls#鸣凤镇", "7", "policy_status")]
    assert "420525198803150000" not in (work / "rejects.csv").read_text("utf-8-sig")


def test_every_sheet_of_a_township_workbook(work: Path) -> None:
    _copy(work, "townships.xlsx")
    doc = _indicators(work, "townships.xlsx#*")
    assert [i["path"] for i in doc["inputs"]] == [
        "townships.xlsx#鸣凤镇", "townships.xlsx#花林寺镇"]
    # 鸣凤镇 2 births, 花林寺镇 1; the hidden 旧表 and 说明 (no header) are not inputs.
    assert [i["rows_used"] for i in doc["inputs"]] == [2, 1]


def test_an_unknown_sheet_is_an_input_error(work: Path) -> None:
    _copy(work, "townships.xlsx")
    run = run_cli(("indicators", "townships.xlsx#黄陵镇", "--lang", "en"), work)
    assert run.code == 3
    assert run.err_lines == [
        "jisheng: error: townships.xlsx: no sheet '黄陵镇' in this workbook; its sheets: "
        "旧表, 鸣凤镇, 花林寺镇, 说明 (pick one with FILE#name or FILE#number)"]


def test_a_workbook_on_standard_input(work: Path) -> None:
    data = (FIXTURES / "lo_register.xlsx").read_bytes()
    run = run_cli(("indicators", "-", "--format", "json", *AS_OF), work, stdin=data)
    assert run.code == 0, str(run)
    (inp,) = run.json()["inputs"]
    # Records in rows 4, 5 and 7; row 6 blank and row 8 合计 skipped.
    assert (inp["path"], inp["encoding"], inp["rows_read"], inp["rows_skipped_blank"]) == (
        "<stdin>#鸣凤镇", "xlsx", 5, 2)


def test_an_xlsx_renamed_csv_is_read_as_a_workbook(work: Path) -> None:
    import io

    import openpyxl

    from .helpers import sample_text

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "出生登记"
    for cells in csv.reader(io.StringIO(sample_text())):
        sheet.append(cells)  # every cell text, as the CSV has it
    book.save(work / "book.csv")
    assert (work / "book.csv").read_bytes().startswith(b"PK\x03\x04")
    from_csv, from_book = _indicators(work, SAMPLE), _indicators(work, "book.csv")
    assert from_book["rows"] == from_csv["rows"]
    (a,), (b,) = from_csv["inputs"], from_book["inputs"]
    assert {k: b[k] for k in COUNTS} == {k: a[k] for k in COUNTS}
    assert (b["path"], b["encoding"]) == ("book.csv#出生登记", "xlsx")


def test_a_word_file_renamed_csv_is_refused(work: Path) -> None:
    shutil.copy(FIXTURES / "not_a_workbook.doc", work / "births.csv")
    run = run_cli(("indicators", "births.csv", "--lang", "en"), work)
    assert run.code == 3
    assert run.err_lines == [
        "jisheng: error: births.csv: this is an Office 97–2003 file but not a readable Excel "
        "workbook (a Word .doc, say, or a damaged file); save the table as .xlsx or CSV"]


def test_dask_reads_each_sheet_as_a_partition(work: Path) -> None:
    _copy(work, "townships.xlsx", "sample.xlsx")
    args = ("townships.xlsx#*", "sample.xlsx")
    pandas = _indicators(work, *args)
    dask = _indicators(work, *args, extra=("--engine", "dask"))
    assert dask["rows"] == pandas["rows"]
    assert [(i["path"], i["rows_used"]) for i in dask["inputs"]] == [
        (i["path"], i["rows_used"]) for i in pandas["inputs"]]
    assert [i["path"] for i in dask["inputs"]] == [
        "townships.xlsx#鸣凤镇", "townships.xlsx#花林寺镇", "sample.xlsx#sample"]


def test_help_shows_a_workbook_example() -> None:
    from .helpers import cli_argv, cli_env

    for command in ("indicators", "validate"):
        out = subprocess.run(cli_argv(command, "--help"), env=cli_env(), capture_output=True,
                             check=True).stdout.decode("utf-8")
        assert "births.xlsx#鸣凤镇" in out, command


def test_a_workbook_inside_a_zip_is_read_from_the_members_bytes(work: Path) -> None:
    import zipfile

    with zipfile.ZipFile(work / "books.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.write(FIXTURES / "sample.xlsx", "鸣凤镇/sample.xlsx")
    from_csv = _indicators(work, SAMPLE)
    from_zip = _indicators(work, "books.zip")
    assert from_zip["rows"] == from_csv["rows"]
    (a,), (b,) = from_csv["inputs"], from_zip["inputs"]
    assert {k: b[k] for k in COUNTS} == {k: a[k] for k in COUNTS}
    # The member, then its sheet: archive!member#sheet names the rows of the rejects.
    assert (b["path"], b["encoding"]) == ("books.zip!鸣凤镇/sample.xlsx#sample", "xlsx")
