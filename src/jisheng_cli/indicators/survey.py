"""Field-check (survey) indicators: terms per checked village, their formulas and their
records.

Villages are the sampling clusters, so above village level a survey rate's interval
comes from the spread between checked villages (ratio estimator, Student t), not from a
binomial on pooled births.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jisheng_cli.indicators.model import Formula, Indicator

if TYPE_CHECKING:
    from jisheng_cli.config import Definitions

TERMS = (
    "sv_survey",  # survey births counted: checked village, birth date in the period
    "sv_missed",  # of those, with no register match
    "sv_matched",  # of those, matched
    "sv_register",  # register births used in checked villages in the period
    "sv_register_matched",  # of those, matched by the check
    "sv_matched_both",  # pairs with both sides counted (Chapman's M)
    "sv_sex_err", "sv_order_err", "sv_date_err", "sv_policy_err", "sv_policy_pairs",
)


def formulas(d: Definitions) -> dict[str, Formula]:
    under_den = "sv_survey" if d.underreport_denominator == "true_births" else "sv_register"
    return {
        "checked_villages": Formula("checked", "checked"),
        "survey_births": Formula("count", "sv_survey"),
        "underreported_births": Formula("count", "sv_missed"),
        "underreport_rate": Formula("survey_rate", "sv_missed", under_den),
        "unconfirmed_births": Formula("count", "sv_unconfirmed"),
        "unconfirmed_rate": Formula("survey_rate", "sv_unconfirmed", "sv_register"),
        "sex_error_rate": Formula("survey_rate", "sv_sex_err", "sv_matched"),
        "order_error_rate": Formula("survey_rate", "sv_order_err", "sv_matched"),
        "date_error_rate": Formula("survey_rate", "sv_date_err", "sv_matched"),
        "policy_error_rate": Formula("survey_rate", "sv_policy_err", "sv_policy_pairs"),
        "reporting_accuracy_rate": Formula("accuracy", "sv_register", "sv_survey"),
        "estimated_unreported_births": Formula("estimate", "sv_missed", "sv_survey"),
        "registration_completeness": Formula("chapman", "sv_register", "sv_survey"),
    }


_CHECK = "人口和计划生育统计数据质量抽查"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "checked_villages",
        "survey",
        "抽查村数",
        "Villages checked",
        "count",
        0,
        "调查涉及的村数(含无出生的村)",
        "villages in the survey or the checked list",
    ),
    Indicator(
        "survey_births",
        "survey",
        "调查出生数",
        "Births found by the check",
        "count",
        0,
        "抽查村统计期内调查到的出生数",
        "survey births in checked villages in the period",
    ),
    Indicator(
        "underreported_births",
        "survey",
        "漏报数",
        "Under-reported births",
        "count",
        0,
        "调查到而登记中无匹配的出生数",
        "survey births with no register match",
    ),
    Indicator(
        "underreport_rate",
        "survey",
        "出生漏报率",
        "Under-reporting rate",
        "%",
        2,
        "漏报数 ÷ 调查出生数 × 100(或 ÷ 抽查村登记出生数)",
        "under-reported ÷ survey births × 100 (or ÷ register births in checked villages)",
        interval="cluster",
        setting="underreport_denominator",
        source=_CHECK,
        aliases=("出生漏统率", "漏报率", "出生漏报漏统率"),
    ),
    Indicator(
        "unconfirmed_births",
        "survey",
        "未核实数",
        "Unconfirmed register births",
        "count",
        0,
        "抽查村登记出生中调查未找到的数(可能虚报)",
        "register births in checked villages not found by the check (possible 虚报)",
    ),
    Indicator(
        "unconfirmed_rate",
        "survey",
        "未核实率",
        "Unconfirmed rate",
        "%",
        2,
        "未核实数 ÷ 抽查村登记出生数 × 100",
        "unconfirmed ÷ register births in checked villages × 100",
        interval="cluster",
    ),
    Indicator(
        "sex_error_rate",
        "survey",
        "性别错率",
        "Sex error rate",
        "%",
        2,
        "性别不符的匹配对 ÷ 匹配对 × 100",
        "matched pairs whose sex differs ÷ pairs × 100",
        interval="cluster",
    ),
    Indicator(
        "order_error_rate",
        "survey",
        "孩次错率",
        "Birth-order error rate",
        "%",
        2,
        "孩次不符的匹配对 ÷ 匹配对 × 100",
        "matched pairs whose birth order differs ÷ pairs × 100",
        interval="cluster",
    ),
    Indicator(
        "date_error_rate",
        "survey",
        "时间错率",
        "Birth-date error rate",
        "%",
        2,
        "出生日期相差1天及以上的匹配对 ÷ 匹配对 × 100",
        "matched pairs whose birth dates differ by a day or more ÷ pairs × 100",
        interval="cluster",
    ),
    Indicator(
        "policy_error_rate",
        "survey",
        "政策内外错率",
        "Policy error rate",
        "%",
        2,
        "政策属性不符的匹配对 ÷ 匹配对 × 100",
        "matched pairs whose policy status differs ÷ pairs × 100",
        interval="cluster",
    ),
    Indicator(
        "reporting_accuracy_rate",
        "survey",
        "出生统计求实率",
        "Reporting accuracy rate",
        "%",
        2,
        "100 − |登记出生数 − 调查出生数| ÷ 调查出生数 × 100",
        "100 − |register − survey births| ÷ survey births × 100",
        source=_CHECK,
        aliases=("出生统计准确率", "统计求实率"),
    ),
    Indicator(
        "estimated_unreported_births",
        "survey",
        "推算漏报出生数",
        "Estimated unreported births",
        "count",
        1,
        "全部登记出生数 × r ÷ (1 − r),r = 抽查村漏报数 ÷ 调查出生数",
        "all register births × r ÷ (1 − r), r = missed ÷ survey births in checked villages",
    ),
    Indicator(
        "registration_completeness",
        "survey",
        "登记完整率(双系统估计)",
        "Registration completeness (dual-system)",
        "%",
        2,
        "登记出生数 ÷ N̂ × 100,N̂ = (R+1)(S+1)/(M+1) − 1(Chapman)",
        "register births ÷ N̂ × 100, N̂ = (R+1)(S+1)/(M+1) − 1 (Chapman)",
        interval="chapman",
        setting="survey_independent",
    ),
)
