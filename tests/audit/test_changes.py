"""The change check (audit.changes), on changes worked by hand."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jisheng_cli.audit.changes import check_change
from jisheng_cli.audit.model import Check, Claim
from jisheng_cli.audit.names import resolve
from jisheng_cli.audit.printed import Printed, parse_printed


def change_check(printed: str, change: str | None, previous: str | None = None,
                 label: str = "出生政策符合率", target: str | None = None,
                 denominator: str | None = None, registers: Printed | None = None
                 ) -> Check | None:
    figure = parse_printed(printed)
    claim = Claim(4, label, printed, previous=previous, change=change, target=target,
                  denominator=denominator)
    return check_change(claim, figure, resolve(label, figure.unit), registers)


def checked(printed: str, change: str, previous: str | None = None,
            label: str = "出生政策符合率", target: str | None = None,
            denominator: str | None = None, registers: Printed | None = None) -> Check:
    check = change_check(printed, change, previous, label, target, denominator, registers)
    assert check is not None
    return check


def test_points() -> None:
    # 99.17 − 98.73 = 0.44 points.
    check = checked("99.17%", "比上年提高 0.44 个百分点", "98.73%")
    assert (check.status, check.reason, check.expected) == ("ok", "change_ok", "0.44 个百分点")
    assert check.explanation("zh") == "与上年 98.73% 相比提高 0.44 个百分点,与报告一致"
    assert check.explanation("en") == "up 0.44 points on the previous 98.73%, as printed"
    # The other way: 98.73 − 99.17 = −0.44, a fall, written with a word or a sign.
    assert checked("98.73%", "下降 0.44 个百分点", "99.17%").status == "ok"
    assert checked("98.73%", "-0.44 个百分点", "99.17%").status == "ok"
    # 0.4 (one decimal) is not 0.5.
    wrong = checked("99.17%", "比上年提高 0.5 个百分点", "98.73%")
    assert (wrong.status, wrong.reason, wrong.expected) == (
        "mismatch", "change_amount", "0.4 个百分点")
    assert wrong.explanation("zh") == "与上年 98.73% 相比提高 0.4 个百分点,不是报告的 0.5 个百分点"
    assert wrong.explanation("en") == (
        "up 0.4 points on the previous 98.73%, not the printed 0.5 points")


def test_points_written_as_percent() -> None:
    # 0.44 points written 0.44%: the relative change is 0.44 / 98.73 = 0.004456… = 0.45%.
    check = checked("99.17%", "比上年提高 0.44%", "98.73%")
    assert (check.status, check.reason, check.expected) == (
        "mismatch", "change_points_as_percent", "0.45%")
    assert check.explanation("zh") == (
        "0.44% 是两个百分比之差(应写 0.44 个百分点),按增长率计为提高 0.45%")
    assert check.explanation("en") == (
        "0.44% is the difference of two percentages (0.44 points), not a relative change "
        "(up 0.45%)")
    # 0.45% is the relative change, and right.
    assert checked("99.17%", "比上年提高 0.45%", "98.73%").status == "ok"


def test_counts() -> None:
    # 1,562 − 1,850 = −288 births.
    check = checked("1,562", "同比减少 288 例", "1,850", label="出生人数")
    assert (check.status, check.expected) == ("ok", "288 例")
    assert check.explanation("en") == "down 288 on the previous 1,850, as printed"
    wrong = checked("1,562", "同比增加 288 例", "1,850", label="出生人数")
    assert (wrong.status, wrong.reason) == ("mismatch", "change_direction")
    assert wrong.explanation("zh") == "与上年 1,850 相比减少 288 例,报告却写“增加”"
    assert wrong.explanation("en") == (
        "down 288 on the previous 1,850, but the report says “增加”")


def test_a_ratio_written_as_a_change() -> None:
    # 451 / 300 = 1.50333…: 150.33% is the ratio; the change is 151 / 300 = 50.33%.
    check = checked("451万元", "增长 150.33%", "300万元", label="计划生育经费")
    assert (check.status, check.reason, check.expected) == (
        "mismatch", "change_ratio_as_change", "50.33%")
    assert check.explanation("zh") == (
        "150.33% 是本期与上年之比(451万元 ÷ 300万元),不是增减幅度;比上年增长 50.33%")
    assert check.explanation("en") == (
        "150.33% is the ratio of the figure to the previous one (451万元 ÷ 300万元), not "
        "a change; the change is up 50.33%")


def test_the_issues_budget_excess_written_as_a_change() -> None:
    # The report's 比年增长 50.33% is 451 / 300 − 1 = 0.50333…: how far the actual budget
    # exceeds the required 300万元. On last year's 380万元 it is 71 / 380 = 0.186842…,
    # 18.68%.
    check = checked("451.00万元", "比年增长 50.33%", "380万元", label="计划生育经费",
                    denominator="300.00万元")
    assert (check.status, check.reason, check.expected) == (
        "mismatch", "change_excess_over_target", "18.68%")
    assert check.params["base"] == "300.00万元"
    assert check.explanation("zh") == (
        "50.33% 是 451.00万元 超出 300.00万元 的幅度(451.00万元 ÷ 300.00万元 − 1),"
        "不是比上年的增减;比上年 380万元 增长 18.68%")
    assert check.explanation("en") == (
        "50.33% is how far 451.00万元 exceeds 300.00万元 (451.00万元 ÷ 300.00万元 − 1), "
        "not a change on the previous 380万元, which is up 18.68%")
    # The required amount as the claim's target names it the same way.
    assert checked("451.00万元", "比年增长 50.33%", "380万元", label="计划生育经费",
                   target="不低于300万元").reason == "change_excess_over_target"
    # Without it, it is only a wrong amount.
    assert checked("451.00万元", "比年增长 50.33%", "380万元",
                   label="计划生育经费").reason == "change_amount"
    # 18.68% is right; so is the difference, 71万元.
    assert checked("451.00万元", "比上年增长 18.68%", "380万元").status == "ok"
    assert checked("451.00万元", "增加 71.00万元", "380万元").expected == "71.00万元"


def test_times() -> None:
    # 1,200 / 480 − 1 = 1.5: 增长 1.5 倍.
    assert checked("1,200", "增长1.5倍", "480", label="出生人数").status == "ok"
    assert checked("1,200", "增长2.5倍", "480", label="出生人数").reason == "change_amount"


def test_another_rounding_of_the_change() -> None:
    # 71 / 380 = 18.684…%: 18.7% half-up at one decimal, 18.6% truncated.
    check = checked("451万元", "增长 18.6%", "380万元")
    assert (check.status, check.reason, check.rule, check.expected) == (
        "rounding", "change_rounding", "truncation", "18.7%")
    assert check.explanation("zh") == (
        "与上年 380万元 相比增长 18.7%(四舍五入);报告的 18.6% 是直接截去尾数的结果")
    assert check.explanation("en") == (
        "up 18.7% on the previous 380万元 (rounded half-up); the printed 18.6% comes from "
        "truncating the digits")
    # Truncated the right way, said the wrong way: still the wrong word.
    assert checked("451万元", "减少 18.6%", "380万元").reason == "change_direction"


def test_unchanged() -> None:
    same = checked("99.17%", "与上年持平", "99.17%")
    assert (same.status, same.reason) == ("ok", "change_ok")
    assert same.explanation("zh") == "与上年 99.17% 相比持平,与报告一致"
    assert same.explanation("en") == "unchanged on the previous 99.17%, as printed"
    # 99.17 − 99.10 = 0.07 points: not 持平.
    moved = checked("99.17%", "与上年持平", "99.10%")
    assert (moved.status, moved.reason, moved.expected) == (
        "mismatch", "change_direction", "0.07 个百分点")
    assert moved.explanation("en") == (
        "up 0.07 points on the previous 99.10%, but the report says “持平”")
    # An amount that prints as zero goes either way: 99.172 − 99.17 rounds to 0.00.
    assert checked("99.172%", "提高 0.00 个百分点", "99.17%").status == "ok"


def test_the_previous_figure_from_the_registers() -> None:
    registers = parse_printed("98.73%")
    assert checked("99.17%", "提高 0.44 个百分点", registers=registers).status == "ok"
    # The claim's own previous figure wins: 99.17 − 99.00 = 0.17.
    assert checked("99.17%", "提高 0.44 个百分点", "99.00%",
                   registers=registers).reason == "change_amount"


def test_what_cannot_be_checked() -> None:
    assert change_check("99.17%", None, "98.73%") is None
    assert change_check("99.17%", "", "98.73%") is None
    cases = [
        (checked("99.17%", "提高 0.44 个百分点"), "change_no_previous", {}),
        (checked("99.17%", "有所提高", "98.73%"), "change_unreadable",
         {"column": "change", "text": "有所提高"}),
        (checked("99.17%", "提高 0.44 个百分点", "上年较低"), "change_unreadable",
         {"column": "previous", "text": "上年较低"}),
        (checked("12", "增长 50%", "0", label="出生人数"), "change_zero_previous", None),
        (checked("99.17%", "提高 0.44 个百分点", "7.16‰"), "change_unit", None),
    ]
    for check, reason, params in cases:
        assert (check.status, check.reason) == ("cannot_check", reason)
        if params is not None:
            assert check.params == params
        assert check.explanation("zh") and check.explanation("en")
    assert cases[3][0].explanation("en") == (
        "the previous figure is 0: no relative change can be computed for “增长”")
    assert cases[4][0].explanation("zh") == (
        "上年数 7.16‰ 与报告值 99.17% 的单位不同,无法核对增减")


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_any_points_change(figure_hundredths: int, previous_hundredths: int) -> None:
    figure = Decimal(figure_hundredths).scaleb(-2)
    previous = Decimal(previous_hundredths).scaleb(-2)
    points = abs(figure - previous)
    right, wrong = ("提高", "下降") if figure >= previous else ("下降", "提高")
    args = (f"{figure:f}%", f"{previous:f}%")
    assert checked(args[0], f"{right} {points:f} 个百分点", args[1]).status == "ok"
    if figure != previous:
        assert checked(args[0], f"{wrong} {points:f} 个百分点",
                       args[1]).reason == "change_direction"
    off = points + Decimal("0.01")
    assert checked(args[0], f"{right} {off:f} 个百分点", args[1]).status == "mismatch"
