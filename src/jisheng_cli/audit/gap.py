"""The target-and-gap check: the printed gap equals the printed figure − the target (in
points for a %), and its word (优于/低于/高于/未达到) agrees with the figure's side of the
target (docs/audit.md)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from jisheng_cli.audit.arithmetic import Ratio, read_ratio
from jisheng_cli.audit.model import Check, Claim, Status
from jisheng_cli.audit.printed import (
    GapText,
    NotAFigure,
    Printed,
    TargetText,
    clean,
    parse_gap,
    parse_target,
)
from jisheng_cli.audit.rounding import Rule, printed_by, rounded
from jisheng_cli.audit.units import POINT_UNITS, direction_of, show, show_printed
from jisheng_cli.config import Target
from jisheng_cli.indicators.model import Indicator

#: The figure's place against the bound, as the explanation words it.
RELATIONS = {1: ("高于", "above"), -1: ("低于", "below"), 0: ("等于", "equal to")}


def _number(x: float) -> Decimal:
    """A configured bound as its shortest text: 95.0 → 95, 0.3 → 0.3."""
    d = Decimal(str(x))
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d


def _configured(target: Target, printed: Printed) -> tuple[TargetText, str] | None:
    """The run's target in the figure's unit, and its text ("≥95%", "≤1‰", "103–107")."""
    def bound(x: float | None) -> Printed | None:
        if x is None:
            return None
        d = _number(x)
        return Printed(format(d, "f"), d, max(-int(d.as_tuple().exponent), 0), printed.unit,
                       printed.factor)

    low, high = bound(target.min), bound(target.max)
    if low and high:
        return TargetText(low, high, "range"), f"{show_printed(low)}–{show_printed(high)}"
    if low:
        return TargetText(low, None, "min"), f"≥{show_printed(low)}"
    if high:
        return TargetText(None, high, "max"), f"≤{show_printed(high)}"
    return None


def _in_figure_unit(bound: Printed, printed: Printed) -> Decimal | None:
    """A bound in the figure's unit; None when its unit is another one. A bare bound is
    taken to be in the figure's unit ("95" for 99.15%), and a bare figure in its bound's
    (99.15 for a % indicator against ≥95%)."""
    if not bound.unit or not printed.unit:
        return bound.value
    if bound.unit != printed.unit:
        return None
    return bound.base / printed.factor


def _side(target: TargetText, configured: Target | None) -> str | None:
    if target.side is not None:
        return target.side
    if configured is None:
        return None
    if configured.min is not None and configured.max is not None:
        return "range"
    return "min" if configured.min is not None else "max" if configured.max is not None else None


def _signed_gap(side: str | None, low: Decimal | None, high: Decimal | None,
                figure: Decimal) -> Decimal | None:
    """The gap as jisheng's results define it (docs/indicators.md "Targets, gap and
    status"): figure − min, max − figure, the smaller of the two for a range; ≥ 0 is
    inside. None when the target's side is unknown."""
    gaps = []
    if side in ("min", "range") and low is not None:
        gaps.append(figure - low)
    if side in ("max", "range") and high is not None:
        gaps.append(high - figure)
    if side == "max" and high is None and low is not None:  # "92%" with a max configured
        gaps.append(low - figure)
    return min(gaps) if gaps else None


def _word_holds(gap: GapText, signed: Decimal | None, diff: Decimal) -> bool | None:
    """Whether the gap's word agrees with the figure's place; None: it cannot be told (a
    better/worse word, or a signed bare number, against a target of unknown side).
    better/worse say inside/outside; above/below compare the figure with the bound; a bare
    number is the distance when unsigned and, signed ("-4.31", "+4.31"), the results'
    signed gap (positive inside)."""
    if gap.sense == "above":
        return diff > 0
    if gap.sense == "below":
        return diff < 0
    sign = {"-": -1, "−": -1, "+": 1}.get(gap.amount.text[:1])
    if gap.sense is None and sign is None:
        return True
    if signed is None:
        return None
    if gap.sense is None:
        return direction_of(signed) in (sign, 0)
    return (signed >= 0) == (gap.sense == "better")


def _bound(side: str | None, low: Decimal | None, high: Decimal | None, figure: Decimal
           ) -> Decimal:
    """The bound the gap is measured from: a range's nearer end (the one crossed when
    outside it)."""
    if side == "max" and high is not None:
        return high
    if side == "range" and low is not None and high is not None:
        return low if abs(figure - low) <= abs(figure - high) else high
    if low is not None:
        return low
    assert high is not None
    return high


def _amount_unit(amount: Printed, printed: Printed) -> tuple[str, int, Fraction]:
    """The unit the expected gap is written in, its factor, and × from the figure's
    unit: points for a % or ‰ figure whatever the gap's own word (个百分点, %, none);
    otherwise the gap's unit (a gap in 万元 of a figure in 元)."""
    if printed.unit in POINT_UNITS or not amount.unit:
        return POINT_UNITS.get(printed.unit, printed.unit), printed.factor, Fraction(1)
    return amount.unit, amount.factor, Fraction(printed.factor, amount.factor)


def check_gap(claim: Claim, printed: Printed, indicator: Indicator | None,
              configured: Target | None) -> Check | None:
    """None when the claim prints no gap. `configured`: the run's target for the
    indicator (config [targets] or the default), used when the claim prints none, and
    for the side (min/max) of a printed target that does not say it."""
    gap_cell = clean(claim.gap)
    if not gap_cell:
        return None
    try:
        gap = parse_gap(gap_cell)
    except NotAFigure:
        return Check("target", "cannot_check", "gap_unreadable",
                     {"column": "gap", "text": gap_cell})
    target_cell = clean(claim.target)
    if target_cell:
        try:
            target, target_text = parse_target(target_cell), target_cell
        except NotAFigure:
            return Check("target", "cannot_check", "gap_unreadable",
                         {"column": "target", "text": target_cell})
    else:
        found = _configured(configured, printed) if configured else None
        if found is None:
            return Check("target", "cannot_check", "gap_no_target")
        target, target_text = found
    low = _in_figure_unit(target.low, printed) if target.low else None
    high = _in_figure_unit(target.high, printed) if target.high else None
    if (target.low and low is None) or (target.high and high is None):
        return Check("target", "cannot_check", "gap_unit",
                     {"printed": printed.text, "target": target_text})
    side = _side(target, configured)

    # With a numerator and a denominator the gap is judged from the figure they give:
    # a report that printed the wrong rate usually printed its gap from the wrong rate.
    ratio = read_ratio(claim, printed, indicator)
    params = {"printed": printed.text, "target": target_text, "gap": show_printed(gap.amount),
              "word": gap.word or gap_cell}

    def judged(figure: Decimal) -> tuple[bool | None, Rule | None, Fraction, int]:
        """(the word holds, the rule that prints the amount, the distance, the figure's
        side of the bound: 1 above, −1 below, 0 on it)."""
        diff = figure - _bound(side, low, high, figure)
        distance = abs(Fraction(diff)) * times
        return (_word_holds(gap, _signed_gap(side, low, high, figure), diff),
                printed_by(distance, abs(gap.amount.value), gap.amount.decimals), distance,
                direction_of(diff))

    unit, factor, times = _amount_unit(gap.amount, printed)
    figure, suffix = printed.value, ""
    if isinstance(ratio, Ratio):
        computed = rounded(ratio.exact, printed.decimals, "half_up")
        if computed != printed.value:
            figure, suffix = computed, "_from_computed"
            params |= {**ratio.params(printed),
                       "figure": show(computed, printed.unit, printed.factor)}
    holds, rule, distance, relation = judged(figure)
    zh, en = RELATIONS[relation]
    params |= {"relation_zh": zh, "relation_en": en}
    expected = show(rounded(distance, gap.amount.decimals, "half_up"), unit, factor)
    value = float(distance)
    status: Status = "ok" if rule == "half_up" else "rounding" if rule else "mismatch"
    if suffix and isinstance(ratio, Ratio) and (holds is False or status == "mismatch"):
        # A figure printed by another rounding rule (arithmetic: rounding) whose gap
        # holds from the printed figure is a rounding too, not a wrong gap.
        printed_rule = printed_by(ratio.exact, printed.value, printed.decimals)
        again = judged(printed.value) if printed_rule else None
        if again is not None and again[0] is not False and again[1] == "half_up":
            return Check("target", "rounding", "gap_rounding_from_computed", params,
                         expected, value, rule=printed_rule)
    # A wrong amount is wrong whichever side the target is on; a right one leaves the
    # word, which a target of unknown side cannot judge.
    if holds is None and status != "mismatch":
        return Check("target", "cannot_check", "gap_side_unknown", params)
    if holds is False:
        return Check("target", "mismatch", "gap_direction" + suffix, params, expected, value)
    reason = {"ok": "gap_ok", "rounding": "gap_rounding", "mismatch": "gap_amount"}[status]
    if suffix:
        reason = {"gap_amount": "gap_from_computed"}.get(reason, reason + suffix)
    return Check("target", status, reason, params, expected, value,
                 rule=rule if status == "rounding" else None)
