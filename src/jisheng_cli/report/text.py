"""Numbers as the report prints them: rounded half-up at the indicator's decimals
(render.numbers), with thousands separators, which the HTML has and CSV/JSON never do."""

from __future__ import annotations

from fractions import Fraction

from jisheng_cli.indicators.model import Indicator
from jisheng_cli.render.numbers import decimals_for, format_exact, grouped

Number = float | int | Fraction | None


def value_text(value: Number, ind: Indicator) -> str:
    """An indicator's value (or interval bound, gap, change) at its display decimals."""
    text = grouped(value, decimals_for(ind, None))
    return f"1:{text}" if text and ind.unit == "1:x" else text


def exact_text(value: float | int | None) -> str:
    """A count, a denominator or a target: exact, whole numbers without ".0", grouped."""
    return grouped(format_exact(value))


def signed(text: str) -> str:
    """A change or gap with its sign: "+0.35", "-2.10", "0.00"."""
    if not text or text.startswith("-") or not any(c in "123456789" for c in text):
        return text
    return "+" + text
