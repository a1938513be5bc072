"""Spreadsheet safety (docs/cli.md "Spreadsheet safety", docs/quality.md "Privacy and safety").

Village names that a spreadsheet would run as formulas (`=HYPERLINK(…)`, `+1`, `-2`,
`@SUM(A1)`) go through every spreadsheet format. XLSX: such cells are text starting with
`'`, no cell anywhere is a formula, codes are text and counts are numbers. CSV/TSV: the
same cells start with `'`; numbers (even negative ones) are never altered.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from . import make_corpus
from .helpers import AS_OF, corpus_copy, read_rejects, run_cli

openpyxl = pytest.importorskip("openpyxl")

STARTERS = ("=", "+", "-", "@", "\t", "\r")
# What each formula-like village name must read as (NFKC + strip turns "\t=1+1" into "=1+1").
GUARDED = {
    "420525100201": "'=HYPERLINK(\"http://x\",\"y\")",
    "420525100202": "'+1",
    "420525100203": "'-2",
    "420525100204": "'@SUM(A1)",
    "420525100205": "'=1+1",
}
BY_VILLAGE = ("indicators", "formula_villages.csv", "--by", "village", *AS_OF)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _assert_safe_cells(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            if cell.startswith(STARTERS):
                assert _is_number(cell), f"unguarded cell {cell!r} in {row}"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("xlsx")
    corpus_copy("formula_villages.csv", work)
    run = run_cli((*BY_VILLAGE, "--format", "xlsx", "-o", "out.xlsx", "--detail"), work)
    assert run.code == 0, str(run)
    assert run.stdout == b""
    return openpyxl.load_workbook(work / "out.xlsx")


def test_xlsx_has_no_formula(workbook: Any) -> None:
    formulas = [(s.title, c.coordinate, c.value) for s in workbook for row in s.iter_rows()
                for c in row if c.data_type == "f"]
    assert formulas == []


def test_xlsx_text_cells_are_guarded(workbook: Any) -> None:
    for sheet in workbook:
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    assert not c.value.startswith(STARTERS), (sheet.title, c.coordinate, c.value)


def test_xlsx_formula_names_are_quoted_text(workbook: Any) -> None:
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(min_row=2))
    by_code = {r[1].value: r for r in rows if r[1].value in GUARDED}
    assert set(by_code) == set(GUARDED)
    for code, cells in by_code.items():
        name = cells[2]
        assert name.data_type == "s" and name.value == GUARDED[code], (code, name.value)


def test_xlsx_codes_are_text_and_numbers_are_numbers(workbook: Any) -> None:
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(min_row=2))
    villages = [r for r in rows if r[1].value is not None]
    assert len(villages) == 6
    for r in villages:
        code = r[1]
        assert code.data_type == "s" and isinstance(code.value, str) and len(code.value) == 12
        births = r[3]  # 出生人数: a count
        assert births.data_type == "n" and isinstance(births.value, int), births.value
    (total,) = [r for r in rows if r[0].value == "合计"]
    assert total[3].value == 40 and total[3].data_type == "n"


@pytest.mark.parametrize(
    ("fmt", "layout"), [("csv", "wide"), ("tsv", "wide"), ("csv", "long")]
)
def test_delimited_cells_are_guarded(tmp_path: Path, fmt: str, layout: str) -> None:
    corpus_copy("formula_villages.csv", tmp_path)
    run = run_cli((*BY_VILLAGE, "--format", fmt, "--layout", layout, "--detail"), tmp_path)
    assert run.code == 0, str(run)
    text = run.stdout.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))
    _assert_safe_cells(rows)
    header = rows[0]
    code_col = 1
    name_col = 2
    assert header[code_col] in ("代码", "group_code") and header[name_col] in ("名称",
                                                                              "group_name")
    names = {r[code_col]: r[name_col] for r in rows[1:] if r[code_col] in GUARDED}
    assert names == GUARDED


def test_rejects_and_file_names_are_guarded(tmp_path: Path) -> None:
    """Rejected values echoed in the rejects CSV, and an input whose name starts with `@`
    (it shows in the rejects' file column and the XLSX inputs sheet)."""
    corpus_copy("formula_cells.csv", tmp_path, as_name="@register.csv")
    run = run_cli(("indicators", "@register.csv", "--rejects", "r.csv", "-o", "out.xlsx",
                   "-q", *AS_OF), tmp_path)
    assert run.code == 0, str(run)
    rejects = read_rejects(tmp_path / "r.csv")
    assert {int(r["row"]) for r in rejects if r["severity"] == "error"} == {3, 4, 5, 6, 7}
    raw = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text("utf-8-sig"))))
    _assert_safe_cells(raw)
    assert {r["file"] for r in rejects} == {"'@register.csv"}
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    for sheet in book:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f", (sheet.title, c.coordinate)
                if isinstance(c.value, str):
                    assert not c.value.startswith(STARTERS), (sheet.title, c.coordinate, c.value)


def test_corpus_holds_the_formula_names() -> None:
    text = (make_corpus.CORPUS / "formula_villages.csv").read_text("utf-8")
    for name in make_corpus.FORMULA_NAMES:
        assert name.replace('"', '""') in text or name in text
