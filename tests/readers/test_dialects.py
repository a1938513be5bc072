"""Exports in other dialects (issue 10, item 3): `;`, `|` and tab delimiters, CR-only and
mixed line ends, UTF-16 with and without a byte-order mark read as the comma CSV reads;
a cut-off last line says so; NUL bytes in a few rows reject those rows only.

The fixtures are tests/fixtures/dialects/, made by scripts/make_dialect_fixtures.py from
the sample register's first 40 records (title row 1, header row 2, records rows 3–42)."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.errors import InputError
from jisheng_cli.readers.csvfile import InputFile
from jisheng_cli.readers.dialect import delimiter_order, header_and_delimiter
from jisheng_cli.readers.encoding import check_encoding_name, declared_encoding
from jisheng_cli.readers.ranges import split_ranges
from jisheng_cli.readers.sources import Source
from tests.helpers import ROOT, compute

FIXTURES = ROOT / "tests" / "fixtures" / "dialects"
AS_OF_2013 = {"as_of": date(2013, 1, 31)}


def outcome(name: str, **kw: Any) -> tuple[list[tuple[Any, ...]], list[dict[str, Any]],
                                           dict[str, Any]]:
    """(findings, result rows, counts) of one fixture, paths and encodings left out."""
    out = compute([FIXTURES / name], **AS_OF_2013, **kw)
    findings = [(f.row, f.column, f.code, f.variant, f.value) for f in out.findings]
    rows = [r.to_dict() for r in out.report.rows]
    counts = out.report.inputs[0].to_dict()
    del counts["path"], counts["encoding"]
    return findings, rows, counts


@pytest.fixture(scope="module")
def comma() -> tuple[list[tuple[Any, ...]], list[dict[str, Any]], dict[str, Any]]:
    return outcome("comma.csv")


def test_the_reference_reads_all_40_records(comma: Any) -> None:
    _, _, counts = comma
    assert counts["rows_read"] == 40  # rows 3–42
    assert counts["rows_read"] == counts["rows_used"] + counts["rows_rejected"] + counts[
        "rows_duplicate"] + counts["rows_out_of_period"] + counts["rows_skipped_blank"]


@pytest.mark.parametrize("name", [
    "semicolon.csv", "pipe.csv", "tab.csv", "cr_only.csv", "mixed_line_ends.csv",
    "utf16be_bom.csv",
])
def test_a_dialect_gives_the_comma_files_rows(name: str, comma: Any) -> None:
    assert outcome(name) == comma


def test_utf16_without_a_bom_with_encoding_utf16() -> None:
    """`--encoding utf-16` (as the README says) reads a BOM-less file as little-endian
    (the rows themselves: tests/cli/test_remedies.py)."""
    for spelling in ("utf-16", "UTF-16", "utf16"):
        enc = check_encoding_name(spelling)
        assert enc == "utf-16"
        f = InputFile(Source(str(FIXTURES / "utf16le_no_bom.csv")), encoding=enc)
        assert (f.encoding, f.delimiter, f.header_row) == ("utf-16-le", ",", 2)
        f.close()


def test_utf16_without_a_bom_is_refused_with_the_remedy() -> None:
    with pytest.raises(InputError) as info:
        InputFile(Source(str(FIXTURES / "utf16le_no_bom.csv")))
    assert info.value.code == "utf16_no_bom"
    assert "--encoding utf-16" in info.value.message


def test_the_bom_decides_over_a_declared_utf16() -> None:
    be = codecs.BOM_UTF16_BE + "a,b".encode("utf-16-be")
    assert declared_encoding("utf-16", be) == "utf-16"  # Python's codec reads the BOM
    assert declared_encoding("utf-16", "a,b".encode("utf-16-le")) == "utf-16-le"
    assert declared_encoding("gb18030", b"a,b") == "gb18030"
    f = InputFile(Source(str(FIXTURES / "utf16be_bom.csv")), encoding="utf-16")
    assert (f.encoding, f.header_row) == ("utf-16", 2)
    f.close()


def test_quoted_semicolons_do_not_win(comma: Any) -> None:
    """12 `;` inside each quoted mother's name outnumber the 11 commas of a line; only
    the cells outside quotes count. The names are masked in findings, so the rows are the
    comma file's."""
    f = InputFile(Source(str(FIXTURES / "quoted_semicolons.csv")))
    assert f.delimiter == ","
    f.close()
    findings, rows, counts = outcome("quoted_semicolons.csv")
    assert (rows, counts) == comma[1:]
    assert [x[:4] for x in findings] == [x[:4] for x in comma[0]]


def test_delimiter_order_counts_outside_quotes_only() -> None:
    assert delimiter_order('a;b;c\n1;"x,y,z,w";3\n', "f.csv")[0] == ";"
    assert delimiter_order('a,b,c\n1,"x;y;z;w;v",3\n', "f.csv")[0] == ","
    assert delimiter_order("a|b|c\r1|2|3\r", "f.csv")[0] == "|"
    assert delimiter_order("a,b,c", "f.tsv")[0] == "\t"  # the name first, then the content
    # a quoted line break does not end the line
    assert delimiter_order('a;b;c\n"1\n,,,,,";2;3\n', "f.csv")[0] == ";"


@given(st.sampled_from([",", ";", "|", "\t"]),
       st.lists(st.text(alphabet="甲乙,;|\t 12", max_size=6), min_size=1, max_size=4))
def test_the_header_decides_whatever_the_cells_hold(delimiter: str, names: list[str]) -> None:
    """Any text in a quoted cell, the header's delimiter is the one chosen."""
    header = delimiter.join(["统计用区划代码", "母亲身份证号", "出生日期", "性别", "孩次",
                             "政策属性", "母亲姓名"])
    lines = [header] + [delimiter.join(["420525100201", "X", "2023-01-05", "男", "1", "政策内",
                                        '"' + n + '"']) for n in names]
    found, _, match = header_and_delimiter("\r\n".join(lines), "f.csv", None, None, {})
    assert found == delimiter
    assert match.columns["mother_name"] == 6


def test_delimiter_option_is_the_only_one_tried() -> None:
    text = "统计用区划代码;母亲身份证号;出生日期;性别;孩次;政策属性\n"
    assert header_and_delimiter(text, "f.csv", None, None, {})[0] == ";"
    with pytest.raises(InputError) as info:
        header_and_delimiter(text, "f.csv", ",", None, {})
    assert info.value.code == "unknown_kind"


def test_cr_only_row_numbers_are_the_spreadsheets(comma: Any) -> None:
    """Row numbers under CR-only and mixed line ends: record k is on row k + 2."""
    for name in ("cr_only.csv", "mixed_line_ends.csv"):
        f = InputFile(Source(str(FIXTURES / name)))
        rows = [int(r) for b in f.batches() for r in b.rows]
        f.close()
        assert rows == list(range(3, 43)), name


def test_cr_only_files_are_never_split() -> None:
    """split_ranges cuts at LF only: a CR-only or mixed file is read whole."""
    for name in ("cr_only.csv", "mixed_line_ends.csv"):
        f = InputFile(Source(str(FIXTURES / name)))
        assert split_ranges(f, 512) is None, name
        f.close()
    f = InputFile(Source(str(FIXTURES / "comma.csv")))
    assert split_ranges(f, 512) is not None  # the same rows with CRLF are split
    f.close()


def test_a_cut_off_last_line_says_so(comma: Any) -> None:
    """cut_off.csv: records 1–39, then record 40 stopped after 6 of its 12 cells with no
    line end: row 42 is rejected as ragged, and its message says the file may be cut off."""
    findings, _, counts = outcome("cut_off.csv")
    assert (42, None, "ragged_row", "cut_off", None) in findings
    assert counts["rows_read"] == 40 and counts["rows_rejected"] == comma[2]["rows_rejected"] + 1
    out = compute([FIXTURES / "cut_off.csv"], **AS_OF_2013)
    (f,) = [f for f in out.findings if f.code == "ragged_row"]
    assert f.message("en") == (
        "row has 6 cells but the header has 12; it is the file's last line and has no line "
        "end: the file may be cut off (an interrupted download or copy?); export it again")


def test_a_short_last_line_with_a_line_end_is_only_ragged(tmp_path: Path) -> None:
    data = (FIXTURES / "cut_off.csv").read_bytes() + b"\r\n"
    path = tmp_path / "ended.csv"
    path.write_bytes(data)
    out = compute([path], **AS_OF_2013)
    assert [(f.row, f.variant) for f in out.findings if f.code == "ragged_row"] == [(42, "")]


def test_a_short_line_before_the_last_is_only_ragged(tmp_path: Path) -> None:
    """Too few cells on row 41 of 42, the file not ending in a line break: not cut off."""
    lines = (FIXTURES / "comma.csv").read_bytes().split(b"\r\n")
    lines[40] = b",".join(lines[40].split(b",")[:6])  # row 41
    path = tmp_path / "short.csv"
    path.write_bytes(b"\r\n".join(lines).rstrip(b"\r\n"))
    out = compute([path], **AS_OF_2013)
    assert [(f.row, f.variant) for f in out.findings if f.code == "ragged_row"] == [(41, "")]


def test_nul_rows_are_rejected_and_counted() -> None:
    """nul_rows.csv: 320 records (rows 3–322), NUL bytes in the mother's name of rows 12,
    150 and 300: 3 < 1% of 320. Those rows are rejected with nul_bytes (column: the first
    cell holding one), the others read as without them."""
    out = compute([FIXTURES / "nul_rows.csv"], **AS_OF_2013)
    nul = [(f.row, f.column, f.severity, f.value) for f in out.findings if f.code == "nul_bytes"]
    assert nul == [(12, "mother_name", "error", None), (150, "mother_name", "error", None),
                   (300, "mother_name", "error", None)]
    inp = out.report.inputs[0]
    assert inp.rows_read == 320 and inp.reconciles()


def test_nul_rows_reconcile_with_the_rows_removed(tmp_path: Path) -> None:
    """The same file without its three NUL rows: 3 rows fewer read, 3 fewer rejected, every
    other count and finding the same."""
    lines = (FIXTURES / "nul_rows.csv").read_bytes().split(b"\r\n")
    kept = [line for line in lines if b"\x00" not in line]
    assert len(kept) == len(lines) - 3
    path = tmp_path / "without.csv"
    path.write_bytes(b"\r\n".join(kept))
    a = compute([FIXTURES / "nul_rows.csv"], **AS_OF_2013).report.inputs[0]
    b = compute([path], **AS_OF_2013).report.inputs[0]
    assert (a.rows_read - 3, a.rows_rejected - 3, a.rows_used, a.rows_duplicate) == (
        b.rows_read, b.rows_rejected, b.rows_used, b.rows_duplicate)


def test_nul_rows_of_one_percent_are_a_file_level_error(tmp_path: Path) -> None:
    """The first 100 records with a NUL in one: 1 of 100 is 1%, not under it."""
    lines = (FIXTURES / "nul_rows.csv").read_bytes().split(b"\r\n")[:102]
    lines[20] = lines[20].replace(b",", b",\x00", 1)
    path = tmp_path / "share.csv"
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")
    with pytest.raises(InputError) as info:
        compute([path], **AS_OF_2013)
    # whole file in the sample: judged there, over its 102 lines (title and header too)
    assert info.value.code == "nul_bytes_share"
    assert "tr -d" in info.value.message


def test_a_binary_sample_is_not_taken_for_nul_rows() -> None:
    from jisheng_cli.readers.encoding import detect_encoding

    with pytest.raises(InputError) as info:
        detect_encoding(bytes(range(256)) * 8, "x.csv")
    assert info.value.code == "nul_bytes"  # one NUL in 256 bytes, and no text around it
    with pytest.raises(InputError) as info:
        detect_encoding(bytes([0xFF, 0x00, 0xFE, 0x41]) * 50 + b"\n", "x.csv")
    assert info.value.code == "utf16_no_bom"  # a NUL in every other byte
