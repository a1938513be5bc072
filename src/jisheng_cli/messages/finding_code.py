"""One entry of the finding-code catalogue (messages.findings lists them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "duplicate", "warning"]


@dataclass(frozen=True)
class FindingCode:
    code: str
    severity: Severity
    kinds: tuple[str, ...]
    columns: tuple[str, ...]  # () = the row as a whole
    zh: str
    en: str
    variants: dict[str, tuple[str, str]] = field(default_factory=dict)  # name → (zh, en)
    # Kinds where the code is of another severity than `severity` (an unknown residence
    # only warns in a births register, but rejects a woman's row: the rates use it).
    severity_by_kind: dict[str, Severity] = field(default_factory=dict)

    def text(self, variant: str = "") -> tuple[str, str]:
        return self.variants[variant] if variant else (self.zh, self.en)

    def severity_of(self, kind: str) -> Severity:
        return self.severity_by_kind.get(kind, self.severity)
