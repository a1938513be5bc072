"""The arithmetic check (audit.arithmetic) and the units it reads (audit.units), on
figures worked by hand."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.audit.arithmetic import check_arithmetic
from jisheng_cli.audit.model import Check, Claim
from jisheng_cli.audit.names import resolve
from jisheng_cli.audit.printed import parse_printed
from jisheng_cli.audit.rounding import printed_by, rounded
from jisheng_cli.audit.units import scale, show, show_exact
from jisheng_cli.indicators.registry import REGISTRY


def arithmetic(label: str, printed: str, numerator: str | None, denominator: str | None
               ) -> Check | None:
    figure = parse_printed(printed)
    claim = Claim(2, label, printed, numerator=numerator, denominator=denominator)
    return check_arithmetic(claim, figure, resolve(label, figure.unit))


def checked(label: str, printed: str, numerator: str, denominator: str) -> Check:
    check = arithmetic(label, printed, numerator, denominator)
    assert check is not None
    return check


def test_the_issues_figure_is_a_mismatch_with_the_numerators_that_would_print_it() -> None:
    # 42,376 / 43,115 = 0.982859…: 98.29%, not 99.15%. 99.15% needs k / 43,115 in
    # [99.145%, 99.155%): k ≥ 0.99145 × 43,115 = 42,746.37 → 42,747 and
    # k < 0.99155 × 43,115 = 42,750.68 → 42,750.
    check = checked("生殖健康服务到位率", "99.15%", "42,376", "43,115")
    assert (check.status, check.reason) == ("mismatch", "arithmetic_mismatch")
    assert check.expected == "98.29%"
    assert check.would_print == "42,747–42,750"
    assert check.value == pytest.approx(98.2859794)
    assert check.explanation("zh") == (
        "42,376 ÷ 43,115 = 98.29%,不是 99.15%;得出 99.15% 的分子应为 42,747–42,750")
    assert check.explanation("en") == (
        "42,376 ÷ 43,115 = 98.29%, not 99.15%; 99.15% would need a numerator of "
        "42,747–42,750")


@pytest.mark.parametrize(("label", "printed", "numerator", "denominator", "exact"), [
    # 1549 / 1562 = 0.991677…: 99.1677…% → 99.17%.
    ("出生政策符合率", "99.17%", "1549", "1562", "99.1677…%"),
    # 3190 / 3356 = 0.950536…: 95.0536…% → 95.05%.
    ("出生政策符合率", "95.05%", "3190", "3356", "95.0536…%"),
    # 251 boys / 185 girls × 100 = 135.675…: at 0 decimals 136 (the bare figure of a
    # sex ratio is per 100 girls).
    ("出生人口性别比", "136", "251", "185", "135.67…"),
    # 11 / 155 = 0.070967…: 7.096…% → 7.1% at one decimal.
    ("某项比率", "7.1%", "11", "155", "7.096…%"),
    # 344 abortions / 1562 births = 0.22023…: 0.22 (abortions per birth).
    ("出生人流比", "0.22", "344", "1562", "0.2202…"),
    # 1:x is numerator : denominator = 1 : x, x = 1562 / 344 = 4.54069…: 1:4.54.
    ("出生人流比", "1:4.54", "344", "1562", "4.5406…"),
])
def test_figures_that_follow_half_up(label: str, printed: str, numerator: str,
                                     denominator: str, exact: str) -> None:
    check = checked(label, printed, numerator, denominator)
    assert (check.status, check.reason, check.rule) == ("ok", "arithmetic_ok", None)
    assert check.expected == printed
    assert check.params["exact"] == exact


def test_ok_explains_itself() -> None:
    check = checked("出生政策符合率", "99.17%", "1549", "1562")
    assert check.explanation("zh") == "1,549 ÷ 1,562 = 99.1677…%,四舍五入为 99.17%,与报告一致"
    assert check.explanation("en") == (
        "1,549 ÷ 1,562 = 99.1677…%, rounded half-up 99.17%, as printed")
    # 1:x shows the division the other way round: 1,562 births ÷ 344 abortions.
    ratio = checked("出生人流比", "1:4.54", "344", "1562")
    assert ratio.explanation("en") == "1,562 ÷ 344 = 4.5406…, rounded half-up 1:4.54, as printed"


def test_a_truncated_figure_is_rounding() -> None:
    # 1549 / 1562 = 99.1677…%: cutting after two decimals prints 99.16.
    check = checked("出生政策符合率", "99.16%", "1549", "1562")
    assert (check.status, check.reason, check.rule) == (
        "rounding", "arithmetic_rounding", "truncation")
    assert check.expected == "99.17%"
    assert check.explanation("zh") == (
        "1,549 ÷ 1,562 = 99.1677…%,四舍五入应为 99.17%;报告的 99.16% 是直接截去尾数的结果")
    assert check.explanation("en") == (
        "1,549 ÷ 1,562 = 99.1677…%, rounded half-up 99.17%; the printed 99.16% comes "
        "from truncating the digits")


def test_a_double_rounded_figure_is_rounding() -> None:
    # 56 / 101 = 0.554455…: 55.4455…% is 55.4% half-up at one decimal, but 55.45% at
    # two, and 55.45 rounded again at one decimal is 55.5.
    check = checked("出生政策符合率", "55.5%", "56", "101")
    assert (check.status, check.rule, check.expected) == ("rounding", "double_rounding", "55.4%")
    assert "rounding an already rounded figure" in check.explanation("en")
    # 55.6% follows from no rule.
    assert checked("出生政策符合率", "55.6%", "56", "101").status == "mismatch"


def test_a_mismatch_no_whole_numerator_can_print() -> None:
    # Over 3 the values are 0, 33.33, 66.67 and 100%: 50.00% is none of them.
    check = checked("出生政策符合率", "50.00%", "1", "3")
    assert (check.status, check.reason, check.would_print) == (
        "mismatch", "arithmetic_mismatch_no_numerator", None)
    assert check.explanation("zh") == (
        "1 ÷ 3 = 33.33%,不是 50.00%;分母为 3 时没有整数分子能得出 50.00%")
    assert check.explanation("en") == (
        "1 ÷ 3 = 33.33%, not 50.00%; no whole numerator over 3 gives 50.00%")


def test_a_wrong_one_to_x_names_the_births_that_would_print_it() -> None:
    # 1:4.50 over 344 abortions needs births b with b / 344 in [4.495, 4.505):
    # b ≥ 1546.28 → 1547 and b < 1549.72 → 1549.
    check = checked("出生人流比", "1:4.50", "344", "1562")
    assert (check.status, check.reason) == ("mismatch", "arithmetic_mismatch_ratio")
    assert (check.expected, check.would_print) == ("1:4.54", "1,547–1,549")
    assert check.explanation("zh") == (
        "1,562 ÷ 344 = 1:4.54,不是 1:4.50;除以 344 得出 1:4.50 需要 1,547–1,549")
    assert check.explanation("en") == (
        "1,562 ÷ 344 = 1:4.54, not 1:4.50; over 344, 1:4.50 needs 1,547–1,549")


def test_one_numerator_prints_as_one_number() -> None:
    # 2 / 3 = 66.67%; printed 33.33% is 1 / 3 and no other numerator over 3.
    assert checked("出生政策符合率", "33.33%", "2", "3").would_print == "1"


def test_counts_and_amounts_in_their_units() -> None:
    # 征收到位率: 451万元 collected of 500万元 assessed = 90.2% (base values in yuan:
    # 4,510,000 / 5,000,000).
    assert checked("征收到位率", "90.20%", "451万元", "500万元").status == "ok"
    # 90.00% needs 0.89995 × 5,000,000 ≤ k < 0.90005 × 5,000,000: 4,499,750 … 4,500,249
    # yuan, written back in 万元.
    wrong = checked("征收到位率", "90.00%", "451万元", "500万元")
    assert wrong.would_print == "449.975万元–450.0249万元"
    # 1,549人 of 1,562人: the unit 人 does not change the ratio.
    assert checked("出生政策符合率", "99.17%", "1,549人", "1,562人").status == "ok"


def test_what_cannot_be_checked() -> None:
    for printed, num, den, reason, params in [
        ("99.17%", "约1549", "1562", "arithmetic_unreadable",
         {"column": "numerator", "text": "约1549"}),
        ("99.17%", "1549", "n/a", "arithmetic_unreadable",
         {"column": "denominator", "text": "n/a"}),
        ("99.17%", "0", "0", "arithmetic_zero_denominator", {}),
        ("1:4.54", "0", "1562", "arithmetic_zero_numerator", {}),
        # A count is not a ratio: 1,562 births "of" 1,850 says nothing to compute.
        ("1,562人", "1562", "1850", "arithmetic_not_a_ratio", {"printed": "1,562人"}),
        ("451.00万元", "451", "300", "arithmetic_not_a_ratio", {"printed": "451.00万元"}),
    ]:
        check = checked("出生人流比", printed, num, den)
        assert (check.status, check.reason, check.params) == ("cannot_check", reason, params)
        assert check.explanation("zh") and check.explanation("en")
    assert checked("出生人流比", "1,562人", "1", "2").explanation("en") == (
        "the printed 1,562人 is a count or an amount, not a ratio: numerator ÷ denominator "
        "does not apply")


def test_no_numerator_or_denominator_is_no_check() -> None:
    assert arithmetic("出生政策符合率", "99.17%", None, "1562") is None
    assert arithmetic("出生政策符合率", "99.17%", "1549", " ") is None


def test_the_scale_of_a_printed_unit() -> None:
    def of(printed: str, indicator: str | None = None) -> Fraction:
        return scale(parse_printed(printed), REGISTRY[indicator] if indicator else None)

    assert of("99.17%") == 100 and of("7.16‰") == 1000 and of("0.22") == 1
    assert of("136", "sex_ratio_at_birth") == 100
    # A bare figure of a % indicator is a percentage; a printed unit wins over the
    # indicator's.
    assert of("99.17", "policy_conformance_rate") == 100
    assert of("7.16‰", "policy_conformance_rate") == 1000


def test_figures_written_back() -> None:
    assert show(Decimal("42376"), "") == "42,376"
    assert show(Decimal("3.29"), "个百分点") == "3.29 个百分点"
    assert show(Decimal("451.00"), "元", 10**4) == "451.00万元"
    assert show(Decimal("4.54"), "1:x") == "1:4.54"
    assert show(Decimal("288"), "例") == "288 例"
    # 29/4 = 7.25 ends before four decimals: no ellipsis, no trailing zeros.
    assert show_exact(Fraction(29, 4), 2, "%") == "7.25%"
    assert show_exact(Fraction(1, 3) * 100, 2, "%") == "33.3333…%"


# ---- for every ratio -------------------------------------------------------------------
@given(st.integers(0, 20_000), st.integers(1, 20_000), st.integers(0, 3))
def test_any_ratio_printed_half_up_is_ok(k: int, n: int, decimals: int) -> None:
    printed = rounded(Fraction(k, n) * 100, decimals, "half_up")
    check = checked("出生政策符合率", f"{printed:f}%", str(k), str(n))
    assert check.status == "ok"
    assert check.expected == show(printed, "%")


@given(st.integers(0, 20_000), st.integers(1, 20_000), st.integers(0, 3),
       st.sampled_from([-1, 1]))
def test_one_unit_off_is_never_ok(k: int, n: int, decimals: int, off: int) -> None:
    exact = Fraction(k, n) * 100
    printed = rounded(exact, decimals, "half_up") + off * Decimal(1).scaleb(-decimals)
    if printed < 0:
        return
    check = checked("出生政策符合率", f"{printed:f}%", str(k), str(n))
    # Another rule (truncation, double rounding) may give the digits: rounding; else
    # mismatch, and any numerator it names does print the figure.
    assert check.status == ("rounding" if printed_by(exact, printed, decimals) else "mismatch")
    if check.status == "mismatch" and check.would_print:
        low = int(check.would_print.split("–")[0].replace(",", ""))
        assert rounded(Fraction(low, n) * 100, decimals, "half_up") == printed
