"""The target-and-gap check: the printed gap equals the printed figure − the target (in
points for a %), and its word (优于/低于/高于/未达到) agrees with the figure's side of the
target (docs/audit.md)."""

from __future__ import annotations

from jisheng_cli.audit.model import Check, Claim
from jisheng_cli.audit.printed import Printed
from jisheng_cli.config import Target
from jisheng_cli.indicators.model import Indicator


def check_gap(claim: Claim, printed: Printed, indicator: Indicator | None,
              configured: Target | None) -> Check | None:
    """None when the claim prints no gap. `configured`: the run's target for the
    indicator (config [targets] or the default), used when the claim prints none, and
    for the side (min/max) of a printed target that does not say it."""
    raise NotImplementedError
