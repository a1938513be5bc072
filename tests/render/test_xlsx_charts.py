"""The workbook's native charts (issue 13, part 2): the funnels sheet, the trends sheet,
their data cells and the charts' series fed from them."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from jisheng_cli.config import ReportSettings
from jisheng_cli.results import Report, ResultRow

from .helpers import make_report, render

PCR = "policy_conformance_rate"
SOURCE = "county 2010 创国优 plan"
# Villages (code, name, conforming births k, births n): k/n in %.
VILLAGES = [("001001", "东村", 9, 10), ("001002", "西村", 40, 50), ("001003", "南村", 95, 100)]


def _funnel_report(year: int | None = None) -> Report:
    k_all = sum(k for *_, k, _ in VILLAGES)
    n_all = sum(n for *_, n in VILLAGES)
    rows = [ResultRow("total", None, "合计", year, PCR, k_all, n_all, 100 * k_all / n_all, "%",
                      target_min=92.0, target_source=SOURCE)]
    rows += [ResultRow("village", code, name, year, PCR, k, n, 100 * k / n, "%",
                       target_min=92.0, target_source=SOURCE)
             for code, name, k, n in VILLAGES]
    return make_report(rows, indicators=[PCR], by=["village"])


def _trend_report() -> Report:
    # Two statistical years of the total: 1549/1562 and 1600/1610.
    rows = [ResultRow("total", None, "合计", 2011, PCR, 1549, 1562, 100 * 1549 / 1562, "%",
                      ci_low=98.58, ci_high=99.51, target_min=92.0, target_source=SOURCE),
            ResultRow("total", None, "合计", 2012, PCR, 1600, 1610, 100 * 1600 / 1610, "%",
                      ci_low=98.86, ci_high=99.66, target_min=92.0, target_source=SOURCE)]
    return make_report(rows, indicators=[PCR], by=["year"])


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _charts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist()
                if re.fullmatch(r"xl/charts/chart\d+\.xml", n)}


def _rows(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_funnel_sheet_units_and_limits() -> None:
    data = render(_funnel_report(), "xlsx", lang="zh")
    book = _book(data)
    assert book.sheetnames == ["指标", "输入", "漏斗图"]
    rows = _rows(book["漏斗图"])
    assert str(rows[0][0]).startswith("出生政策符合率(%) · 村 · 全部")
    assert rows[1][:4] == ["代码", "名称", "分母", "数值"]
    assert rows[1][5:11] == ["n", "95% 下限", "95% 上限", "99.8% 下限", "99.8% 上限", "中心线"]
    # The units: 9/10 = 90%, 40/50 = 80%, 95/100 = 95%.
    units = [r[:4] for r in rows[2:5]]
    assert [u[:3] for u in units] == [["001001", "东村", 10], ["001002", "西村", 50],
                                      ["001003", "南村", 100]]
    assert [u[3] for u in units] == pytest.approx([90.0, 80.0, 95.0])
    # The centre is the total's target, 92 (a minimum: the bound itself).
    curve = {r[5]: r[6:11] for r in rows[2:] if isinstance(r[5], (int, float))}
    assert {v[4] for v in curve.values()} == {92}
    # Exact limits at n = 10, θ = 0.92 (Spiegelhalter 2005, A.1.1): Binomial(10, 0.92) has
    # P(X=6) = 210·0.92⁶·0.08⁴ = 0.0052156, P(X=7) = 120·0.92⁷·0.08³ = 0.0342741, and
    # F(6) = 0.0058013, F(7) = 0.0400754. The 2.5% quantile: r = 7 (first F ≥ 0.025),
    # a = (0.0400754 − 0.025) ÷ 0.0342741 = 0.43985, low = (7 − 0.43985) ÷ 10 = 65.60%.
    # The 97.5% quantile: F(9) = 0.5656 < 0.975 ≤ F(10) = 1, P(X=10) = 0.92¹⁰ = 0.4343885,
    # a = (1 − 0.975) ÷ 0.4343885 = 0.057552, high = (10 − 0.057552) ÷ 10 = 99.42%.
    assert curve[10][0] == pytest.approx(65.6015, abs=1e-3)
    assert curve[10][1] == pytest.approx(99.4245, abs=1e-3)
    assert curve[10][2] < curve[10][0] and curve[10][3] > curve[10][1]  # 99.8% is wider


def test_one_scatter_chart_per_funnel_fed_from_the_sheet() -> None:
    data = render(_funnel_report(), "xlsx", lang="en")
    assert _book(data).sheetnames == ["Indicators", "Inputs", "Funnels"]
    charts = _charts(data)
    assert len(charts) == 1
    xml = next(iter(charts.values()))
    assert "<c:scatterChart>" in xml
    refs = re.findall(r"<c:f>([^<]+)</c:f>", xml)
    # Five series besides the name refs: units (n in C, value in D, rows 3–5 under the
    # title and header) then four limits and the centre against the curve's n (column F).
    assert "Funnels!$C$3:$C$5" in refs and "Funnels!$D$3:$D$5" in refs
    curve_refs = [r for r in refs if r.startswith("Funnels!$F$3:")]
    assert len(curve_refs) == 5
    last = int(curve_refs[0].rsplit("$", 1)[1])
    for col in "GHIJK":
        assert f"Funnels!${col}$3:${col}${last}" in refs
    # Units as markers, lines without markers: one marker-less series per limit and centre.
    assert xml.count('<c:symbol val="none"/>') == 5
    assert xml.count('<c:symbol val="circle"/>') == 1


def test_trend_sheet_and_line_chart() -> None:
    data = render(_trend_report(), "xlsx", lang="zh")
    book = _book(data)
    assert book.sheetnames == ["指标", "输入", "趋势"]  # the total alone: no funnel
    rows = _rows(book["趋势"])
    assert rows[0][0] == "出生政策符合率(%)"
    assert rows[1][:6] == ["统计年度", "数值", "区间下限", "区间上限", "目标下限", "目标上限"]
    # 1549/1562 × 100 = 99.1677%; 1600/1610 × 100 = 99.3789%; the minimum 92, no maximum.
    assert rows[2][0] == 2011 and rows[3][0] == 2012
    assert rows[2][1] == pytest.approx(99.1677, abs=1e-4)
    assert rows[3][1] == pytest.approx(99.3789, abs=1e-4)
    assert rows[2][2:6] == [98.58, 99.51, 92, None]
    charts = _charts(data)
    assert len(charts) == 1
    xml = next(iter(charts.values()))
    assert "<c:lineChart>" in xml
    refs = re.findall(r"<c:f>([^<]+)</c:f>", xml)
    assert "趋势!$A$3:$A$4" in refs and "趋势!$B$3:$B$4" in refs and "趋势!$E$3:$E$4" in refs
    assert "趋势!$F$3:$F$4" not in refs  # no maximum: no series for it


def test_no_chart_sheet_without_units_or_years(report: Report) -> None:
    # The renderers' fixture: townships, one year: the funnel needs two units with a
    # denominator (township 002 has none), and one year has no trend.
    data = render(report, "xlsx", lang="id")
    assert _book(data).sheetnames == ["indicators", "inputs"]
    assert _charts(data) == {}


def test_township_funnel_and_settings_reach_the_chart() -> None:
    report = _funnel_report(2012)
    for r in report.rows[1:]:
        r.group_level = "township"
    overall = render(report, "xlsx", lang="id",
                     funnel=ReportSettings(funnel_centre="overall", funnel_limits="wilson"))
    rows = _rows(_book(overall)["funnels"])
    assert str(rows[0][0]).startswith("policy_conformance_rate · township · 2012")
    assert "wilson" in str(rows[0][0])
    # The overall rate: (9 + 40 + 95) ÷ (10 + 50 + 100) = 144/160 = 90%.
    assert rows[2][10] == pytest.approx(90.0)


def test_chart_workbook_is_byte_identical_across_runs() -> None:
    assert render(_funnel_report(), "xlsx") == render(_funnel_report(), "xlsx")
    assert render(_trend_report(), "xlsx") == render(_trend_report(), "xlsx")
