"""Result rows: the plain values every renderer formats (the long layout of docs/cli.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from fractions import Fraction
from typing import Any

from jisheng_cli.levels import TOTAL_NAME


@dataclass
class ResultRow:
    group_level: str
    group_code: str | None
    group_name: str | None
    year: int | None
    indicator: str
    numerator: float | int | None
    denominator: float | int | None
    value: float | int | None
    unit: str
    ci_low: float | None = None
    ci_high: float | None = None
    target_min: float | None = None
    target_max: float | None = None
    target_source: str | None = None
    gap: float | None = None
    status: str | None = None
    note: str | None = None
    # The change from the previous statistical year (change.Change), set only with
    # --compare-previous, and only then in the JSON and the long layout (COMPARE_FIELDS).
    previous: float | int | None = None
    change: float | int | None = None
    change_ci_low: float | None = None
    change_ci_high: float | None = None
    change_significant: bool | None = None
    change_method: str | None = None
    # Not part of the JSON contract: `value`, `gap` and `previous` as exact fractions
    # (indicators.exact), which the text formats round instead of the floats.
    exact_value: Fraction | None = field(default=None, compare=False, repr=False)
    exact_gap: Fraction | None = field(default=None, compare=False, repr=False)
    exact_previous: Fraction | None = field(default=None, compare=False, repr=False)

    def to_dict(self, compare: bool = False) -> dict[str, Any]:
        fields = ROW_FIELDS + COMPARE_FIELDS if compare else ROW_FIELDS
        return {name: getattr(self, name) for name in fields}


_NOT_IN_CONTRACT = ("exact_value", "exact_gap", "exact_previous")
#: The fields --compare-previous adds after ROW_FIELDS (docs/cli.md "The JSON document").
COMPARE_FIELDS = ("previous", "change", "change_ci_low", "change_ci_high",
                  "change_significant", "change_method")
ROW_FIELDS = tuple(f for f in ResultRow.__dataclass_fields__
                   if f not in _NOT_IN_CONTRACT and f not in COMPARE_FIELDS)


@dataclass
class Repeat:
    """Rows of this input that repeat records first read in another input (a file sent
    twice, or a subset of another): docs/data.md "Files given twice"."""

    path: str  # the other input, as its `path`
    rows: int


@dataclass
class InputSummary:
    path: str
    kind: str
    encoding: str
    rows_read: int = 0
    rows_used: int = 0
    rows_rejected: int = 0
    rows_duplicate: int = 0
    rows_out_of_period: int = 0
    rows_skipped_blank: int = 0
    # The earliest and latest period date (ISO) of the valid rows, in or out of the
    # period: the span of the data, not of the period. None: no valid dated row.
    first_date: str | None = None
    last_date: str | None = None
    repeats: list[Repeat] = field(default_factory=list)  # empty unless it repeats another
    # A women's register only: its kept women outside 15–49 (or exited) at the period's
    # stock date (docs/women.md); absent from the JSON of every other kind.
    women_outside_scope: int | None = None
    # Not part of the JSON contract: what verbose mode tells about the file.
    header_row: int | None = field(default=None, repr=False, compare=False)
    ignored_columns: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def valid_rows(self) -> int:
        """Rows that passed the checks: those duplicates are looked for among."""
        return self.rows_used + self.rows_duplicate + self.rows_out_of_period

    def reconciles(self) -> bool:
        return self.rows_read == (
            self.rows_skipped_blank
            + self.rows_rejected
            + self.rows_duplicate
            + self.rows_out_of_period
            + self.rows_used
        )

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        del d["header_row"], d["ignored_columns"]
        if self.women_outside_scope is None:
            del d["women_outside_scope"]
        return d


@dataclass
class Report:
    """Everything a renderer needs; `to_dict` is the JSON document of docs/cli.md."""

    version: str
    period_from: str | None
    period_to: str | None
    as_of: str
    by: list[str]
    definitions: dict[str, Any]
    inputs: list[InputSummary]
    rows: list[ResultRow]
    indicators: list[str] = field(default_factory=list)  # ids in output order
    tool: str = "jisheng"
    compare_previous: bool = False  # the rows carry COMPARE_FIELDS (--compare-previous)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        rows = []
        for r in self.rows:
            d = r.to_dict(self.compare_previous)
            if r.group_level == "total":
                d["group_name"] = TOTAL_NAME.get(lang, "合计")
            rows.append(d)
        return {
            "tool": self.tool,
            "version": self.version,
            "period": {"from": self.period_from, "to": self.period_to},
            "as_of": self.as_of,
            "by": list(self.by),
            "definitions": dict(self.definitions),
            "inputs": [i.to_dict() for i in self.inputs],
            "rows": rows,
        }
