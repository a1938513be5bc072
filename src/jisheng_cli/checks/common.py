"""What every kind's row checks share: the context, masking, and Pydantic messages.

The fast path parses each column for a whole batch (distinct values once, ID numbers in
numpy). Rows it flags are re-validated one by one with the kind's Pydantic model, which
writes the messages; property tests keep both paths in agreement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
from pydantic import BaseModel, ValidationError

from jisheng_cli.findings import Finding, params
from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.records import dates, ids
from jisheng_cli.records.dates import DateOrder
from jisheng_cli.records.fields import EARLIEST_DATE
from jisheng_cli.records.schema import columns
from jisheng_cli.records.text import normalize
from jisheng_cli.records.vector import Memo, map_unique

NO_DAY = np.iinfo(np.int32).min
PERSONAL = {c.name for k in ("births", "fees", "women", "procedures", "women_survey")
            for c in columns(k) if c.personal}


@dataclass(frozen=True)
class CheckContext:
    path: str
    as_of: date
    period_basis: str = "birth_date"
    require_village_code: bool = True
    require_names: bool = False
    show_personal_data: bool = False
    units: dict[str, int] = field(default_factory=dict)  # money column → fen per unit
    date_order: DateOrder | None = None  # [reading] date_order: how 3/5/2012 is read
    # The kind's `[codes.<kind>.<column>]` tables, keyed by code key
    # (records.women_codes.code_tables): column → local code → accepted spelling.
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    blank_method: str = "none"  # [definitions] blank_method: both method cells empty
    # The file's ID column was stored as numbers (checks.excel_damage: the file rule).
    ids_as_numbers: bool = False
    # Run this file's batches on the compiled kernel (kernel.wanted decided it).
    kernel: bool = False
    # Parsed distinct values carried across batches (see vector.map_unique).
    memos: dict[str, Memo] = field(default_factory=dict, compare=False, repr=False)
    # The kernel's compiled dictionaries (kernel.dictionary), one per column and parser.
    dictionaries: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def memo(self, column: str) -> Memo:
        return self.memos.setdefault(column, {})

    def validation_context(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "period_basis": self.period_basis,
            "require_village_code": self.require_village_code,
            "require_names": self.require_names,
            "units": self.units,
            "date_order": self.date_order,
            "codes": self.codes,
            "blank_method": self.blank_method,
        }


_ID_LIKE = re.compile(r"[0-9]{14,}[0-9Xx]?")


def mask_value(column: str | None, value: str | None, show: bool) -> str | None:
    """The value as a report may show it: personal columns masked, and an ID number
    pasted into any other column masked too."""
    if value is None or show:
        return value
    if column in PERSONAL:
        return ids.mask_name(value) if column.endswith("_name") else ids.mask_id(value)
    return _ID_LIKE.sub(lambda m: ids.mask_id(m.group(0)), value)


def optional(parser: Any, fill: Any) -> Any:
    def parse(text: str) -> Any:
        return parser(text) if normalize(text) else fill

    return parse


def _date_days(text: str, date_order: DateOrder | None) -> int:
    return dates.to_days(dates.parse_date(text, date_order))


class Errors:
    """Per-row error flags collected column by column."""

    def __init__(self, n: int) -> None:
        self.any = np.zeros(n, dtype=bool)

    def add(self, err: np.ndarray) -> None:
        self.any |= err != 0


def cells_of(raw: RawBatch, indices: np.ndarray) -> list[dict[str, str]]:
    taken = {name: raw.columns[name].take(pa.array(indices)).to_pylist() for name in raw.columns}
    return [{name: taken[name][i] or "" for name in taken} for i in range(len(indices))]


def validation_findings(
    error: ValidationError, cells: Mapping[str, str], row: int, ctx: CheckContext
) -> list[Finding]:
    """The findings of one row the model rejected, each value masked as a report shows it.

    The code is the error's type and its variant and parameters are its context
    (`records.fields.finding_error`); Pydantic's English `msg` is never used."""
    out: list[Finding] = []
    for err in error.errors(include_url=False, include_input=False):
        column = str(err["loc"][0]) if err["loc"] else None
        value = cells.get(column, "") if column else None
        context = dict(err.get("ctx") or {})
        variant = str(context.pop("variant", ""))
        out.append(
            Finding(
                ctx.path,
                row,
                column,
                err["type"],
                "error",
                mask_value(column, value, ctx.show_personal_data),
                variant=variant,
                params=params(**context),
            )
        )
    return out


def error_findings(
    raw: RawBatch, indices: np.ndarray, ctx: CheckContext, model: type[BaseModel]
) -> list[Finding]:
    """Pydantic writes the message of every error in the rows the fast path rejected."""
    out: list[Finding] = []
    if len(indices) == 0:
        return out
    context = ctx.validation_context()
    for i, cells in zip(indices, cells_of(raw, indices), strict=True):
        row = int(raw.rows[i])
        if raw.numeric:  # the row's cells a workbook stored as numbers (fields.id_cell)
            context["numeric"] = {c for c, mask in raw.numeric.items() if mask[i]}
        try:
            model.model_validate(cells, context=context)
        except ValidationError as e:
            out.extend(validation_findings(e, cells, row, ctx))
            continue
        # Both paths share the parsers, so this means a check exists only on one side.
        raise AssertionError(f"row {row}: flagged by the vectorised checks only")
    return out


def distinct_map(values: Any, parser: Any, dtype: Any, fill: Any, ctx: CheckContext,
                 key: str) -> tuple[np.ndarray, np.ndarray]:
    """(parsed, failed) of a low-cardinality column, each distinct value parsed once by
    `parser`: on the compiled dictionary of the file (kernel.dictionary, exact by
    construction) when the run uses the kernel, else `map_unique` with the file's memo.
    `key` names the column and everything the parser depends on."""
    if ctx.kernel:
        from jisheng_cli.kernel.dictionary import Dictionary

        found = ctx.dictionaries.get(key)
        if found is None:
            found = ctx.dictionaries[key] = Dictionary(parser, dtype, fill)
        ids = found.ids(values)
        return found.values[ids], found.failed[ids]
    parsed, err, _, _ = map_unique(values, parser, dtype, fill, ctx.memo(key))
    return parsed, err != 0


def warning_findings(raw: RawBatch, idx: np.ndarray, found: list[tuple[int, str, str]],
                     ctx: CheckContext) -> list[Finding]:
    """The row warnings `found` — (index into the valid rows `idx`, column, code), in the
    order they are to be reported — each on its one column, its value masked."""
    if not found:
        return []
    rows = np.array([idx[i] for i, _, _ in found])
    return [Finding(ctx.path, int(raw.rows[r]), column, code, "warning",
                    mask_value(column, cell.get(column, ""), ctx.show_personal_data))
            for (_, column, code), r, cell in zip(found, rows, cells_of(raw, rows), strict=True)]


def day_parser(required: bool, date_order: DateOrder | None) -> Any:
    """A date cell → days since 1970-01-01 (NO_DAY for an empty optional cell)."""
    def parse(text: str) -> int:
        return _date_days(text, date_order)

    return parse if required else optional(parse, NO_DAY)


def text_parser(required: bool) -> Any:
    """A name cell → its normalised text (None for an empty optional cell)."""
    from jisheng_cli.records.fields import parse_text

    return parse_text if required else optional(parse_text, None)


def day_column(
    values: Any, required: bool, ctx: CheckContext, errors: Errors, name: str = "date"
) -> np.ndarray:
    """Dates as days since 1970-01-01 (NO_DAY where empty), range-checked like the model."""
    parser = day_parser(required, ctx.date_order)
    # The order is in the memo's key: a memo outliving a context cannot answer for another.
    days, err = distinct_map(values, parser, np.int32, NO_DAY, ctx,
                             f"{name}:{required}:{ctx.date_order}")
    errors.add(err)
    lo_day, hi_day = dates.to_days(EARLIEST_DATE), dates.to_days(ctx.as_of)
    present = days != NO_DAY
    errors.add((present & ((days < lo_day) | (days > hi_day))).astype(np.int8))
    return days


def village_columns(
    raw: RawBatch, ctx: CheckContext, errors: Errors
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(code, village name, township name) as object arrays; None where absent."""
    from jisheng_cli.records.fields import parse_village_code

    cols = raw.columns
    n = len(raw)
    empty = np.full(n, None, dtype=object)

    def text(name: str, required: bool) -> np.ndarray:
        if name not in cols:
            return empty
        parsed, err = distinct_map(cols[name], text_parser(required), object, None, ctx,
                                   f"{name}:{required}")
        errors.add(err)
        return parsed

    code = empty
    if "village_code" in cols:
        code, err = distinct_map(cols["village_code"], parse_village_code, object, None, ctx,
                                 "village_code")
        errors.add(err)
    return code, text("village_name", ctx.require_names), text("township_name", ctx.require_names)


@dataclass(frozen=True)
class Split:
    """Where a batch's rows went: the valid rows' indices, the counts, the messages."""

    valid: np.ndarray
    n_skipped: int
    n_rejected: int
    findings: list[Finding]


def split_rows(raw: RawBatch, errors: Errors, ctx: CheckContext, model: type[BaseModel]) -> Split:
    """Skipped (blank, totals, repeated header), rejected (any error, with the model's
    messages) and valid rows of a checked batch."""
    live = ~raw.skipped_blank
    rejected = live & errors.any
    return Split(
        valid=np.flatnonzero(live & ~errors.any),
        n_skipped=int((~live).sum()),
        n_rejected=int(rejected.sum()),
        findings=error_findings(raw, np.flatnonzero(rejected), ctx, model),
    )
