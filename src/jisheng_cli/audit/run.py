"""Every check of every claim, in claims-file order (docs/audit.md "Checks")."""

from __future__ import annotations

from jisheng_cli import __version__
from jisheng_cli.audit.arithmetic import check_arithmetic
from jisheng_cli.audit.changes import check_change
from jisheng_cli.audit.gap import check_gap
from jisheng_cli.audit.model import AuditReport, Check, Claim, ClaimResult
from jisheng_cli.audit.names import resolve
from jisheng_cli.audit.printed import NotAFigure, Printed, parse_printed
from jisheng_cli.config import Target
from jisheng_cli.indicators.model import Indicator
from jisheng_cli.readers.sources import Source
from jisheng_cli.settings import Settings


def _targets(settings: Settings) -> dict[str, Target]:
    from jisheng_cli.indicators.targets import targets_in_force

    return targets_in_force(settings.config.definitions, settings.config.targets)


def audit(claims: list[Claim], *, claims_path: str, settings: Settings,
          sources: list[Source] | None = None) -> AuditReport:
    """The audit of `claims`: arithmetic, target and gap, change, and with `sources` the
    registers (read with `settings`, whose config holds the definitions and targets)."""
    targets = _targets(settings)
    parsed: list[tuple[Claim, Printed | None, Indicator | None]] = []
    for claim in claims:
        try:
            printed: Printed | None = parse_printed(claim.printed)
        except NotAFigure:
            printed = None
        parsed.append((claim, printed, resolve(claim.indicator, printed.unit if printed else None)))
    registers = None
    if sources:
        from jisheng_cli.audit.registers import check_registers

        registers = check_registers([(c, p, i) for c, p, i in parsed if p is not None],
                                    sources, settings)
    results = []
    for claim, printed, indicator in parsed:
        checks: list[Check] = []
        if printed is None:
            checks.append(Check("claim", "cannot_check", "printed_unreadable",
                                {"printed": claim.printed}))
        else:
            previous = registers.previous.get(claim.row) if registers else None
            found = (check_arithmetic(claim, printed, indicator),
                     check_gap(claim, printed, indicator,
                               targets.get(indicator.id) if indicator else None),
                     check_change(claim, printed, indicator, previous),
                     registers.checks.get(claim.row) if registers else None)
            checks += [c for c in found if c is not None]
            if not checks:
                checks.append(Check("claim", "cannot_check", "nothing_to_check"))
        results.append(ClaimResult(claim, indicator.id if indicator else None, tuple(checks)))
    return AuditReport(
        claims_path=claims_path, results=results,
        registers=[i.path for i in registers.inputs] if registers else [],
        as_of=settings.as_of.isoformat(), version=__version__)
