"""Text and spreadsheet formats: csv (wide, long, languages, detail, precision, BOM),
ndjson, xlsx, and the default format when standard output is not a terminal."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from .helpers import CSV_RUN, ROW_FIELDS, TOWNSHIPS, Run

ZH_HEAD = ["层级", "代码", "名称", "出生人数", "男婴", "女婴"]
EN_HEAD = ["Level", "Code", "Name", "Births", "Male births", "Female births"]
ID_HEAD = ["group_level", "group_code", "group_name", "births_total", "births_male"]


def _csv(run: Run) -> list[list[str]]:
    assert run.code == 0, str(run)
    return list(csv.reader(io.StringIO(run.text)))


def _wide(run: Run) -> list[dict[str, str]]:
    table = _csv(run)
    return [dict(zip(table[0], row, strict=True)) for row in table[1:]]


def test_csv_is_the_default_when_piped(sample: Callable[..., Run]) -> None:
    default, explicit = sample(*CSV_RUN), sample(*CSV_RUN, "--format", "csv")
    assert default.code == explicit.code == 0, str(default)
    assert default.stdout == explicit.stdout
    assert default.text.splitlines()[0].startswith("层级,代码,名称,")


def test_csv_wide_default_has_zh_headers(sample: Callable[..., Run]) -> None:
    table = _csv(sample(*CSV_RUN, "--format", "csv"))
    header = table[0]
    assert header[:6] == ZH_HEAD
    assert "出生政策符合率(%)" in header
    assert "出生人口性别比(女=100)" in header
    assert len(table) == 1 + 1 + 7  # header, total, 7 townships
    rows = [dict(zip(header, r, strict=True)) for r in table[1:]]
    total = rows[0]
    assert (total["层级"], total["代码"], total["名称"]) == ("合计", "", "合计")
    assert total["出生人数"] == "1562"
    assert total["男婴"] == "800"
    assert total["女婴"] == "762"
    assert total["出生政策符合率(%)"] == "99.17"
    assert total["出生人口性别比(女=100)"] == "104.99"
    assert total["政策外多孩率(%)"] == "0.06"
    assert [(r["层级"], r["代码"], r["名称"]) for r in rows[1:]] == [
        ("乡镇", code, name) for code, name in sorted(TOWNSHIPS.items())
    ]


def test_csv_lang_en(sample: Callable[..., Run]) -> None:
    rows = _wide(sample(*CSV_RUN, "--format", "csv", "--lang", "en"))
    assert list(rows[0])[:6] == EN_HEAD
    assert rows[0]["Level"] == "Total"
    assert rows[0]["Name"] == "Total"
    assert rows[0]["Births"] == "1562"
    assert rows[0]["Policy conformance rate (%)"] == "99.17"
    assert rows[1]["Level"] == "Township"
    assert rows[1]["Name"] == "鸣凤镇"  # place names are data, never translated


def test_csv_lang_id(sample: Callable[..., Run]) -> None:
    rows = _wide(sample(*CSV_RUN, "--format", "csv", "--lang", "id"))
    assert list(rows[0])[:5] == ID_HEAD
    assert rows[0]["group_level"] == "total"
    assert rows[0]["births_total"] == "1562"
    assert rows[0]["policy_conformance_rate"] == "99.17"
    assert rows[0]["sex_ratio_at_birth"] == "104.99"
    assert [r["group_code"] for r in rows[1:]] == sorted(TOWNSHIPS)


def test_csv_detail_columns(sample: Callable[..., Run]) -> None:
    rows = _wide(sample(*CSV_RUN, "--format", "csv", "--lang", "id", "--detail"))
    header = list(rows[0])
    for suffix in ("numerator", "denominator", "ci_low", "ci_high"):
        assert f"policy_conformance_rate_{suffix}" in header
        assert f"sex_ratio_at_birth_{suffix}" in header
    i = header.index("policy_conformance_rate")
    assert header[i : i + 7] == [
        "policy_conformance_rate",
        "policy_conformance_rate_status",
        "policy_conformance_rate_gap",
        "policy_conformance_rate_numerator",
        "policy_conformance_rate_denominator",
        "policy_conformance_rate_ci_low",
        "policy_conformance_rate_ci_high",
    ]
    total = rows[0]
    assert total["policy_conformance_rate_numerator"] == "1549"
    assert total["policy_conformance_rate_denominator"] == "1562"
    assert total["policy_conformance_rate_ci_low"] == "98.58"
    assert total["policy_conformance_rate_ci_high"] == "99.51"
    assert total["sex_ratio_at_birth_numerator"] == "800"
    assert total["sex_ratio_at_birth_denominator"] == "762"
    assert total["births_total_denominator"] == ""
    # township numerators add up to the total
    assert sum(int(r["policy_conformance_rate_numerator"]) for r in rows[1:]) == 1549


def test_csv_long_layout(sample: Callable[..., Run], contract: dict[str, Any]) -> None:
    table = _csv(sample(*CSV_RUN, "--format", "csv", "--layout", "long", "--lang", "en"))
    assert table[0] == [*ROW_FIELDS, "label"]
    rows = [dict(zip(table[0], r, strict=True)) for r in table[1:]]
    assert len(rows) == len(contract["rows"])
    # the same rows in the same order as json
    assert [(r["group_code"], r["indicator"]) for r in rows] == [
        (r["group_code"] or "", r["indicator"]) for r in contract["rows"]
    ]
    (pcr,) = [
        r for r in rows
        if r["group_level"] == "total" and r["indicator"] == "policy_conformance_rate"
    ]
    assert pcr["numerator"] == "1549"
    assert pcr["denominator"] == "1562"
    assert pcr["value"] == "99.17"
    assert pcr["status"] == "met"
    assert pcr["label"] == "Policy conformance rate"


def test_precision(sample: Callable[..., Run]) -> None:
    total = _wide(sample(*CSV_RUN, "--format", "csv", "--lang", "id", "--precision", "1"))[0]
    assert total["policy_conformance_rate"] == "99.2"  # 99.1677…
    assert total["sex_ratio_at_birth"] == "105.0"  # 104.9868…
    assert total["second_birth_rate"] == "38.3"  # 38.3482…
    assert total["out_of_policy_multichild_rate"] == "0.1"  # 0.0640…
    assert total["sex_ratio_order3plus"] == "200.0"


def test_bom(sample: Callable[..., Run]) -> None:
    run = sample(*CSV_RUN, "--format", "csv", "--bom")
    assert run.code == 0, str(run)
    assert run.stdout.startswith(b"\xef\xbb\xbf")
    assert run.stdout[3:] == sample(*CSV_RUN, "--format", "csv").stdout


def test_ndjson_one_line_per_row(sample: Callable[..., Run], contract: dict[str, Any]) -> None:
    run = sample(*CSV_RUN, "--format", "ndjson")
    assert run.code == 0, str(run)
    lines = run.text.splitlines()
    assert len(lines) == len(contract["rows"]) == 8 * 17
    assert [json.loads(line) for line in lines] == contract["rows"]


def test_xlsx_opens_with_openpyxl(xlsx_pair: tuple[Path, Path]) -> None:
    book = openpyxl.load_workbook(xlsx_pair[0])
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:6] == ZH_HEAD
    total = dict(zip(header, rows[1], strict=True))
    assert total["出生人数"] == 1562  # typed numbers, not text
    assert total["出生政策符合率(%)"] == 99.17
    township = dict(zip(header, rows[2], strict=True))
    assert township["代码"] == "420525100"  # codes stay text
    assert township["名称"] == "鸣凤镇"
    assert len(rows) >= 1 + 1 + 7
