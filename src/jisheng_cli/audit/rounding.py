"""Which rounding rule turns an exact value into the digits a report printed.

The rule of this project is half-up on the exact decimal value (docs/indicators.md
"Display rounding"). A printed figure that differs from it may still follow from the
value by another rule, which the audit reports as `rounding` rather than `mismatch`:
truncation (cutting the digits off), half-even (banker's rounding, Python's round() and
some databases), or rounding a figure that was already rounded (99.1449 → 99.145 →
99.15).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import Literal

Rule = Literal["half_up", "truncation", "half_even", "double_rounding"]
#: The other rules, in the order they are tried (docs/audit.md "rounding").
OTHER_RULES: tuple[Rule, ...] = ("truncation", "half_even", "double_rounding")

_CONTEXT = Context(prec=60)


def rounded(value: Fraction, decimals: int, rule: Rule) -> Decimal:
    """`value` rounded to `decimals` by `rule` (double_rounding: half-up at one more
    decimal, then half-up again)."""
    if rule == "double_rounding":
        once = rounded(value, decimals + 1, "half_up")
        return once.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    p, q = value.numerator, value.denominator
    units, rest = divmod(abs(p) * 10**decimals, q)
    if rule == "half_up":
        units += 2 * rest >= q
    elif rule == "half_even":
        units += 2 * rest > q or (2 * rest == q and units % 2 == 1)
    # truncation keeps `units` (toward zero)
    return Decimal(-units if p < 0 else units).scaleb(-decimals, context=_CONTEXT)


def printed_by(value: Fraction, printed: Decimal, decimals: int) -> Rule | None:
    """The first rule (half_up, then OTHER_RULES) that prints `value` as `printed`, at
    `decimals`; None when none does. Double rounding is tried from every number of
    decimals between the printed ones and six more (a spreadsheet that showed 4
    decimals, then a report that showed 2)."""
    if rounded(value, decimals, "half_up") == printed:
        return "half_up"
    for rule in ("truncation", "half_even"):
        if rounded(value, decimals, rule) == printed:
            return rule
    step = Decimal(1).scaleb(-decimals)
    for extra in range(1, 7):
        once = rounded(value, decimals + extra, "half_up")
        if once.quantize(step, rounding=ROUND_HALF_UP) == printed:
            return "double_rounding"
    return None


def quantize(value: Decimal, decimals: int, rule: Rule = "half_up") -> Decimal:
    """A Decimal rounded to `decimals` by a one-step rule (for printed values)."""
    mode = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN,
            "truncation": ROUND_DOWN}[rule if rule != "double_rounding" else "half_up"]
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=mode, context=_CONTEXT)


def printing_range(printed: Decimal, decimals: int, denominator: int, scale: Fraction
                   ) -> tuple[int, int] | None:
    """The whole numerators k for which k ÷ `denominator` × `scale`, rounded half-up at
    `decimals`, prints `printed`: [ceil((p − h)·n/s), ceil((p + h)·n/s) − 1] with h half a
    unit of the last decimal. None when no whole number does (the printed value falls
    between two consecutive numerators' values)."""
    half = Fraction(1, 2 * 10**decimals)
    p = Fraction(printed)
    low = (p - half) * denominator / scale
    high = (p + half) * denominator / scale
    k_min = max(-(-low.numerator // low.denominator), 0)
    k_max = -(-high.numerator // high.denominator) - 1
    return (k_min, k_max) if k_min <= k_max else None
