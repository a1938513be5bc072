"""Vectorised row checks for the women's register, the procedures ledger and the women's
field check, derived from the shared scalar parsers (records.women, records.women_codes);
the Pydantic models write the message of every row they flag, as for births."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from jisheng_cli.checks import excel_damage
from jisheng_cli.checks.common import (
    NO_DAY,
    CheckContext,
    Errors,
    day_column,
    distinct_map,
    optional,
    split_rows,
    village_columns,
    warning_findings,
)
from jisheng_cli.findings import Finding
from jisheng_cli.groups import Coded
from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.records import codes
from jisheng_cli.records import women_codes as wc
from jisheng_cli.records.vector import IdColumn, map_unique, parse_ids
from jisheng_cli.records.women import ProcedureRecord, WomanRecord, WomenSurveyRecord

EMPTY = -1  # a coded cell left empty, before the register's or the survey's reading
WOMEN_DATES = {  # column → CheckedWomen field
    "marriage_date": "marriage_days", "method_date": "method_days",
    "certificate_date": "certificate_days", "certificate_check_date": "certificate_check_days",
    "last_contact_date": "contact_days", "last_check_date": "check_days",
    "exit_date": "exit_days", "record_date": "record_days",
}
# Two real methods that differ: the lower rank is the effective one (two_methods).
_RANK = np.full(len(wc.METHOD_CODE), len(wc.METHOD_PREFERENCE), dtype=np.int8)
for _rank, _name in enumerate(wc.METHOD_PREFERENCE):
    _RANK[wc.METHOD_CODE[_name]] = _rank


@dataclass
class CheckedWomen:
    """The valid rows of a women's register batch (or of its field check), parsed.

    Dates are days since 1970-01-01, NO_DAY (checks.common) where the cell is empty.
    Codes are records.women_codes' integers; a field check's empty cell is NO_MARITAL,
    NO_METHOD or NO_RESIDENCE (in the register an empty residence is local and an empty
    method is none)."""

    rows: np.ndarray
    village_code: np.ndarray  # object: 12-digit code, or None in name mode
    village_name: np.ndarray  # object
    township_name: np.ndarray  # object
    id17: np.ndarray  # int64: woman_id's first 17 digits (15 digits upgraded)
    birth_days: np.ndarray  # int32: her birth date, from the ID
    id_trusted: np.ndarray  # bool: False where the ID may be cut (checks.excel_damage)
    marital: np.ndarray  # int16: GB/T 2261.2 code
    marriage_days: np.ndarray  # int32
    children: np.ndarray  # int8: children_count, -1 where empty or no column
    method: np.ndarray  # int8: the effective method (hers, else her husband's)
    method_days: np.ndarray  # int32: the effective method's date
    reason: np.ndarray  # int8: exclusion reason, 0 none
    residence: np.ndarray  # int8
    key_target: np.ndarray  # bool
    certificate_days: np.ndarray  # int32
    certificate_check_days: np.ndarray  # int32
    contact_days: np.ndarray  # int32
    check_days: np.ndarray  # int32
    exit_days: np.ndarray  # int32
    record_days: np.ndarray  # int32
    n_skipped: int = 0
    n_rejected: int = 0
    findings: list[Finding] = field(default_factory=list)
    coded: tuple[Coded, Coded, Coded] | None = None

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class CheckedProcedures:
    """The valid rows of a procedures ledger batch, parsed."""

    rows: np.ndarray
    village_code: np.ndarray
    village_name: np.ndarray
    township_name: np.ndarray
    procedure_id: np.ndarray  # object: normalised text, None where empty or no column
    id17: np.ndarray  # int64
    id_trusted: np.ndarray  # bool
    ptype: np.ndarray  # int8: records.women_codes.PROCEDURE_CODE
    days: np.ndarray  # int32: procedure_date
    complication: np.ndarray  # bool
    n_skipped: int = 0
    n_rejected: int = 0
    findings: list[Finding] = field(default_factory=list)
    coded: tuple[Coded, Coded, Coded] | None = None

    def __len__(self) -> int:
        return len(self.rows)


def ids_of(raw: RawBatch, ctx: CheckContext, errors: Errors) -> IdColumn:
    """woman_id parsed (on the compiled kernel when the run uses it), stored-as-number
    cells marked, every failure an error."""
    if ctx.kernel:
        from jisheng_cli.kernel.ids import parse_ids_kernel

        idc = parse_ids_kernel(raw.columns["woman_id"])
    else:
        idc = parse_ids(raw.columns["woman_id"])
    excel_damage.mark_numeric(idc, raw, "woman_id")
    errors.add(idc.err)
    return idc


def coded(raw: RawBatch, ctx: CheckContext, errors: Errors, column: str,
          parser: Callable[[str], Any], fill: int, required: bool = False,
          dtype: Any = np.int8) -> np.ndarray:
    """A coded column through the config's `[codes]` table and its parser, as the model
    reads it (records.women.coded_cell); `fill` where empty (or the column absent)."""
    if column not in raw.columns:
        return np.full(len(raw), fill, dtype=dtype)
    table = ctx.codes.get(column)
    parse = parser if not table else (lambda s: parser(wc.translate(s, table)))
    values, err = distinct_map(raw.columns[column], parse if required else optional(parse, fill),
                               dtype, fill, ctx, f"{column}:{parser.__name__}")
    errors.add(err)
    return values


def flag_cells(raw: RawBatch, ctx: CheckContext, column: str,
               test: Callable[[str], bool]) -> np.ndarray:
    """Rows whose cell (after the `[codes]` table) passes `test`; False without the column."""
    if column not in raw.columns:
        return np.zeros(len(raw), dtype=bool)
    table = ctx.codes.get(column)
    hit, _ = distinct_map(raw.columns[column], lambda s: test(wc.translate(s, table)), bool,
                          False, ctx, f"{column}:{test.__name__}")
    return hit


def effective_method(hers: np.ndarray, his: np.ndarray, survey: bool
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(method, both cells empty, two different real methods): hers unless her cell is
    empty or none, then his; two real methods that differ, the first of METHOD_PREFERENCE.
    Both empty: none in the register, NO_METHOD in a field check."""
    both_empty = (hers == EMPTY) & (his == EMPTY)
    two = (hers > 0) & (his > 0) & (hers != his)
    method = np.where(hers > 0, hers, np.where(his != EMPTY, his, hers))
    first = np.where(_RANK[np.maximum(his, 0)] < _RANK[np.maximum(hers, 0)], his, hers)
    method = np.where(two, first, method)
    blank = wc.NO_METHOD if survey else wc.METHOD_CODE["none"]
    return np.where(both_empty, blank, method).astype(np.int8), both_empty, two


def check_women(raw: RawBatch, ctx: CheckContext, survey: bool = False) -> CheckedWomen:
    """A women's register batch (or, with `survey`, its field check's)."""
    n = len(raw)
    cols = raw.columns
    errors = Errors(n)
    village_code, village_name, township_name = village_columns(raw, ctx, errors)
    idc = ids_of(raw, ctx, errors)
    errors.add((idc.valid & (idc.sex == codes.SEX_MALE)).astype(np.int8))  # woman_id_male
    marital = coded(raw, ctx, errors, "marital_status", wc.parse_marital, wc.NO_MARITAL,
                    required=not survey, dtype=np.int16)
    hers = coded(raw, ctx, errors, "contraceptive_method", wc.parse_method, EMPTY)
    his = coded(raw, ctx, errors, "husband_method", wc.parse_husband_method, EMPTY)
    method, both_empty, two = effective_method(hers, his, survey)
    if not survey and ctx.blank_method == "reject":
        errors.add(both_empty.astype(np.int8))  # missing_value/method
    residence = coded(raw, ctx, errors, "residence", wc.parse_women_residence,
                      wc.NO_RESIDENCE if survey else wc.RESIDENCE_CODE["local"])
    reason = coded(raw, ctx, errors, "exclusion_reason", wc.parse_reason, 0)
    children = coded(raw, ctx, errors, "children_count", wc.parse_children, -1)
    key_target = coded(raw, ctx, errors, "key_target", _yes_no, 0)
    days = {name: day_column(cols[column], False, ctx, errors, column) if column in cols
            else np.full(n, NO_DAY, dtype=np.int32) for column, name in WOMEN_DATES.items()}

    split = split_rows(raw, errors, ctx, WomenSurveyRecord if survey else WomanRecord)
    idx = split.valid
    doubtful = np.zeros(n, dtype=bool)
    if ctx.ids_as_numbers:
        doubtful = excel_damage.zeroed_ids(raw, "woman_id") & idc.valid
    out = CheckedWomen(
        rows=raw.rows[idx], village_code=village_code[idx], village_name=village_name[idx],
        township_name=township_name[idx], id17=idc.id17[idx], birth_days=idc.birth_days[idx],
        id_trusted=~doubtful[idx], marital=marital[idx], children=children[idx],
        method=method[idx], reason=reason[idx], residence=residence[idx],
        key_target=key_target[idx] == 1,
        **{name: values[idx] for name, values in days.items()},
        n_skipped=split.n_skipped, n_rejected=split.n_rejected, findings=split.findings,
    )
    flags: dict[tuple[str, str], np.ndarray] = {("woman_id", "id_maybe_precision_lost"): doubtful}
    for column in ("contraceptive_method", "husband_method"):
        flags[(column, "method_pill_or_injection")] = flag_cells(raw, ctx, column,
                                                                 wc.is_pill_or_injection)
    if not survey:
        flags[("contraceptive_method", "method_blank_as_none")] = both_empty
        flags[("contraceptive_method", "two_methods")] = two
        flags[("exclusion_reason", "reason_is_marital_status")] = flag_cells(
            raw, ctx, "exclusion_reason", wc.is_marital_reason)
        flags[("exclusion_reason", "excluded_but_using")] = (reason > 0) & (method > 0)
        sterilised = np.isin(method, [wc.METHOD_CODE[m] for m in wc.STERILISATIONS])
        flags[("children_count", "sterilised_without_children")] = sterilised & (children == 0)
    out.findings.extend(row_warnings(raw, idx, flags, ctx))
    return out


def _yes_no(text: str) -> int:
    return int(codes.parse_yes_no(text))


def row_warnings(raw: RawBatch, idx: np.ndarray, flags: dict[tuple[str, str], np.ndarray],
                 ctx: CheckContext) -> list[Finding]:
    """The warnings of the valid rows `idx`, (column, code) → row mask over the batch,
    in row order, each value masked as a report shows it."""
    found = sorted((int(i), column, code) for (column, code), mask in flags.items()
                   for i in np.flatnonzero(mask[idx]))
    return warning_findings(raw, idx, found, ctx)


def check_procedures(raw: RawBatch, ctx: CheckContext) -> CheckedProcedures:
    """A procedures ledger batch: a man's ID only on a vasectomy; empty complication = no."""
    n = len(raw)
    cols = raw.columns
    errors = Errors(n)
    village_code, village_name, township_name = village_columns(raw, ctx, errors)
    procedure_id = np.full(n, None, dtype=object)
    if "procedure_id" in cols:
        from jisheng_cli.checks.common import text_parser

        procedure_id, err, _, _ = map_unique(cols["procedure_id"], text_parser(False), object,
                                             None)
        errors.add(err)
    ptype = coded(raw, ctx, errors, "procedure_type", wc.parse_procedure_type, 0,
                  required=True)
    idc = ids_of(raw, ctx, errors)
    male = idc.valid & (idc.sex == codes.SEX_MALE) & (ptype != 0) \
        & (ptype != wc.PROCEDURE_CODE["vasectomy"])
    errors.add(male.astype(np.int8))  # procedure_male_id
    days = day_column(cols["procedure_date"], True, ctx, errors, "procedure_date")
    complication = coded(raw, ctx, errors, "complication", _yes_no, 0)

    split = split_rows(raw, errors, ctx, ProcedureRecord)
    idx = split.valid
    doubtful = np.zeros(n, dtype=bool)
    if ctx.ids_as_numbers:
        doubtful = excel_damage.zeroed_ids(raw, "woman_id") & idc.valid
    out = CheckedProcedures(
        rows=raw.rows[idx], village_code=village_code[idx], village_name=village_name[idx],
        township_name=township_name[idx], procedure_id=procedure_id[idx], id17=idc.id17[idx],
        id_trusted=~doubtful[idx], ptype=ptype[idx], days=days[idx],
        complication=complication[idx] == 1,
        n_skipped=split.n_skipped, n_rejected=split.n_rejected, findings=split.findings,
    )
    out.findings.extend(row_warnings(
        raw, idx, {("woman_id", "id_maybe_precision_lost"): doubtful}, ctx))
    return out
