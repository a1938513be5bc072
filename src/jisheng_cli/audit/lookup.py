"""Finding a claim's figure among a run's result rows: the group it names, whether its
printed unit fits the indicator's, and the computed value written as the claim prints
it (the registers' check, audit.registers)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from jisheng_cli.audit.names import label_key
from jisheng_cli.audit.printed import COUNT_UNITS, Printed
from jisheng_cli.audit.units import show, show_rounded
from jisheng_cli.indicators.model import Indicator
from jisheng_cli.levels import TOTAL
from jisheng_cli.results import ResultRow

#: What a report writes for the whole area: the total row (a county's own name is
#: found as its county row, when the registers carry village codes).
TOTAL_WORDS = frozenset({"合计", "全县", "总计", "全区", "全市", "total"})

# The printed units each indicator unit may be printed in (docs/audit.md "registers").
_FITS: dict[str, frozenset[str]] = {
    "%": frozenset({"%"}), "‰": frozenset({"‰"}), "1:x": frozenset({"1:x"}),
    "女=100": frozenset({""}), "ratio": frozenset({""}),
    "count": frozenset({""} | COUNT_UNITS), "yuan": frozenset({"元"}),
}


def is_total(group: str | None) -> bool:
    return group is None or label_key(group) in {"", *TOTAL_WORDS}


@dataclass(frozen=True)
class Found:
    """The rows a claim's group names: one (`row`), none, or several (`candidates`)."""

    row: ResultRow | None
    candidates: tuple[ResultRow, ...] = ()


def find_row(rows: Sequence[ResultRow], indicator_id: str, group: str | None) -> Found:
    """The row of `indicator_id` for `group`: the total row for a total word, else the
    rows whose code or name is the group's, at any level."""
    mine = [r for r in rows if r.indicator == indicator_id and r.year is None]
    if is_total(group):
        total = [r for r in mine if r.group_level == TOTAL]
        return Found(total[0] if total else None)
    assert group is not None
    key = label_key(group)
    hits = tuple(r for r in mine if r.group_level != TOTAL and key in {
        label_key(r.group_code or ""), label_key(r.group_name or "")})
    return Found(hits[0] if len(hits) == 1 else None, hits if len(hits) > 1 else ())


def candidates_text(rows: Sequence[ResultRow]) -> str:
    """"township 420525100 鸣凤镇; village 420525100001 鸣凤社区" (names are places)."""
    return "; ".join(" ".join(p for p in (r.group_level, r.group_code, r.group_name) if p)
                     for r in rows)


def unit_fits(indicator: Indicator, printed: Printed) -> bool:
    return printed.unit in _FITS.get(indicator.unit, frozenset())


def exact_value(row: ResultRow) -> Fraction | None:
    """The row's value as an exact fraction (the float's decimal text without one)."""
    if row.exact_value is not None:
        return row.exact_value
    if row.value is None:
        return None
    return Fraction(str(float(row.value))) if isinstance(row.value, float) else Fraction(row.value)


def in_printed_unit(value: Fraction, printed: Printed) -> Fraction:
    """`value` (in the indicator's unit) at the printed scale: yuan ÷ 10**4 for 万元."""
    return value / printed.factor


def half_up_text(value: Fraction, printed: Printed) -> str:
    """`value` (at the printed scale) half-up at the printed decimals, written as the
    explanations write figures (audit.units.show: "99.17%", "1:4.54", "716万元")."""
    return show_rounded(value, printed.decimals, printed.unit, printed.factor)


def counts_text(row: ResultRow) -> str:
    """" (1,549 ÷ 1,562)" for a rate, empty for a count (no denominator)."""
    if row.denominator is None or row.numerator is None:
        return ""
    return f" ({count_text(row.numerator)} ÷ {count_text(row.denominator)})"


def count_text(value: float | int) -> str:
    """A numerator or denominator as the explanation shows it: 1,549; 7,160,000."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return show(Decimal(value if isinstance(value, int) else str(value)), "")
