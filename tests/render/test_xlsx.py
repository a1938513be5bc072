from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from jisheng_cli.results import Report

from .helpers import EVIL_NAME, make_report, render


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(ws: Worksheet) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_wide_sheet_typed_cells(report: Report) -> None:
    wb = _book(render(report, "xlsx", lang="zh"))
    assert wb.sheetnames == ["指标", "输入"]
    ws = wb["指标"]
    rows = _rows(ws)
    assert rows[0] == ["层级", "代码", "名称", "出生人数", "出生政策符合率(%)",
                       "出生政策符合率 状态", "出生人口性别比(女=100)", "出生人口性别比 状态"]
    assert rows[1] == ["合计", None, "合计", 1562, 99.17, "达标", 119.38, "显著未达标"]
    assert rows[2] == ["乡镇", "001", "'" + EVIL_NAME, 15, 86.67, "未达标", 114.29, "达标"]
    assert rows[3] == ["乡镇", "002", "'-3", 0, None, None, None, None]

    name = ws.cell(row=3, column=3)
    assert name.data_type == "s"  # text, not a formula ("f")
    assert str(name.value).startswith("'")
    code = ws.cell(row=3, column=2)
    assert code.data_type == "s" and code.value == "001"  # leading zeros kept
    rate = ws.cell(row=2, column=5)
    assert rate.data_type == "n" and rate.value == 99.17
    assert rate.number_format == "0.00"
    assert ws.cell(row=2, column=4).number_format == "0"
    assert ws.cell(row=4, column=5).value is None  # None is a blank cell
    assert ws.freeze_panes == "A2"


def test_no_formula_anywhere(report: Report) -> None:
    data = render(report, "xlsx", "long", lang="en")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name)
    wb = _book(data)
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f"


def test_english_sheet_names_and_inputs(report: Report) -> None:
    wb = _book(render(report, "xlsx", lang="en"))
    assert wb.sheetnames == ["Indicators", "Inputs"]
    rows = _rows(wb["Inputs"])
    assert rows[0][:4] == ["File", "Kind", "Encoding", "Rows read"]
    # The fixture's input has no dated row and repeats no file: the last three cells empty.
    assert rows[1] == ["births.csv", "births", "gb18030", 1570, 1562, 5, 3, 0, 0, None, None,
                       None]
    assert rows[0][-3:] == ["First date", "Last date", "Repeats"]
    meta = {r[0]: r[1] for r in rows[3:]}
    assert meta["Period from"] == "2011-10-01"
    assert meta["Period to"] == "2012-09-30"
    assert meta["As of"] == "2026-11-22"
    assert meta["confidence"] == "0.95"


def test_long_sheet(report: Report) -> None:
    wb = _book(render(report, "xlsx", "long", lang="en"))
    rows = _rows(wb["Indicators"])
    assert rows[0][-1] == "label" and rows[0][0] == "group_level"
    header = rows[0]
    rec = dict(zip(header, rows[2], strict=True))
    assert rec["value"] == 99.17
    assert rec["numerator"] == 1549
    assert rec["gap"] == 7.17
    assert rec["target_min"] == 92
    assert rec["label"] == "Policy conformance rate"
    evil = dict(zip(header, rows[5], strict=True))
    assert evil["group_name"] == "'" + EVIL_NAME
    assert evil["gap"] == -5.33  # negative numbers stay numbers


def test_detail_and_precision(report: Report) -> None:
    wb = _book(render(report, "xlsx", lang="id", detail=True, precision=1))
    ws = wb["indicators"]
    rows = _rows(ws)
    i = rows[0].index("policy_conformance_rate")
    # value, status, gap (7.1677 → 7.2), numerator, denominator, ci bounds
    assert rows[1][i:i + 7] == [99.2, "met", 7.2, 1549, 1562, 98.6, 99.5]
    assert ws.cell(row=2, column=i + 1).number_format == "0.0"


def test_xlsx_is_byte_identical_across_runs(report: Report) -> None:
    assert render(report, "xlsx") == render(report, "xlsx")


@pytest.mark.parametrize("value", ["=1+1", "+1", "@x", "-1", "0012", "1e5"])
def test_text_that_looks_like_something_else_stays_text(value: str) -> None:
    report = make_report()
    for r in report.rows[3:6]:
        r.group_name = value
    ws = _book(render(report, "xlsx", lang="id"))["indicators"]
    cell = ws.cell(row=3, column=3)
    assert cell.data_type == "s"
    assert cell.value == (("'" + value) if value[0] in "=+-@" else value)


def test_inputs_sheet_gives_the_date_span_and_the_repeats(report: Report) -> None:
    import dataclasses

    from jisheng_cli.results import Repeat

    summary = dataclasses.replace(report.inputs[0], first_date="2011-07-02",
                                  last_date="2012-12-31",
                                  repeats=[Repeat("a.csv", 1710), Repeat("b.csv", 3)])
    wb = _book(render(dataclasses.replace(report, inputs=[summary]), "xlsx", lang="zh"))
    assert wb.sheetnames == ["指标", "输入"]
    rows = _rows(wb["输入"])
    assert rows[0][-3:] == ["最早日期", "最晚日期", "与其他文件重复"]
    assert rows[1][-3:] == ["2011-07-02", "2012-12-31", "a.csv: 1710; b.csv: 3"]
