"""The one definition of a change between statistical years (docs/report.md "同比").

A change is the indicator's value in a statistical year minus its value in the year before,
for the same group, in the indicator's unit. Whether it is more than chance depends on what
the indicator counts: Newcombe's interval for a proportion (a sex ratio through its male
share), the exact conditional Poisson test for a count or a ‰ rate; the rest (amounts,
ratios, the field check's cluster rates …) get the change alone. `indicators
--compare-previous`, the report's 同比 section and the audit all read it from here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from jisheng_cli.indicators.model import Indicator, has_note, join_notes
from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.render.numbers import is_missing, round_half_up
from jisheng_cli.results import ResultRow

Method = Literal["newcombe", "poisson_exact"]


@dataclass(frozen=True)
class Change:
    previous: float | int | None
    change: float | None
    ci_low: float | None
    ci_high: float | None
    significant: bool | None
    method: str | None  # "newcombe" | "poisson_exact" | None

    @classmethod
    def of_row(cls, row: ResultRow) -> Change:
        """The change a row carries in its compare fields (attach_changes set them)."""
        return cls(row.previous, None if row.change is None else float(row.change),
                   row.change_ci_low, row.change_ci_high, row.change_significant,
                   row.change_method)


NO_CHANGE = Change(None, None, None, None, None, None)


def judged_by(indicator: Indicator) -> Method | None:
    """How a change of this indicator is judged: None when only the change is given (an
    amount, a ratio, a cluster rate, a % without a binomial interval)."""
    if indicator.interval in ("wilson", "sex_ratio"):
        return "newcombe"
    if indicator.unit in ("count", "‰"):
        return "poisson_exact"
    return None


def _difference(current: ResultRow, previous: ResultRow) -> float | int:
    """The difference of the unrounded values: of their exact fractions where both have
    one (so two equal rates differ by exactly 0, and 99.17 − 98.82 is 0.35, not the float
    0.3500000000000085), else of the floats; counts stay whole numbers."""
    a, b = current.value, previous.value
    assert a is not None and b is not None
    if isinstance(a, int) and isinstance(b, int):
        return a - b
    if current.exact_value is not None and previous.exact_value is not None:
        return float(current.exact_value - previous.exact_value)
    return float(a) - float(b)


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


def _counts(row: ResultRow) -> tuple[float, float] | None:
    k, n = row.numerator, row.denominator
    if is_missing(k) or is_missing(n):
        return None
    assert k is not None and n is not None
    return float(k), float(n)


def _newcombe(current: ResultRow, previous: ResultRow, indicator: Indicator,
              confidence: float) -> tuple[float | None, float | None, bool | None]:
    """(ci_low, ci_high, significant) of p_current − p_previous. A sex ratio's numerator
    and denominator are boys and girls: the interval is of the male shares, which decides
    significance but is no interval of the ratio, so its bounds are not given."""
    from jisheng_cli.stats_change import newcombe_interval

    now, before = _counts(current), _counts(previous)
    if now is None or before is None:
        return None, None, None
    (k1, n1), (k2, n2) = now, before
    share = indicator.interval == "sex_ratio"
    if share:
        n1, n2 = k1 + n1, k2 + n2
    low, high = newcombe_interval(k1, n1, k2, n2, confidence)
    if not (math.isfinite(low) and math.isfinite(high)):
        return None, None, None
    significant = low > 0 or high < 0
    if share:
        return None, None, significant
    return low * 100, high * 100, significant


def _poisson(current: ResultRow, previous: ResultRow, indicator: Indicator,
             confidence: float) -> bool | None:
    """Significance of two counts (exposure 1) or two ‰ rates (exposure: the denominator)."""
    from jisheng_cli.stats_change import poisson_exact_test

    now, before = _counts(current), _counts(previous)
    if indicator.unit == "count":
        if is_missing(current.value) or is_missing(previous.value):
            return None
        assert current.value is not None and previous.value is not None
        x1, t1, x2, t2 = float(current.value), 1.0, float(previous.value), 1.0
    elif now is not None and before is not None:
        (x1, t1), (x2, t2) = now, before
    else:
        return None
    p = poisson_exact_test(x1, t1, x2, t2)
    return None if math.isnan(p) else bool(p < 1 - confidence)


def change_between(current: ResultRow, previous: ResultRow | None,
                   confidence: float) -> Change:
    """The change from `previous` (the same group and indicator a statistical year
    earlier, or None) to `current`; docs/report.md "同比"."""
    if previous is None:
        return NO_CHANGE
    before = None if is_missing(previous.value) else previous.value
    if before is None or is_missing(current.value):
        return Change(before, None, None, None, None, None)
    delta = _difference(current, previous)
    indicator = REGISTRY.get(current.indicator)
    method = judged_by(indicator) if indicator is not None else None
    low = high = significant = None
    if indicator is not None and method == "newcombe":
        low, high, significant = _newcombe(current, previous, indicator, confidence)
    elif indicator is not None and method == "poisson_exact":
        significant = _poisson(current, previous, indicator, confidence)
    if significant is None:
        method = None  # no test could be made (an empty year, a count that is an estimate)
    return Change(before, delta, _finite(low) if low is not None else None,
                  _finite(high) if high is not None else None, significant, method)


# The note of a row compared with a partial previous year.
PREVIOUS_PARTIAL = "previous_partial"


def attach_changes(rows: Sequence[ResultRow], confidence: float) -> None:
    """Set the compare fields of every row with a year from the row of the same group and
    indicator in the year before, when `rows` hold it (else its previous is null)."""
    index = {(r.group_level, r.group_code, r.indicator, r.year): r
             for r in rows if r.year is not None}
    for row in rows:
        if row.year is None:
            continue
        before = index.get((row.group_level, row.group_code, row.indicator, row.year - 1))
        c = change_between(row, before, confidence)
        row.previous, row.change = c.previous, c.change
        row.change_ci_low, row.change_ci_high = c.ci_low, c.ci_high
        row.change_significant, row.change_method = c.significant, c.method
        row.exact_previous = before.exact_value if before is not None else None
        if before is not None and has_note(before.note, "partial"):
            # 1,562 births against a three-month previous year is not a change.
            row.note = join_notes(row.note, PREVIOUS_PARTIAL)


def printed_change(current: float | int | Fraction | None,
                   previous: float | int | Fraction | None, decimals: int) -> Decimal | None:
    """The change as text formats print it: the difference of the two values as they are
    printed (each rounded half-up at `decimals`), so that 99.17 and 98.82 always read 0.35
    next to them. It is the unrounded change rounded, but for the rare pair that rounding
    moved apart by one unit of the last decimal (99.174 and 98.825: 0.349, printed 0.34)."""
    a, b = round_half_up(current, decimals), round_half_up(previous, decimals)
    if not a or not b:
        return None
    return Decimal(a) - Decimal(b)
