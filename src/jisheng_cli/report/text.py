"""Numbers as the report prints them: rounded half-up at the indicator's decimals
(render.numbers), with thousands separators, which the HTML has and CSV/JSON never do."""

from __future__ import annotations

from fractions import Fraction

from jisheng_cli.indicators.model import Indicator
from jisheng_cli.render.numbers import decimals_for, format_exact, round_half_up

Number = float | int | Fraction | None


def _number_text(value: Number, decimals: int) -> str:
    """`value` rounded half-up at `decimals`, its whole part grouped by thousands
    (1562 → "1,562", 10401000 → "10,401,000.00"); empty when missing."""
    text = round_half_up(value, decimals)
    if not text:
        return ""
    sign = "-" if text.startswith("-") else ""
    whole, dot, fraction = text.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}{dot}{fraction}"


def value_text(value: Number, ind: Indicator) -> str:
    """An indicator's value (or interval bound, gap, change) at its display decimals."""
    text = _number_text(value, decimals_for(ind, None))
    return f"1:{text}" if text and ind.unit == "1:x" else text


def exact_text(value: float | int | None) -> str:
    """A count, a denominator or a target: exact, whole numbers without ".0", grouped."""
    text = format_exact(value)
    if not text:
        return ""
    decimals = len(text.partition(".")[2])
    return _number_text(Fraction(text), decimals)


def signed(text: str) -> str:
    """A change or gap with its sign: "+0.35", "-2.10", "0.00"."""
    if not text or text.startswith("-") or not any(c in "123456789" for c in text):
        return text
    return "+" + text
