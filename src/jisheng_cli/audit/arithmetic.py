"""The arithmetic check: the printed numerator ÷ denominator, in the figure's unit,
rounded half-up at the printed decimals, against the printed figure (docs/audit.md)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from jisheng_cli.audit.model import Check, Claim
from jisheng_cli.audit.printed import NotAFigure, Printed, clean, parse_printed
from jisheng_cli.audit.rounding import printed_by, printing_range
from jisheng_cli.audit.units import (
    is_amount,
    ratio_value,
    scale,
    show,
    show_exact,
    show_printed,
    show_rounded,
)
from jisheng_cli.indicators.model import Indicator


@dataclass(frozen=True)
class Ratio:
    """A claim's numerator and denominator as read, and the exact figure they give in the
    printed unit."""

    numerator: Printed
    denominator: Printed
    exact: Fraction

    def operands(self, printed: Printed) -> tuple[Printed, Printed]:
        """(dividend, divisor) as the explanation shows the division: 1:x is
        denominator ÷ numerator (1,562 births ÷ 344 abortions = 4.54)."""
        if printed.unit == "1:x":
            return self.denominator, self.numerator
        return self.numerator, self.denominator

    def params(self, printed: Printed) -> dict[str, str]:
        dividend, divisor = self.operands(printed)
        return {"numerator": show_printed(dividend), "denominator": show_printed(divisor)}


def read_ratio(claim: Claim, printed: Printed, indicator: Indicator | None
               ) -> Ratio | Check | None:
    """The claim's ratio; a cannot_check Check when its cells do not give one; None when
    it has no numerator or no denominator. Shared with the gap check, which judges the
    gap from the computed figure."""
    cells = {"numerator": clean(claim.numerator), "denominator": clean(claim.denominator)}
    if not cells["numerator"] or not cells["denominator"]:
        return None
    read: dict[str, Printed] = {}
    for column, text in cells.items():
        try:
            read[column] = parse_printed(text)
        except NotAFigure:
            return Check("arithmetic", "cannot_check", "arithmetic_unreadable",
                         {"column": column, "text": text or ""})
    num, den = read["numerator"], read["denominator"]
    # A count or a sum of money is not a ratio: its numerator and denominator (a report's
    # "451.00万元 of the required 300.00万元") say nothing arithmetic can check.
    if is_amount(printed):
        return Check("arithmetic", "cannot_check", "arithmetic_not_a_ratio",
                     {"printed": printed.text})
    divisor = num if printed.unit == "1:x" else den
    if divisor.base == 0:
        reason = ("arithmetic_zero_numerator" if printed.unit == "1:x"
                  else "arithmetic_zero_denominator")
        return Check("arithmetic", "cannot_check", reason)
    return Ratio(num, den, ratio_value(num.exact, den.exact, printed, indicator))


def _places(value: Decimal) -> int:
    """Decimals a base value needs (1234.5 → 1, 4510000 → 0)."""
    exponent = value.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def would_print(ratio: Ratio, printed: Printed, indicator: Indicator | None) -> str | None:
    """The dividends that print the figure over the claim's divisor, in the dividend's
    unit ("42,747–42,750"; one number when one does), None when none does. A dividend
    given with decimals is searched at its decimals (and the divisor's)."""
    dividend, divisor = ratio.operands(printed)
    places = max(_places(dividend.base), _places(divisor.base))
    step = 10**places
    over = int(divisor.exact * step)
    times = Fraction(1) if printed.unit == "1:x" else scale(printed, indicator) / printed.factor
    found = printing_range(printed.value, printed.decimals, over, times)
    if found is None:
        return None
    shown = [show(Decimal(k).scaleb(-places) / dividend.factor, dividend.unit, dividend.factor)
             for k in found]
    return shown[0] if found[0] == found[1] else "–".join(shown)


def check_arithmetic(claim: Claim, printed: Printed, indicator: Indicator | None
                     ) -> Check | None:
    """None when the claim gives no numerator and denominator."""
    ratio = read_ratio(claim, printed, indicator)
    if not isinstance(ratio, Ratio):
        return ratio
    exact, decimals, unit = ratio.exact, printed.decimals, printed.unit
    params = {**ratio.params(printed), "printed": printed.text,
              # 1:x's exact value is the bare x: "1,562 ÷ 344 = 4.5406…".
              "exact": show_exact(exact, decimals, "" if unit == "1:x" else unit,
                                  printed.factor)}
    expected = show_rounded(exact, decimals, unit, printed.factor)
    rule = printed_by(exact, printed.value, decimals)
    if rule == "half_up":
        return Check("arithmetic", "ok", "arithmetic_ok", params, expected, float(exact))
    if rule is not None:
        return Check("arithmetic", "rounding", "arithmetic_rounding", params, expected,
                     float(exact), rule=rule)
    numerators = would_print(ratio, printed, indicator)
    if numerators is None:
        reason = "arithmetic_mismatch_no_numerator"
    else:
        reason = "arithmetic_mismatch_ratio" if unit == "1:x" else "arithmetic_mismatch"
    return Check("arithmetic", "mismatch", reason, params, expected, float(exact),
                 would_print=numerators)
