"""The change check: 增长/减少/提高/下降 x% (relative), x 个百分点 (points), x 例 (a
count) or x 倍 against the previous figure; a "percentage change" that is really a ratio
(the figure ÷ the previous one, or how far the figure exceeds a target or a required
amount) is named as such (docs/audit.md)."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from jisheng_cli.audit.model import Check, Claim
from jisheng_cli.audit.printed import (
    ChangeText,
    NotAFigure,
    Printed,
    clean,
    parse_change,
    parse_printed,
    parse_target,
)
from jisheng_cli.audit.rounding import printed_by, rounded
from jisheng_cli.audit.units import POINT_UNITS, direction_of, show, show_printed
from jisheng_cli.indicators.model import Indicator
from jisheng_cli.messages.change import CHANGE_WORDS

#: The en words of a rise, a fall and no change (the zh ones are CHANGE_WORDS' or the
#: report's own).
_EN = {1: "up", -1: "down", 0: "unchanged"}


def _compatible(a: Printed, b: Printed) -> bool:
    """Two figures that can be subtracted: the same unit, or one of them bare."""
    return not a.unit or not b.unit or a.unit == b.unit


def _change(amount: Printed | None, figure: Printed, previous: Printed) -> Fraction | None:
    """The change the amount's unit measures, signed: relative for %, figure ÷ previous
    − 1 for 倍, otherwise the difference in the amount's unit (points for 个百分点; a
    bare amount is in the figure's unit). None when a relative change is on a zero."""
    diff = figure.exact - previous.exact
    unit = amount.unit if amount else ""
    if unit in ("%", "倍"):
        if previous.exact == 0:
            return None
        return diff / previous.exact * (100 if unit == "%" else 1)
    factor = amount.factor if amount and amount.unit else figure.factor
    return diff / factor


def _kind(figure: Printed, indicator: Indicator | None) -> str:
    """The CHANGE_WORDS kind of a figure: its unit, else its indicator's."""
    if figure.unit in ("%", "‰", "1:x"):
        return figure.unit
    if figure.is_count:
        return "count"
    if figure.unit == "元":
        return "yuan"
    return indicator.unit if indicator and indicator.unit in CHANGE_WORDS["zh"] else "ratio"


def _base(claim: Claim) -> Iterator[Printed]:
    """The claim's other figures a "change" may really be measured from: its target,
    then its denominator (a required amount)."""
    if clean(claim.target):
        try:
            yield parse_target(claim.target).bound
        except NotAFigure:
            pass
    if clean(claim.denominator):
        try:
            yield parse_printed(claim.denominator)
        except NotAFigure:
            pass


def _misread(claim: Claim, amount: Printed, figure: Printed, previous: Printed
             ) -> tuple[str, dict[str, str]] | None:
    """What a wrong % amount really is, in the order docs/audit.md names them: two
    percentages' difference written as %, the figure ÷ the previous × 100, or how far
    the figure exceeds the claim's target or denominator."""
    if amount.unit != "%":
        return None

    def prints(value: Fraction) -> bool:
        return printed_by(abs(value), amount.value, amount.decimals) is not None

    points = figure.exact - previous.exact
    if figure.unit == "%" and prints(points):
        return "change_points_as_percent", {
            "amount_points": show(rounded(abs(points), amount.decimals, "half_up"), "")}
    if previous.exact != 0 and prints(figure.exact / previous.exact * 100):
        return "change_ratio_as_change", {}
    for base in _base(claim):
        if base.exact != 0 and _compatible(base, figure) and prints(
                (figure.exact / base.exact - 1) * 100):
            return "change_excess_over_target", {"base": show_printed(base)}
    return None


def _words(change: ChangeText, actual: int, figure: Printed, indicator: Indicator | None
           ) -> str:
    """The zh word of the actual direction: the report's own when it agrees."""
    if actual == change.direction and change.word:
        return change.word
    if actual == 0:
        return "持平"
    rise, fall, _ = CHANGE_WORDS["zh"][_kind(figure, indicator)]
    return rise if actual > 0 else fall


def check_change(claim: Claim, printed: Printed, indicator: Indicator | None,
                 previous: Printed | None = None) -> Check | None:
    """None when the claim prints no change. `previous`: the previous figure when the
    claim prints none (the registers' previous statistical year), else the claim's."""
    cell = clean(claim.change)
    if not cell:
        return None
    try:
        change = parse_change(cell)
    except NotAFigure:
        return Check("change", "cannot_check", "change_unreadable",
                     {"column": "change", "text": cell})
    if clean(claim.previous):
        try:
            previous = parse_printed(claim.previous)
        except NotAFigure:
            return Check("change", "cannot_check", "change_unreadable",
                         {"column": "previous", "text": clean(claim.previous)})
    if previous is None:
        return Check("change", "cannot_check", "change_no_previous")
    params = {"printed": printed.text, "previous": show_printed(previous),
              "word": change.word or cell}
    if not _compatible(previous, printed):
        return Check("change", "cannot_check", "change_unit", params)
    amount = change.amount
    actual = _change(amount, printed, previous)
    if actual is None:
        return Check("change", "cannot_check", "change_zero_previous", params)
    # 持平 prints no amount: the difference is then shown in points (%, ‰) or in the
    # figure's unit, at the figure's decimals.
    decimals = amount.decimals if amount else printed.decimals
    unit = (amount.unit if amount else POINT_UNITS.get(printed.unit, printed.unit))
    factor = amount.factor if amount and amount.unit else printed.factor
    magnitude = rounded(abs(actual), decimals, "half_up")
    expected = show(magnitude, unit, factor if unit else 1)
    sign = direction_of(actual)
    zh, en = _words(change, sign, printed, indicator), _EN[sign]
    params |= {"amount": show_printed(amount) if amount else change.word,
               "change_zh": f"{zh} {expected}" if sign else zh,
               "change_en": f"{en} {expected}" if sign else en}
    value = float(actual)
    rule = printed_by(abs(actual), amount.value, decimals) if amount else None
    if amount is not None and rule != "half_up":
        misread = _misread(claim, amount, printed, previous)
        if misread is not None:
            reason, more = misread
            return Check("change", "mismatch", reason, params | more, expected, value)
        if rule is None:
            return Check("change", "mismatch", "change_amount", params, expected, value)
    # The amount holds (or another rule prints it): the word must say which way it went;
    # an amount that prints as zero goes either way.
    if sign != change.direction and not (amount is not None and magnitude == 0):
        return Check("change", "mismatch", "change_direction", params, expected, value)
    if rule not in (None, "half_up"):
        return Check("change", "rounding", "change_rounding", params, expected, value,
                     rule=rule)
    return Check("change", "ok", "change_ok", params, expected, value)
