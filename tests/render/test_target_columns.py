"""Targets in the wide layout (issue 13, part 3): a status column after each indicator with
a target, its gap with --detail, and the xlsx fill of a missed value.

The report is tests/render/helpers.make_report: policy_conformance_rate has a minimum of 92,
sex_ratio_at_birth the range [103, 107], births_total no target.
"""

from __future__ import annotations

import io

import openpyxl
import pytest

from jisheng_cli.results import Report

from .helpers import make_report, parse_csv, render

RED = "FFFFC7CE"


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_wide_csv_status_and_gap_with_detail(report: Report) -> None:
    rows = parse_csv(render(report, "csv", lang="zh", detail=True))
    header = rows[0]
    i = header.index("出生政策符合率(%)")
    assert header[i:i + 3] == ["出生政策符合率(%)", "出生政策符合率 状态", "出生政策符合率 差距"]
    j = header.index("出生人口性别比(女=100)")
    assert header[j:j + 3] == ["出生人口性别比(女=100)", "出生人口性别比 状态",
                               "出生人口性别比 差距"]
    # The count has no target: no status, no gap.
    assert "出生人数 状态" not in header and "出生人数 差距" not in header
    total, town1, town2 = rows[1:]
    # 1549/1562 = 99.1677%; ≥ 92: gap 7.1677 → 7.17, met.
    assert total[i:i + 3] == ["99.17", "达标", "7.17"]
    # 119.382 against [103, 107]: gap 107 − 119.382 = −12.382 → -12.38; the interval
    # [108.12, 131.99] lies wholly above 107, so the miss is significant.
    assert total[j:j + 3] == ["119.38", "显著未达标", "-12.38"]
    # 13/15 = 86.667%: gap 86.667 − 92 = −5.333 → -5.33; the interval reaches 96.26 ≥ 92.
    assert town1[i:i + 3] == ["86.67", "未达标", "-5.33"]
    # 114.286: min(114.286 − 103, 107 − 114.286) = −7.286 → -7.29, but the row says met
    # (the status is the row's, never recomputed by the renderer).
    assert town1[j:j + 3] == ["114.29", "达标", "-7.29"]
    # No births: no value, so neither status nor gap.
    assert town2[i:i + 3] == ["", "", ""]


def test_wide_tsv_status_words_in_english_and_ids(report: Report) -> None:
    en = parse_csv(render(report, "tsv", lang="en"), "\t")
    assert en[0][5] == "Policy conformance rate status"
    assert en[0][7] == "Sex ratio at birth status"
    assert [r[5] for r in en[1:]] == ["met", "missed", ""]
    assert [r[7] for r in en[1:]] == ["missed (significant)", "met", ""]
    ids = parse_csv(render(report, "tsv", lang="id", detail=True), "\t")
    k = ids[0].index("sex_ratio_at_birth_status")
    assert ids[0][k + 1] == "sex_ratio_at_birth_gap"
    assert ids[1][k:k + 2] == ["missed_significant", "-12.38"]


def test_without_any_target_no_status_column() -> None:
    report = make_report()
    for r in report.rows:
        r.target_min = r.target_max = None
        r.gap = r.status = None
    header = parse_csv(render(report, "csv", lang="id", detail=True))[0]
    assert not [h for h in header if h.endswith(("_status", "_gap"))]


def test_a_target_in_one_row_gives_the_column_to_every_row() -> None:
    report = make_report()
    for r in report.rows:
        if r.indicator == "policy_conformance_rate" and r.group_level != "total":
            r.target_min = None
            r.gap = r.status = None
    rows = parse_csv(render(report, "csv", lang="id"))
    i = rows[0].index("policy_conformance_rate_status")
    assert [r[i] for r in rows[1:]] == ["met", "", ""]


def test_xlsx_status_gap_and_missed_fill(report: Report) -> None:
    ws = _book(render(report, "xlsx", lang="en", detail=True))["Indicators"]
    header = [c.value for c in ws[1]]
    i = header.index("Policy conformance rate (%)") + 1  # openpyxl columns are 1-based
    assert header[i - 1:i + 2] == ["Policy conformance rate (%)",
                                   "Policy conformance rate status",
                                   "Policy conformance rate gap"]
    j = header.index("Sex ratio at birth (female=100)") + 1
    assert [ws.cell(2, i + n).value for n in range(3)] == [99.17, "met", 7.17]
    assert [ws.cell(3, i + n).value for n in range(3)] == [86.67, "missed", -5.33]
    assert ws.cell(2, i + 2).data_type == "n"  # the gap is a number
    # Missed (township 001's rate) and missed significantly (the total's sex ratio): red.
    assert ws.cell(3, i).fill.fgColor.rgb == RED
    assert ws.cell(2, j).fill.fgColor.rgb == RED
    assert ws.cell(3, i).number_format == "0.00"  # the fill keeps the number format
    # Met: no fill; neither on a status or gap cell, nor on a count.
    for cell in (ws.cell(2, i), ws.cell(3, j), ws.cell(3, i + 1), ws.cell(3, i + 2),
                 ws.cell(2, 4)):
        assert cell.fill.fill_type is None, cell.coordinate


def test_xlsx_legend_of_the_fill(report: Report) -> None:
    inputs = _book(render(report, "xlsx", lang="zh"))["输入"]
    legend = [r for r in inputs.iter_rows() if r[0].value == "红色底纹"]
    assert len(legend) == 1
    assert legend[0][0].fill.fgColor.rgb == RED
    assert "未达目标" in str(legend[0][1].value)


def test_xlsx_no_legend_when_nothing_is_missed() -> None:
    report = make_report()
    for r in report.rows:
        if r.status is not None:
            r.status = "met"
    inputs = _book(render(report, "xlsx", lang="en"))["Inputs"]
    assert "Red fill" not in [r[0].value for r in inputs.iter_rows()]


def test_xlsx_long_layout_fills_the_missed_value(report: Report) -> None:
    ws = _book(render(report, "xlsx", "long", lang="id"))["indicators"]
    header = [c.value for c in ws[1]]
    v, s = header.index("value") + 1, header.index("status")
    filled = {(row[s].value, ws.cell(row[0].row, v).fill.fill_type) for row in
              ws.iter_rows(min_row=2)}
    assert filled == {(None, None), ("met", None), ("missed", "solid"),
                      ("missed_significant", "solid")}


@pytest.mark.parametrize("detail", [False, True])
def test_table_shows_markers_not_a_status_column(report: Report, detail: bool) -> None:
    text = render(report, "table", width=200, lang="en", detail=detail).decode("utf-8")
    assert "status" not in text
    assert "86.67 *" in text
    # With --detail the gap is shown, rounded like the value.
    assert ("-5.33" in text) is detail
