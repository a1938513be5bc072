"""Header normalisation, aliases, title lines, config mappings, kinds, delimiters, stdin."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from jisheng_cli.config import Config
from jisheng_cli.errors import InputError
from jisheng_cli.readers.csvfile import InputFile
from jisheng_cli.readers.encoding import detect_encoding
from jisheng_cli.readers.headers import alias_table, normalize_header
from jisheng_cli.readers.sources import Source, parse_source
from tests.helpers import SAMPLE, compute, row


@pytest.mark.parametrize(
    ("header", "key", "unit"),
    [
        ("应征金额(元)", "应征金额", "元"),
        ("应征金额（万元）", "应征金额", "万元"),
        (" 母亲 身份证号 ", "母亲身份证号", None),
        ("\ufeff统计用区划代码", "统计用区划代码", None),
        ("村(居)委会", "村(居)委会", None),
        ("Mother_ID", "mother_id", None),
        ("乡镇(街道)", "乡镇", "街道"),
    ],
)
def test_normalize_header(header: str, key: str, unit: str | None) -> None:
    assert normalize_header(header) == (key, unit)


def test_every_alias_of_data_md_maps() -> None:
    table = alias_table("births")
    expected = {
        "记录编号": "record_id", "编号": "record_id", "序号": "record_id",
        "统计用区划代码": "village_code", "村(居)代码": "village_code", "村代码": "village_code",
        "区划代码": "village_code", "村(居)委会": "village_name", "村(居)": "village_name",
        "村名": "village_name", "村": "village_name", "乡镇(街道)": "township_name",
        "乡(镇)": "township_name", "乡镇": "township_name", "街道": "township_name",
        "母亲身份证号": "mother_id", "母亲公民身份号码": "mother_id", "身份证号": "mother_id",
        "公民身份号码": "mother_id", "母亲姓名": "mother_name", "姓名": "mother_name",
        "出生日期": "child_birth_date", "婴儿出生日期": "child_birth_date",
        "子女出生日期": "child_birth_date", "性别": "child_sex", "婴儿性别": "child_sex",
        "子女性别": "child_sex", "孩次": "birth_order", "政策属性": "policy_status",
        "政策内外": "policy_status", "是否政策内": "policy_status",
        "是否符合政策": "policy_status", "上报日期": "report_date", "登记日期": "report_date",
        "户籍性质": "residence", "人口类别": "residence", "户口性质": "residence",
    }
    for alias, column in expected.items():
        assert table[normalize_header(alias)[0]] == column, alias


def test_sample_header_found_below_the_title() -> None:
    f = InputFile(Source(str(SAMPLE)))
    try:
        assert (f.kind, f.encoding, f.header_row, f.delimiter) == ("births", "gb18030", 2, ",")
        assert f.match.columns["mother_id"] == 5
    finally:
        f.close()


def test_config_maps_an_unknown_header(write_csv: Callable[..., Path], tmp_path: Path) -> None:
    header = "统计用区划代码,产妇身份证号,出生日期,性别,孩次,政策属性"
    path = write_csv(["420525100201,420525199001010029,2023-01-05,男,1,政策内"], header=header)
    with pytest.raises(InputError, match="mother_id"):
        InputFile(Source(str(path)))
    config = Config.model_validate({"columns": {"births": {"产妇身份证号": "mother_id"}}})
    f = InputFile(Source(str(path)), column_map=dict(config.columns))
    assert f.match.columns["mother_id"] == 1
    f.close()


def test_tab_delimited_and_full_width_headers(write_csv: Callable[..., Path]) -> None:
    header = "统计用区划代码\t母亲身份证号\t出生日期\t性别\t孩次\t政策属性（是否）"
    path = write_csv(["420525100201\t420525199001010029\t2023-01-05\t男\t1\t政策内"],
                     header=header, name="x.csv")
    out = compute([path])
    assert row(out, "births_total")["value"] == 1


def test_kind_prefix_and_plain_paths() -> None:
    assert parse_source("survey:check.csv") == Source("check.csv", "survey")
    assert parse_source("births:a:b.csv") == Source("a:b.csv", "births")
    assert parse_source("c:/x.csv") == Source("c:/x.csv")
    assert parse_source("-").is_stdin


def test_encoding_detection() -> None:
    text = "统计用区划代码,母亲身份证号"
    assert detect_encoding(text.encode("utf-8"), "x") == "utf-8"
    assert detect_encoding(text.encode("utf-8-sig"), "x") == "utf-8-sig"
    assert detect_encoding(text.encode("utf-16"), "x") == "utf-16"
    assert detect_encoding(text.encode("gb18030"), "x") == "gb18030"
    # a UTF-8 sample cut inside a multi-byte character is still UTF-8
    assert detect_encoding(text.encode("utf-8")[:-1], "x") == "utf-8"
    with pytest.raises(InputError, match="zip archive"):
        detect_encoding(b"PK\x03\x04rest", "x")
    with pytest.raises(InputError, match="NUL"):
        detect_encoding(b"ab\x00cd", "x")


def test_repeated_header_and_totals_rows_are_skipped(write_csv: Callable[..., Path]) -> None:
    from tests.helpers import HEADER

    lines = [
        "420525100201,鸣凤镇,甲村,张丽,420525199001010029,2023-01-05,男,1,政策内",
        HEADER,
        "420525100201,鸣凤镇,甲村,李娜,420525199001010045,2023-01-06,女,1,政策内",
        "小 计,,,,,,,,",
        ",,,,,,,,",
        "",
    ]
    out = compute([write_csv(lines)])
    inp = out.report.inputs[0]
    assert (inp.rows_read, inp.rows_used, inp.rows_skipped_blank) == (6, 2, 4)


def test_ragged_rows_are_rejected_with_their_row_numbers(write_csv: Callable[..., Path]) -> None:
    lines = [
        "420525100201,鸣凤镇,甲村,张丽,420525199001010029,2023-01-05,男,1,政策内",
        "420525100201,鸣凤镇,甲村",
        '420525100201,鸣凤镇,"甲\n村",李娜,420525199001010045,2023-01-06,女,1,政策内',
        "420525100201,鸣凤镇,甲村,x,420525199001010061,2023-01-07,女,1,政策内,extra",
        "420525100201,鸣凤镇,甲村,王,420525199001010088,2023-01-08,女,1,政策内",
    ]
    out = compute([write_csv(lines)])
    inp = out.report.inputs[0]
    assert (inp.rows_read, inp.rows_used, inp.rows_rejected) == (5, 3, 2)
    # the quoted line break keeps row 4 one spreadsheet row (its name differs: a warning)
    assert [(f.row, f.code) for f in out.findings] == [
        (3, "ragged_row"), (4, "village_name_mismatch"), (5, "ragged_row")]


def test_stdin_gives_the_same_result(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "jisheng_cli", "indicators", "--year", "2012", "--format",
            "json", "--as-of", "2026-11-22"]
    from_file = subprocess.run([*args, str(SAMPLE)], capture_output=True, check=True)
    from_stdin = subprocess.run([*args, "-"], input=SAMPLE.read_bytes(), capture_output=True,
                                check=True)
    import json

    a, b = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
    assert a["rows"] == b["rows"]
    assert b["inputs"][0]["path"] == "<stdin>"
