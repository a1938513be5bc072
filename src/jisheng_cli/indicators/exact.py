"""Exact values of the indicators, as fractions of their integer sums, for display rounding.

indicators.md ("Display") rounds half-up on the decimal value of a rate, and the float a
formula computes is only the nearest binary number to it: 3961 of 4000 is exactly 99.025%,
but 3961 / 4000 * 100 is 99.02499999999999, which would print 99.02. Every formula here is
built from counts and whole fen, so its value is a ratio of integers that a Fraction holds
without error; the text formats round that, the machine formats keep the float.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Protocol

from jisheng_cli.indicators.model import Formula
from jisheng_cli.records.money import FEN_PER_YUAN

# The formula kinds this module knows; a kind added later prints from its float (as every
# kind did before) until it is given its exact form here.
EXACT_KINDS = frozenset({
    "count", "checked", "amount", "amount_rate", "rate", "survey_rate", "sex_ratio",
    "per_mille", "accuracy", "estimate", "chapman", "per_mille_terms", "ratio", "inverse_ratio",
    "women_survey_rate",
})


class Computed(Protocol):
    """What the exact value is checked against and completed from (`indicators.evaluate.Value`)."""

    @property
    def denominator(self) -> float | int | None: ...

    @property
    def value(self) -> float | int | None: ...


def term(terms: Mapping[str, int], name: str | None) -> int:
    """A formula's named sum over a group's terms; "births+duplicates" adds two terms."""
    if name is None:
        return 0
    if "+" not in name:
        # Most names are one term; this runs for every group × indicator.
        return terms.get(name, 0)
    return sum(terms.get(p, 0) for p in _parts(name))


@lru_cache(maxsize=256)
def _parts(name: str) -> tuple[str, ...]:
    return tuple(name.split("+"))


def exact_value(f: Formula, terms: Mapping[str, int], computed: Computed) -> Fraction | None:
    """The exact value of `computed.value` for formula `f` over a group's integer `terms`
    (money in fen); None where the formula gave no value or has no exact form."""
    if computed.value is None or f.kind not in EXACT_KINDS:
        return None
    num = term(terms, f.numerator)
    den = term(terms, f.denominator)
    if f.kind == "count":
        return Fraction(num)
    if f.kind == "checked":
        # The number of checked villages is not a sum of terms; the computed value is it.
        return Fraction(int(computed.value))
    if f.kind == "amount":
        return Fraction(num, FEN_PER_YUAN)
    if f.kind == "per_mille":
        # The population total is not a term either: assemble sums it from the
        # population file and reports it as the denominator.
        population = computed.denominator
        if population is None or int(population) == 0:
            return None
        return Fraction(num * 1000, int(population))
    if f.kind == "chapman":
        # R / N̂ × 100 with Chapman's N̂ = (R + 1)(S + 1)/(M + 1) − 1: only its interval
        # needs a square root, the point estimate is a ratio of integers.
        matched = terms.get("sv_matched_both", 0)
        n_hat_times_m1 = (num + 1) * (den + 1) - (matched + 1)  # N̂ × (M + 1)
        if n_hat_times_m1 == 0:
            return None
        return Fraction(num * (matched + 1) * 100, n_hat_times_m1)
    if den == 0:
        return None
    if f.kind == "per_mille_terms":
        return Fraction(num * 1000, den)
    if f.kind in ("ratio", "inverse_ratio"):
        return Fraction(num, den)
    if f.kind == "accuracy":
        # sv_register R against sv_survey S: 100 − |R − S| / S × 100.
        return 100 - Fraction(abs(num - den) * 100, den)
    if f.kind == "estimate":
        # births × r / (1 − r) with r = missed / survey, i.e. births × m / (s − m).
        if den == num:
            return None
        return Fraction(terms.get("births", 0) * num, den - num)
    # rate and survey_rate (per 100), amount_rate (fen of fen), sex_ratio (boys per 100 girls)
    return Fraction(num * 100, den)


@lru_cache(maxsize=1024)
def exact_bound(bound: float) -> Fraction:
    """A target bound as the decimal the config wrote (92.1, not the binary 92.09999…)."""
    return Fraction(Decimal(str(bound)))


def exact_gap(exact: Fraction | None, target_min: float | None,
              target_max: float | None) -> Fraction | None:
    """`indicators.targets.judge`'s gap (signed distance to the nearest bound, positive inside)
    computed from the exact value and the bounds as decimals."""
    if exact is None:
        return None
    gaps = []
    if target_min is not None:
        gaps.append(exact - exact_bound(target_min))
    if target_max is not None:
        gaps.append(exact_bound(target_max) - exact)
    return min(gaps) if gaps else None
