"""The trend sample's report rendered by a real Chromium (issue 13, part 5): it loads with no
console error, warning, exception or request of its own; it screenshots and prints (A4, more
than one page); its charts are the ones the data calls for, its funnel limits are
Spiegelhalter's, and its labels and sections are there in each language.

Chromium is driven over the DevTools protocol (tests/browser/chromium.py). Without it the
test fails, never skips: `.ci/run` installs Debian's chromium and fonts-noto-cjk.
"""

from __future__ import annotations

import fcntl
import math
import os
import pickle
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pytest
from scipy.stats import binom, norm

from jisheng_cli.figures import funnel_kind
from jisheng_cli.indicators.registry import REGISTRY
from tests.browser.charts import Chart, Element, charts, parse, path_vertices
from tests.browser.chromium import INSTALL_HINT, Rendered, find_chromium, render
from tests.browser.png_pdf import pdf_media_boxes, pdf_pages, read_png
from tests.clirun import run_cli
from tests.helpers import ROOT

TREND = ROOT / "sample_data" / "trend"
INPUTS = (str(TREND / "births.csv"), str(TREND / "population.csv"))
CONFIG = TREND / "jisheng.toml"
COMMON = ("--config", str(CONFIG), "--as-of", "2026-11-22")
SECTIONS = ("headline", "funnels", "trends", "yoy", "quality")
HTML_LANG = {"zh": "zh-CN", "en": "en"}
A4 = (595.28, 841.89)  # 210 × 297 mm in points
PX_TOLERANCE = 0.5
T = TypeVar("T")
FOUR_LIMITS = (("0.95", "low"), ("0.95", "high"), ("0.998", "low"), ("0.998", "high"))


@dataclass(frozen=True)
class Page:
    lang: str
    shot: Rendered
    root: Element

    @property
    def charts(self) -> list[Chart]:
        return charts(self.root)


def once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], T]) -> T:
    """`build(directory)` made once a session, however many xdist workers (and module
    setups: tests of one language spread over workers) ask: the workers share the parent
    of their base temporary directories, and a lock file there makes the others wait."""
    base = factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    done = root / f"{name}.pickle"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            work = root / name
            work.mkdir(exist_ok=True)
            done.write_bytes(pickle.dumps(build(work)))
        loaded: T = pickle.loads(done.read_bytes())
        return loaded


def build_page(lang: str, work: Path) -> Rendered:
    (work / "tmp").mkdir(exist_ok=True)  # -o writes into a directory that exists
    run = run_cli(("report", *INPUTS, "--by", "township", *COMMON, "--lang", lang,
                   "-o", "tmp/report.html"), work)
    assert run.code == 0, str(run)
    return render(work / "tmp" / "report.html")


def build_data(work: Path) -> list[dict[str, Any]]:
    run = run_cli(("indicators", *INPUTS, "--by", "township,village,year", *COMMON,
                   "--format", "json"), work)
    assert run.code == 0, str(run)
    rows: list[dict[str, Any]] = run.json()["rows"]
    return rows


@pytest.fixture(scope="module", params=["zh", "en"])
def page(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Page:
    if find_chromium() is None:
        pytest.fail(f"the browser test needs Chromium and found none: {INSTALL_HINT}")
    lang: str = request.param
    shot = once(tmp_path_factory, f"report-{lang}", partial(build_page, lang))
    return Page(lang, shot, parse(shot.dom))


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The rows the report is drawn from, by township, village and year, as JSON."""
    return once(tmp_path_factory, "indicators", build_data)


def report_settings() -> dict[str, Any]:
    """The sample config's [report] table, with docs/report.md's defaults."""
    table = tomllib.loads(CONFIG.read_text(encoding="utf-8")).get("report", {})
    return {"funnel_centre": "target", "funnel_limits": "exact", "overdispersion": False,
            **table}


def latest_year(rows: list[dict[str, Any]]) -> int:
    return max(r["year"] for r in rows if r["year"] is not None)


def funnel_units(rows: list[dict[str, Any]], indicator: str, level: str, year: int
                 ) -> list[tuple[float, float, float | None]]:
    """(k, n, value) of each unit a funnel is computed from: a sex ratio's n is boys +
    girls, and its value is None without girls (infinite on the 女=100 scale)."""
    out = []
    for r in rows:
        if (r["indicator"], r["group_level"], r["year"]) != (indicator, level, year):
            continue
        if r["numerator"] is None or r["denominator"] is None:
            continue
        k = float(r["numerator"])
        n = k + float(r["denominator"]) if funnel_kind(indicator) == "sex_ratio" else float(
            r["denominator"])
        if n > 0:
            out.append((k, n, r["value"]))
    return out


def min_trials() -> int:
    """The sample config's `min_denominator` (docs/indicators.md's default 20): fewer trials
    over all units draw no funnel (docs/report.md)."""
    table = tomllib.loads(CONFIG.read_text(encoding="utf-8")).get("definitions", {})
    return int(table.get("min_denominator", 20))


def draws_funnel(rows: list[dict[str, Any]], indicator: str, level: str, year: int) -> bool:
    """Two units or more, at least min_trials trials in all, and a centre strictly between
    0 and 1 (at 0 or 1 no limit exists)."""
    units = funnel_units(rows, indicator, level, year)
    if len(units) < 2 or sum(u[1] for u in units) < min_trials():
        return False
    return 0 < centre_of(rows, indicator, level, year) < 1


def expected_charts(rows: list[dict[str, Any]]) -> Counter[tuple[str, str, str]]:
    """A funnel per funnel-able indicator and level that draws one (draws_funnel) in the
    report's year (village, and township: the report runs --by township); a trend per
    indicator whose county value is known in two statistical years or more."""
    year = latest_year(rows)
    wanted: Counter[tuple[str, str, str]] = Counter()
    for ind in dict.fromkeys(r["indicator"] for r in rows):
        if funnel_kind(ind) is not None:
            for level in ("village", "township"):
                if draws_funnel(rows, ind, level, year):
                    wanted["funnel", ind, level] += 1
        years = {r["year"] for r in rows if r["indicator"] == ind and r["group_level"] == "total"
                 and r["year"] is not None and r["value"] is not None}
        if len(years) >= 2:
            wanted["trend", ind, "total"] += 1
    return wanted


# ----------------------------------------------------------------------- the page itself


def test_loads_without_console_problems_or_requests(page: Page) -> None:
    assert page.shot.problems == [], "\n".join(map(str, page.shot.problems))
    # Self-contained: the page's own file is the only request (no CDN, font or image).
    assert page.shot.requests == (page.shot.url,), page.shot.foreign_requests
    assert page.root.find_all("script") == []


def test_screenshot_is_a_1280_px_png_with_something_drawn(page: Page) -> None:
    png = read_png(page.shot.png)
    assert png.width == 1280
    assert png.height > 900  # the full page, taller than the viewport with four sections
    # Text in antialiased CJK and coloured marks give hundreds of colours; a blank or
    # unstyled page has one or a few.
    assert png.colours() >= 64
    assert png.commonest_share() < 0.98


def test_pdf_paginates_on_a4(page: Page) -> None:
    pages = pdf_pages(page.shot.pdf)
    boxes = pdf_media_boxes(page.shot.pdf)
    assert pages >= 2
    assert len(boxes) == pages
    # Chromium's default paper is US Letter (612 × 792): A4 comes from the print stylesheet.
    for width, height in boxes:
        assert abs(width - A4[0]) <= 1 and abs(height - A4[1]) <= 1, (width, height)


def test_html_lang_sections_and_labels(page: Page) -> None:
    html = page.root.find_all("html")
    assert [h.attrs.get("lang") for h in html] == [HTML_LANG[page.lang]]
    for name in SECTIONS:
        found = [s for s in page.root.find_all("section") if s.attrs.get("id") == name]
        assert len(found) == 1, f"section {name}: {len(found)}"
        headings = [h for tag in ("h1", "h2", "h3") for h in found[0].find_all(tag)]
        assert headings and headings[0].all_text().strip(), f"section {name} has no heading"
        assert headings[0].all_text().strip() in page.shot.text
    charted = {c.indicator for c in page.charts}
    missing = [REGISTRY[i].label(page.lang) for i in sorted(charted)
               if REGISTRY[i].label(page.lang) not in page.shot.text]
    assert charted and missing == []


# ---------------------------------------------------------------------------- the charts


def test_charts_per_indicator_are_what_the_data_calls_for(page: Page,
                                                         data: list[dict[str, Any]]) -> None:
    drawn = Counter((c.kind, c.indicator, c.level or "") for c in page.charts)
    assert drawn == expected_charts(data)
    year = latest_year(data)
    for chart in page.charts:
        if chart.kind == "funnel":
            assert chart.year == str(year), chart
            assert chart.level is not None
            # Every unit with a value is drawn; a sex ratio without girls cannot be.
            drawable = [u for u in funnel_units(data, chart.indicator, chart.level, year)
                        if u[2] is not None]
            assert len(chart.marks("circle", "unit")) == len(drawable), chart
    # A funnel-able indicator's level that draws none says why in a sentence instead.
    notes = {(p.attrs.get("data-indicator"), p.attrs.get("data-level"))
             for p in page.root.find_all("p", "no-funnel")}
    for ind in dict.fromkeys(r["indicator"] for r in data):
        for level in ("village", "township"):
            if funnel_kind(ind) is not None and not draws_funnel(data, ind, level, year):
                assert (ind, level) in notes, (ind, level)


def test_trend_points_are_the_county_values_by_year(page: Page,
                                                    data: list[dict[str, Any]]) -> None:
    trends = [c for c in page.charts if c.kind == "trend"]
    assert trends
    for chart in trends:
        ind = REGISTRY[chart.indicator]
        known = {r["year"]: r["value"] for r in data
                 if r["indicator"] == chart.indicator and r["group_level"] == "total"
                 and r["year"] is not None and r["value"] is not None}
        points = {int(p.attrs["data-year"]): float(p.attrs["data-value"])
                  for p in chart.marks("circle", "point")}
        assert set(points) == set(known), chart
        for year, value in points.items():
            # The point may carry the value as displayed: within half its last decimal.
            assert abs(value - known[year]) <= 0.5 * 10.0 ** -ind.decimals + 1e-9, (chart, year)


def spiegelhalter_limit(theta: float, n: int, coverage: float, side: str) -> float:
    """Spiegelhalter (2005) appendix A.1.1, worked independently of stats_funnel: the
    quantile q of Binomial(n, θ) interpolated between whole counts, as a proportion.
    r is the smallest count with F(r) ≥ q; a = (F(r) − q) ÷ (F(r) − F(r − 1));
    the limit is (r − a) ÷ n."""
    q = (1 - coverage) / 2 if side == "low" else 1 - (1 - coverage) / 2
    cdf = binom.cdf(np.arange(n + 1), n, theta)
    r = int(np.argmax(cdf >= q - 1e-12))
    below = cdf[r - 1] if r > 0 else 0.0
    a = (cdf[r] - q) / (cdf[r] - below)
    return min(max(float((r - a) / n), 0.0), 1.0)  # a proportion, as drawn


def wilson_limit(theta: float, n: int, coverage: float, side: str) -> float:
    z = float(norm.ppf(1 - (1 - coverage) / 2))
    half = z * math.sqrt(theta * (1 - theta) / n)
    return min(max(theta - half if side == "low" else theta + half, 0.0), 1.0)


def displayed(p: float, indicator: str) -> float:
    """A proportion in the indicator's unit: % or, for a sex ratio's male share, 女=100."""
    if funnel_kind(indicator) == "sex_ratio":
        return math.inf if p >= 1 else 100 * p / (1 - p)
    return 100 * p


def funnel_centre(rows: list[dict[str, Any]], chart: Chart) -> float:
    return centre_of(rows, chart.indicator, chart.level or "", int(chart.year or 0))


def centre_of(rows: list[dict[str, Any]], indicator: str, level: str, year: int) -> float:
    """θ as a proportion (docs/report.md "Centre"): the target (a range: its midpoint) of
    the county row of the year, else the overall rate Σk ÷ Σn of the units drawn."""
    units = funnel_units(rows, indicator, level, year)
    county = [r for r in rows if (r["indicator"], r["group_level"], r["year"])
              == (indicator, "total", year)]
    bounds = [county[0][k] for k in ("target_min", "target_max")
              if county and county[0][k] is not None]
    if report_settings()["funnel_centre"] == "target" and bounds:
        target = float(sum(bounds) / len(bounds))  # a range's midpoint, or the one bound
        sex_ratio = funnel_kind(indicator) == "sex_ratio"
        return float(target / (100 + target) if sex_ratio else target / 100)
    return sum(u[0] for u in units) / sum(u[1] for u in units)


def test_funnel_limits_are_spiegelhalters_at_their_vertices(page: Page,
                                                           data: list[dict[str, Any]]) -> None:
    settings = report_settings()
    assert not settings["overdispersion"], "limits widened by τ² are not checked here"
    limit = spiegelhalter_limit if settings["funnel_limits"] == "exact" else wilson_limit
    funnels = [c for c in page.charts if c.kind == "funnel"]
    assert funnels
    checked = 0
    for chart in funnels:
        axes, mine = chart.axes, 0
        theta = funnel_centre(data, chart)
        centre = chart.marks("line", "centre")
        assert len(centre) == 1, chart
        _, cy = axes.to_px(0.0, displayed(theta, chart.indicator))
        assert abs(float(centre[0].attrs["y1"]) - cy) <= PX_TOLERANCE, chart
        paths = chart.marks("path", "limit")
        assert 0 < theta < 1, chart  # at 0 or 1 there is no funnel (draws_funnel)
        kinds = [(p.attrs["data-coverage"], p.attrs["data-side"]) for p in paths]
        assert len(set(kinds)) == len(kinds) and set(kinds) <= set(FOUR_LIMITS), (chart, kinds)
        # A limit with no point inside the plot is left out (a sex ratio's upper limits
        # over a few births run to the thousands): then even at the largest unit's n, where
        # the limits are narrowest, it lies beyond the y axis.
        n_max = int(max(u[1] for u in funnel_units(data, chart.indicator, chart.level or "",
                                                   int(chart.year or 0))))
        for coverage_text, side in set(FOUR_LIMITS) - set(kinds):
            _, py = axes.to_px(n_max, displayed(limit(theta, n_max, float(coverage_text), side),
                                                chart.indicator))
            assert not axes.top + 1 < py < axes.bottom - 1, (chart, coverage_text, side, py)
        for path in paths:
            coverage, side = float(path.attrs["data-coverage"]), path.attrs["data-side"]
            # Vertices inside the plot, where a limit is drawn as computed (not clipped).
            inside = [(px, py) for px, py in path_vertices(path.attrs["d"])
                      if axes.top < py < axes.bottom and axes.to_data(px, py)[0] >= 5]
            picks = [inside[0], inside[len(inside) // 2], inside[-1]] if inside else []
            for px, py in sorted(set(picks)):
                n = round(axes.to_data(px, py)[0])
                want = displayed(limit(theta, n, coverage, side), chart.indicator)
                _, want_py = axes.to_px(n, want)
                assert abs(py - want_py) <= PX_TOLERANCE, (chart, coverage, side, n, py, want_py)
                checked += 1
                mine += 1
        # The trend sample's third-child ratio has units of n ≤ 3, all of whose limits lie
        # on the plot's edge or are left out; every other funnel has vertices inside.
        assert mine or n_max < 20, chart
    assert checked >= 12
