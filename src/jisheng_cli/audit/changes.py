"""The change check: 增长/减少/提高/下降 x% (relative), x 个百分点 (points), x 例 (a
count) or x 倍 against the previous figure; a "percentage change" that is really a ratio
(the figure ÷ the previous one, or how far the figure exceeds a target or a required
amount) is named as such (docs/audit.md)."""

from __future__ import annotations

from jisheng_cli.audit.model import Check, Claim
from jisheng_cli.audit.printed import Printed
from jisheng_cli.indicators.model import Indicator


def check_change(claim: Claim, printed: Printed, indicator: Indicator | None,
                 previous: Printed | None = None) -> Check | None:
    """None when the claim prints no change. `previous`: the previous figure when the
    claim prints none (the registers' previous statistical year), else the claim's."""
    raise NotImplementedError
