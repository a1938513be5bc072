"""Findings: one row-level problem each, as listed in the rejects report."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "duplicate", "warning"]
FINDING_FIELDS = ("file", "row", "column", "code", "severity", "value", "message")


@dataclass(frozen=True, slots=True)
class Finding:
    """`value` is already masked unless the user asked for personal data in clear."""

    file: str
    row: int | None  # spreadsheet row number: header = 1 (title lines push it down)
    column: str | None
    code: str
    severity: Severity
    value: str | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
