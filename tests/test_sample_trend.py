"""The trend sample (sample_data/trend/: five statistical years of 远安县) gives the yearly
figures sample_data/README.md promises, recomputed with the csv module by make_trend.py's
reader and printed by `jisheng indicators --by year`; its 2012 funnel plots flag the
designed villages; and make_trend.py rewrites it byte for byte."""

from __future__ import annotations

import csv
import importlib
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binom

from jisheng_cli.config import ReportSettings
from jisheng_cli.figures import Funnel, funnel
from jisheng_cli.results import ResultRow
from jisheng_cli.stats_change import newcombe_interval, poisson_exact_test
from tests.clirun import Run, run_cli
from tests.helpers import ROOT

S = ROOT / "sample_data"
T = S / "trend"
FILES = ("births.csv", "population.csv")
ARGS = ("--format", "json", "--as-of", "2026-11-22", "--config", str(T / "jisheng.toml"))

# The county by statistical year of birth date, after 2 rejected rows a year and the one
# duplicate (2010) are removed:
# births, in policy, boys, girls, order >= 3, out of policy and order >= 3, population
EXPECTED = {
    2008: (1412, 1348, 764, 648, 17, 10, 201_300),
    2009: (1526, 1485, 820, 706, 15, 8, 200_600),
    2010: (1548, 1511, 822, 726, 12, 6, 199_800),
    2011: (1497, 1478, 783, 714, 8, 3, 198_900),
    2012: (1560, 1547, 803, 757, 6, 2, 197_900),
}
# The same as rounded rates: 符合率 %, 性别比 (女=100), 多孩率 %, 政策外多孩率 %, 出生率 ‰.
RATES = {
    2008: (95.47, 117.90, 1.20, 0.71, 7.01),  # 1348/1412 = 95.467; 764/648 = 117.901
    2009: (97.31, 116.15, 0.98, 0.52, 7.61),  # 1485/1526 = 97.313; 820/706 = 116.147
    2010: (97.61, 113.22, 0.78, 0.39, 7.75),  # 1511/1548 = 97.610; 822/726 = 113.223
    2011: (98.73, 109.66, 0.53, 0.20, 7.53),  # 1478/1497 = 98.731; 783/714 = 109.664
    2012: (99.17, 106.08, 0.38, 0.13, 7.88),  # 1547/1560 = 99.167; 803/757 = 106.077
}
# The 2012 villages built for the funnels (make_trend.DESIGNED).
POLICY_OUTLIER = "420525100214"  # 东庙村: 21 of 30 in policy = 70.00%
SEX_RATIO_OUTLIER = "420525104001"  # 茅坪场社区: 30 boys, 8 girls = 375.00
SMALL = "420525105210"  # 沙河村: 3 of 5 in policy = 60.00%


def _module(name: str) -> ModuleType:
    if str(S) not in sys.path:
        sys.path.insert(0, str(S))
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def make_trend() -> ModuleType:
    return _module("make_trend")


def _run(tmp: Path, by: str) -> Run:
    run = run_cli(("indicators", *(str(T / f) for f in FILES), "--by", by, *ARGS), tmp)
    assert run.code == 0, run
    return run


@pytest.fixture(scope="module")
def by_year(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _run(tmp_path_factory.mktemp("trend_year"), "year").json()


@pytest.fixture(scope="module")
def by_village(tmp_path_factory: pytest.TempPathFactory) -> list[ResultRow]:
    doc = _run(tmp_path_factory.mktemp("trend_village"), "village,year").json()
    return [ResultRow(**r) for r in doc["rows"]]


def _total(doc: Any, indicator: str, year: int) -> dict[str, Any]:
    (row,) = [r for r in doc["rows"] if r["group_level"] == "total"
              and r["indicator"] == indicator and r["year"] == year]
    return row


def test_regenerating_writes_the_same_bytes(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(S / "make_trend.py"), str(tmp_path)], check=True,
                   capture_output=True, cwd=ROOT)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (T / name).read_bytes(), name


def test_the_recomputed_figures_are_the_designed_ones(make_trend: ModuleType) -> None:
    figures = make_trend.yearly_figures(T)
    keys = ("births", "in_policy", "boys", "girls", "multichild", "out_multichild",
            "population")
    assert {y: tuple(f[k] for k in keys) for y, f in figures.items()} == EXPECTED
    _births, rejected, duplicates = make_trend.read_births(T / "births.csv")
    assert (rejected, duplicates) == (10, 1)  # two rejected rows in each of five years


def test_jisheng_prints_the_recomputed_figures_each_year(make_trend: ModuleType,
                                                         by_year: Any) -> None:
    figures = make_trend.yearly_figures(T)
    for year, f in figures.items():
        def num_den(ind: str, year: int = year) -> tuple[Any, Any]:
            row = _total(by_year, ind, year)
            assert row["note"] is None, (ind, year)  # every year is whole: no `partial`
            return row["numerator"], row["denominator"]

        assert _total(by_year, "births_total", year)["value"] == f["births"]
        assert _total(by_year, "births_male", year)["value"] == f["boys"]
        assert _total(by_year, "births_female", year)["value"] == f["girls"]
        assert num_den("policy_conformance_rate") == (f["in_policy"], f["births"])
        assert num_den("sex_ratio_at_birth") == (f["boys"], f["girls"])
        assert num_den("multichild_rate") == (f["multichild"], f["births"])
        assert num_den("out_of_policy_multichild_rate") == (f["out_multichild"], f["births"])
        assert num_den("crude_birth_rate") == (f["births"], f["population"])
        values = tuple(round(_total(by_year, ind, year)["value"], 2) for ind in (
            "policy_conformance_rate", "sex_ratio_at_birth", "multichild_rate",
            "out_of_policy_multichild_rate", "crude_birth_rate"))
        assert values == RATES[year], year


def test_rows_are_accounted_for(by_year: Any) -> None:
    births, population = by_year["inputs"]
    # 7,555 rows read = 7,543 used (1412 + 1526 + 1548 + 1497 + 1560) + 10 rejected
    # + 1 duplicate + the 合计 row; the data run 2007-10-01 .. 2012-09-30
    assert (births["rows_read"], births["rows_used"], births["rows_rejected"],
            births["rows_duplicate"], births["rows_skipped_blank"]) == (7555, 7543, 10, 1, 1)
    assert (births["first_date"], births["last_date"]) == ("2007-10-01", "2012-09-30")
    assert (population["rows_read"], population["rows_used"]) == (117 * 5, 117 * 5)


def test_targets_tell_the_story(by_year: Any) -> None:
    # 政策外多孩率 ≤ 0.5%: missed in 2008 (0.71) and 2009 (0.52), met from 2010 (0.39);
    # 性别比 103–107: missed until 2011 (109.66), met in 2012 (106.08)
    status = {y: (_total(by_year, "out_of_policy_multichild_rate", y)["status"],
                  _total(by_year, "sex_ratio_at_birth", y)["status"]) for y in EXPECTED}
    assert status == {2008: ("missed", "missed"), 2009: ("missed", "missed"),
                      2010: ("met", "missed"), 2011: ("met", "missed"), 2012: ("met", "met")}
    assert all(_total(by_year, "policy_conformance_rate", y)["status"] == "met"
               for y in EXPECTED)  # ≥ 92% every year


def test_some_year_to_year_changes_are_significant_and_some_not() -> None:
    sig: dict[str, list[bool]] = {"policy": [], "sex_ratio": [], "births": []}
    for year in range(2009, 2013):
        (n1, k1, b1, *_), (n2, k2, b2, *_) = EXPECTED[year], EXPECTED[year - 1]
        low, high = newcombe_interval(k1, n1, k2, n2)
        sig["policy"].append(not low <= 0 <= high)
        low, high = newcombe_interval(b1, n1, b2, n2)  # the male shares
        sig["sex_ratio"].append(not low <= 0 <= high)
        sig["births"].append(poisson_exact_test(n1, 1, n2, 1) < 0.05)
    # 符合率 +1.85 points 2009 (z ≈ 1.85 / 0.69 = 2.7) and +1.12 in 2011 (z ≈ 2.3); +0.30
    # in 2010 and +0.44 in 2012 are chance. 出生人数 1412 → 1526: z ≈ 114 / √2938 = 2.1.
    # The sex ratio's yearly steps move the male share by under a point (SE ≈ 1.8 points).
    assert sig == {"policy": [True, False, True, False],
                   "sex_ratio": [False, False, False, False],
                   "births": [True, False, False, False]}


def _funnel(rows: list[ResultRow], indicator: str) -> Funnel:
    (overall,) = [r for r in rows if r.group_level == "total" and r.year == 2012
                  and r.indicator == indicator]
    f = funnel(rows, indicator, "village", 2012, ReportSettings(), overall)
    assert isinstance(f, Funnel)
    return f


def test_the_2012_funnels_flag_the_designed_villages(by_village: list[ResultRow]) -> None:
    policy = _funnel(by_village, "policy_conformance_rate")
    assert (policy.centre, policy.centre_rule, policy.method) == (92.0, "target", "exact")
    assert len(policy.units) == 117
    # 21/30 = 70%: P(X ≤ 21 | Binomial(30, 0.92)) = 0.0004 < 0.001
    assert [(u.code, u.k, u.n) for u in policy.flagged] == [(POLICY_OUTLIER, 21, 30)]
    # 3/5 = 60%, the lowest in a league table, yet P(X ≤ 3 | 5, 0.92) = 0.054 > 0.025
    small = next(u for u in policy.units if u.code == SMALL)
    assert (small.k, small.n, small.value) == (3, 5, 60.0)
    assert small.value == min(u.value for u in policy.units)
    assert (small.outside95, small.outside998) == (0, 0)

    srb = _funnel(by_village, "sex_ratio_at_birth")
    # centre 105 = the midpoint of 103–107, male share 105/205; 30/38 boys:
    # P(X ≥ 30 | Binomial(38, 0.5122)) = 0.0004 < 0.001
    assert (srb.centre, srb.centre_rule, srb.band) == (105.0, "target_midpoint", (103.0, 107.0))
    assert [(u.code, u.k, u.n, u.value) for u in srb.flagged] == [
        (SEX_RATIO_OUTLIER, 30, 38, 375.0)]
    assert SMALL not in {u.code for u in srb.flagged}


@st.composite
def _plans(draw: st.DrawFn) -> tuple[int, int, int, int, int, int]:
    n = draw(st.integers(1, 60))
    in_policy = draw(st.integers(0, n))
    out = n - in_policy
    out_multi = draw(st.integers(0, out))
    out_first = draw(st.integers(0, out - out_multi))
    multichild = out_multi + draw(st.integers(0, in_policy))
    return n, in_policy, draw(st.integers(0, n)), multichild, out_multi, out_first


@given(_plans(), st.integers(0, 2**32))
def test_a_year_of_births_has_exactly_the_counts_asked(
        plan: tuple[int, int, int, int, int, int], seed: int) -> None:
    n, in_policy, boys, multichild, out_multi, out_first = plan
    births = _module("make_trend").combos(random.Random(seed), *plan)
    assert len(births) == n
    assert sum(p for _, p, _ in births) == in_policy
    assert sum(m for _, _, m in births) == boys
    assert sum(o >= 3 for o, _, _ in births) == multichild
    assert sum(o >= 3 and not p for o, p, _ in births) == out_multi
    assert sum(o == 1 and not p for o, p, _ in births) == out_first


@given(st.integers(1, 60), st.data(), st.floats(0.01, 0.99))
def test_the_stdlib_binomial_tail_agrees_with_scipy(n: int, data: st.DataObject,
                                                    p: float) -> None:
    k = data.draw(st.integers(0, n))
    assert _module("make_trend").binom_cdf(k, n, p) == pytest.approx(binom.cdf(k, n, p),
                                                                      rel=1e-9, abs=1e-12)


def test_same_county_and_villages_as_the_main_sample() -> None:
    def villages(path: Path, code: int, name: int, skip: int) -> set[tuple[str, str]]:
        with path.open(encoding="gb18030", newline="") as fh:
            return {(r[code], r[name]) for r in list(csv.reader(fh))[skip:] if r[0] != "合计"}

    main = villages(S / "births.csv", 1, 3, 2) - {("", "")}
    assert len(main) == 117
    assert villages(T / "births.csv", 1, 3, 2) == main
    assert villages(T / "population.csv", 0, 1, 1) == main
