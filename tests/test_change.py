"""change: the one definition of a change between statistical years, and its sentence
(docs/report.md "同比")."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats import rates as sm_rates
from statsmodels.stats.proportion import confint_proportions_2indep

from jisheng_cli.change import NO_CHANGE, Change, attach_changes, change_between, printed_change
from jisheng_cli.messages.change import CHANGE_WORDS, change_sentence, change_words
from jisheng_cli.results import ResultRow

UNITS = {"policy_conformance_rate": "%", "sex_ratio_at_birth": "女=100", "births_total": "count",
         "crude_birth_rate": "‰", "fee_assessed_amount": "yuan", "underreport_rate": "%",
         "fee_collection_rate": "%", "births_per_abortion": "1:x"}


def rate(indicator: str, k: int, n: int, year: int = 2012, per: int = 100,
         level: str = "total", code: str | None = None) -> ResultRow:
    """A row of k ÷ n × per, with its exact value, as assemble makes it."""
    exact = Fraction(k * per, n)
    return ResultRow(level, code, None, year, indicator, k, n, float(exact),
                     UNITS[indicator], exact_value=exact)


def count(indicator: str, x: int, year: int = 2012) -> ResultRow:
    return ResultRow("total", None, None, year, indicator, x, None, x, "count",
                     exact_value=Fraction(x))


def ref_newcombe(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float]:
    low, high = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff")
    return float(low), float(high)


# --------------------------------------------------------------------------- kinds


def test_a_proportion_significant() -> None:
    # 9917/10000 = 99.17%, 9882/10000 = 98.82%: change 0.35 points exactly (Fractions);
    # Newcombe on the pairs, in points: statsmodels (0.000733, 0.006311) × 100.
    c = change_between(rate("policy_conformance_rate", 9917, 10000),
                       rate("policy_conformance_rate", 9882, 10000, 2011), 0.95)
    assert c.previous == pytest.approx(98.82, abs=1e-12)
    assert c.change == pytest.approx(0.35, abs=1e-15)
    low, high = ref_newcombe(9917, 10000, 9882, 10000)
    assert c.ci_low == pytest.approx(low * 100, rel=1e-10)
    assert c.ci_high == pytest.approx(high * 100, rel=1e-10)
    assert 0.07 < c.ci_low < 0.08 and 0.63 < c.ci_high < 0.64
    assert (c.significant, c.method) == (True, "newcombe")


def test_a_proportion_not_significant() -> None:
    # 45/50 = 90% against 40/50 = 80%: +10 points, interval (−4.34, 24.21): holds 0.
    c = change_between(rate("policy_conformance_rate", 45, 50),
                       rate("policy_conformance_rate", 40, 50, 2011), 0.95)
    assert c.change == 10.0
    assert c.ci_low == pytest.approx(-4.343178591209204, rel=1e-10)
    assert c.ci_high == pytest.approx(24.209715781408725, rel=1e-10)
    assert c.significant is False


def test_a_sex_ratio_is_judged_by_its_male_shares() -> None:
    # 5400 boys, 4600 girls: 117.391…; 5000/5000: 100; change 17.3913 (= 40000/2300).
    # Male shares 0.54 and 0.50 of 10 000: Newcombe (0.0262, 0.0538) excludes 0.
    cur = rate("sex_ratio_at_birth", 5400, 4600)
    c = change_between(cur, rate("sex_ratio_at_birth", 5000, 5000, 2011), 0.95)
    assert c.change == pytest.approx(40000 / 2300, rel=1e-12)
    assert ref_newcombe(5400, 10000, 5000, 10000)[0] > 0
    assert (c.ci_low, c.ci_high) == (None, None)  # an interval of shares, not of the ratio
    assert (c.significant, c.method) == (True, "newcombe")
    # 520/480 against 500/500: shares 0.52 and 0.50 of 1000, interval (−0.024, 0.064).
    c = change_between(rate("sex_ratio_at_birth", 520, 480),
                       rate("sex_ratio_at_birth", 500, 500, 2011), 0.95)
    assert c.change == pytest.approx(52000 / 480 - 100, rel=1e-12)
    assert c.significant is False


def test_a_count_by_the_exact_poisson_test() -> None:
    # 10 against 2: p = 158/4096 = 0.0386 < 0.05; 5 against 3: p = 186/256 = 0.727.
    c = change_between(count("births_total", 10), count("births_total", 2, 2011), 0.95)
    assert c == Change(2, 8, None, None, True, "poisson_exact")
    assert isinstance(c.change, int)
    c = change_between(count("births_total", 5), count("births_total", 3, 2011), 0.95)
    assert c == Change(3, 2, None, None, False, "poisson_exact")
    # At 99% confidence 0.0386 is no longer below 1 − 0.99.
    c = change_between(count("births_total", 10), count("births_total", 2, 2011), 0.99)
    assert c.significant is False


def test_a_per_mille_rate_with_its_population_as_exposure() -> None:
    # 30 births in 2000 people (15‰) against 10 in 2000 (5‰): +10 ‰ points; p = 0.0022.
    cur = rate("crude_birth_rate", 30, 2000, per=1000)
    c = change_between(cur, rate("crude_birth_rate", 10, 2000, 2011, per=1000), 0.95)
    ref = sm_rates.test_poisson_2indep(30, 2000, 10, 2000, method="exact-cond").pvalue
    assert ref < 0.05
    assert c == Change(5.0, 10.0, None, None, True, "poisson_exact")
    # 12 against 10 in 2000 (6‰ against 5‰): p = 0.83.
    c = change_between(rate("crude_birth_rate", 12, 2000, per=1000),
                       rate("crude_birth_rate", 10, 2000, 2011, per=1000), 0.95)
    assert c == Change(5.0, 1.0, None, None, False, "poisson_exact")


@pytest.mark.parametrize("indicator", ["fee_assessed_amount", "underreport_rate",
                                       "fee_collection_rate", "births_per_abortion"])
def test_the_rest_get_the_change_alone(indicator: str) -> None:
    # An amount, a cluster rate, a % without a binomial interval, a 1:x ratio: 3/4 − 1/4.
    c = change_between(rate(indicator, 3, 4, per=1), rate(indicator, 1, 4, 2011, per=1), 0.95)
    assert c == Change(0.25, 0.5, None, None, None, None)


def test_no_previous_or_no_value() -> None:
    cur = rate("policy_conformance_rate", 9, 10)
    assert change_between(cur, None, 0.95) == NO_CHANGE
    empty = ResultRow("total", None, None, 2011, "policy_conformance_rate", 0, 0, None, "%")
    assert change_between(cur, empty, 0.95) == Change(None, None, None, None, None, None)
    assert change_between(empty, cur, 0.95) == Change(90.0, None, None, None, None, None)


def test_two_equal_rates_differ_by_exactly_zero() -> None:
    # 1/3 and 2/6: the floats are equal here, but 33.333… from two Fractions is exactly 0.
    c = change_between(rate("policy_conformance_rate", 2, 6),
                       rate("policy_conformance_rate", 1, 3, 2011), 0.95)
    assert c.change == 0.0 and c.significant is False


def test_attach_changes_pairs_the_same_group_a_year_apart() -> None:
    rows = [
        rate("policy_conformance_rate", 45, 50, 2012),
        rate("policy_conformance_rate", 40, 50, 2011),
        rate("policy_conformance_rate", 9, 10, 2012, level="village", code="420525100201"),
        rate("policy_conformance_rate", 7, 10, 2011, level="village", code="420525100201"),
        rate("policy_conformance_rate", 5, 10, 2010, level="village", code="420525100202"),
    ]
    attach_changes(rows, 0.95)
    total, total_before, village, village_before, other = rows
    assert (total.previous, total.change) == (80.0, 10.0)
    assert total.exact_previous == Fraction(80)
    assert village.previous == 70.0 and village.change == pytest.approx(20.0, abs=1e-12)
    low, high = ref_newcombe(9, 10, 7, 10)
    assert (village.change_ci_low, village.change_ci_high) == (
        pytest.approx(low * 100), pytest.approx(high * 100))
    assert village.change_significant is False and village.change_method == "newcombe"
    for first in (total_before, village_before, other):  # nothing a year before them
        assert (first.previous, first.change, first.change_significant) == (None, None, None)


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 4))
def test_printed_change_is_within_a_unit_of_the_last_decimal(a: int, b: int,
                                                             decimals: int) -> None:
    # Thousandths rounded at `decimals`: the difference of the printed values and the
    # exact difference differ by less than one unit of the last printed decimal.
    x, y = Fraction(a, 1000), Fraction(b, 1000)
    printed = printed_change(x, y, decimals)
    assert printed is not None
    assert abs(Fraction(printed) - (x - y)) < Fraction(1, 10**decimals)


def test_printed_change_follows_the_printed_values() -> None:
    # 99.174 prints 99.17 and 98.825 prints 98.83: the change reads 0.34 next to them,
    # though the unrounded one (0.349) would round to 0.35.
    assert printed_change(Fraction(99174, 1000), Fraction(98825, 1000), 2) == Decimal("0.34")
    assert printed_change(None, Fraction(1), 2) is None


# --------------------------------------------------------------------------- sentences


def sentence(cur: ResultRow, before: ResultRow, lang: str = "zh") -> str:
    rows = [cur, before]
    attach_changes(rows, 0.95)
    c = Change(cur.previous, cur.change, cur.change_ci_low, cur.change_ci_high,
               cur.change_significant, cur.change_method)
    return change_sentence(cur.indicator, cur, c, lang)


def test_sentence_of_a_rise_in_points() -> None:
    cur = rate("policy_conformance_rate", 9917, 10000)
    before = rate("policy_conformance_rate", 9882, 10000, 2011)
    assert sentence(cur, before) == (
        "出生政策符合率 99.17%,比上年提高 0.35 个百分点(差异有统计学意义)")
    assert sentence(cur, before, "en") == (
        "Policy conformance rate 99.17%, up 0.35 points on the previous year (significant)")


def test_sentence_of_a_fall_and_of_no_change() -> None:
    cur = rate("policy_conformance_rate", 40, 50)
    before = rate("policy_conformance_rate", 45, 50, 2011)
    assert sentence(cur, before) == (
        "出生政策符合率 80.00%,比上年下降 10.00 个百分点(差异无统计学意义)")
    same = rate("policy_conformance_rate", 9917, 10000)
    same_before = rate("policy_conformance_rate", 99174, 100000, 2011)  # 99.174: prints 99.17
    assert sentence(same, same_before) == "出生政策符合率 99.17%,与上年持平(差异无统计学意义)"
    assert sentence(same, same_before, "en") == (
        "Policy conformance rate 99.17%, unchanged on the previous year (not significant)")


def test_sentence_of_a_count() -> None:
    # 1562 against 1850: −288 cases; p ≈ 9e-7.
    cur, before = count("births_total", 1562), count("births_total", 1850, 2011)
    assert sentence(cur, before) == "出生人数 1,562 人,比上年减少 288 例(差异有统计学意义)"
    assert sentence(cur, before, "en") == (
        "Births 1,562, down 288 on the previous year (significant)")


def test_sentence_of_a_per_mille_rate_and_a_sex_ratio() -> None:
    # 716 and 746 births per 100 000: 7.16‰ and 7.46‰, −0.30 ‰ points, p = 0.45.
    cur = rate("crude_birth_rate", 716, 100_000, per=1000)
    before = rate("crude_birth_rate", 746, 100_000, 2011, per=1000)
    assert sentence(cur, before) == "出生率 7.16‰,比上年下降 0.30 个千分点(差异无统计学意义)"
    assert sentence(cur, before, "en") == (
        "Crude birth rate 7.16‰, down 0.30 per-mille points on the previous year "
        "(not significant)")
    # 10499 boys to 10000 girls: 104.99; 10709 to 10000: 107.09; shares 0.5122 and 0.5171
    # of about 20 600: Newcombe (−0.0146, 0.0047) holds 0.
    cur = rate("sex_ratio_at_birth", 10499, 10000)
    before = rate("sex_ratio_at_birth", 10709, 10000, 2011)
    assert sentence(cur, before) == "出生人口性别比 104.99,比上年下降 2.10(差异无统计学意义)"


def test_sentence_of_an_amount_has_no_significance() -> None:
    cur = rate("fee_assessed_amount", 10_401_000, 1, per=1)
    before = rate("fee_assessed_amount", 10_400_000, 1, 2011, per=1)
    assert sentence(cur, before) == "应征金额 10,401,000.00 元,比上年增加 1,000.00 元"


def test_sentence_without_a_previous_year() -> None:
    cur = rate("policy_conformance_rate", 9917, 10000)
    assert change_sentence(cur.indicator, cur, NO_CHANGE, "zh") == (
        "出生政策符合率 99.17%,上年无可比数据")


def test_the_words_are_one_table() -> None:
    assert {"提高", "下降", "增加", "减少", "上升"} == change_words("zh")
    assert change_words("en") == {"up", "down"} == change_words("id")
    assert set(CHANGE_WORDS["zh"]) == set(CHANGE_WORDS["en"])
