"""Intervals that do not overstate certainty (docs/indicators.md, "Intervals").

Survey proportions above village level: Clopper–Pearson at the Korn–Graubard effective
sample size; fewer than 5 checked villages → note few_clusters, never missed_significant;
Chao's log-normal interval for Chapman; a sex ratio without girls keeps its lower bound.
Reference values come from statsmodels (Clopper–Pearson = method "beta"), closed forms of
the Student quantile (1 and 2 df) and the published formulas.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import t as student_t
from statsmodels.stats.proportion import proportion_confint

from jisheng_cli.config import Definitions, Target
from jisheng_cli.groups import GroupTable
from jisheng_cli.indicators.evaluate import Aggregate, Extras, Value, all_formulas, evaluate_many
from jisheng_cli.indicators.targets import judge
from jisheng_cli.stats import (
    clopper_pearson_interval,
    cluster_proportion_interval,
    effective_sample_size,
)
from tests.clirun import run_cli
from tests.helpers import A, B, C, check_of, compute, evaluate_terms, row

Z = 1.959963984540054
T1 = math.tan(math.pi * (0.975 - 0.5))  # Student t, 1 df = Cauchy: 12.706204736174…
T2 = 0.95 * math.sqrt(2 / 0.0975)  # Student t, 2 df, closed form: 4.302652729749…
SRB = Target(min=103, max=107, source="srb_normal_range")


def _beta(x: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    low, high = proportion_confint(x, n, alpha=1 - confidence, method="beta")
    return float(low), float(high)


def _t(df: float) -> float:
    return float(student_t.ppf(0.975, df))


# --- Clopper–Pearson ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "n"),
    [(0, 1), (1, 1), (0, 144), (4, 53), (2, 27), (11, 155), (144, 144), (1549, 1562),
     (0.09976315368260266, 1.3218617862944853), (12.5, 85.1), (0.3, 0.7), (7.9, 7.9)],
)
@pytest.mark.parametrize("confidence", [0.90, 0.95, 0.99])
def test_clopper_pearson_matches_statsmodels(x: float, n: float, confidence: float) -> None:
    low, high = clopper_pearson_interval(x, n, confidence)
    ref_low, ref_high = _beta(x, n, confidence)
    assert low == pytest.approx(ref_low, abs=1e-12)
    assert high == pytest.approx(ref_high, abs=1e-12)


def test_clopper_pearson_closed_forms_and_edges() -> None:
    # x = 0: high = 1 − (α/2)^(1/n); x = n: low = (α/2)^(1/n). 0/144 → 2.5292%.
    low, high = clopper_pearson_interval(0, 144)
    assert low == 0.0
    assert high == pytest.approx(1 - 0.025 ** (1 / 144), abs=1e-13)
    assert 100 * high == pytest.approx(2.529188, abs=1e-6)
    low, high = clopper_pearson_interval(30.5, 30.5)
    assert high == 1.0 and low == pytest.approx(0.025 ** (1 / 30.5), abs=1e-13)
    lows, highs = clopper_pearson_interval(np.array([-1.0, 3.0, 1.0]), np.array([5.0, 2.0, 0.0]))
    assert np.isnan(lows).all() and np.isnan(highs).all()


@settings(max_examples=200, deadline=None)
# In use x*/n* = r ≥ 1/n for n pooled survey births, so shares below 1e-9 (a check of
# over 10⁹ births; boost's beta overflows near the subnormal range) are left out.
@given(n=st.floats(min_value=0.01, max_value=5000),
       share=st.one_of(st.just(0.0), st.floats(min_value=1e-9, max_value=1)))
def test_clopper_pearson_non_integer_matches_statsmodels(n: float, share: float) -> None:
    x = share * n
    low, high = clopper_pearson_interval(x, n)
    ref_low, ref_high = _beta(x, n)
    assert abs(low - ref_low) <= 1e-10 and abs(high - ref_high) <= 1e-10
    assert 0.0 <= low <= x / n <= high <= 1.0


# --- Korn–Graubard effective sample size --------------------------------------------


def test_township_of_two_agreeing_villages() -> None:
    # Villages 2/27 and 2/26: n = 53, r = 4/53 = 7.547%.
    #   residuals 2 − 27·4/53 = −2/53 and 2 − 26·4/53 = +2/53 → Σ = 8/53²
    #   v = 2/1 · (8/53²) / 53² = 16/53⁴;  r(1 − r) = 196/53²
    #   r(1 − r)/v = 196·53²/16 = 34410.25 → n* = min(53, 34410.25) = 53
    #   d = 1: n*_df = 53 · (t₅₂/t₁)² = 53 · (2.0066468/12.7062047)² = 1.32186…
    assert 196 * 53**2 / 16 == 34410.25
    assert _t(52) == pytest.approx(2.0066468, abs=1e-7)
    n_df = 53 * (_t(52) / T1) ** 2
    assert n_df == pytest.approx(1.3218618, abs=1e-7)
    assert effective_sample_size([2, 2], [27, 26]) == pytest.approx(n_df, rel=1e-12)
    r, low, high = cluster_proportion_interval([2, 2], [27, 26])
    ref_low, ref_high = _beta(4 / 53 * n_df, n_df)
    assert r == 4 / 53
    assert low == pytest.approx(ref_low, abs=1e-12)
    assert high == pytest.approx(ref_high, abs=1e-12)
    assert 100 * high == pytest.approx(95.517, abs=1e-3)  # one df: almost no information
    # Wider than the pooled count allows: Clopper–Pearson 4/53 = [2.09, 18.21] and
    # Wilson 4/53 = [2.97, 17.86], the interval the old rule claimed to beat.
    assert low < 0.0209 and high > 0.1821


def test_all_zero_over_six_villages_is_not_a_point() -> None:
    # 0 of 144 in six villages: v = 0 → n* = 144; d = 5:
    #   n*_df = 144 · (t₁₄₃/t₅)² = 144 · (1.9766922/2.5705818)² = 85.1486…
    #   high = 1 − 0.025^(1/85.1486) = 4.2398% (Wilson on the pooled 0/144: 2.60%).
    t_sizes = [30, 25, 27, 22, 20, 20]
    n_df = 144 * (_t(143) / _t(5)) ** 2
    assert n_df == pytest.approx(85.14864, abs=1e-5)
    assert effective_sample_size([0] * 6, t_sizes) == pytest.approx(n_df, rel=1e-12)
    r, low, high = cluster_proportion_interval([0] * 6, t_sizes)
    assert (r, low) == (0.0, 0.0)
    assert high == pytest.approx(1 - 0.025 ** (1 / n_df), abs=1e-12)
    assert 100 * high == pytest.approx(4.23978, abs=1e-5)
    # Three villages (d = 2): n*_df = 144 · (1.9766922/4.3026527)² = 30.3926,
    # high = 1 − 0.025^(1/30.3926) = 11.43%.
    n3 = 144 * (_t(143) / T2) ** 2
    r, low, high = cluster_proportion_interval([0, 0, 0], [50, 50, 44])
    assert high == pytest.approx(1 - 0.025 ** (1 / n3), abs=1e-12)
    assert 100 * high == pytest.approx(11.4298, abs=1e-4)


def test_one_village_is_the_pooled_clopper_pearson() -> None:
    # One cluster: n* = n, no df adjustment (d = 0): Clopper–Pearson 2/27.
    assert effective_sample_size([2], [27]) == 27.0
    r, low, high = cluster_proportion_interval([2], [27])
    assert r == 2 / 27
    assert (low, high) == pytest.approx(_beta(2, 27), abs=1e-12)


def test_design_effect_shrinks_the_sample() -> None:
    # m = [10, 0], t = [10, 10]: r = 1/2, residuals ±5, v = 2 · 50/400 = 1/4,
    # n* = min(20, (1/4)/(1/4)) = 1; n*_df = (t₁₉/t₁)² = (2.0930241/12.7062047)².
    n_df = (_t(19) / T1) ** 2
    assert effective_sample_size([10, 0], [10, 10]) == pytest.approx(n_df, rel=1e-12)
    r, low, high = cluster_proportion_interval([10, 0], [10, 10])
    assert r == 0.5
    assert (low, high) == pytest.approx(_beta(0.5 * n_df, n_df), abs=1e-12)


def test_more_villages_than_births_is_capped_at_n() -> None:
    # Five villages, 3 births in all (four villages found nothing, one found 3):
    # r = 1/3, residuals 1 − 3/3 = 0 and 0 elsewhere → v = 0, n* = 3; d = 4 > n − 1 = 2,
    # so (t₂/t₄)² > 1 and n*_df would exceed the births: capped at n = 3.
    assert (T2 / _t(4)) ** 2 > 1
    assert effective_sample_size([1, 0, 0, 0, 0], [3, 0, 0, 0, 0]) == 3.0
    # One birth in two villages: t₀ undefined, n*_df = n* = 1.
    assert effective_sample_size([1, 0], [1, 0]) == 1.0


def test_ratio_above_one_is_not_a_proportion() -> None:
    # Under-reporting ÷ register births: 12 missed of 10 registered is 120%.
    assert math.isnan(effective_sample_size([7, 5], [5, 5]))
    r, low, high = cluster_proportion_interval([7, 5], [5, 5])
    assert r == 1.2 and math.isnan(low) and math.isnan(high)
    # (evaluate then uses cluster_ratio_interval(upper=inf): tests/indicators/test_stats.py)


@st.composite
def _villages(draw: st.DrawFn) -> tuple[list[int], list[int]]:
    t = draw(st.lists(st.integers(0, 60), min_size=1, max_size=12))
    m = [draw(st.integers(0, ti)) for ti in t]
    return m, t


@settings(max_examples=300, deadline=None)
@given(villages=_villages(), confidence=st.sampled_from([0.9, 0.95, 0.99]))
def test_cluster_proportion_never_narrower_than_the_pooled_count(
    villages: tuple[list[int], list[int]], confidence: float
) -> None:
    m, t = villages
    if sum(t) == 0:
        assert all(math.isnan(x) for x in cluster_proportion_interval(m, t, confidence))
        return
    r, low, high = cluster_proportion_interval(m, t, confidence)
    n_df = effective_sample_size(m, t, confidence)
    assert 0 < n_df <= sum(t)
    assert 0.0 <= low <= r <= high <= 1.0
    assert low < high  # never a point
    pooled_low, pooled_high = _beta(sum(m), sum(t), confidence)
    assert low <= pooled_low + 1e-12 and high >= pooled_high - 1e-12


# --- Chao's interval for Chapman: completeness notes (the interval: tests/indicators/test_stats.py)


def test_chapman_notes_throughevaluate_terms() -> None:
    on = {"survey_independent": True}
    v = evaluate_terms("registration_completeness",
                  {"sv_register": 30, "sv_survey": 0, "sv_matched_both": 0}, **on)
    # S = 0: N̂ = 30, completeness 30/30 = 100%, no interval.
    assert (v.value, v.low, v.high, v.note) == (100.0, None, None, "no_survey_births")
    v = evaluate_terms("registration_completeness",
                  {"sv_register": 50, "sv_survey": 60, "sv_matched_both": 50}, **on)
    # R = M: N̂ = 60, completeness 50/60 = 83.33%, v = 0.
    assert v.value == pytest.approx(500 / 6, abs=1e-12)
    assert (v.low, v.high, v.note) == (None, None, "chapman_variance_zero")
    v = evaluate_terms("registration_completeness",
                  {"sv_register": 40, "sv_survey": 20, "sv_matched_both": 15}, **on)
    assert v.note is None and v.low == pytest.approx(4000 / 69.504195, abs=1e-4)


# --- sex ratio without girls, and `small` ---------------------------------------------


def _sex_ratio(male: int, female: int, **definitions: object) -> Value:
    d = Definitions.model_validate(definitions)
    agg = Aggregate("village", "v", None, {"male": male, "female": female}, (0,))
    extras = Extras(village_terms=pd.DataFrame())
    (v,) = evaluate_many(all_formulas(d)["sex_ratio_at_birth"], [agg], d, extras,
                         GroupTable(True))
    return v


def test_sex_ratio_without_girls_is_flagged_on_its_lower_bound() -> None:
    # 25 boys, 0 girls: Wilson p_low at k = n = 25 is 25/(25 + z²), so the ratio's lower
    # bound is 100 · 25/z² = 2500/3.841459 = 650.794.
    v = _sex_ratio(25, 0)
    assert (v.numerator, v.denominator, v.value, v.high) == (25, 0, None, None)
    assert v.note == "no female births"
    assert v.low == pytest.approx(2500 / Z**2, abs=1e-9)
    assert v.low == pytest.approx(650.794, abs=1e-3)
    assert judge(v.value, v.low, v.high, SRB, v.note) == (None, "missed_significant")
    # 1 boy, 0 girls: lower bound 100/z² = 26.03, inside the range's reach: no status.
    one = _sex_ratio(1, 0)
    assert one.low == pytest.approx(100 / Z**2, abs=1e-9)
    assert judge(one.value, one.low, one.high, SRB, one.note) == (None, None)
    none = _sex_ratio(0, 0)
    assert (none.low, none.high, none.note) == (None, None, "no female births")


def test_sex_ratio_small_counts_the_girls() -> None:
    # min_denominator 20: 30 boys, 15 girls is small (15 < 20) though 45 births are not;
    # 5 boys, 20 girls is not small though 25 births are few.
    assert _sex_ratio(30, 15).note == "small"
    assert _sex_ratio(5, 20).note is None
    assert _sex_ratio(30, 15, min_denominator=15).note is None


def test_judge_few_clusters_is_at_most_missed() -> None:
    cap = Target(max=5)
    # Whole interval [5.74, 9.36] above the max 5: significant only with enough villages.
    gap, status = judge(7.55, 5.74, 9.36, cap)
    assert gap == pytest.approx(5 - 7.55) and status == "missed_significant"
    assert judge(7.55, 5.74, 9.36, cap, "few_clusters")[1] == "missed"
    assert judge(7.55, 5.74, 9.36, cap, "small; few_clusters")[1] == "missed"
    assert judge(7.55, 5.74, 9.36, cap, "small")[1] == "missed_significant"
    assert judge(3.0, 0.1, 9.0, cap, "few_clusters") == (2.0, "met")


# --- through the pipeline and the CLI -----------------------------------------------

D, E, F = "420525100203", "420525101202", "420525101203"


def _two_village_township(write_csv: Callable[..., Path]) -> list[Path]:
    # Township 420525100: village A registers 25, the check finds them and 2 more
    # (2/27 missed); village B registers 24, found with 2 more (2/26).
    register, found = check_of(((A, 25, 2), (B, 24, 2)))
    return [write_csv(register, name="register.csv"), write_csv(found, name="survey.csv")]


def test_two_checked_villages_through_the_pipeline(write_csv: Callable[..., Path]) -> None:
    reg, sv = _two_village_township(write_csv)
    out = compute([reg, f"survey:{sv}"], year="2023", by=["township"],
                  targets={"underreport_rate": {"max": 5}})
    r = row(out, "underreport_rate", "township", "420525100")
    assert (r["numerator"], r["denominator"]) == (4, 53)
    n_df = 53 * (_t(52) / T1) ** 2  # see test_township_of_two_agreeing_villages
    ref_low, ref_high = _beta(4 / 53 * n_df, n_df)
    assert r["ci_low"] == pytest.approx(100 * ref_low, abs=1e-9)
    assert r["ci_high"] == pytest.approx(100 * ref_high, abs=1e-9)
    # helpers.day dates the births 2023-01-01 … 2023-09-28, 92 days into statistical year
    # 2023: every row is also `partial` (docs/cli.md "The data's span").
    assert r["note"] == "few_clusters; partial" and r["status"] == "missed"
    # 0/49 unconfirmed over the same two villages: v = 0, n*_df = 49 · (t₄₈/t₁)²,
    # high = 1 − 0.025^(1/n*_df), not a point.
    u = row(out, "unconfirmed_rate", "township", "420525100")
    n0 = 49 * (_t(48) / T1) ** 2
    assert (u["ci_low"], u["note"]) == (0.0, "few_clusters; partial")
    assert u["ci_high"] == pytest.approx(100 * (1 - 0.025 ** (1 / n0)), abs=1e-9)


def test_one_checked_village_and_small_with_few_clusters(
    write_csv: Callable[..., Path],
) -> None:
    # One checked village, 2 missed of 15 found: pooled Clopper–Pearson 2/15, and the
    # denominator 15 < 20, so both notes, joined.
    register, found = check_of(((A, 13, 2),))
    out = compute([write_csv(register), f"survey:{write_csv(found)}"], year="2023",
                  by=["township"])
    r = row(out, "underreport_rate", "township", "420525100")
    assert (r["numerator"], r["denominator"]) == (2, 15)
    assert (r["ci_low"], r["ci_high"]) == pytest.approx(
        tuple(100 * b for b in _beta(2, 15)), abs=1e-9)
    assert r["note"] == "small; few_clusters; partial"  # partial: helpers.day's dates


def test_rate_above_100_keeps_the_student_t_interval(write_csv: Callable[..., Path]) -> None:
    # ÷ register births: A registers 2 and the check finds 5 more, B registers 3 and 4 more.
    # r = 9/5 = 180%: no proportion. Student t: residuals 5 − 1.8·2 = 1.4, 4 − 1.8·3 = −1.4,
    # v = 2/1 · 3.92/5² = 0.3136, √v = 0.56 → 1.8 ± t₁·0.56, clipped at 0 only.
    register, found = check_of(((A, 2, 5), (B, 3, 4)))
    out = compute([write_csv(register), f"survey:{write_csv(found)}"], year="2023",
                  definitions={"underreport_denominator": "reported_births"})
    r = row(out, "underreport_rate")
    assert (r["numerator"], r["denominator"]) == (9, 5)
    assert r["ci_low"] == 0.0
    assert r["ci_high"] == pytest.approx(100 * (1.8 + T1 * 0.56), abs=1e-9)
    assert r["note"] == "small; few_clusters; partial"  # partial: helpers.day's dates


def test_zero_of_144_over_six_villages(write_csv: Callable[..., Path]) -> None:
    villages = ((A, 30, 0), (B, 25, 0), (C, 27, 0), (D, 22, 0), (E, 20, 0), (F, 20, 0))
    register, found = check_of(villages)
    out = compute([write_csv(register), f"survey:{write_csv(found)}"], year="2023")
    u = row(out, "unconfirmed_rate")
    assert (u["numerator"], u["denominator"], u["value"]) == (0, 144, 0.0)
    # test_all_zero_over_six_villages_is_not_a_point: [0, 4.2398]; six villages, no
    # interval note; `partial` only, for helpers.day's births of 2023-01-01 … 2023-09-28.
    assert u["ci_low"] == 0.0
    assert u["ci_high"] == pytest.approx(4.23978, abs=1e-5)
    assert u["note"] == "partial"


def test_cli_json_two_checked_villages_are_never_significant(
    write_csv: Callable[..., Path], tmp_path: Path,
) -> None:
    reg, sv = _two_village_township(write_csv)
    cfg = tmp_path / "jisheng.toml"
    cfg.write_text('[targets]\nunderreport_rate = { max = 5 }\n', encoding="utf-8")
    run = run_cli(["indicators", str(reg), f"survey:{sv}", "--year", "2023", "--by",
                   "township", "--config", str(cfg), "--format", "json",
                   "--as-of", "2026-11-22"], cwd=tmp_path)
    assert run.code == 0, run
    rows = [r for r in run.json()["rows"] if r["indicator"] == "underreport_rate"]
    assert [(r["group_level"], r["group_code"]) for r in rows] == [
        ("total", None), ("township", "420525100")]
    for r in rows:
        # 4/53 = 7.55% > 5%: missed, and with two villages never missed_significant.
        assert r["value"] == pytest.approx(400 / 53)
        assert r["note"] == "few_clusters; partial"  # partial: helpers.day's dates
        assert r["status"] == "missed"
        assert r["ci_low"] < 2.09 and r["ci_high"] > 18.21  # wider than pooled 4/53
