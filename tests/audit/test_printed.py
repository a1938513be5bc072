"""Reading printed figures, changes, gaps and targets back from text (audit.printed)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jisheng_cli.audit.printed import (
    NotAFigure,
    find_figures,
    parse_change,
    parse_gap,
    parse_printed,
    parse_target,
)


@pytest.mark.parametrize(("text", "value", "decimals", "unit", "base"), [
    ("99.17%", "99.17", 2, "%", "99.17"),
    ("99.10 %", "99.10", 2, "%", "99.10"),
    ("７.１６‰", "7.16", 2, "‰", "7.16"),
    ("1,562人", "1562", 0, "人", "1562"),
    ("１，５６２ 人", "1562", 0, "人", "1562"),
    ("716万元", "716", 0, "元", "7160000"),
    ("0.22", "0.22", 2, "", "0.22"),
    ("1:4.54", "4.54", 2, "1:x", "4.54"),
    ("1∶4.54", "4.54", 2, "1:x", "4.54"),
    ("136", "136", 0, "", "136"),
    ("-5.33", "-5.33", 2, "", "-5.33"),
])
def test_a_printed_figure_keeps_its_decimals_and_unit(
        text: str, value: str, decimals: int, unit: str, base: str) -> None:
    p = parse_printed(text)
    assert (p.value, p.decimals, p.unit, p.base) == (Decimal(value), decimals, unit, Decimal(base))


@pytest.mark.parametrize("text", ["", "约99%", "99.17% 左右", "九十九", "n/a"])
def test_words_around_a_figure_are_refused(text: str) -> None:
    with pytest.raises(NotAFigure):
        parse_printed(text)


def test_figures_in_a_sentence_in_order() -> None:
    found = [f.text for _, _, f in find_figures("共出生 1562 人,政策内 1549 人,符合率为 99.17%")]
    assert found == ["1562 人", "1549 人", "99.17%"]


@pytest.mark.parametrize(("text", "direction", "word", "amount", "unit"), [
    ("比上年增长 50.33%", 1, "增长", "50.33", "%"),
    ("同比减少 288 例", -1, "减少", "288", "例"),
    ("比上年提高0.44个百分点", 1, "提高", "0.44", "个百分点"),
    ("下降 3.2%", -1, "下降", "3.2", "%"),
    ("增长1.5倍", 1, "增长", "1.5", "倍"),
    ("-3.2%", -1, "", "3.2", "%"),
])
def test_a_change_as_reports_word_it(text: str, direction: int, word: str, amount: str,
                                     unit: str) -> None:
    c = parse_change(text)
    assert c.amount is not None
    assert (c.direction, c.word, c.amount.value, c.amount.unit) == (
        direction, word, Decimal(amount), unit)


def test_no_change() -> None:
    c = parse_change("与上年持平")
    assert (c.direction, c.amount) == (0, None)


@pytest.mark.parametrize(("text", "sense", "amount"), [
    ("优于责任指标 4.31 个百分点", "better", "4.31"),
    ("低于目标0.5个百分点", "below", "0.5"),
    ("高于国优标准 5.65 个百分点", "above", "5.65"),
    ("未达到责任指标 2.1 个百分点", "worse", "2.1"),
    ("4.31", None, "4.31"),
])
def test_a_gap_and_its_word(text: str, sense: str | None, amount: str) -> None:
    g = parse_gap(text)
    assert (g.sense, g.amount.value) == (sense, Decimal(amount))


@pytest.mark.parametrize(("text", "side", "low", "high"), [
    ("≥92%", "min", "92", None),
    ("不低于 75%", "min", "75", None),
    ("不高于1‰", "max", None, "1"),
    ("控制在0.3以内", "max", None, "0.3"),
    ("103-107", "range", "103", "107"),
    ("92%", None, "92", None),
])
def test_a_target_and_its_side(text: str, side: str | None, low: str | None,
                               high: str | None) -> None:
    t = parse_target(text)
    assert t.side == side
    assert (t.low.value if t.low else None) == (Decimal(low) if low else None)
    assert (t.high.value if t.high else None) == (Decimal(high) if high else None)
