"""Rates per 1,000 people: births over the average population the population files give,
the table of those populations, the formula and the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jisheng_cli.indicators.model import NBS_SOURCE, Formula, Indicator

if TYPE_CHECKING:
    from jisheng_cli.config import Definitions

# Besides the births terms it divides: the population of the groups' areas, which comes
# from the PopulationTable, not from the village sums.
TERMS = ("population",)


@dataclass
class PopulationTable:
    """Average population per area (a key at `level`, one of levels.AREA_LEVELS) and
    statistical year, or for every year when the files give no year column."""

    level: str
    by_year: bool
    values: dict[tuple[str, int | None], int] = field(default_factory=dict)

    def get(self, key: str, year: int | None) -> int | None:
        return self.values.get((key, year if self.by_year else None))


def formulas(d: Definitions) -> dict[str, Formula]:
    del d
    return {"crude_birth_rate": Formula("per_mille", "births", "population")}


INDICATORS: tuple[Indicator, ...] = (
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
        source=NBS_SOURCE,
        aliases=("人口出生率",),
    ),
)
