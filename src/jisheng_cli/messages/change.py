"""The 同比 sentence as work reports write it: "出生政策符合率 99.17%,比上年提高 0.35 个百分点
(差异有统计学意义)", "Policy conformance rate 99.17%, up 0.35 points on the previous year
(significant)". The words are one table (CHANGE_WORDS) that the audit reads back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jisheng_cli.messages import message_lang
from jisheng_cli.render.numbers import decimals_for, grouped, round_half_up
from jisheng_cli.results import ResultRow

if TYPE_CHECKING:  # the word tables load without the change's computation (jisheng --help)
    from jisheng_cli.change import Change

#: Per message language and kind of unit: (rise, fall, the unit a change is counted in).
#: zh counts fall back to 例 (cases) where COUNT_WORDS has no word of their own.
CHANGE_WORDS: dict[str, dict[str, tuple[str, str, str]]] = {
    "zh": {
        "%": ("提高", "下降", "个百分点"),
        "‰": ("上升", "下降", "个千分点"),
        "女=100": ("上升", "下降", ""),
        "count": ("增加", "减少", "例"),
        "yuan": ("增加", "减少", "元"),
        "ratio": ("上升", "下降", ""),
        "1:x": ("上升", "下降", ""),
    },
    "en": {
        "%": ("up", "down", "points"),
        "‰": ("up", "down", "per-mille points"),
        "女=100": ("up", "down", ""),
        "count": ("up", "down", ""),
        "yuan": ("up", "down", "yuan"),
        "ratio": ("up", "down", ""),
        "1:x": ("up", "down", ""),
    },
}
#: The rest of the sentence, per message language.
PHRASES: dict[str, dict[str, str]] = {
    "zh": {"than": "比上年", "same": "与上年持平", "none": "上年无可比数据",
           "significant": "(差异有统计学意义)", "not_significant": "(差异无统计学意义)",
           "missing": "无数值"},
    "en": {"than": "on the previous year", "same": "unchanged on the previous year",
           "none": "no previous year to compare", "significant": " (significant)",
           "not_significant": " (not significant)", "missing": "no value"},
}
#: zh: what a count counts, after its value ("1,562 人") and its change (减少 288 例);
#: a count not listed has no word after its value and counts its change in 例.
COUNT_WORDS: dict[str, tuple[str, str]] = {
    **{i: ("人", "例") for i in (
        "births_total", "births_male", "births_female", "births_sex_unknown",
        "out_of_policy_births", "survey_births", "underreported_births",
        "unconfirmed_births", "estimated_unreported_births", "married_women",
        "women_outside_scope", "women_missing_from_register", "women_unconfirmed")},
    "duplicate_records": ("条", "条"),
    "fee_cases": ("件", "件"),
    "fee_enforcement_cases": ("件", "件"),
    "checked_villages": ("个", "个"),
}
# A value's unit written right after the number; the others have their word or none.
_VALUE_UNITS = {"%": "%", "‰": "‰"}


def _unit_key(unit: str) -> str:
    return unit if unit in CHANGE_WORDS["zh"] else "ratio"


def change_sentence(indicator_id: str, row: ResultRow, change: Change, lang: str) -> str:
    """`row`'s value and its change from the previous year in a sentence, rounded half-up
    at the indicator's decimals; the change is the difference of the two printed values
    (change.printed_change), so it reads true next to them."""
    from jisheng_cli.change import printed_change
    from jisheng_cli.render.grid import indicator_for

    words = message_lang(lang)
    ind = indicator_for(indicator_id, row.unit)
    decimals = decimals_for(ind, None)
    phrases = PHRASES[words]
    rise, fall, change_unit = CHANGE_WORDS[words][_unit_key(ind.unit)]
    value_word, change_word = COUNT_WORDS.get(indicator_id, ("", change_unit))
    label = ind.label(words)
    current = row.exact_value if row.exact_value is not None else row.value
    text = round_half_up(current, decimals)
    if not text:
        return f"{label} {phrases['missing']}"
    value = grouped(text) + _VALUE_UNITS.get(ind.unit, "")
    if ind.unit == "yuan":
        value += " 元" if words == "zh" else " yuan"
    elif words == "zh" and ind.is_count and value_word:
        value += f" {value_word}"
    if ind.unit == "1:x":
        value = f"1:{value}"
    sep = "," if words == "zh" else ", "
    before = row.exact_previous if row.exact_previous is not None else change.previous
    diff = printed_change(current, before, decimals) if change.change is not None else None
    if diff is None:
        return f"{label} {value}{sep}{phrases['none']}"
    unit_word = change_word if words == "zh" and ind.is_count else change_unit
    if diff == 0:
        moved = phrases["same"]
    else:
        amount = grouped(format(abs(diff), "f")) + (f" {unit_word}" if unit_word else "")
        word = rise if diff > 0 else fall
        moved = f"{phrases['than']}{word} {amount}" if words == "zh" else \
            f"{word} {amount} {phrases['than']}"
    if change.significant is not None:
        moved += phrases["significant" if change.significant else "not_significant"]
    return f"{label} {value}{sep}{moved}"


def change_words(lang: str) -> set[str]:
    """Every word of a rise or a fall in `lang`'s sentences (what the audit looks for)."""
    table = CHANGE_WORDS[message_lang(lang)]
    return {w for rise, fall, _ in table.values() for w in (rise, fall)}

