"""Workbooks read directly (docs/data.md "Workbooks"): the fixtures of
tests/fixtures/workbooks/ (scripts/make_workbook_fixtures.py) read cell by cell, sheets
picked by name, position and `#*`, and what is refused."""

from __future__ import annotations

import math
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.errors import InputError
from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.readers.cells import cell_text, number_text
from jisheng_cli.readers.inputs import ReadOptions, open_input
from jisheng_cli.readers.ranges import ByteRange
from jisheng_cli.readers.sources import Source, parse_source, parse_sources
from jisheng_cli.readers.workbook import WorkbookInput

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "workbooks"


def read(source: Source, block_bytes: int = 1 << 20) -> tuple[WorkbookInput, list[RawBatch]]:
    f = open_input(source)
    assert isinstance(f, WorkbookInput)
    try:
        return f, list(f.batches(block_bytes))
    finally:
        f.close()


def column(batches: list[RawBatch], name: str) -> list[str]:
    return [v for b in batches for v in b.columns[name].to_pylist()]


def rows(batches: list[RawBatch]) -> list[int]:
    return [int(r) for b in batches for r in b.rows]


@pytest.mark.parametrize("ext", ["xlsx", "xls", "ods"])
def test_a_sheet_saved_by_libreoffice(ext: str) -> None:
    f, batches = read(Source(str(FIXTURES / f"lo_register.{ext}")))
    # Excel's rows: 1 the merged title, 2 empty, 3 the header, records 4–8.
    assert (f.kind, f.header_row, f.encoding) == ("births", 3, ext)
    assert f.path == f"{FIXTURES / f'lo_register.{ext}'}#鸣凤镇"
    assert rows(batches) == [4, 5, 6, 7, 8]
    skipped = [bool(s) for b in batches for s in b.skipped_blank]
    assert skipped == [False, False, True, False, True]  # row 6 blank, row 8 合计
    # Date cells are dates; the formula =1+1 gives its cached 2, not "2.0".
    assert column(batches, "child_birth_date")[:2] == ["2012-03-05", "2012-04-01"]
    assert column(batches, "birth_order")[:2] == ["1", "2"]
    # 420525198803150000 typed as a number: Excel's 15 digits, 4.2052519880315E+17.
    assert column(batches, "mother_id")[1] == "420525198803150000"
    numeric = [bool(v) for b in batches for v in b.numeric["mother_id"]]
    assert numeric == [False, True, False, False, False]
    # The codes were typed as text: no cell of the column is a number.
    assert not any(v for b in batches for v in b.numeric["village_code"])


def test_typed_cells_written_by_xlsxwriter() -> None:
    f, batches = read(Source(str(FIXTURES / "typed.xlsx")))
    assert (f.header_row, rows(batches)) == (1, [2, 3, 4])
    assert column(batches, "village_code") == ["420525100201"] * 2 + ["420525100202"]
    assert [bool(v) for v in batches[0].numeric["village_code"]] == [True, False, False]
    # 4.20525198803151E+17 as Excel shows it, marked as a number (D: id_precision_lost).
    assert column(batches, "mother_id")[1] == "420525198803151000"
    assert [bool(v) for v in batches[0].numeric["mother_id"]] == [False, True, False]
    # A date with 14:30 is its day; a date typed as text stays that text.
    assert column(batches, "child_birth_date") == ["2012-03-05", "2012-04-01", "2012-05-20"]
    assert column(batches, "birth_order") == ["1", "2", "2.5"]
    assert column(batches, "policy_status")[2] == "TRUE"
    # #N/A is read as an empty cell (calamine does not tell them apart).
    assert column(batches, "report_date") == ["", "2012-04-20", ""]


def test_batches_are_bounded_and_numbered_on() -> None:
    # 8 header cells × 16 bytes = 128 bytes a row: 300 bytes hold 2 rows a batch.
    _, batches = read(Source(str(FIXTURES / "lo_register.xlsx")), block_bytes=300)
    assert [list(b.rows) for b in batches] == [[4, 5], [6, 7], [8]]


def test_the_sample_saved_by_libreoffice_reads_as_the_csv() -> None:
    from jisheng_cli.readers.csvfile import InputFile

    csv = InputFile(Source("sample_data/births.csv"))
    expected = {c: [] for c in csv.match.columns}  # type: dict[str, list[str]]
    csv_rows: list[int] = []
    for b in csv.batches():
        csv_rows += [int(r) for r in b.rows]
        for c in expected:
            expected[c] += b.columns[c].to_pylist()
    csv.close()
    for ext in ("xlsx", "xls", "ods"):
        f, batches = read(Source(str(FIXTURES / f"sample.{ext}")))
        assert (f.header_row, rows(batches)) == (csv.header_row, csv_rows)
        for c, values in expected.items():
            assert column(batches, c) == values, (ext, c)


def test_sheets_by_default_name_position_and_all() -> None:
    book = str(FIXTURES / "townships.xlsx")
    # The hidden first sheet 旧表 is passed over by default and by #*.
    assert read(Source(book))[0].source.sheet == "鸣凤镇"
    assert parse_source(f"{book}#2") == Source(book, sheet="2")
    assert read(parse_source(f"{book}#2"))[0].source.sheet == "鸣凤镇"  # positions count it
    assert read(parse_source(f"{book}#旧表"))[0].source.sheet == "旧表"
    f, batches = read(parse_source(f"births:{book}#花林寺镇"))
    assert (f.kind, f.path, rows(batches)) == ("births", f"{book}#花林寺镇", [3])
    # 说明 has no header: skipped; the two townships read as two files of one kind.
    assert parse_sources([f"{book}#*"]) == [Source(book, sheet="鸣凤镇"),
                                             Source(book, sheet="花林寺镇")]


def test_an_unknown_sheet_lists_the_sheets() -> None:
    book = str(FIXTURES / "townships.xlsx")
    with pytest.raises(InputError) as info:
        open_input(parse_source(f"{book}#黄陵镇"))
    assert info.value.code == "sheet_not_found"
    assert info.value.params == {"sheet": "黄陵镇", "sheets": "旧表, 鸣凤镇, 花林寺镇, 说明"}
    assert info.value.path == book
    with pytest.raises(InputError) as info:
        open_input(parse_source(f"{book}#9"))
    assert info.value.code == "sheet_not_found"


def test_no_sheet_of_a_known_kind(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        parse_sources([f"population:{FIXTURES / 'townships.xlsx'}#*"])
    assert info.value.code == "no_sheet_of_kind"


def test_a_hash_is_a_sheet_only_after_a_workbook(tmp_path: Path) -> None:
    odd = tmp_path / "a#b.csv"
    odd.write_text("x", encoding="utf-8")
    assert parse_source(str(odd)) == Source(str(odd))  # an existing file wins
    assert parse_source(f"{tmp_path / 'x.csv'}#2") == Source(f"{tmp_path / 'x.csv'}#2")
    (tmp_path / "t.csv").write_text("x", encoding="utf-8")
    assert parse_source(f"{tmp_path / 't.csv'}#2").sheet is None  # not a workbook


def test_content_decides_not_the_name(tmp_path: Path) -> None:
    renamed = tmp_path / "births.csv"
    shutil.copy(FIXTURES / "lo_register.ods", renamed)
    f, batches = read(Source(str(renamed)))
    assert (f.encoding, rows(batches)) == ("ods", [4, 5, 6, 7, 8])


def test_an_ole2_file_that_is_not_a_workbook() -> None:
    with pytest.raises(InputError) as info:
        open_input(Source(str(FIXTURES / "not_a_workbook.doc")))
    assert info.value.code == "not_csv_xls"
    assert "Word .doc" in str(info.value)


def test_a_workbook_is_read_whole_and_honours_the_header_options() -> None:
    f = open_input(Source(str(FIXTURES / "lo_register.xlsx")))
    assert f.ranges(1) is None
    with pytest.raises(InputError) as info:
        f.restrict(ByteRange(0, 1, 0, 0))
    assert info.value.code == "workbook_whole"
    f.close()
    # --header-row 3 names the header; --skip-rows 3 starts the search below it.
    book = Source(str(FIXTURES / "lo_register.xlsx"))
    assert open_input(book, ReadOptions(header_row=3)).header_row == 3
    with pytest.raises(InputError) as info:
        open_input(book, ReadOptions(skip_rows=3))
    assert info.value.code == "unknown_kind"


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_is_excels_fifteen_digits_in_full(value: float) -> None:
    text = number_text(value)
    assert "e" not in text.lower() and not text.endswith(".") and text != "-0"
    # What Excel keeps: the value to 15 significant digits.
    assert Decimal(text) == Decimal(format(value, ".15g"))
    if value.is_integer() and abs(value) < 1e15:
        assert text == str(int(value))


def test_cell_texts() -> None:
    import datetime as dt

    assert [number_text(v) for v in (3.0, 1e-05, 0.1 + 0.2, -0.0, 2.5)] == [
        "3", "0.00001", "0.3", "0", "2.5"]
    assert number_text(4.20525198803151e17) == "420525198803151000"
    assert number_text(math.inf) == "inf"
    assert cell_text(True) == "TRUE" and cell_text(False) == "FALSE"
    assert cell_text(dt.datetime(2012, 3, 5, 23, 59)) == "2012-03-05"
    assert cell_text(dt.date(2012, 3, 5)) == "2012-03-05"
    assert cell_text(7) == "7"
