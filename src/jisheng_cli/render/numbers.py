"""Number formatting for the text formats (table, csv, tsv, xlsx).

docs/indicators.md, "Display rounding": rates are rounded half-up on their decimal value, never with
Python's round-half-even, and only in text formats; machine formats keep every digit.
A rate's decimal value is its exact fraction (indicators.exact) when the row carries one:
the float's shortest text is not it (3961/4000 × 100 is 99.02499999999999 as a float).
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from jisheng_cli.indicators.model import Indicator

# Enough digits for any finite float (up to ~1.8e308) at any sane number of decimals:
# the default context (28 digits) would raise on quantize for large values.
_CONTEXT = Context(prec=400, rounding=ROUND_HALF_UP)


# Checked by exact type first: every cell of a grid asks, and the ABC checks below are slow.
_NEVER_MISSING = frozenset({int, str, Fraction})


def is_missing(value: Any) -> bool:
    """None, NaN and the pandas/numpy missing markers all print as an empty cell."""
    if value is None:
        return True
    if type(value) in _NEVER_MISSING:
        return False
    if isinstance(value, float):
        return math.isnan(value)
    # pd.NA / pd.NaT without importing pandas (the render layer must stay light).
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        return math.isnan(float(value))
    return False


def to_decimal(value: float | int | Decimal) -> Decimal:
    """The decimal value a person reads: 2.675 is "2.675", not the binary 2.67499999...

    str() of a float is its shortest round-tripping repr; str() (not repr()) also works for
    numpy scalars, whose repr in numpy 2 is `np.float64(2.675)`.
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    return Decimal(str(float(value)))


def _round_fraction(value: Fraction, decimals: int) -> Decimal:
    """Half away from zero, exactly: floor(|p|·10^d / q + 1/2) in integer arithmetic."""
    p, q = value.numerator, value.denominator
    units, rest = divmod(abs(p) * 10**decimals, q)
    if 2 * rest >= q:
        units += 1
    return Decimal(-units if p < 0 else units).scaleb(-decimals, context=_CONTEXT)


def _quantize(value: float | int | Fraction | Decimal, decimals: int) -> Decimal | None:
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    if is_missing(value):
        return None
    if isinstance(value, Fraction):
        # Never "-0.00": the sign comes from an int, and -0 is 0.
        return _round_fraction(value, decimals)
    d = to_decimal(value)
    if not d.is_finite():
        return None
    try:
        q = d.quantize(Decimal(1).scaleb(-decimals), context=_CONTEXT)
    except InvalidOperation:  # pragma: no cover - only beyond 400 significant digits
        return None
    # -0.001 rounds to "-0.00"; a spreadsheet user reads that as a different number.
    return q.copy_abs() if q.is_zero() else q


def round_half_up(value: float | int | Fraction | None, decimals: int) -> str:
    """Half away from zero on the decimal value: 12.5 → "13" (0 dp), 2.675 → "2.68",
    -1.5 → "-2", Fraction(39610, 400) → "99.03". Empty for None, NaN and infinities."""
    if type(value) is Fraction and decimals >= 0:
        return _fraction_text(value, decimals)
    q = _quantize(value, decimals) if value is not None else None
    return "" if q is None else format(q, "f")


def _fraction_text(value: Fraction, decimals: int) -> str:
    """`_round_fraction(value, decimals)` formatted "f", from its integer digits (a Decimal
    per cell is most of a wide table's time)."""
    p, q = value.numerator, value.denominator
    units, rest = divmod(abs(p) * 10**decimals, q)
    if 2 * rest >= q:
        units += 1
    digits = str(units)
    sign = "-" if p < 0 and units else ""
    if decimals == 0:
        return sign + digits
    digits = digits.rjust(decimals + 1, "0")
    return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"


def rounded_number(value: float | int | Fraction | None, decimals: int) -> int | float | None:
    """The same rounding as `round_half_up`, as a number (for typed xlsx cells)."""
    q = _quantize(value, decimals) if value is not None else None
    if q is None:
        return None
    return int(q) if decimals == 0 else float(q)


def is_exact_count(indicator: Indicator) -> bool:
    """Counts whose registry says 0 decimals are whole numbers; estimated counts (e.g.
    推算漏报出生数, 1 decimal) are not, and follow --precision like any rate."""
    return indicator.is_count and indicator.decimals == 0


def decimals_for(indicator: Indicator, precision: int | None) -> int:
    """Registry decimals, or --precision; yuan always keeps fen (2), and exact counts
    stay integers (a birth count with --precision 2 would print "1562.00")."""
    if indicator.unit == "yuan":
        return 2
    if is_exact_count(indicator):
        return 0
    return indicator.decimals if precision is None else precision


def format_cell(value: float | int | Fraction | None, indicator: Indicator,
                precision: int | None) -> str:
    """An indicator value (or its ci bound or gap) as printed in a text format; a
    "1:x" ratio as reports write it, 1:4.54."""
    text = round_half_up(value, decimals_for(indicator, precision))
    return f"1:{text}" if text and indicator.unit == "1:x" else text


def format_exact(value: float | int | None, indicator: Indicator | None = None) -> str:
    """Numerators, denominators and targets: exact, never rounded to the display decimals.

    Whole numbers print without ".0" (a count of 1562 is "1562"); yuan print with fen.
    """
    if is_missing(value):
        return ""
    assert value is not None
    if indicator is not None and indicator.unit == "yuan":
        return round_half_up(value, 2)
    d = to_decimal(value)
    if not d.is_finite():
        return ""
    if d == d.to_integral_value():
        return str(int(d))
    return format(d, "f")


def exact_number(
    value: float | int | None, indicator: Indicator | None = None
) -> int | float | None:
    """`format_exact` as a number, for typed xlsx cells."""
    if is_missing(value):
        return None
    assert value is not None
    if indicator is not None and indicator.unit == "yuan":
        return rounded_number(value, 2)
    if isinstance(value, numbers.Integral):
        return int(value)
    f = float(value)
    return f if math.isfinite(f) else None


# The integer digits of a number's text at its end: "1234.50", "-1234", "1:1234.5".
_TRAILING_NUMBER = re.compile(r"(\d+)(\.\d*)?$")


def grouped(value: str | float | int | Fraction | None, decimals: int = 0) -> str:
    """A number for people to read, with thousands separators: 43115 → "43,115",
    10401000 (2 decimals) → "10,401,000.00", "1:1234.5" → "1:1,234.5".

    Text (a cell already formatted by `format_cell` or `format_exact`) is only grouped;
    a number is first rounded half-up to `decimals` (`round_half_up`). For the terminal
    table and the HTML report only: csv, tsv and json never group digits.
    """
    text = value if isinstance(value, str) else round_half_up(value, decimals)
    m = _TRAILING_NUMBER.search(text)
    if m is None or len(m.group(1)) <= 3:
        return text
    return f"{text[:m.start()]}{int(m.group(1)):,}{m.group(2) or ''}"
