"""The one table of every indicator: each family's records (ids, labels, units, decimals,
sources), concatenated in output order. The records and formulas live together in the
family modules (births, fees, survey, population, women,
women_survey).

Computation, `jisheng list`, documentation and every output label read this table.
"""

from __future__ import annotations

from jisheng_cli.indicators import births, fees, population, survey, women, women_survey
from jisheng_cli.indicators.model import Indicator

REGISTRY: dict[str, Indicator] = {
    i.id: i
    for i in (*births.INDICATORS, *fees.INDICATORS, *survey.INDICATORS, *population.INDICATORS,
              *women.INDICATORS, *women_survey.INDICATORS)
}


def get(indicator_id: str) -> Indicator:
    return REGISTRY[indicator_id]


# What each family needs besides its own kind: a survey and population rates are
# measured against the births register.
# The women's field check is matched against the women's register.
NEEDS = {"survey": {"births"}, "population": {"births"}, "women_survey": {"women"}}


def for_kinds(kinds: set[str]) -> list[Indicator]:
    """Indicators computable from the given input kinds, in registry order."""
    return [i for i in REGISTRY.values() if i.kind in kinds and NEEDS.get(i.kind, set()) <= kinds]
