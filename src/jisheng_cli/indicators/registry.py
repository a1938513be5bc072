"""The one definition of every indicator: ids, labels, units, decimals, formulas, sources.

Computation, `jisheng list`, documentation and every output label read this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["count", "%", "‰", "女=100", "yuan"]
Interval = Literal["none", "wilson", "sex_ratio", "cluster"]


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

REGISTRY: dict[str, Indicator] = {i.id: i for i in BIRTHS}


def get(indicator_id: str) -> Indicator:
    return REGISTRY[indicator_id]


def for_kinds(kinds: set[str]) -> list[Indicator]:
    """Indicators computable from the given input kinds, in registry order."""
    return [i for i in REGISTRY.values() if i.kind in kinds]
