"""Chart data (figures): which rows a funnel takes, its centre, band and flagged units, and the
trends by year, on result rows built by hand."""

from __future__ import annotations

import pytest
from scipy.stats import binom

from jisheng_cli.config import ReportSettings
from jisheng_cli.figures import (
    NO_FUNNEL_CLUSTER,
    NO_FUNNEL_NO_SPREAD,
    NO_FUNNEL_NO_UNITS,
    NO_FUNNEL_NOT_PROPORTION,
    Funnel,
    NoFunnel,
    funnel,
    trends,
)
from jisheng_cli.results import ResultRow


def _row(indicator: str, level: str, code: str | None, k: int, n: int, year: int | None = 2012,
         unit: str = "%", tmin: float | None = None, tmax: float | None = None) -> ResultRow:
    value = 100.0 * k / n
    return ResultRow(level, code, f"村{code}" if code else "合计", year, indicator, k, n, value,
                     unit, target_min=tmin, target_max=tmax, target_source="test" if tmin or tmax
                     else None)


def _villages(indicator: str, pairs: list[tuple[int, int]], year: int = 2012,
              unit: str = "%") -> list[ResultRow]:
    return [_row(indicator, "village", f"42052510{i:04d}", k, n, year, unit)
            for i, (k, n) in enumerate(pairs)]


PAIRS = [(100, 100), (190, 200), (23, 30), (45, 50), (9, 10)]


def test_centre_at_a_minimum_target_flags_only_units_below() -> None:
    rows = _villages("policy_conformance_rate", PAIRS)
    total = _row("policy_conformance_rate", "total", None, 367, 390, tmin=92.0)
    f = funnel(rows, "policy_conformance_rate", "village", 2012, ReportSettings(), total)
    assert isinstance(f, Funnel)
    assert f.centre == 92.0 and f.centre_rule == "target" and f.theta == pytest.approx(0.92)
    assert f.concern == -1 and f.band is None
    by_code = {u.code: u for u in f.units}
    # 23 of 30 under θ = 0.92: P(X ≤ 23) = 0.0082 (below 0.025, above 0.001).
    assert binom.cdf(23, 30, 0.92) == pytest.approx(0.00825, abs=1e-4)
    third = by_code["420525100002"]
    assert (third.outside95, third.outside998) == (-1, 0)
    assert third.value == pytest.approx(100 * 23 / 30)
    # 100 of 100: P(X ≥ 100) = 0.92¹⁰⁰ = 2.4e-4 < 0.001: above the limits, but above a
    # minimum target is not a concern, so it is not named.
    assert 0.92**100 < 0.001
    assert by_code["420525100000"].outside998 == 1
    assert f.flagged == ()


def test_centre_overall_and_its_flagged_units() -> None:
    rows = _villages("policy_conformance_rate", [(95, 100), (96, 100), (60, 100), (97, 100)])
    f = funnel(rows, "policy_conformance_rate", "village", 2012,
               ReportSettings(funnel_centre="overall"))
    assert isinstance(f, Funnel)
    # Σk ÷ Σn = 348 ÷ 400 = 0.87.
    assert f.theta == pytest.approx(0.87) and f.centre == pytest.approx(87.0)
    assert f.centre_rule == "overall" and f.concern == 0
    # 60 of 100 under 0.87: far in the lower tail; 97 of 100: P(X ≥ 97) under 0.87.
    assert binom.cdf(60, 100, 0.87) < 0.001
    assert [u.code for u in f.flagged] == ["420525100002"] + (
        ["420525100003"] if binom.sf(96, 100, 0.87) < 0.001 else [])


def test_a_range_target_is_a_band_around_its_midpoint_on_the_male_share() -> None:
    # Sex ratios: numerator boys, denominator girls; n = boys + girls.
    rows = [ResultRow("village", f"42052510000{i}", f"村{i}", 2012, "sex_ratio_at_birth", b, g,
                      100 * b / g, "女=100") for i, (b, g) in enumerate([(60, 50), (52, 50),
                                                                          (150, 50)])]
    total = ResultRow("total", None, "合计", 2012, "sex_ratio_at_birth", 262, 150,
                      100 * 262 / 150, "女=100", target_min=103.0, target_max=107.0)
    f = funnel(rows, "sex_ratio_at_birth", "village", 2012, ReportSettings(), total)
    assert isinstance(f, Funnel)
    # Midpoint 105 → male share 105 ÷ 205.
    assert f.centre == 105.0 and f.centre_rule == "target_midpoint"
    assert f.band == (103.0, 107.0) and f.theta == pytest.approx(105 / 205)
    assert [u.n for u in f.units] == [110, 102, 200]
    assert f.units[0].value == pytest.approx(120.0)
    # 150 boys of 200 under θ = 0.5122: far above.
    assert binom.sf(149, 200, 105 / 205) < 0.001
    assert [u.code for u in f.flagged] == ["420525100002"]
    # Limits are drawn as ratios: at n = 200 the centre's ratio lies between them.
    lo95, hi95, lo998, hi998 = f.limits_at(200)
    assert lo998 < lo95 < 105.0 < hi95 < hi998


def test_limits_at_follow_the_drawn_curve() -> None:
    rows = _villages("policy_conformance_rate", PAIRS)
    f = funnel(rows, "policy_conformance_rate", "village", 2012,
               ReportSettings(funnel_limits="wilson", funnel_centre="overall"))
    assert isinstance(f, Funnel)
    theta = 367 / 390
    half = 1.959964 * (theta * (1 - theta) / 50) ** 0.5
    lo95, hi95, _, _ = f.limits_at(50)
    assert lo95 == pytest.approx(100 * (theta - half), abs=1e-4)
    assert hi95 == 100.0  # θ + half = 1.0063: clipped to 100%
    curve = f.curve
    assert curve.n[0] == 1.0 and curve.n[-1] >= 200
    assert list(curve.n) == sorted(curve.n)
    i = curve.n.index(next(x for x in curve.n if x >= 50))
    assert curve.low95[i] == pytest.approx(f.limits_at(curve.n[i])[0])


def test_overdispersion_is_reported_and_widens_the_limits() -> None:
    pairs = [(50, 100), (60, 100), (40, 100), (70, 100), (30, 100)]
    rows = _villages("second_birth_rate", pairs)
    plain = funnel(rows, "second_birth_rate", "village", 2012,
                   ReportSettings(funnel_centre="overall"))
    wide = funnel(rows, "second_birth_rate", "village", 2012,
                  ReportSettings(funnel_centre="overall", overdispersion=True))
    assert isinstance(plain, Funnel) and isinstance(wide, Funnel)
    assert plain.dispersion is None
    # By hand in test_funnel_stats: τ² = 0.0153 for these units around 0.5.
    assert wide.dispersion is not None and wide.dispersion.tau2 == pytest.approx(0.0153)
    assert wide.method == "normal"
    assert len(wide.flagged) < len(plain.flagged)


def test_no_funnel_and_why() -> None:
    rows = _villages("policy_conformance_rate", [(9, 10)])
    one = funnel(rows, "policy_conformance_rate", "village", 2012, ReportSettings())
    assert one == NoFunnel("policy_conformance_rate", "village", NO_FUNNEL_NO_UNITS)
    tiny = _villages("multichild_rate", [(1, 2), (1, 3)])
    assert funnel(tiny, "multichild_rate", "village", 2012, ReportSettings()).reason == (
        NO_FUNNEL_NO_UNITS)  # 5 trials < min_denominator 20
    assert isinstance(funnel(tiny, "multichild_rate", "village", 2012, ReportSettings(),
                             min_trials=5), Funnel)
    none = _villages("duplicate_rate", [(0, 50), (0, 60)])
    assert funnel(none, "duplicate_rate", "village", 2012, ReportSettings(
        funnel_centre="overall")).reason == NO_FUNNEL_NO_SPREAD  # θ = 0 ÷ 110
    assert funnel([], "underreport_rate", "village", 2012, ReportSettings()).reason == (
        NO_FUNNEL_CLUSTER)
    assert funnel([], "births_total", "village", 2012, ReportSettings()).reason == (
        NO_FUNNEL_NOT_PROPORTION)
    assert funnel([], "crude_birth_rate", "village", 2012, ReportSettings()).reason == (
        NO_FUNNEL_NOT_PROPORTION)


def test_a_funnel_takes_only_its_level_and_year() -> None:
    rows = (_villages("policy_conformance_rate", PAIRS)
            + _villages("policy_conformance_rate", [(1, 50), (2, 50)], year=2011)
            + [_row("policy_conformance_rate", "township", "420525100", 10, 20)])
    f = funnel(rows, "policy_conformance_rate", "village", 2012, ReportSettings())
    assert isinstance(f, Funnel) and len(f.units) == 5


def test_trends_by_year_with_the_latest_target() -> None:
    rows = [_row("policy_conformance_rate", "total", None, k, n, year, tmin=92.0)
            for year, k, n in [(2012, 99, 100), (2010, 90, 100), (2011, 95, 100)]]
    rows.append(_row("policy_conformance_rate", "total", None, 1, 2, None))  # the whole period
    rows.append(_row("policy_conformance_rate", "village", "420525100000", 1, 2, 2012))
    (t,) = trends(rows, ["policy_conformance_rate", "births_total"])
    assert [p.year for p in t.points] == [2010, 2011, 2012]
    assert [p.value for p in t.points] == [90.0, 95.0, 99.0]
    assert t.target_min == 92.0 and t.target_max is None and t.group_level == "total"
