"""Findings: one row-level problem each, as listed in the rejects report.

A finding holds its stable code, a message variant and the message's parameters; the
words come from the catalogue (`messages.findings`) in the language asked for when the
finding is written out, so one run can be reported in Chinese or English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "duplicate", "warning"]
FINDING_FIELDS = ("file", "row", "column", "code", "severity", "value", "message")
Params = tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """`value` is already masked unless the user asked for personal data in clear.

    `params` fill the catalogue message's fields; `dup_row` (and `dup_file`, a path) name
    the row a duplicate repeats, the one that is kept."""

    file: str
    row: int | None  # spreadsheet row number: header = 1 (title lines push it down)
    column: str | None
    code: str
    severity: Severity
    value: str | None
    variant: str = ""
    params: Params = ()

    def message(self, lang: str | None = "en") -> str:
        from jisheng_cli.messages.findings import finding_message

        return finding_message(self.code, lang, self.variant, **dict(self.params))

    def to_dict(self, lang: str | None = "zh") -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "column": self.column, "code": self.code,
                "severity": self.severity, "value": self.value,
                "message": self.message(lang)}


def params(**values: Any) -> Params:
    """Message parameters in a stable order (findings compare and pickle as tuples)."""
    return tuple(sorted(values.items()))
