"""A claim (one printed figure of a report, a row of the claims file) and the checks the
audit makes of it (docs/audit.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["ok", "rounding", "mismatch", "cannot_check"]
CheckKind = Literal["arithmetic", "target", "change", "registers", "claim"]
#: Statuses from the worst: a claim's status is its worst check's ("claim" when none
#: of the checks could be made is cannot_check).
STATUSES: tuple[Status, ...] = ("mismatch", "rounding", "ok", "cannot_check")
CHECK_KINDS: tuple[CheckKind, ...] = ("arithmetic", "target", "change", "registers", "claim")

#: The claims file's columns, in order (docs/audit.md "The claims file").
CLAIM_FIELDS = ("indicator", "printed", "group", "period", "numerator", "denominator",
                "target", "gap", "previous", "change", "page", "line", "source_text")


@dataclass(frozen=True)
class Claim:
    """One printed figure, every cell as written (parsing belongs to each check, so a
    cell it cannot read makes that check cannot_check, not the file unreadable).
    `row`: where it is in the claims file (a spreadsheet's row number; a TOML claim's
    1-based index)."""

    row: int
    indicator: str
    printed: str
    group: str | None = None
    period: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    target: str | None = None
    gap: str | None = None
    previous: str | None = None
    change: str | None = None
    page: str | None = None
    line: str | None = None
    source_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, **{f: getattr(self, f) for f in CLAIM_FIELDS}}


@dataclass(frozen=True)
class Check:
    """One check of a claim. `reason` is a code of messages.audit.REASONS, whose template
    `params` fill (numbers as the text the explanation shows). `expected` is what the
    check finds, printed at the claim's decimals in its unit ("98.29%"); `value` its
    unrounded number (JSON). `rule`: the rounding rule of a `rounding` status;
    `setting`: the [definitions] setting that reproduces a figure ("underreport_denominator
    = reported_births"); `would_print`: the numerators that give the printed figure
    ("42,747–42,750"); ci_low/ci_high: the registers' interval, for context."""

    kind: CheckKind
    status: Status
    reason: str
    params: dict[str, str] = field(default_factory=dict)
    expected: str | None = None
    value: float | None = None
    rule: str | None = None
    setting: str | None = None
    would_print: str | None = None
    ci_low: float | None = None
    ci_high: float | None = None

    def explanation(self, lang: str) -> str:
        from jisheng_cli.messages.audit import explain

        params = {"expected": self.expected or "", "would_print": self.would_print or "",
                  "setting": self.setting or "", **self.params}
        return explain(self.reason, params, lang, self.rule)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"check": self.kind, "status": self.status, "reason": self.reason,
                "explanation": self.explanation(lang), "expected": self.expected,
                "value": self.value, "rule": self.rule, "setting": self.setting,
                "would_print": self.would_print, "ci_low": self.ci_low,
                "ci_high": self.ci_high}


def worst(statuses: list[Status]) -> Status:
    """The claim's status: its worst check (cannot_check only when nothing was checked)."""
    for status in STATUSES:
        if status in statuses:
            return status
    return "cannot_check"


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    indicator_id: str | None  # the registry's id the label names, None for another label
    checks: tuple[Check, ...]

    @property
    def status(self) -> Status:
        return worst([c.status for c in self.checks])

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {**self.claim.to_dict(), "indicator_id": self.indicator_id,
                "status": self.status, "checks": [c.to_dict(lang) for c in self.checks]}


@dataclass
class AuditReport:
    """Every claim's result, in claims-file order, and what the registers were (the
    inputs' summaries when registers were given)."""

    claims_path: str
    results: list[ClaimResult]
    registers: list[str] = field(default_factory=list)
    as_of: str | None = None
    version: str = ""

    def counts(self) -> dict[str, int]:
        return {s: sum(r.status == s for r in self.results) for s in STATUSES}

    @property
    def mismatched(self) -> bool:
        return any(r.status == "mismatch" for r in self.results)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"version": self.version, "claims_file": self.claims_path,
                "registers": self.registers, "as_of": self.as_of, "counts": self.counts(),
                "claims": [r.to_dict(lang) for r in self.results]}
