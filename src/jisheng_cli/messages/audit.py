"""The audit's words: each check's one-line explanation (zh, en) by reason code, the
rounding rules' names and the status words (docs/audit.md). A template's fields are
figures and labels from the claims file and the computation: never a register's cell."""

from __future__ import annotations

import re
from collections.abc import Mapping

from jisheng_cli.messages import message_lang
from jisheng_cli.messages.change import CHANGE_WORDS

STATUS_WORDS: dict[str, dict[str, str]] = {
    "zh": {"ok": "一致", "rounding": "舍入不同", "mismatch": "不符", "cannot_check": "无法核对"},
    "en": {"ok": "ok", "rounding": "rounding", "mismatch": "mismatch",
           "cannot_check": "cannot check"},
}
CHECK_WORDS: dict[str, dict[str, str]] = {
    "zh": {"arithmetic": "计算", "target": "目标差距", "change": "增减", "registers": "登记数据",
           "claim": "报告值"},
    "en": {"arithmetic": "arithmetic", "target": "target and gap", "change": "change",
           "registers": "registers", "claim": "claim"},
}
RULE_WORDS: dict[str, dict[str, str]] = {
    "zh": {"half_up": "四舍五入", "truncation": "直接截去尾数", "half_even": "四舍六入五成双",
           "double_rounding": "对已舍入的数再次四舍五入"},
    "en": {"half_up": "rounding half-up", "truncation": "truncating the digits",
           "half_even": "rounding half to even", "double_rounding": "rounding an already rounded figure"},
}

#: The audit's output columns (render.audit), per language; the JSON uses the ids.
AUDIT_HEADERS: dict[str, dict[str, str]] = {
    "zh": {"row": "声明行", "page": "页", "line": "行", "indicator": "指标", "group": "单位",
           "period": "时期", "printed": "报告值", "check": "核对", "status": "结果",
           "expected": "应为", "explanation": "说明"},
    "en": {"row": "Row", "page": "Page", "line": "Line", "indicator": "Indicator",
           "group": "Group", "period": "Period", "printed": "Printed", "check": "Check",
           "status": "Status", "expected": "Expected", "explanation": "Explanation"},
}
#: The stderr summary: claims per status.
SUMMARY = ("核对 {claims} 条声明:一致 {ok},舍入不同 {rounding},不符 {mismatch},无法核对 {cannot_check}",
           "{claims} claims checked: {ok} ok, {rounding} rounding, {mismatch} mismatch, "
           "{cannot_check} cannot be checked")
EXTRACTED = ("从 {path} 提出 {claims} 条声明;请逐条核对后再运行 jisheng audit",
             "{claims} claims proposed from {path}: review them, then run jisheng audit")

#: reason code → (zh, en). Sections by the module that gives the reason.
REASONS: dict[str, tuple[str, str]] = {
    # ---- audit.run: the claim itself --------------------------------------------------------
    "nothing_to_check": (
        "无可核对的内容:未给出分子分母、目标差距或上年数,也未给出登记文件",
        "nothing to check it against: no numerator and denominator, gap or previous "
        "figure, and no registers"),
    "printed_unreadable": ("报告值 {printed!r} 不是可读的数字",
                           "the printed figure {printed!r} is not a number that can be read"),
    # ---- audit.arithmetic --------------------------------------------------------------
    "arithmetic_ok": ("{numerator} ÷ {denominator} = {exact},四舍五入为 {expected},与报告一致",
                      "{numerator} ÷ {denominator} = {exact}, rounded half-up {expected}, as printed"),
    "arithmetic_rounding": (
        "{numerator} ÷ {denominator} = {exact},四舍五入应为 {expected};报告的 {printed} 是{rule_word}的结果",
        "{numerator} ÷ {denominator} = {exact}, rounded half-up {expected}; the printed "
        "{printed} comes from {rule_word}"),
    "arithmetic_mismatch": (
        "{numerator} ÷ {denominator} = {expected},不是 {printed};得出 {printed} 的分子应为 {would_print}",
        "{numerator} ÷ {denominator} = {expected}, not {printed}; {printed} would need a "
        "numerator of {would_print}"),
    "arithmetic_mismatch_no_numerator": (
        "{numerator} ÷ {denominator} = {expected},不是 {printed};分母为 {denominator} 时没有整数分子能得出 {printed}",
        "{numerator} ÷ {denominator} = {expected}, not {printed}; no whole numerator over "
        "{denominator} gives {printed}"),
    "arithmetic_unreadable": ("{column} {text!r} 不是可读的数字",
                              "{column} {text!r} is not a number that can be read"),
    "arithmetic_mismatch_ratio": (
        "{numerator} ÷ {denominator} = {expected},不是 {printed};除以 {denominator} 得出 {printed} 需要 {would_print}",
        "{numerator} ÷ {denominator} = {expected}, not {printed}; over {denominator}, "
        "{printed} needs {would_print}"),
    "arithmetic_zero_denominator": ("分母为 0,无法计算", "the denominator is 0"),
    "arithmetic_zero_numerator": ("分子为 0,1:x 无法计算", "the numerator is 0: 1:x cannot be computed"),
    "arithmetic_not_a_ratio": (
        "报告值 {printed} 是数量或金额,不是比率,分子 ÷ 分母不适用",
        "the printed {printed} is a count or an amount, not a ratio: numerator ÷ "
        "denominator does not apply"),
    # ---- audit.gap ------------------------------------------------------------------------
    "gap_ok": ("{printed} 与目标 {target} 相差 {expected},“{word}”与报告一致",
               "{printed} is {expected} from the target {target}: “{word}” as printed"),
    "gap_amount": ("{printed} 与目标 {target} 相差 {expected},不是报告的 {gap}",
                   "{printed} is {expected} from the target {target}, not the printed {gap}"),
    "gap_rounding": ("{printed} 与目标 {target} 相差 {expected}(四舍五入);报告的 {gap} 是{rule_word}的结果",
                     "{printed} is {expected} from the target {target} (rounded half-up); the "
                     "printed {gap} comes from {rule_word}"),
    "gap_direction": ("{printed} {relation_zh}目标 {target},报告却写“{word}”",
                      "{printed} is {relation_en} the target {target}, but the report says “{word}”"),
    # The claim's numerator ÷ denominator gives another figure than the printed one: the
    # gap is judged from it.
    "gap_ok_from_computed": (
        "按 {numerator} ÷ {denominator} 计算为 {figure}(报告 {printed}),与目标 {target} 相差 {expected},“{word}”与之一致",
        "{numerator} ÷ {denominator} is {figure} (printed {printed}), {expected} from the "
        "target {target}: “{word}” agrees with it"),
    "gap_rounding_from_computed": (
        "按 {numerator} ÷ {denominator} 计算为 {figure}(报告 {printed}),与目标 {target} 相差 {expected};报告的 {gap} 是{rule_word}的结果",
        "{numerator} ÷ {denominator} is {figure} (printed {printed}), {expected} from the "
        "target {target}; the printed {gap} comes from {rule_word}"),
    "gap_from_computed": (
        "按 {numerator} ÷ {denominator} 计算为 {figure}(报告 {printed}),与目标 {target} 相差 {expected},不是报告的 {gap}",
        "{numerator} ÷ {denominator} is {figure} (printed {printed}), {expected} from the "
        "target {target}, not the printed {gap}"),
    "gap_direction_from_computed": (
        "按 {numerator} ÷ {denominator} 计算为 {figure}(报告 {printed}),{relation_zh}目标 {target},报告却写“{word}”",
        "{numerator} ÷ {denominator} is {figure} (printed {printed}), {relation_en} the "
        "target {target}, but the report says “{word}”"),
    "gap_unit": ("目标 {target} 与报告值 {printed} 的单位不同,无法核对差距",
                 "the target {target} is not in the unit of the printed {printed}: the gap "
                 "cannot be checked"),
    "gap_no_target": ("未给出目标,配置中也没有该指标的目标,无法核对差距",
                      "no target printed or configured: the gap cannot be checked"),
    "gap_side_unknown": ("“{word}”取决于目标是下限还是上限,而目标 {target} 未说明",
                         "“{word}” depends on whether the target {target} is a minimum or a "
                         "maximum, which it does not say"),
    "gap_unreadable": ("{column} {text!r} 不是可读的目标或差距",
                       "{column} {text!r} is not a target or gap that can be read"),
    # ---- audit.changes --------------------------------------------------------------------
    "change_ok": ("与上年 {previous} 相比{change_zh},与报告一致",
                  "{change_en} on the previous {previous}, as printed"),
    "change_rounding": ("与上年 {previous} 相比{change_zh}(四舍五入);报告的 {amount} 是{rule_word}的结果",
                        "{change_en} on the previous {previous} (rounded half-up); the printed "
                        "{amount} comes from {rule_word}"),
    "change_amount": ("与上年 {previous} 相比{change_zh},不是报告的 {amount}",
                      "{change_en} on the previous {previous}, not the printed {amount}"),
    "change_direction": ("与上年 {previous} 相比{change_zh},报告却写“{word}”",
                         "{change_en} on the previous {previous}, but the report says “{word}”"),
    "change_points_as_percent": (
        "{amount} 是两个百分比之差(应写 {amount_points} 个百分点),按增长率计为{change_zh}",
        "{amount} is the difference of two percentages ({amount_points} points), not a "
        "relative change ({change_en})"),
    "change_ratio_as_change": (
        "{amount} 是本期与上年之比({printed} ÷ {previous}),不是增减幅度;比上年{change_zh}",
        "{amount} is the ratio of the figure to the previous one ({printed} ÷ {previous}), "
        "not a change; the change is {change_en}"),
    "change_excess_over_target": (
        "{amount} 是 {printed} 超出 {base} 的幅度({printed} ÷ {base} − 1),不是比上年的增减;比上年 {previous} {change_zh}",
        "{amount} is how far {printed} exceeds {base} ({printed} ÷ {base} − 1), not a change "
        "on the previous {previous}, which is {change_en}"),
    "change_no_previous": ("未给出上年数,无法核对增减",
                           "no previous figure: the change cannot be checked"),
    "change_unit": ("上年数 {previous} 与报告值 {printed} 的单位不同,无法核对增减",
                    "the previous {previous} is not in the unit of the printed {printed}: the "
                    "change cannot be checked"),
    "change_zero_previous": ("上年数为 0,“{word}”的增长率无从计算",
                             "the previous figure is 0: no relative change can be computed "
                             "for “{word}”"),
    "change_unreadable": ("{column} {text!r} 不是可读的增减或上年数",
                          "{column} {text!r} is not a change or previous figure that can be read"),
    # ---- audit.registers ------------------------------------------------------------------
    "registers_ok": ("登记数据计算为 {expected}{counts}{interval_zh},与报告一致",
                     "the registers give {expected}{counts}{interval_en}, as printed"),
    "registers_rounding": ("登记数据计算为 {exact}{counts}{interval_zh},四舍五入为 {expected};报告的 {printed} 是{rule_word}的结果",
                           "the registers give {exact}{counts}{interval_en}, rounded half-up "
                           "{expected}; the printed {printed} comes from {rule_word}"),
    "registers_mismatch": ("登记数据计算为 {expected}{counts}{interval_zh},不是 {printed}",
                           "the registers give {expected}{counts}{interval_en}, not {printed}"),
    "registers_setting": ("登记数据计算为 {expected}{counts}{interval_zh},不是 {printed};设置 {setting} 时为 {printed}",
                          "the registers give {expected}{counts}{interval_en}, not {printed}; "
                          "with {setting} they give {printed}"),
    "registers_count_mismatch": ("登记数据的{column_zh}为 {computed},不是报告的 {text}",
                                 "the registers' {column} is {computed}, not the printed {text}"),
    "registers_not_indicator": ("“{label}”不是 jisheng 计算的指标(见 jisheng list),只核对计算、目标和增减",
                                "“{label}” is not an indicator jisheng computes (see jisheng "
                                "list): only arithmetic, target and change are checked"),
    "registers_needs_kind": ("{label} 需要 {kind} 文件", "{label} needs a {kind} file"),
    "registers_no_group": ("登记数据中没有单位“{group}”", "no group “{group}” in the registers"),
    "registers_ambiguous_group": ("“{group}”对应多个单位:{candidates}",
                                  "“{group}” names several groups: {candidates}"),
    "registers_bad_period": ("时期 {period!r} 无法识别(应为 2012、2010..2012 或 2011-10-01..2012-09-30)",
                             "period {period!r} cannot be read (2012, 2010..2012 or "
                             "2011-10-01..2012-09-30)"),
    "registers_no_value": ("登记数据算不出该值({note})", "the registers give no value ({note})"),
    "registers_needs_setting": ("{label} 需要设置 {setting}", "{label} needs {setting}"),
    "registers_no_records": ("登记数据在统计期 {period} 内没有记录", "the registers hold no record in {period}"),
    "registers_unit": ("报告值的单位 {unit} 与指标的单位 {indicator_unit} 不同",
                       "the printed unit {unit} is not the indicator's unit {indicator_unit}"),
}


# A figure's unit words in English: the points of the 同比 sentence's table (个百分点 →
# points) and no measure word after a count (1,549 人 → 1,549). Words quoted from the
# report (“优于”) and its amounts in 万元 stay as printed.
_POINTS = {zh[2]: en[2] for zh, en in zip(CHANGE_WORDS["zh"].values(),
                                           CHANGE_WORDS["en"].values(), strict=True)
           if zh[2] in ("个百分点", "个千分点")}
_MEASURE = re.compile(r"(?<=\d) (?:人|例|对|件|户|个|条|次)(?![\w\u4e00-\u9fff])")


def in_language(text: str, lang: str) -> str:
    """A figure written as a report prints it ("3.29 个百分点", "1,549 人") in the words of
    `lang`: English output says "3.29 points", "1,549"."""
    if message_lang(lang) == "zh":
        return text
    for zh, en in _POINTS.items():
        text = re.sub(rf"(?<=\d) {zh}", f" {en}", text)
    return _MEASURE.sub("", text)


def explain(reason: str, params: Mapping[str, str], lang: str, rule: str | None = None) -> str:
    """A check's one-line explanation in `lang`'s message language (audit.model.Check)."""
    words = message_lang(lang)
    zh, en = REASONS[reason]
    filled = dict(params)
    if rule:
        filled.setdefault("rule_word", RULE_WORDS[words].get(rule, rule))
    return in_language((zh if words == "zh" else en).format(**filled), lang)


def status_word(status: str, lang: str) -> str:
    return STATUS_WORDS[message_lang(lang)][status] if lang != "id" else status


def check_word(kind: str, lang: str) -> str:
    return CHECK_WORDS[message_lang(lang)][kind] if lang != "id" else kind
