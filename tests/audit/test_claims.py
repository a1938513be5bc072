"""The claims file (docs/audit.md "The claims file"): CSV in UTF-8 and GB18030, Chinese
headers, a workbook made by LibreOffice, TOML, and the errors of a file that is wrong."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from jisheng_cli.audit.claims import read_claims, write_claims
from jisheng_cli.audit.model import Claim
from jisheng_cli.errors import InputError
from tests.helpers import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "claims"
FIRST = Claim(row=2, indicator="出生政策符合率", printed="99.17%", period="2012",
              numerator="1549人", denominator="1562人", target="≥92%",
              gap="优于责任指标 7.17 个百分点", page="1", line="12")


def test_the_sample_claims_file() -> None:
    claims = read_claims(str(ROOT / "sample_data" / "claims.csv"))
    assert len(claims) == 13
    assert claims[0] == FIRST
    assert [c.row for c in claims] == list(range(2, 15))
    assert claims[1].group == "鸣凤镇"
    assert claims[5].numerator == "39,084人"  # a quoted cell keeps its comma
    assert claims[-1].change == "比上年增长 50.33%"


@pytest.mark.parametrize("name", ["claims_zh.csv", "claims_gb18030.csv", "claims_zh.xlsx"])
def test_chinese_headers_any_encoding_and_a_workbook(name: str) -> None:
    claims = read_claims(str(FIXTURES / name))
    assert [c.indicator for c in claims] == ["出生政策符合率", "计划生育率", "政策外多孩率"]
    assert claims[0] == FIRST
    # LibreOffice stored "0.06%" as the number 0.0006 formatted 0.00%: read as printed.
    assert [c.printed for c in claims] == ["99.17%", "99.23%", "0.06%"]


def test_a_workbook_keeps_the_decimals_of_its_number_format(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "claims.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["indicator", "printed", "numerator", "denominator"])
    sheet.write_string(1, 0, "出生政策符合率")
    sheet.write_number(1, 1, 0.991, book.add_format({"num_format": "0.00%"}))
    sheet.write_number(1, 2, 1549, book.add_format({"num_format": "#,##0"}))
    sheet.write_number(1, 3, 1562)
    book.close()
    (claim,) = read_claims(str(path))
    # 0.991 shown with two decimals of % is "99.10%": the trailing 0 is a printed digit.
    assert (claim.printed, claim.numerator, claim.denominator) == ("99.10%", "1549", "1562")


def test_toml_claims(tmp_path: Path) -> None:
    path = tmp_path / "claims.toml"
    path.write_text('[[claim]]\nindicator = "出生政策符合率"\nprinted = "99.17%"\n'
                    'numerator = "1549"\ndenominator = "1562"\n\n'
                    '[[claim]]\nindicator = "免费婚检率"\nprinted = "95.05%"\nline = 6\n',
                    encoding="utf-8")
    claims = read_claims(str(path))
    assert claims == [
        Claim(row=1, indicator="出生政策符合率", printed="99.17%", numerator="1549",
              denominator="1562"),
        Claim(row=2, indicator="免费婚检率", printed="95.05%", line="6"),
    ]


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("指标,报告值\n出生政策符合率,99.17%\n,\n免费婚检率,95.05%\n", encoding="utf-8")
    assert [(c.row, c.indicator) for c in read_claims(str(path))] == [
        (2, "出生政策符合率"), (4, "免费婚检率")]


@pytest.mark.parametrize(("text", "code"), [
    ("indicator,printed,denominatr\n出生率,7.16‰,1\n", "claims_unknown_column"),
    ("indicator,分子\n出生率,1\n", "claims_missing_column"),
    ("indicator,printed,报告值\n出生率,1,2\n", "claims_column_twice"),
    ("indicator,printed\n出生率,\n", "claims_row_incomplete"),
    ("indicator,printed\n", "claims_empty"),
])
def test_a_wrong_file_is_an_error_naming_what(tmp_path: Path, text: str, code: str) -> None:
    path = tmp_path / "c.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_claims(str(path))
    assert e.value.code == code
    assert e.value.exit_code == 3


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        read_claims(str(tmp_path / "none.csv"))
    assert e.value.code == "no_such_file"


@pytest.mark.parametrize("fmt", ["csv", "toml"])
def test_written_claims_read_back_equal(tmp_path: Path, fmt: str) -> None:
    claims = read_claims(str(ROOT / "sample_data" / "claims.csv"))
    out = io.BytesIO()
    write_claims(claims, out, fmt)
    path = tmp_path / f"back.{fmt}"
    path.write_bytes(out.getvalue())
    back = read_claims(str(path))
    # CSV rows keep their numbers; TOML numbers its claims from 1.
    shift = 0 if fmt == "csv" else 1
    assert [Claim(**{**c.to_dict(), "row": c.row + shift}) for c in back] == claims


def test_a_file_whose_later_part_is_another_encoding(tmp_path: Path) -> None:
    """The first 64 KiB decide the encoding (UTF-8 here); a GB18030 row further on is
    the registers' `mixed_encodings`, not a crash."""
    path = tmp_path / "c.csv"
    head = "indicator,printed\n" + "出生政策符合率,99.17%\n" * 3000  # 3000 × 29 bytes
    path.write_bytes(head.encode("utf-8") + "免费婚检率,95.05%\n".encode("gb18030"))
    with pytest.raises(InputError) as e:
        read_claims(str(path))
    assert (e.value.code, e.value.params["encoding"]) == ("mixed_encodings", "utf-8")
