"""The check against the registers: the indicator computed for the claim's group and
period with the run's definitions; `ok` only when equal at the printed decimals; where
another value of a [definitions] setting reproduces the printed figure, which one
(docs/audit.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from jisheng_cli.audit.model import Check, Claim
from jisheng_cli.audit.printed import Printed
from jisheng_cli.indicators.model import Indicator
from jisheng_cli.readers.sources import Source
from jisheng_cli.results import InputSummary
from jisheng_cli.settings import Settings


@dataclass
class RegisterChecks:
    checks: dict[int, Check]  # by Claim.row
    # The registers' figure a statistical year before the claim's, for claims that print
    # a change but no previous figure (by Claim.row).
    previous: dict[int, Printed] = field(default_factory=dict)
    inputs: list[InputSummary] = field(default_factory=list)


def check_registers(items: Sequence[tuple[Claim, Printed, Indicator | None]],
                    sources: list[Source], settings: Settings) -> RegisterChecks:
    """A check per claim (cannot_check with the reason where none can be made)."""
    raise NotImplementedError
