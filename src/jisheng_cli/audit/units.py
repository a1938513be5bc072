"""What a printed unit means for the checks: the scale from a ratio of counts to the
printed figure (% ×100, ‰ ×1000, a sex ratio's bare figure ×100), the unit a difference
of two figures is counted in (个百分点 for %), and figures written back as text for the
explanations ("98.29%", "3.29 个百分点", "451.00万元", "1:4.54")."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from jisheng_cli.audit.printed import COUNT_UNITS, Printed
from jisheng_cli.audit.rounding import rounded
from jisheng_cli.indicators.model import Indicator
from jisheng_cli.render.numbers import grouped

#: Printed unit (or, for a bare figure, the indicator's unit) → numerator ÷ denominator ×.
SCALES: dict[str, int] = {"%": 100, "‰": 1000, "女=100": 100}
#: A figure's unit → the unit the difference of two such figures is counted in.
POINT_UNITS: dict[str, str] = {"%": "个百分点", "‰": "个千分点"}
# Measure words read best apart from the number (3.29 个百分点, 288 例); symbols and
# currency stay on it (98.29%, 451.00万元).
_SPACED = frozenset({"个百分点", "个千分点", *COUNT_UNITS})
_PREFIXES = {10**4: "万", 10**8: "亿"}


def direction_of(x: Decimal | Fraction) -> int:
    """1, −1 or 0: which way a difference goes."""
    return (x > 0) - (x < 0)


def is_amount(printed: Printed) -> bool:
    """A count or a sum of money: a number of things, not a ratio of two of them."""
    return printed.is_count or printed.unit == "元"


def scale(printed: Printed, indicator: Indicator | None) -> Fraction:
    """numerator ÷ denominator × scale is the printed figure. A bare figure takes its
    indicator's unit (136 for 出生人口性别比 is per 100 girls; a bare 99.17 for a % indicator
    is a percentage); "1:x" is 1 (x = denominator ÷ numerator, see `ratio_value`)."""
    if printed.unit:
        return Fraction(SCALES.get(printed.unit, 1))
    return Fraction(SCALES.get(indicator.unit, 1) if indicator else 1)


def ratio_value(numerator: Fraction, denominator: Fraction, printed: Printed,
                indicator: Indicator | None) -> Fraction:
    """The exact figure in the printed unit (the caller has ruled out a zero divisor):
    numerator : denominator = 1 : x for "1:x", else numerator ÷ denominator × scale,
    divided by the printed factor (a per-head figure in 万元)."""
    if printed.unit == "1:x":
        return denominator / numerator
    return numerator / denominator * scale(printed, indicator) / printed.factor


def point_unit(unit: str) -> str:
    """The unit of a difference of two figures in `unit`: 个百分点 for %, else the same."""
    return POINT_UNITS.get(unit, unit)


def _suffix(unit: str, factor: int) -> str:
    word = _PREFIXES.get(factor, "") + unit
    return f" {word}" if unit in _SPACED else word


def show(value: Decimal, unit: str, factor: int = 1) -> str:
    """A number in a unit as an explanation prints it, digits grouped: "42,376",
    "98.29%", "3.29 个百分点", "451.00万元" (factor 10**4), "1:4.54"."""
    digits = grouped(format(value, "f"))
    if unit == "1:x":
        return f"1:{digits}"
    return digits + _suffix(unit, factor)


def show_printed(printed: Printed) -> str:
    """A printed figure written back the one way (1562 and 1,562 both "1,562")."""
    return show(printed.value, printed.unit, printed.factor)


def show_rounded(value: Fraction, decimals: int, unit: str, factor: int = 1) -> str:
    """`value` rounded half-up at `decimals`, in `unit`."""
    return show(rounded(value, decimals, "half_up"), unit, factor)


def show_exact(value: Fraction, decimals: int, unit: str, factor: int = 1) -> str:
    """`value` with two decimals more than printed, "…" when that cuts digits off:
    "98.2860…%", "4.5407…", "135.6757…"; a value that ends sooner shows in full."""
    shown = decimals + 2
    cut = rounded(value, shown, "truncation")
    if Fraction(cut) != value:
        text, digits = show(cut, unit, factor), grouped(format(cut, "f"))
        at = text.find(digits) + len(digits)
        return f"{text[:at]}…{text[at:]}"
    return show(cut.normalize(), unit, factor)
