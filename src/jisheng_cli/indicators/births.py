"""Births-register indicators: the cell layout of the partial sums, each formula, and
each indicator's record.

A used birth falls in one of 18 cells (sex × birth-order class × policy); a duplicate row
in cell 18 of the group and period of the record that was kept. Every births indicator
is a sum of cells, a ratio of two sums, or a rate of two sums.

numpy is imported inside the functions: the registry, and with it `jisheng list` and the
renderers, read the records below without it.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

from jisheng_cli.indicators.model import NBS_SOURCE, Formula, Indicator

if TYPE_CHECKING:
    import numpy as np

    from jisheng_cli.config import Definitions
    from jisheng_cli.indicators.cube import Partial

N_CELLS = 19
DUP_CELL = 18


@cache
def _layout() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sex 0/1/2, order class 0/1/2 for 1, 2, 3+, policy 0/1) of each of the 18 cells."""
    import numpy as np

    c = np.arange(18)
    return c // 6, (c // 2) % 3, c % 2


def cells(sex: np.ndarray, order: np.ndarray, policy: np.ndarray) -> np.ndarray:
    import numpy as np

    order_class = np.minimum(order.astype(np.int64), 3) - 1
    return (sex.astype(np.int64) * 3 + order_class) * 2 + policy.astype(np.int64)


def batch_partial(
    group: np.ndarray,
    period_day: np.ndarray,
    sex: np.ndarray,
    order: np.ndarray,
    policy: np.ndarray,
    duplicate: np.ndarray,
    in_period: np.ndarray,
) -> Partial:
    """The partial sums of a batch's rows in the period: each used birth in its cell, each
    duplicate in DUP_CELL, of the group and statistical year of its period day (for a
    duplicate: those of the record that was kept, as the caller passes them)."""
    import numpy as np

    from jisheng_cli.indicators import cube

    cell = np.where(duplicate, DUP_CELL, cells(sex, order, policy))
    return cube.count(
        cube.encode(group[in_period], _stat_years(period_day[in_period]), cell[in_period],
                    N_CELLS)
    )


_SPAN = 1 << 12  # days per step of a year table's bounds (about 11 years)


def _stat_years(days: np.ndarray) -> np.ndarray:
    """periods.stat_years by a gather from its own table of the batch's span of days: the
    datetime conversions once per day of the span, not once per row."""
    from jisheng_cli.periods import stat_years

    if not len(days):
        return stat_years(days)
    lo, hi = int(days.min()) // _SPAN, int(days.max()) // _SPAN + 1
    if hi - lo > 64:  # a span of centuries: not worth a table
        return stat_years(days)
    return _year_table(lo, hi)[days - lo * _SPAN]


@lru_cache(maxsize=16)  # a few spans a run: bounded all the same
def _year_table(lo: int, hi: int) -> np.ndarray:
    import numpy as np

    from jisheng_cli.periods import stat_years

    return stat_years(np.arange(lo * _SPAN, hi * _SPAN, dtype=np.int64))


def _sum(matrix: np.ndarray, mask: np.ndarray) -> np.ndarray:
    return matrix[:, :18][:, mask].sum(axis=1)


def terms(matrix: np.ndarray) -> dict[str, np.ndarray]:
    """Named sums of cells for each row of a (groups × 19) count matrix."""
    import numpy as np

    sex, order, policy = _layout()
    male, female, unknown = sex == 1, sex == 2, sex == 0
    o1, o2, o3 = order == 0, order == 1, order == 2
    inp, outp = policy == 1, policy == 0
    return {
        "births": _sum(matrix, np.ones(18, bool)),
        "male": _sum(matrix, male),
        "female": _sum(matrix, female),
        "unknown": _sum(matrix, unknown),
        "in_policy": _sum(matrix, inp),
        "out_policy": _sum(matrix, outp),
        "order1": _sum(matrix, o1),
        "order2": _sum(matrix, o2),
        "order3p": _sum(matrix, o3),
        "order2_in": _sum(matrix, o2 & inp),
        "order3p_out": _sum(matrix, o3 & outp),
        "male_o1": _sum(matrix, male & o1),
        "female_o1": _sum(matrix, female & o1),
        "male_o2": _sum(matrix, male & o2),
        "female_o2": _sum(matrix, female & o2),
        "male_o3p": _sum(matrix, male & o3),
        "female_o3p": _sum(matrix, female & o3),
        "duplicates": matrix[:, DUP_CELL],
    }


def formulas(d: Definitions) -> dict[str, Formula]:
    multichild_den = (
        "births" if d.out_of_policy_multichild_denominator == "all_births" else "order3p"
    )
    return {
        "births_total": Formula("count", "births"),
        "births_male": Formula("count", "male"),
        "births_female": Formula("count", "female"),
        "births_sex_unknown": Formula("count", "unknown"),
        "sex_ratio_at_birth": Formula("sex_ratio", "male", "female"),
        "sex_ratio_order1": Formula("sex_ratio", "male_o1", "female_o1"),
        "sex_ratio_order2": Formula("sex_ratio", "male_o2", "female_o2"),
        "sex_ratio_order3plus": Formula("sex_ratio", "male_o3p", "female_o3p"),
        "policy_conformance_rate": Formula("rate", "in_policy", "births"),
        "out_of_policy_births": Formula("count", "out_policy"),
        "first_birth_rate": Formula("rate", "order1", "births"),
        "second_birth_rate": Formula("rate", "order2", "births"),
        "multichild_rate": Formula("rate", "order3p", "births"),
        "second_birth_conformance_rate": Formula("rate", "order2_in", "order2"),
        "out_of_policy_multichild_rate": Formula("rate", "order3p_out", multichild_den),
        "duplicate_records": Formula("count", "duplicates"),
        "duplicate_rate": Formula("rate", "duplicates", "births+duplicates"),
    }


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "births_total",
        "births",
        "出生人数",
        "Births",
        "count",
        0,
        "出生登记有效记录数(剔除错误与重报)",
        "valid birth records, rejects and duplicates removed",
        source=NBS_SOURCE,
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
        source=NBS_SOURCE,
        aliases=("出生性别比", "性别比"),
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
        source=NBS_SOURCE,
        aliases=("计划生育率", "政策生育率", "符合政策生育率", "政策符合率"),
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
        aliases=("多孩生育率",),
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
        source=NBS_SOURCE,
        aliases=("政策外多孩生育率",),
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
