"""Rates per 1,000 people: births over the average population the population file gives."""

from __future__ import annotations

from jisheng_cli.config import Definitions
from jisheng_cli.indicators.births import Formula


def formulas(d: Definitions) -> dict[str, Formula]:
    del d
    return {"crude_birth_rate": Formula("per_mille", "births", "population")}
