"""What an indicator is (its record: labels, unit, source) and how it is computed (its
formula), shared by every family module. Imports nothing heavy: `jisheng list` and the
renderers read the records without numpy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["count", "%", "‰", "女=100", "yuan", "ratio", "1:x"]
Interval = Literal["none", "wilson", "sex_ratio", "cluster", "chapman", "ratio"]

# The national definitions most indicators cite.
NBS_SOURCE = "国家人口计生委《人口和计划生育统计指标解释》"


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
    # Other kinds the value needs; without them it is null with the note `needs <kind>`.
    needs: tuple[str, ...] = ()
    # In the default list; the detail families (method mix, operations by type) are
    # computed when asked for with --indicators.
    default: bool = True
    # Other names work reports print for it (计划生育率, 政策生育率 for 出生政策符合率): `jisheng
    # list` shows them, and a printed figure's label is looked up among them.
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return {"zh": self.zh, "en": self.en}.get(lang, self.id)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it is known by: id, Chinese and English labels, aliases."""
        return (self.id, self.zh, self.en, *self.aliases)

    @property
    def is_count(self) -> bool:
        return self.unit == "count"


@dataclass(frozen=True)
class Formula:
    """kind: count (numerator only), rate (numerator ÷ denominator × 100) or sex_ratio;
    the other families add their own kinds (amount, survey_rate, per_mille …).
    A term may be a sum of terms: `births+duplicates`."""

    kind: str
    numerator: str
    denominator: str | None = None


# A value may carry several notes ("small; few_clusters"): one way to join them and one
# way to look for one, for the computation and the renderers alike.
def join_notes(*notes: str | None) -> str | None:
    """Several notes on one value, joined as "small; few_clusters" (renderers split on ;)."""
    present = [n for n in notes if n]
    return "; ".join(present) if present else None


def has_note(note: str | None, token: str) -> bool:
    return note is not None and token in (part.strip() for part in note.split(";"))
