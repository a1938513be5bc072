"""The arithmetic check: the printed numerator ÷ denominator, in the figure's unit,
rounded half-up at the printed decimals, against the printed figure (docs/audit.md)."""

from __future__ import annotations

from jisheng_cli.audit.model import Check, Claim
from jisheng_cli.audit.printed import Printed
from jisheng_cli.indicators.model import Indicator


def check_arithmetic(claim: Claim, printed: Printed, indicator: Indicator | None
                     ) -> Check | None:
    """None when the claim gives no numerator and denominator."""
    raise NotImplementedError
