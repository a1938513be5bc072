"""The report's document (library): the funnel flags the village built outside the 99.8%
limits, the headline and 同比 rows carry hand-computed values, and numbers are grouped."""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from jisheng_cli import figures
from jisheng_cli.config import ReportSettings
from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.messages.report import label
from jisheng_cli.pipeline import Outcome
from jisheng_cli.report.document import Document, build_document, headline_year, report_levels
from jisheng_cli.report.html import render_html
from jisheng_cli.report.markup import table
from jisheng_cli.report.svg import funnel_svg
from jisheng_cli.report.text import exact_text, value_text
from jisheng_cli.results import Report, ResultRow
from tests.browser.charts import Axes, parse
from tests.browser.charts import path_vertices as vertices
from tests.helpers import HEADER, compute

from .helpers import (
    EAST,
    SOUTH,
    TARGET_SOURCE,
    births_lines,
    report_outcome,
    write_register,
)


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    return report_outcome(write_register(tmp_path_factory.mktemp("document")), ["township"])


def _document(outcome: Outcome, settings: ReportSettings | None = None,
              lang: str = "zh") -> Document:
    return build_document(outcome, settings or ReportSettings(), ["township"], None, lang)


def test_the_run_adds_village_and_year_to_the_levels_asked() -> None:
    assert report_levels(["township"]) == ["total", "township", "village", "year"]
    assert report_levels(["year", "total"]) == ["total", "year", "village"]


def test_the_headline_year_is_the_last_asked_else_the_latest_in_the_data(
        outcome: Outcome) -> None:
    assert headline_year(outcome.report, [2009, 2010, 2011, 2012]) == 2012
    assert headline_year(outcome.report, None) == 2023


def _births(level: str, year: int | None, note: str | None = None) -> ResultRow:
    return ResultRow(level, None, None, year, "births_total", 10, None, 10, "count", note=note)


@pytest.mark.parametrize(("rows", "year"), [
    # 2013 holds three months (its total partial): 2012 heads, though 2011 is partial too
    ([_births("total", 2011, "partial"), _births("total", 2012),
      _births("total", 2013, "partial")], 2012),
    # a total row of another kind partial in 2013 makes the year partial
    ([_births("total", 2012), _births("total", 2013),
      replace(_births("total", 2013, "small; partial"), indicator="fee_cases")], 2012),
    # a village's note is not the year's: only the total rows say
    ([_births("total", 2012), _births("total", 2013), _births("village", 2013, "partial")],
     2013),
    # every year partial: the latest
    ([_births("total", 2012, "partial"), _births("total", 2013, "partial")], 2013),
    # pooled rows only (no year): none
    ([_births("total", None)], None),
])
def test_the_headline_year_by_default_is_the_latest_whole_one(rows: list[ResultRow],
                                                              year: int | None) -> None:
    report = Report("0", None, None, "2026-11-22", ["total", "year"], {}, [], rows)
    assert headline_year(report, None) == year
    assert headline_year(report, [2010, 2011]) == 2011  # an asked period: its last year


def _conformance_funnel(doc: Document, level: str = "village") -> figures.Funnel:
    found = [s.chart for s in doc.funnels
             if s.indicator == "policy_conformance_rate" and s.level == level]
    assert len(found) == 1 and isinstance(found[0], figures.Funnel)
    return found[0]


def test_the_funnel_flags_the_village_outside_the_998_limits(outcome: Outcome) -> None:
    f = _conformance_funnel(_document(outcome))
    # Centre: the target's minimum, 90%; only units below it matter.
    assert (f.centre, f.centre_rule, f.concern) == (90.0, "target", -1)
    units = {u.name: u for u in f.units}
    # 南村: 20 of 40 in policy, P(X ≤ 20 | 40, 0.9) = 1.9e-10 < 0.001: below 99.8%.
    assert (units["南村"].k, units["南村"].n, units["南村"].value) == (20.0, 40.0, 50.0)
    assert (units["南村"].outside95, units["南村"].outside998) == (-1, -1)
    # 东村: 40 of 40, P(X ≥ 40) = 0.9⁴⁰ = 0.0148: above the 95% limits (0.0148 < 0.025),
    # inside the 99.8% ones (> 0.001), and above a minimum target is no concern.
    assert (units["东村"].outside95, units["东村"].outside998) == (1, 0)
    assert [u.name for u in f.flagged] == ["南村"]


def test_the_township_funnel_with_by_township(outcome: Outcome) -> None:
    f = _conformance_funnel(_document(outcome), "township")
    # 鸣凤镇: 东村 + 西村, 80 of 80; 花林寺镇: 南村 alone, 20 of 40.
    assert sorted((u.name, u.k, u.n) for u in f.units) == [
        ("花林寺镇", 20.0, 40.0), ("鸣凤镇", 80.0, 80.0)]


def test_overall_centre_and_wilson_limits_follow_the_settings(outcome: Outcome) -> None:
    f = _conformance_funnel(_document(outcome, ReportSettings(funnel_centre="overall",
                                                              funnel_limits="wilson")))
    # (40 + 40 + 20) ÷ 120 = 83.33%
    assert f.centre_rule == "overall"
    assert f.centre == pytest.approx(100 * 100 / 120)
    assert f.method == "wilson"


def test_field_check_rates_get_a_sentence_not_a_funnel(tmp_path: Path) -> None:
    from tests.helpers import check_of

    register, found = check_of((("420525100201", 30, 1), ("420525100202", 30, 0)))
    (tmp_path / "b.csv").write_text("\n".join([HEADER, *register]) + "\n", encoding="utf-8")
    (tmp_path / "s.csv").write_text("\n".join([HEADER, *found]) + "\n", encoding="utf-8")
    out = compute([tmp_path / "b.csv", f"survey:{tmp_path / 's.csv'}"],
                  by=report_levels(["total"]))
    doc = build_document(out, ReportSettings(), ["total"], None, "zh")
    cluster = [s for s in doc.funnels if s.indicator == "underreport_rate"]
    assert [(s.level, s.chart) for s in cluster] == [
        ("village", figures.NoFunnel("underreport_rate", "village", figures.NO_FUNNEL_CLUSTER))]


def _wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_the_headline_row_of_policy_conformance(outcome: Outcome) -> None:
    doc = _document(outcome)
    row = {h.indicator: h for h in doc.headline}["policy_conformance_rate"]
    low, high = _wilson(100, 120)  # 2023: 100 of 120 in policy
    assert row.value == "83.33"  # 100 ÷ 120 = 83.333…%
    assert row.interval == f"[{low * 100:.2f}, {high * 100:.2f}]"
    # The whole interval lies below 90 (its upper end 88.94): significantly missed.
    assert (row.target, row.source, row.status_id, row.status) == (
        ">= 90", TARGET_SOURCE, "missed_significant", "显著未达标")
    assert row.gap == "-6.67 个百分点"  # 83.33 − 90
    assert row.markers.startswith("**")
    # 2022: 90 of 90 = 100%; 83.33 − 100.00 = −16.67 points
    assert row.change == "-16.67 个百分点"
    births = {h.indicator: h for h in doc.headline}["births_total"]
    assert (births.value, births.change) == ("120", "+30")  # 120 − 90


def test_the_yoy_row_and_its_sentence(outcome: Outcome) -> None:
    doc = _document(outcome)
    row = {y.indicator: y for y in doc.yoy}["policy_conformance_rate"]
    assert (row.current, row.previous, row.change) == ("83.33", "100.00", "-16.67 个百分点")
    # Newcombe: d = 0.8333 − 1; its upper end d + √((u₁ − p₁)² + (p₂ − l₂)²), with
    # u₁ = 0.8894 (Wilson of 100/120) and l₂ = 90 ÷ (90 + z²) = 0.9591 (of 90/90),
    # = −0.1667 + √(0.0561² + 0.0409²) = −0.0973 < 0: significant.
    assert row.significant == "有"
    assert row.sentence == "出生政策符合率 83.33%,比上年下降 16.67 个百分点(差异有统计学意义)"
    en = {y.indicator: y for y in _document(outcome, lang="en").yoy}
    assert en["policy_conformance_rate"].sentence == (
        "Policy conformance rate 83.33%, down 16.67 points on the previous year (significant)")


def test_the_quality_of_the_file(outcome: Outcome) -> None:
    (q,) = _document(outcome).quality
    lines, _ = births_lines()
    dates = sorted(line.split(",")[5] for line in lines)
    # 3 villages × (40 + 30) births, none rejected
    assert (q.kind, q.counts) == ("births", ("210", "210", "0", "0", "0", "0"))
    assert q.span == f"{dates[0]} – {dates[-1]}"


def test_a_quality_row_counts_codes_without_values(tmp_path: Path) -> None:
    lines, _ = births_lines()
    bad = lines[0].split(",")
    # A wrong check digit (not 0: an ID ending in 0 reads as one a spreadsheet cut).
    bad[4] = bad[4][:17] + ("2" if bad[4][17] == "1" else "1")
    path = tmp_path / "b.csv"
    path.write_text("\n".join([HEADER, *lines, ",".join(bad), lines[1]]) + "\n",
                    encoding="utf-8")
    doc = build_document(compute([path], by=report_levels(["total"])), ReportSettings(),
                         ["total"], None, "en")
    (q,) = doc.quality
    # 212 rows: 210 used, the damaged ID rejected, the repeat of row 3 a duplicate
    assert q.counts == ("212", "210", "1", "1", "0", "0")
    # Commonest first: 南村's 20 first births out of policy warn; then one each, by code.
    assert [(f.code, f.count) for f in q.findings] == [
        ("first_birth_out_of_policy", 20), ("duplicate", 1), ("id_check_digit", 1)]
    codes = {f.code: f for f in q.findings}
    assert "{" not in codes["duplicate"].message  # its fields are left out, not shown


@pytest.mark.parametrize(("indicator", "value", "text"), [
    ("births_total", 1562, "1,562"),
    ("fee_collected_amount", 10401000, "10,401,000.00"),  # yuan keep fen
    ("births_total", -1488, "-1,488"),  # a change
    ("births_total", Fraction(12345, 2), "6,173"),  # 6172.5 rounds half up
    ("policy_conformance_rate", 999.995, "1,000.00"),  # the decimal 999.995, half up
    ("births_per_abortion", 1234.5, "1:1,234.50"),
    ("policy_conformance_rate", None, ""),
])
def test_value_text_rounds_and_groups(indicator: str, value: float | int | Fraction | None,
                                      text: str) -> None:
    assert value_text(value, REGISTRY[indicator]) == text


@pytest.mark.parametrize(("value", "text"), [
    (43115, "43,115"), (10401000.0, "10,401,000"), (1234.5, "1,234.5"), (0.25, "0.25"),
    (None, ""),
])
def test_exact_text_keeps_every_digit_grouped(value: float | int | None, text: str) -> None:
    assert exact_text(value) == text


def test_helpers_agree(outcome: Outcome) -> None:
    # The builder's villages are the document's: a guard for the tests above.
    names: set[str | None] = {u.name for u in _conformance_funnel(_document(outcome)).units}
    assert {EAST[2], SOUTH[2]} <= names



def test_a_run_without_years_or_dates_has_empty_sections() -> None:
    """A women's register has no period dates: its span is —; no row, no headline."""
    from jisheng_cli.results import InputSummary

    summary = InputSummary("women.csv", "women", "utf-8", rows_read=5, rows_used=5)
    report = Report("0", None, None, "2026-11-22", ["total"], {}, [summary], [],
                    compare_previous=True)
    doc = build_document(Outcome(report, []), ReportSettings(), ["total"], None, "en")
    assert (doc.year, doc.headline, doc.funnels, doc.trends, doc.yoy) == (None, (), (), (), ())
    (q,) = doc.quality
    assert (q.span, q.counts, q.findings) == ("—", ("5", "5", "0", "0", "0", "0"), ())
    assert doc.title == "Family-planning statistics report"
    page = render_html(doc)
    for key in ("no_rows", "trends_none", "yoy_none"):
        assert label(key, "en") in page


def test_names_are_escaped_in_the_charts_and_tables() -> None:
    """A place name is text, never markup: `<`, `&` and quotes are escaped."""
    name = '<b>"村"&</b>'
    rows = [ResultRow("village", code, nm, 2023, "policy_conformance_rate", k, 40, k / 40 * 100,
                      "%") for code, nm, k in (("1", name, 20), ("2", "东村", 40),
                                               ("3", "西村", 40))]
    f = figures.funnel(rows, "policy_conformance_rate", "village", 2023,
                       ReportSettings(funnel_centre="overall"))
    # Around the overall 100/120: 20 of 40 is far below, and 40 of 40 above too
    # (P(X = 40) = (5/6)⁴⁰ = 0.00068 < 0.001): all three are named.
    assert isinstance(f, figures.Funnel) and [u.name for u in f.flagged] == [name, "东村", "西村"]
    svg = funnel_svg(f, name, "n")
    assert name not in svg and "&lt;b&gt;&quot;村&quot;&amp;&lt;/b&gt;" in svg
    assert name not in "".join(table([name], [[name]], set()))


@pytest.mark.parametrize(("minimum", "drawn"), [(120, True), (121, False)])
def test_too_few_trials_in_all_draw_no_funnel(outcome: Outcome, minimum: int,
                                              drawn: bool) -> None:
    """The villages' births of 2023 add up to 40 + 40 + 40 = 120: a minimum denominator
    (definitions.min_denominator) of 120 draws the funnel, one of 121 does not."""
    report = replace(outcome.report,
                     definitions={**outcome.report.definitions, "min_denominator": minimum})
    doc = build_document(Outcome(report, []), ReportSettings(), ["township"], None, "zh")
    (chart,) = [s.chart for s in doc.funnels
                if s.indicator == "policy_conformance_rate" and s.level == "village"]
    if drawn:
        assert isinstance(chart, figures.Funnel)
    else:
        assert chart == figures.NoFunnel("policy_conformance_rate", "village",
                                         figures.NO_FUNNEL_NO_UNITS)
        assert "不足 121(最小分母)" in render_html(doc)


def test_the_sex_ratios_default_range_reads_as_words(outcome: Outcome) -> None:
    """No sex-ratio target is configured: the default 103–107 of the definitions."""
    rows = {h.indicator: h for h in _document(outcome).headline}
    assert rows["sex_ratio_at_birth"].source == (
        "出生人口性别比正常范围 103–107(definitions.srb_normal_range)")
    assert rows["sex_ratio_at_birth"].target == "[103, 107]"
    assert rows["policy_conformance_rate"].source == TARGET_SOURCE  # the config's words
    en = {h.indicator: h for h in _document(outcome, lang="en").headline}
    assert en["sex_ratio_at_birth"].source == (
        "normal range of the sex ratio at birth 103–107 (definitions.srb_normal_range)")


def _sex_ratio_funnel() -> figures.Funnel:
    """Three villages' boys and girls; 丙村 has 12 boys and no girls (a ratio of ∞). The
    centre is the midpoint of 103–107, 105, a male share θ = 105 ÷ 205 = 0.5122; 12 boys of
    12 have P(X = 12) = 0.5122¹² = 0.00033 < 0.001: above the 99.8% limits, and either side
    of a range is of concern."""
    total = ResultRow("total", None, None, 2023, "sex_ratio_at_birth", 114, 98, 116.3,
                      "女=100", target_min=103, target_max=107)
    rows = [ResultRow("village", code, name, 2023, "sex_ratio_at_birth", boys, girls,
                      None if not girls else 100 * boys / girls, "女=100")
            for code, name, boys, girls in (("1", "甲村", 50, 48), ("2", "乙村", 52, 50),
                                            ("3", "丙村", 12, 0))]
    f = figures.funnel(rows, "sex_ratio_at_birth", "village", 2023, ReportSettings(), total)
    assert isinstance(f, figures.Funnel)
    return f


def test_a_unit_above_the_axis_is_a_named_triangle_on_the_top_edge() -> None:
    from jisheng_cli.report.html import funnel_caption
    from jisheng_cli.report.svg import OFF_SCALE_HALF, OFF_SCALE_HEIGHT

    f = _sex_ratio_funnel()
    assert [u.name for u in f.flagged] == ["丙村"]
    svg = parse(funnel_svg(f, "出生人口性别比", "n"))
    circles = svg.find("circle", class_="unit")
    assert sorted(c.attrs["data-code"] for c in circles) == ["1", "2"]
    (mark,) = svg.find("path", class_="off-scale")
    assert "unit" in mark.attrs["class"].split()
    assert (mark.attrs["data-code"], mark.attrs["data-n"], mark.attrs["data-value"],
            mark.attrs["data-flagged"]) == ("3", "12", "inf", "true")
    assert mark.all_text() == "丙村: n = 12, ∞"
    (root,) = svg.find("svg")
    m = Axes.of(root)
    (apex, right, left) = vertices(mark.attrs["d"].removesuffix(" Z"))
    # The apex at n = 12 on the plot's top edge, the base below it: pointing up.
    assert m.x(apex[0]) == pytest.approx(12, abs=m.x_unit) and apex[1] == m.top
    assert right == (apex[0] + OFF_SCALE_HALF, m.top + OFF_SCALE_HEIGHT)
    assert left == (apex[0] - OFF_SCALE_HALF, m.top + OFF_SCALE_HEIGHT)
    assert [t.all_text() for t in svg.find("text", class_="unit-label")] == ["丙村"]
    assert funnel_caption(f, "zh").endswith(label("off_scale_one", "zh", count=1))
    assert "1 unit above the axis" in funnel_caption(f, "en")
