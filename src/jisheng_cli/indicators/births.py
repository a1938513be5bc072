"""Births-register indicators: the cell layout of the partial sums and each formula.

A used birth falls in one of 18 cells (sex × birth-order class × policy); a duplicate row
in cell 18 of the group and period of the record that was kept. Every births indicator
is a sum of cells, a ratio of two sums, or a rate of two sums.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jisheng_cli.config import Definitions

N_CELLS = 19
DUP_CELL = 18
_C = np.arange(18)
_SEX, _ORDER, _POLICY = _C // 6, (_C // 2) % 3, _C % 2  # sex 0/1/2; order class 1, 2, 3+


def cells(sex: np.ndarray, order: np.ndarray, policy: np.ndarray) -> np.ndarray:
    order_class = np.minimum(order.astype(np.int64), 3) - 1
    return (sex.astype(np.int64) * 3 + order_class) * 2 + policy.astype(np.int64)


def _sum(matrix: np.ndarray, mask: np.ndarray) -> np.ndarray:
    return matrix[:, :18][:, mask].sum(axis=1)


def terms(matrix: np.ndarray) -> dict[str, np.ndarray]:
    """Named sums of cells for each row of a (groups × 19) count matrix."""
    male, female, unknown = _SEX == 1, _SEX == 2, _SEX == 0
    o1, o2, o3 = _ORDER == 0, _ORDER == 1, _ORDER == 2
    inp, outp = _POLICY == 1, _POLICY == 0
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


@dataclass(frozen=True)
class Formula:
    """kind: count (numerator only), rate (numerator ÷ denominator × 100) or sex_ratio."""

    kind: str
    numerator: str
    denominator: str | None = None


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
