"""Files the readers refuse: each names its code, its parameters and the file; the English
line reads as documented, and no header cell is shown unmasked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jisheng_cli.errors import InputError, UsageError
from jisheng_cli.readers.csvfile import InputFile
from jisheng_cli.readers.encoding import check_encoding_name, detect_encoding
from jisheng_cli.readers.parquetfile import ParquetInput
from jisheng_cli.readers.sources import Source, parse_sources

GOOD_ROW = "420525100201,420525199001010029,2023-01-05,男,1,政策内"


def refused(path: Path | str, kind: str | None = None, **kw: str) -> InputError:
    with pytest.raises(InputError) as info:
        InputFile(Source(str(path), kind), **kw)  # type: ignore[arg-type]
    assert info.value.path == str(path)
    return info.value


@pytest.mark.parametrize(("head", "code", "english"), [
    # What the workbook reader leaves to this one (readers.inputs.open_input reads workbooks).
    (b"PK\x03\x04rest", "not_csv_zip", "this is a zip archive, not CSV text or a workbook"),
    (b"\xd0\xcf\x11\xe0rest", "not_csv_xls",
     "this is an Office 97–2003 file but not a readable Excel workbook (a Word .doc, say, "
     "or a damaged file); save the table as .xlsx or CSV"),
    (b"PAR1rest", "not_csv_parquet", "this is a Parquet file, not CSV text"),
    (b"%PDF-1.4", "not_csv_pdf", "this is a PDF document, not CSV text"),
    (b"ab\x00cd", "nul_bytes", "contains NUL bytes and is not text: a binary file, not an "
                               "exported register; check the file"),
    # 0xFF starts no character in UTF-8 nor in GB18030.
    (b"\xff\xff\xff", "encoding_unknown",
     "cannot tell the encoding (not UTF-8, UTF-16 or GB18030); pass the file's encoding, "
     "such as --encoding big5 or --encoding cp1252"),
])
def test_files_that_are_not_text(head: bytes, code: str, english: str) -> None:
    with pytest.raises(InputError) as info:
        detect_encoding(head, "x.csv")
    assert (info.value.code, info.value.params) == (code, {})
    assert str(info.value) == f"x.csv: {english}"


def test_an_unknown_encoding_name() -> None:
    with pytest.raises(UsageError) as info:
        check_encoding_name("klingon")
    assert (info.value.code, info.value.params) == ("unknown_encoding", {"value": "klingon"})
    assert str(info.value) == "--encoding 'klingon': unknown encoding"
    assert info.value.text("zh") == "--encoding 'klingon':未知的编码"


def test_a_missing_file_a_directory_and_an_empty_file(tmp_path: Path) -> None:
    assert refused(tmp_path / "gone.csv").code == "no_such_file"
    assert refused(tmp_path).code == "is_directory"
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\xef\xbb\xbf \n")  # a BOM and a blank line are no content
    e = refused(empty)
    assert (e.code, str(e)) == ("file_empty", f"{empty}: file is empty")


def test_a_declared_encoding_that_does_not_fit(write_csv: Callable[..., Path]) -> None:
    header = "统计用区划代码,母亲身份证号,出生日期,性别,孩次,政策属性"
    path = write_csv([GOOD_ROW], header=header, encoding="gb18030")
    e = refused(path, encoding="utf-8")
    assert (e.code, e.params) == ("cannot_decode_try_gb18030", {"encoding": "utf-8"})
    assert e.message == "cannot decode as utf-8; if it is GB18030/GBK, try --encoding gb18030"
    # 0xFF 0xFF is not GB18030 either: no hint to try what was tried.
    bad = path.with_name("bad.csv")
    bad.write_bytes(path.read_bytes() + b"\xff\xff\n")
    e = refused(bad, encoding="gb18030")
    assert (e.code, e.message) == ("cannot_decode", "cannot decode as gb18030; leave out "
                                   "--encoding to detect it, or pass the file's encoding "
                                   "(such as --encoding utf-8)")


def test_a_file_of_no_known_kind(write_csv: Callable[..., Path]) -> None:
    e = refused(write_csv(["1,2,3"], header="a,b,c"))
    assert e.code == "unknown_kind" and e.params["seen"] == "a, b, c"
    # The expected columns of each kind, by id and Chinese header.
    assert "births: " in str(e.params["expected"])
    assert "mother_id (母亲身份证号)" in str(e.params["expected"])
    assert e.message.startswith("cannot tell what kind of file this is; expected the columns of ")
    # A prefix cannot help (no kind has enough columns), but for a checked list.
    assert e.message.endswith("; headers seen: a, b, c (a header below row 10 is given by its "
                              "row number: --header-row N; map other headers to columns in "
                              "[columns.births] and the like of the config; a list of "
                              "checked villages needs the prefix checked:FILE)")


def test_a_forced_kind_without_its_header(write_csv: Callable[..., Path]) -> None:
    e = refused(write_csv(["1,2,3"], header="a,b,c"), kind="fees")
    assert (e.code, e.params) == ("no_header_for_kind", {"kind": "fees", "lines": 10,
                                                         "seen": "a, b, c"})
    assert e.text("zh", with_path=False) == (
        "前 10 行中没有列出 fees 文件各列的表头行;看到的表头:a, b, c"
        "(表头在更下面时,用 --header-row N 给出它的行号;"
        "其他表头请在配置文件的 `[columns.fees]` 中对应到列)")


def test_nothing_to_show_is_a_dash_in_either_language(write_csv: Callable[..., Path]) -> None:
    e = refused(write_csv([",,,"], header=",,,"))
    assert e.params["seen"] == "—"
    assert e.message.endswith("headers seen: — (a header below row 10 is given by its row "
                              "number: --header-row N; map other headers to columns in "
                              "[columns.births] and the like of the config; a list of "
                              "checked villages needs the prefix checked:FILE)")


def test_a_missing_required_column(write_csv: Callable[..., Path]) -> None:
    header = "统计用区划代码,乡镇,村名,母亲姓名,出生日期,性别,孩次,政策属性"
    e = refused(write_csv(["420525100201,城关镇,东村,张丽,2023-01-05,男,1,政策内"],
                          header=header))
    seen = "统计用区划代码, 乡镇, 村名, 母亲姓名, 出生日期, 性别, 孩次, 政策属性"
    assert (e.code, e.params) == ("required_column", {"column": "mother_id",
                                                      "alias": " (母亲身份证号)", "seen": seen,
                                                      "kind": "births"})
    assert e.message == (f"required column mother_id (母亲身份证号) not found; headers seen: "
                         f"{seen} (if it has another header, map it to mother_id in "
                         "[columns.births] of the config)")
    assert e.text("zh", with_path=False) == (
        f"未找到必需的列 mother_id (母亲身份证号);看到的表头:{seen}"
        "(如果该列用了别的表头,请在配置文件的 `[columns.births]` 中对应到 mother_id)")


def test_two_headers_for_one_column(write_csv: Callable[..., Path]) -> None:
    header = "统计用区划代码,母亲身份证号,出生日期,性别,孩次,政策属性,mother_id"
    e = refused(write_csv([GOOD_ROW + ",x"], header=header))
    assert (e.code, e.params) == ("columns_collide", {"first": "母亲身份证号",
                                                      "second": "mother_id",
                                                      "column": "mother_id"})
    assert e.message == ("columns '母亲身份证号' and 'mother_id' both map to mother_id; "
                         "delete or rename one in the file, or map one to another column in "
                         "[columns] of the config")


def test_a_header_cell_holding_an_id_is_masked(write_csv: Callable[..., Path]) -> None:
    # A data row where the header should be: the ID number never reaches the message.
    e = refused(write_csv(["x"], header="420525199001010029,张丽"))
    assert e.code == "unknown_kind"
    assert "420525199001010029" not in str(e) and "张丽" not in str(e)


def test_a_file_named_parquet_that_is_not(tmp_path: Path) -> None:
    path = tmp_path / "births.parquet"
    path.write_bytes(b"not parquet at all")
    with pytest.raises(InputError) as info:
        ParquetInput(Source(str(path)))
    assert info.value.code == "parquet_unreadable" and info.value.path == str(path)
    # The library's exception class, never its text (it may quote the file's bytes).
    assert info.value.message == f"not a readable Parquet file ({info.value.params['detail']})"
    assert str(info.value.params["detail"]).isidentifier()


def test_a_pattern_that_matches_nothing(tmp_path: Path) -> None:
    pattern = str(tmp_path / "none*.csv")
    with pytest.raises(InputError) as info:
        parse_sources([pattern])
    assert (info.value.code, str(info.value)) == (
        "no_pattern_match", f"{pattern}: no file matches this pattern")
