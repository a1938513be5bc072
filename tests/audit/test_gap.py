"""The target-and-gap check (audit.gap), on gaps worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.audit.gap import check_gap
from jisheng_cli.audit.model import Check, Claim
from jisheng_cli.audit.names import resolve
from jisheng_cli.audit.printed import parse_printed
from jisheng_cli.config import Target


def gap_check(printed: str, gap: str | None, target: str | None = None,
              configured: Target | None = None, label: str = "出生政策符合率",
              numerator: str | None = None, denominator: str | None = None) -> Check | None:
    figure = parse_printed(printed)
    claim = Claim(3, label, printed, target=target, gap=gap, numerator=numerator,
                  denominator=denominator)
    return check_gap(claim, figure, resolve(label, figure.unit), configured)


def checked(printed: str, gap: str, target: str | None = None,
            configured: Target | None = None, label: str = "出生政策符合率",
            numerator: str | None = None, denominator: str | None = None) -> Check:
    check = gap_check(printed, gap, target, configured, label, numerator, denominator)
    assert check is not None
    return check


def test_a_gap_that_holds() -> None:
    # 79.31 − 75 = 4.31 points above a minimum: 优于.
    check = checked("79.31%", "优于责任指标 4.31 个百分点", "≥75%")
    assert (check.status, check.reason, check.expected) == ("ok", "gap_ok", "4.31 个百分点")
    assert check.explanation("zh") == "79.31% 与目标 ≥75% 相差 4.31 个百分点,“优于”与报告一致"
    assert check.explanation("en") == (
        "79.31% is 4.31 points from the target ≥75%: “优于” as printed")


def test_the_wrong_word() -> None:
    # 79.31% is above 75%: 低于 is the wrong way round, whatever the amount.
    check = checked("79.31%", "低于责任指标 4.31 个百分点", "≥75%")
    assert (check.status, check.reason) == ("mismatch", "gap_direction")
    assert check.explanation("zh") == "79.31% 高于目标 ≥75%,报告却写“低于”"
    assert check.explanation("en") == "79.31% is above the target ≥75%, but the report says “低于”"
    # 未达到 a minimum the figure meets is as wrong.
    assert checked("79.31%", "未达到责任指标 4.31 个百分点", "≥75%").reason == "gap_direction"
    # 72.00% is below 75%: 3.00 points 未达到 holds, 优于 does not.
    assert checked("72.00%", "未达到目标 3.00 个百分点", "≥75%").status == "ok"
    below = checked("72.00%", "优于目标 3.00 个百分点", "≥75%")
    assert below.explanation("en") == "72.00% is below the target ≥75%, but the report says “优于”"


def test_the_wrong_amount() -> None:
    # 79.31 − 75 = 4.31, not 4.21.
    check = checked("79.31%", "优于责任指标 4.21 个百分点", "≥75%")
    assert (check.status, check.reason, check.expected) == (
        "mismatch", "gap_amount", "4.31 个百分点")
    assert check.explanation("zh") == (
        "79.31% 与目标 ≥75% 相差 4.31 个百分点,不是报告的 4.21 个百分点")
    assert check.explanation("en") == (
        "79.31% is 4.31 points from the target ≥75%, not the printed 4.21 points")


def test_a_maximum_in_per_mille_from_the_configuration() -> None:
    # 1 − 0.45 = 0.55 per-mille points under a maximum of 1: 优于.
    check = checked("0.45‰", "优于国优标准 0.55 个千分点", configured=Target(max=1.0),
                    label="人工流产率")
    assert (check.status, check.expected, check.params["target"]) == (
        "ok", "0.55 个千分点", "≤1‰")
    # Above the maximum, 优于 is wrong.
    assert checked("1.45‰", "优于国优标准 0.45 个千分点", configured=Target(max=1.0),
                   label="人工流产率").reason == "gap_direction"


def test_a_bare_ratio_under_a_written_maximum() -> None:
    # 控制在0.3以内 is a maximum; 0.3 − 0.22 = 0.08: 优于 0.08.
    check = checked("0.22", "优于 0.08", "控制在0.3以内", label="出生人流比")
    assert (check.status, check.expected) == ("ok", "0.08")
    assert checked("0.22", "优于 0.07", "控制在0.3以内", label="出生人流比").reason == "gap_amount"


def test_above_and_below_are_numeric_and_a_range_is_measured_from_its_nearer_end() -> None:
    srb = Target(min=103.0, max=107.0)
    # 109 − 107 = 2 above the range's top.
    assert checked("109", "高于正常范围 2", configured=srb, label="出生人口性别比").status == "ok"
    assert checked("109", "低于正常范围 2", configured=srb,
                   label="出生人口性别比").reason == "gap_direction"
    # 105 is inside 103–107, 2 from either end: 优于 holds, 未达到 does not.
    assert checked("105", "优于 2", configured=srb, label="出生人口性别比").status == "ok"
    assert checked("105", "未达到 2", configured=srb,
                   label="出生人口性别比").reason == "gap_direction"


def test_a_bare_number_is_the_distance_and_a_signed_one_the_results_gap() -> None:
    assert checked("79.31%", "4.31", "≥75%").status == "ok"
    # Signed, it is the results' gap (docs/indicators.md): positive inside the target.
    assert checked("79.31%", "+4.31", "≥75%").status == "ok"
    assert checked("79.31%", "-4.31", "≥75%").reason == "gap_direction"
    # 72 against a minimum of 75: the gap is −3.00.
    assert checked("72.00%", "-3.00", "≥75%").status == "ok"
    # Against a maximum of 1‰, 0.45‰ is 0.55 inside: +0.55.
    assert checked("0.45‰", "+0.55", "≤1‰", label="人工流产率").status == "ok"


def test_the_issues_gap_is_judged_from_the_computed_figure() -> None:
    # 42,376 / 43,115 = 98.2859…% → 98.29%, so the gap is 98.29 − 95 = 3.29 points; the
    # printed 4.15 is 99.15 − 95, from the wrong rate.
    check = checked("99.15%", "优于责任指标 4.15 个百分点", "95", Target(min=95.0),
                    label="生殖健康服务到位率", numerator="42,376", denominator="43,115")
    assert (check.status, check.reason, check.expected) == (
        "mismatch", "gap_from_computed", "3.29 个百分点")
    assert check.explanation("zh") == (
        "按 42,376 ÷ 43,115 计算为 98.29%(报告 99.15%),与目标 95 相差 3.29 个百分点,"
        "不是报告的 4.15 个百分点")
    assert check.explanation("en") == (
        "42,376 ÷ 43,115 is 98.29% (printed 99.15%), 3.29 points from the target 95, "
        "not the printed 4.15 points")
    # The amount is wrong whatever side the target is on: no configured target needed.
    assert checked("99.15%", "优于责任指标 4.15 个百分点", "95", label="生殖健康服务到位率",
                   numerator="42,376", denominator="43,115").reason == "gap_from_computed"
    # 3.29 is right from the computed figure, and says so.
    right = checked("99.15%", "优于责任指标 3.29 个百分点", "≥95%",
                    numerator="42,376", denominator="43,115")
    assert (right.status, right.reason) == ("ok", "gap_ok_from_computed")
    assert right.explanation("zh") == (
        "按 42,376 ÷ 43,115 计算为 98.29%(报告 99.15%),与目标 ≥95% 相差 3.29 个百分点,"
        "“优于”与之一致")
    assert right.explanation("en") == (
        "42,376 ÷ 43,115 is 98.29% (printed 99.15%), 3.29 points from the target ≥95%: "
        "“优于” agrees with it")
    # Against a maximum of 95%, 98.29% is above it.
    wrong_way = checked("99.15%", "优于 3.29 个百分点", "≤95%",
                        numerator="42,376", denominator="43,115")
    assert wrong_way.reason == "gap_direction_from_computed"
    assert wrong_way.explanation("zh") == (
        "按 42,376 ÷ 43,115 计算为 98.29%(报告 99.15%),高于目标 ≤95%,报告却写“优于”")
    assert wrong_way.explanation("en") == (
        "42,376 ÷ 43,115 is 98.29% (printed 99.15%), above the target ≤95%, but the "
        "report says “优于”")
    # A numerator and denominator that print the figure change nothing: 1549 / 1562 =
    # 99.17%, 99.17 − 95 = 4.17.
    same = checked("99.17%", "优于 4.17 个百分点", "≥95%", numerator="1549", denominator="1562")
    assert same.reason == "gap_ok"


def test_another_rounding_of_the_gap() -> None:
    # 79.36 − 75 = 4.36, printed at one decimal: 4.4 half-up, 4.3 by truncation.
    check = checked("79.36%", "优于 4.3 个百分点", "≥75%")
    assert (check.status, check.reason, check.rule, check.expected) == (
        "rounding", "gap_rounding", "truncation", "4.4 个百分点")
    assert check.explanation("zh") == (
        "79.36% 与目标 ≥75% 相差 4.4 个百分点(四舍五入);报告的 4.3 个百分点 是直接截去尾数的结果")
    assert check.explanation("en") == (
        "79.36% is 4.4 points from the target ≥75% (rounded half-up); the printed "
        "4.3 points comes from truncating the digits")
    # From a computed figure: 56 / 101 = 55.4455…% → 55.45%, 55.45 − 50 = 5.45, printed
    # at one decimal 5.5 half-up; 5.4 is truncation.
    computed = checked("55.44%", "优于 5.4 个百分点", "≥50%", numerator="56", denominator="101")
    assert (computed.status, computed.reason) == ("rounding", "gap_rounding_from_computed")
    assert "55.45%" in computed.explanation("zh") and "55.45%" in computed.explanation("en")


def test_a_gap_from_a_truncated_figure_is_rounding() -> None:
    # 1549 / 1562 = 99.1677…%: 99.17% half-up, printed 99.16% by truncation (arithmetic:
    # rounding). From 99.17 the gap is 4.17; the printed 4.16 is 99.16 − 95, the
    # truncated figure's gap: rounding, not a wrong gap.
    check = checked("99.16%", "优于 4.16 个百分点", "≥95%", numerator="1549", denominator="1562")
    assert (check.status, check.reason, check.rule, check.expected) == (
        "rounding", "gap_rounding_from_computed", "truncation", "4.17 个百分点")
    assert check.explanation("zh") == (
        "按 1,549 ÷ 1,562 计算为 99.17%(报告 99.16%),与目标 ≥95% 相差 4.17 个百分点;"
        "报告的 4.16 个百分点 是直接截去尾数的结果")
    # 4.20 follows from neither figure.
    assert checked("99.16%", "优于 4.20 个百分点", "≥95%", numerator="1549",
                   denominator="1562").reason == "gap_from_computed"
    # 42,376 / 43,115 prints 99.15% by no rule: its gap stays a mismatch.
    assert checked("99.15%", "优于 4.15 个百分点", "≥95%", numerator="42,376",
                   denominator="43,115").status == "mismatch"


def test_what_cannot_be_checked() -> None:
    assert gap_check("79.31%", None, "≥75%") is None
    assert gap_check("79.31%", " ", "≥75%") is None
    cases: list[tuple[Check, str]] = [
        (checked("79.31%", "优于 4.31 个百分点"), "gap_no_target"),
        (checked("79.31%", "优于 4.31 个百分点", configured=Target()), "gap_no_target"),
        # 75% says no side, and none is configured: 优于 cannot be judged.
        (checked("79.31%", "优于 4.31 个百分点", "75%"), "gap_side_unknown"),
        (checked("79.31%", "优于许多", "≥75%"), "gap_unreadable"),
        (checked("79.31%", "优于 4.31 个百分点", "较高水平"), "gap_unreadable"),
        (checked("7.16‰", "优于 0.5 个千分点", "≤95%"), "gap_unit"),
    ]
    for check, reason in cases:
        assert (check.status, check.reason) == ("cannot_check", reason)
        assert check.explanation("zh") and check.explanation("en")
    assert cases[2][0].explanation("en") == (
        "“优于” depends on whether the target 75% is a minimum or a maximum, which it does "
        "not say")
    assert cases[3][0].params == {"column": "gap", "text": "优于许多"}
    # A bare figure against a target in %: the same unit (79.31 − 75 = 4.31).
    assert checked("79.31", "优于 4.31 个百分点", "≥75%").status == "ok"
    # The configured side tells a printed 75% from a maximum.
    assert checked("79.31%", "优于 4.31 个百分点", "75%", Target(min=75.0)).status == "ok"
    assert checked("79.31%", "优于 4.31 个百分点", "75%",
                   Target(max=75.0)).reason == "gap_direction"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_unit_reason_reads(lang: str) -> None:
    text = checked("7.16‰", "优于 0.5 个千分点", "≤95%").explanation(lang)
    assert "≤95%" in text and "7.16‰" in text


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_any_figure_against_a_minimum(figure_hundredths: int, target_hundredths: int) -> None:
    figure = Decimal(figure_hundredths).scaleb(-2)
    target = Decimal(target_hundredths).scaleb(-2)
    distance = abs(figure - target)
    word = "优于" if figure >= target else "未达到"
    other = "未达到" if figure >= target else "优于"
    printed, bound = f"{figure:f}%", f"≥{target:f}%"
    assert checked(printed, f"{word} {distance:f} 个百分点", bound).status == "ok"
    if figure != target:
        assert checked(printed, f"{other} {distance:f} 个百分点",
                       bound).reason == "gap_direction"
    off = distance + Decimal("0.01")
    assert checked(printed, f"{word} {off:f} 个百分点", bound).reason == "gap_amount"
