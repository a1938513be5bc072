"""`jisheng report` end to end: the page's sections, its charts against figures and the
SVG mapping, the options, the languages, the bytes, the terminal and privacy."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from jisheng_cli import figures
from jisheng_cli.config import ReportSettings
from jisheng_cli.messages.report import LABELS, label
from jisheng_cli.report.document import report_levels
from jisheng_cli.stats_funnel import funnel_limits
from tests.browser.charts import Axes, Element, parse
from tests.browser.charts import path_vertices as vertices
from tests.clirun import cli_argv, cli_env, run_cli
from tests.helpers import compute

from .helpers import (
    AS_OF,
    MOTHER_NAME,
    SOUTH,
    TARGET_SOURCE,
    VILLAGES,
    births_lines,
    run_report,
)

Html = Callable[..., str]
SECTIONS = ("headline", "funnels", "trends", "yoy", "quality")


def _figure(page: Element, chart: str, indicator: str, level: str | None = None) -> Element:
    attrs = {"data_chart": chart, "data_indicator": indicator}
    if level:
        attrs["data_level"] = level
    (found,) = page.find("figure", **attrs)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_section_is_there_with_its_heading(report_html: Html, lang: str) -> None:
    page = parse(report_html("--lang", lang))
    (html,) = page.find("html")
    assert html.attrs["lang"] == ("zh-CN" if lang == "zh" else "en")
    for key in SECTIONS:
        (section,) = page.find("section", id=key)
        (h2,) = section.find("h2")
        assert h2.all_text() == label(key, lang)


def test_the_flagged_village_is_labelled_by_name(report_html: Html) -> None:
    figure = _figure(parse(report_html()), "funnel", "policy_conformance_rate", "village")
    assert [t.all_text() for t in figure.find("text", class_="unit-label")] == [SOUTH[2]]
    (flagged,) = figure.find("circle", data_flagged="true")
    assert flagged.attrs["data-code"] == SOUTH[0]
    assert SOUTH[2] in flagged.all_text()


def test_chart_counts_match_figures(register_dir: Path, report_html: Html) -> None:
    """As many funnels per indicator as figures draws (village and township), one trend
    per indicator with values in both years, none for the others."""
    page = parse(report_html("--by", "township"))
    out = compute([register_dir / "births.csv"], by=report_levels(["township"]),
                  targets={"policy_conformance_rate": {"min": 90, "source": TARGET_SOURCE}})
    rows = out.report.rows
    totals = {r.indicator: r for r in rows if r.group_level == "total" and r.year == 2023}
    drawn = 0
    for ind in out.report.indicators:
        funnels = [f for level in ("village", "township")
                   if isinstance(f := figures.funnel(rows, ind, level, 2023, ReportSettings(),
                                                     totals.get(ind)), figures.Funnel)]
        shown = page.find("figure", data_chart="funnel", data_indicator=ind)
        assert len(shown) == len(funnels), ind
        trends = [t for t in figures.trends(rows, [ind])
                  if sum(p.value is not None for p in t.points) >= 2]
        assert len(page.find("figure", data_chart="trend", data_indicator=ind)) == len(trends)
        drawn += len(funnels)
    # 出生政策符合率 and the other % rates at both levels: some funnels at least.
    assert drawn >= 2 and page.find("figure", data_chart="funnel", data_level="township")
    trend = _figure(page, "trend", "births_total")
    # 120 births in 2023, 90 in 2022 (three villages × 40, × 30)
    assert {(p.attrs["data-year"], p.attrs["data-value"])
            for p in trend.find("circle", class_="point")} == {("2022", "90"), ("2023", "120")}


def test_unit_circles_invert_to_their_n_and_value(report_html: Html) -> None:
    figure = _figure(parse(report_html()), "funnel", "policy_conformance_rate", "village")
    (svg,) = figure.find("svg")
    m = Axes.of(svg)
    circles = {c.attrs["data-code"]: c for c in figure.find("circle", class_="unit")}
    # (k, n) per village in 2023: 东村 and 西村 40 of 40, 南村 20 of 40
    expected = {VILLAGES[0][0]: (40, 100.0), VILLAGES[1][0]: (40, 100.0),
                VILLAGES[2][0]: (40, 50.0)}
    assert set(circles) == set(expected)
    for code, (n, value) in expected.items():
        c = circles[code]
        assert float(c.attrs["data-n"]) == n and float(c.attrs["data-value"]) == value
        assert m.x(float(c.attrs["cx"])) == pytest.approx(n, abs=m.x_unit)
        assert m.y(float(c.attrs["cy"])) == pytest.approx(value, abs=m.y_unit)


def test_a_limit_vertex_inverts_to_the_exact_limit(report_html: Html) -> None:
    """The 99.8% lower limit around θ = 0.9 at n = 20, worked by hand (Spiegelhalter's
    interpolated quantile, q = 0.001): F(12) = 0.000416 < q ≤ F(13) = 0.002386, so r = 13,
    a = (0.002386 − 0.001) ÷ (0.002386 − 0.000416) = 0.7034, limit = (13 − 0.7034) ÷ 20
    = 0.6148, drawn as 61.48%."""
    low, _ = funnel_limits(0.9, [20], 0.998, "exact")
    assert float(low[0]) == pytest.approx(0.6148, abs=5e-5)
    figure = _figure(parse(report_html()), "funnel", "policy_conformance_rate", "village")
    (svg,) = figure.find("svg")
    m = Axes.of(svg)
    (path,) = figure.find("path", class_="limit", data_coverage="0.998", data_side="low")
    at = {round(m.x(x)): m.y(y) for x, y in vertices(path.attrs["d"])}
    assert at[20] == pytest.approx(100 * float(low[0]), abs=m.y_unit)
    for n, y in at.items():  # every vertex drawn is the limit at its n
        expected, _ = funnel_limits(0.9, [n], 0.998, "exact")
        assert y == pytest.approx(100 * float(expected[0]), abs=m.y_unit)
    sides = {(p.attrs["data-coverage"], p.attrs["data-side"])
             for p in figure.find("path", class_="limit")}
    assert sides == {("0.95", "low"), ("0.95", "high"), ("0.998", "low"), ("0.998", "high")}


def _centre(figure: Element) -> float:
    (svg,) = figure.find("svg")
    (line,) = figure.find("line", class_="centre")
    return Axes.of(svg).y(float(line.attrs["y1"]))


def _caption(figure: Element) -> str:
    (caption,) = figure.find("figcaption")
    return caption.all_text()


def test_funnel_options_change_the_caption_and_the_centre(report_html: Html) -> None:
    ind = "policy_conformance_rate"
    default = _figure(parse(report_html()), "funnel", ind, "village")
    assert _centre(default) == pytest.approx(90, abs=0.01)  # the target's minimum
    assert label("method_exact", "zh") in _caption(default)
    assert label("centre_target", "zh", centre="90.00") in _caption(default)
    assert "φ" not in _caption(default)

    overall = _figure(parse(report_html("--funnel-centre", "overall", "--funnel-limits",
                                        "wilson")), "funnel", ind, "village")
    # (40 + 40 + 20) ÷ 120 = 83.33%
    assert _centre(overall) == pytest.approx(100 / 1.2, abs=0.01)
    assert label("centre_overall", "zh", centre="83.33") in _caption(overall)
    assert label("method_wilson", "zh") in _caption(overall)

    widened = _figure(parse(report_html("--overdispersion")), "funnel", ind, "village")
    assert "φ = " in _caption(widened) and "τ² = " in _caption(widened)


def test_the_yoy_sentence_is_on_the_page(report_html: Html) -> None:
    (section,) = parse(report_html()).find("section", id="yoy")
    (item,) = section.find("li", data_indicator="policy_conformance_rate")
    # 83.33% in 2023 (100/120), 100% in 2022 (90/90)
    assert item.all_text() == "出生政策符合率 83.33%,比上年下降 16.67 个百分点(差异有统计学意义)"


_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_english_pages_have_no_chinese_but_the_data(report_html: Html, lang: str) -> None:
    text = report_html("--lang", lang, "--by", "township")
    for _, township, village in VILLAGES:  # place names are data
        text = text.replace(township, "").replace(village, "")
    assert not _CJK.findall(text), sorted(set(_CJK.findall(text)))
    assert label("headline", "en") in text and '<html lang="en">' in text


def test_every_label_has_both_languages() -> None:
    for key, (zh, en) in LABELS.items():
        assert zh and en and not _CJK.search(en), key


def test_two_runs_write_the_same_bytes(register_dir: Path) -> None:
    for name in ("a.html", "b.html"):
        run = run_report(register_dir, "--by", "township", "--overdispersion", "-o", name)
        assert run.code == 0, str(run)
    assert (register_dir / "a.html").read_bytes() == (register_dir / "b.html").read_bytes()


def test_the_page_has_no_script_and_no_external_resource(report_html: Html) -> None:
    text = report_html()
    assert "<script" not in text and "http://" not in text and "https://" not in text
    assert "url(" not in text and "<img" not in text and "<link" not in text
    assert "@page { size: A4; margin: 15mm; }" in text


def test_no_mother_name_or_id_on_the_page(report_html: Html) -> None:
    text = report_html("--by", "township")
    _, ids = births_lines()
    assert MOTHER_NAME not in text
    for id_ in ids:
        assert id_[:17] not in text


def test_writes_where_it_says(register_dir: Path) -> None:
    run = run_report(register_dir, "-o", "said.html")
    assert run.code == 0, str(run)
    assert run.stdout == b""
    assert run.err_lines[-1] == label("written", "zh", path="said.html")
    assert (register_dir / "said.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_refuses_to_write_html_to_a_terminal(register_dir: Path) -> None:
    main, other = os.openpty()
    try:
        proc = subprocess.run(
            cli_argv("report", "births.csv", "--as-of", "2026-11-22", "--lang", "en"),
            cwd=register_dir, env=cli_env(), stdin=subprocess.DEVNULL, stdout=other,
            stderr=subprocess.PIPE, timeout=120, check=False)
    finally:
        os.close(other)
        os.close(main)
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "jisheng: error: html output is binary: give -o FILE or redirect standard output\n")


def test_the_asked_year_heads_the_report_with_its_change_on_the_year_before(
        report_html: Html) -> None:
    """`--year 2023` alone: the run reads 2022 for the 同比 and leaves it out of the rows."""
    page = parse(report_html("--year", "2023"))
    (headline,) = page.find("section", id="headline")
    assert label("headline_year", "zh", year=2023) in headline.all_text()
    funnel = _figure(page, "funnel", "policy_conformance_rate", "village")
    assert funnel.attrs["data-year"] == "2023"
    (yoy,) = page.find("section", id="yoy")
    assert label("yoy_heading", "zh", year=2023, previous=2022) in yoy.all_text()
    (item,) = yoy.find("li", data_indicator="policy_conformance_rate")
    # 2023: 100 of 120 in policy = 83.33%; 2022: 90 of 90 = 100.00%; 83.33 − 100.00 = −16.67
    assert item.all_text().startswith("出生政策符合率 83.33%,比上年下降 16.67 个百分点")
    # 2022 was read for the change only: no trend of one year
    (trends,) = page.find("section", id="trends")
    assert label("trends_none", "zh") in trends.all_text()


def test_an_asked_first_year_has_no_change(report_html: Html) -> None:
    page = parse(report_html("--year", "2022"))
    funnel = _figure(page, "funnel", "policy_conformance_rate", "village")
    assert funnel.attrs["data-year"] == "2022"
    # 2022 alone: 90 of 90 in policy, nothing below the target, and no data in 2021
    assert not funnel.find("text", class_="unit-label")
    (yoy,) = page.find("section", id="yoy")
    assert label("yoy_none", "zh") in yoy.all_text()


def test_a_period_cutting_a_year_is_not_compared(report_html: Html) -> None:
    """January–June 2023 is half of statistical year 2023: no whole year before it."""
    page = parse(report_html("--from", "2023-01-01", "--to", "2023-06-30", "--lang", "en"))
    (yoy,) = page.find("section", id="yoy")
    assert label("yoy_not_compared", "en") in yoy.all_text()
    (headline,) = page.find("section", id="headline")
    (body,) = headline.find("tbody")
    changes = [row.find("td")[-1].all_text() for row in body.find("tr")]
    assert changes and set(changes) == {""}  # the headline's 同比 column is empty too


def test_a_funnel_without_limits_is_a_sentence(report_html: Html) -> None:
    """No birth of the register is a duplicate: 0 of 40 in each village, a centre of 0%
    where no limits exist."""
    page = parse(report_html("--lang", "en"))
    assert not page.find("figure", data_chart="funnel", data_indicator="duplicate_rate")
    (note,) = page.find("p", class_="no-funnel", data_indicator="duplicate_rate")
    assert (note.attrs["data-level"], note.attrs["data-reason"]) == ("village", "no_spread")
    assert note.all_text() == label("no_funnel_no_spread", "en", indicator="Duplicate rate (%)",
                                    level="village")


def test_the_main_sample_heads_its_last_whole_year(tmp_path: Path) -> None:
    """The sample's births run from July 2011 to December 2012: statistical years 2011
    (to 2011-09-30) and 2013 (from 2012-10-01) hold three months each and are partial, so
    2012 heads the report, compared with 2011."""
    from tests.helpers import ROOT

    run = run_cli(("report", str(ROOT / "sample_data" / "births.csv"), *AS_OF,
                   "--lang", "en", "-o", "r.html"), tmp_path)
    assert run.code == 0, str(run)
    page = parse((tmp_path / "r.html").read_text(encoding="utf-8"))
    (headline,) = page.find("section", id="headline")
    assert label("headline_year", "en", year=2012) in headline.all_text()
    (yoy,) = page.find("section", id="yoy")
    assert label("yoy_heading", "en", year=2012, previous=2011) in yoy.all_text()
    assert {f.attrs["data-year"] for f in page.find("figure", data_chart="funnel")} == {"2012"}
