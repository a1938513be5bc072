"""The one definition of every indicator: ids, labels, units, decimals, formulas, sources.

Computation, `jisheng list`, documentation and every output label read this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["count", "%", "‰", "女=100", "yuan"]
Interval = Literal["none", "wilson", "sex_ratio", "cluster", "chapman"]


@dataclass(frozen=True)
class Indicator:
    id: str
    kind: str  # input kind that feeds it: births, fees, survey, population
    zh: str
    en: str
    unit: Unit
    decimals: int
    formula_zh: str
    formula_en: str
    interval: Interval = "none"
    source: str = ""
    setting: str | None = None  # the [definitions] key that changes the formula, if any

    def label(self, lang: str) -> str:
        return {"zh": self.zh, "en": self.en}.get(lang, self.id)

    @property
    def is_count(self) -> bool:
        return self.unit == "count"


_NBS = "国家人口计生委《人口和计划生育统计指标解释》"

BIRTHS: tuple[Indicator, ...] = (
    Indicator(
        "births_total",
        "births",
        "出生人数",
        "Births",
        "count",
        0,
        "出生登记有效记录数(剔除错误与重报)",
        "valid birth records, rejects and duplicates removed",
        source=_NBS,
    ),
    Indicator(
        "births_male",
        "births",
        "男婴",
        "Male births",
        "count",
        0,
        "性别为男的出生数",
        "births with sex male",
    ),
    Indicator(
        "births_female",
        "births",
        "女婴",
        "Female births",
        "count",
        0,
        "性别为女的出生数",
        "births with sex female",
    ),
    Indicator(
        "births_sex_unknown",
        "births",
        "性别不详",
        "Births, sex unknown",
        "count",
        0,
        "性别代码为0或9的出生数",
        "births with sex code 0 or 9",
    ),
    Indicator(
        "sex_ratio_at_birth",
        "births",
        "出生人口性别比",
        "Sex ratio at birth",
        "女=100",
        2,
        "男婴数÷女婴数×100(性别不详不计)",
        "male ÷ female births × 100 (unknown sex excluded)",
        interval="sex_ratio",
        source=_NBS,
    ),
    Indicator(
        "sex_ratio_order1",
        "births",
        "一孩性别比",
        "Sex ratio, first births",
        "女=100",
        2,
        "一孩男婴÷一孩女婴×100",
        "male ÷ female births of order 1 × 100",
        interval="sex_ratio",
    ),
    Indicator(
        "sex_ratio_order2",
        "births",
        "二孩性别比",
        "Sex ratio, second births",
        "女=100",
        2,
        "二孩男婴÷二孩女婴×100",
        "male ÷ female births of order 2 × 100",
        interval="sex_ratio",
    ),
    Indicator(
        "sex_ratio_order3plus",
        "births",
        "多孩性别比",
        "Sex ratio, third+ births",
        "女=100",
        2,
        "三孩及以上男婴÷女婴×100",
        "male ÷ female births of order ≥3 × 100",
        interval="sex_ratio",
    ),
    Indicator(
        "policy_conformance_rate",
        "births",
        "出生政策符合率",
        "Policy conformance rate",
        "%",
        2,
        "政策内出生数÷出生数×100",
        "in-policy births ÷ births × 100",
        interval="wilson",
        source=_NBS,
    ),
    Indicator(
        "out_of_policy_births",
        "births",
        "政策外出生数",
        "Out-of-policy births",
        "count",
        0,
        "政策属性为政策外的出生数",
        "births with policy status out",
    ),
    Indicator(
        "first_birth_rate",
        "births",
        "一孩率",
        "First-birth rate",
        "%",
        2,
        "一孩出生数÷出生数×100",
        "births of order 1 ÷ births × 100",
        interval="wilson",
    ),
    Indicator(
        "second_birth_rate",
        "births",
        "二孩率",
        "Second-birth rate",
        "%",
        2,
        "二孩出生数÷出生数×100",
        "births of order 2 ÷ births × 100",
        interval="wilson",
    ),
    Indicator(
        "multichild_rate",
        "births",
        "多孩率",
        "Third-or-higher-birth rate",
        "%",
        2,
        "三孩及以上出生数÷出生数×100",
        "births of order ≥3 ÷ births × 100",
        interval="wilson",
    ),
    Indicator(
        "second_birth_conformance_rate",
        "births",
        "二孩政策符合率",
        "Second-birth conformance rate",
        "%",
        2,
        "政策内二孩出生数÷二孩出生数×100",
        "in-policy order-2 births ÷ order-2 births × 100",
        interval="wilson",
    ),
    Indicator(
        "out_of_policy_multichild_rate",
        "births",
        "政策外多孩率",
        "Out-of-policy third+ birth rate",
        "%",
        2,
        "政策外三孩及以上出生数÷出生数×100(或÷多孩出生数)",
        "out-of-policy births of order ≥3 ÷ all births × 100 (or ÷ births of order ≥3)",
        interval="wilson",
        setting="out_of_policy_multichild_denominator",
        source=_NBS,
    ),
    Indicator(
        "duplicate_records",
        "births",
        "重报数",
        "Duplicate records",
        "count",
        0,
        "同一母亲身份证号、出生日期、孩次的重复记录数",
        "rows repeating a kept record's mother ID, birth date and birth order",
    ),
    Indicator(
        "duplicate_rate",
        "births",
        "重报率",
        "Duplicate rate",
        "%",
        2,
        "重报数÷(出生数+重报数)×100",
        "duplicates ÷ (births used + duplicates) × 100",
        interval="wilson",
    ),
)

_FEE_SOURCE = "《社会抚养费征收管理办法》(国务院令第357号)"

FEES: tuple[Indicator, ...] = (
    Indicator(
        "fee_cases",
        "fees",
        "征收案件数",
        "Fee cases",
        "count",
        0,
        "征收决定日期在统计期内的案件数",
        "cases with a decision date in the period",
    ),
    Indicator(
        "fee_assessed_amount",
        "fees",
        "应征金额",
        "Amount assessed",
        "yuan",
        2,
        "应征金额合计",
        "sum of assessed amounts",
    ),
    Indicator(
        "fee_collected_amount",
        "fees",
        "实征金额",
        "Amount collected",
        "yuan",
        2,
        "实征金额合计",
        "sum of collected amounts",
    ),
    Indicator(
        "fee_outstanding_amount",
        "fees",
        "欠缴金额",
        "Amount outstanding",
        "yuan",
        2,
        "Σ max(应征−实征, 0)",
        "Σ max(assessed − collected, 0)",
    ),
    Indicator(
        "fee_collection_rate",
        "fees",
        "社会抚养费征收到位率",
        "Fee collection rate",
        "%",
        2,
        "Σ min(实征, 应征) ÷ Σ 应征 × 100(按金额)",
        "Σ min(collected, assessed) ÷ Σ assessed × 100, by amount",
        source=_FEE_SOURCE,
    ),
    Indicator(
        "fee_case_settlement_rate",
        "fees",
        "结案率",
        "Case settlement rate",
        "%",
        2,
        "实征≥应征的案件数 ÷ 案件数 × 100(应征为0的案件不计)",
        "cases with collected ≥ assessed ÷ cases × 100 (cases assessing 0 left out)",
        interval="wilson",
    ),
    Indicator(
        "fee_enforcement_cases",
        "fees",
        "申请强制执行数",
        "Cases sent for enforcement",
        "count",
        0,
        "申请法院强制执行的案件数",
        "cases marked for court enforcement",
    ),
)

_CHECK = "人口和计划生育统计数据质量抽查"

SURVEY: tuple[Indicator, ...] = (
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

POPULATION: tuple[Indicator, ...] = (
    Indicator(
        "crude_birth_rate",
        "population",
        "出生率",
        "Crude birth rate",
        "‰",
        2,
        "出生人数 ÷ 年平均人口 × 1000(多年合并时除以各年人口之和)",
        "births ÷ average population × 1000 (a pooled range divides by the sum of the "
        "yearly populations)",
        source=_NBS,
    ),
)

REGISTRY: dict[str, Indicator] = {i.id: i for i in (*BIRTHS, *FEES, *SURVEY, *POPULATION)}


def get(indicator_id: str) -> Indicator:
    return REGISTRY[indicator_id]


# What each family needs besides its own kind: a survey and population rates are
# measured against the births register.
NEEDS = {"survey": {"births"}, "population": {"births"}}


def for_kinds(kinds: set[str]) -> list[Indicator]:
    """Indicators computable from the given input kinds, in registry order."""
    return [i for i in REGISTRY.values() if i.kind in kinds and NEEDS.get(i.kind, set()) <= kinds]
