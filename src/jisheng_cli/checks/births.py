"""Vectorised row checks for births records, derived from the shared scalar parsers.

The fast path parses each column for a whole batch (distinct values once, ID numbers in
numpy). Rows it flags are re-validated one by one with the Pydantic model, which writes
the messages; a property test keeps both paths in agreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from jisheng_cli.checks import excel_damage
from jisheng_cli.checks.common import (
    NO_DAY,
    CheckContext,
    Errors,
    day_column,
    optional,
    split_rows,
    village_columns,
    warning_findings,
)
from jisheng_cli.findings import Finding
from jisheng_cli.groups import Coded
from jisheng_cli.messages.findings import CODES
from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.records import codes
from jisheng_cli.records.births import BirthRecord, SurveyRecord
from jisheng_cli.records.text import normalize
from jisheng_cli.records.vector import map_unique, parse_ids


@dataclass
class CheckedBirths:
    """The valid rows of a batch, parsed, plus what was skipped, rejected or warned."""

    rows: np.ndarray
    village_code: np.ndarray  # object: 12-digit code, or None in name mode
    village_name: np.ndarray  # object: normalised name or None
    township_name: np.ndarray  # object
    id17: np.ndarray
    child_days: np.ndarray
    report_days: np.ndarray  # NO_DAY where absent
    sex: np.ndarray
    order: np.ndarray
    policy: np.ndarray  # bool
    policy_known: np.ndarray  # bool: False where a survey left the policy open
    id_trusted: np.ndarray  # bool: False where the ID may be cut (checks.excel_damage)
    n_skipped: int = 0
    n_rejected: int = 0
    findings: list[Finding] = field(default_factory=list)
    # The kernel's village code, village name and township name as dictionary entries
    # (the columns above, for groups.GroupTable to count by integers); None otherwise.
    coded: tuple[Coded, Coded, Coded] | None = None

    def __len__(self) -> int:
        return len(self.rows)


def check_births(raw: RawBatch, ctx: CheckContext, survey: bool = False) -> CheckedBirths:
    """A births register batch (or, with `survey`, a field check's: policy optional)."""
    if ctx.kernel and not raw.numeric:  # a workbook's numeric cells stay on this path
        from jisheng_cli.kernel.births import check_births_kernel

        return check_births_kernel(raw, ctx, survey)
    n = len(raw)
    cols = raw.columns
    errors = Errors(n)
    village_code, village_name, township_name = village_columns(raw, ctx, errors)
    idc = parse_ids(cols["mother_id"])
    excel_damage.mark_numeric(idc, raw, "mother_id")
    errors.add(idc.err)

    child_days = day_column(cols["child_birth_date"], True, ctx, errors, "child_birth_date")
    if "report_date" in cols:
        report_basis = ctx.period_basis == "report_date" and not survey
        report_days = day_column(cols["report_date"], report_basis, ctx, errors, "report_date")
    else:
        report_days = np.full(n, NO_DAY, dtype=np.int32)
    sex, err, _, _ = map_unique(cols["child_sex"], codes.parse_sex, np.int8, -1,
                                ctx.memo("child_sex"))
    errors.add(err)
    order, err, _, _ = map_unique(cols["birth_order"], codes.parse_birth_order, np.int8, 0,
                                  ctx.memo("birth_order"))
    errors.add(err)
    if "policy_status" in cols:
        policy_code, err, _, _ = map_unique(cols["policy_status"], policy_parser(survey),
                                           np.int8, -1, ctx.memo("policy_status"))
        errors.add(err)
    else:
        policy_code = np.full(n, -1, dtype=np.int8)

    split = split_rows(raw, errors, ctx, SurveyRecord if survey else BirthRecord)
    idx = split.valid
    doubtful = np.zeros(n, dtype=bool)
    if ctx.ids_as_numbers:
        doubtful = excel_damage.zeroed_ids(raw, "mother_id") & idc.valid
    out = CheckedBirths(
        rows=raw.rows[idx],
        village_code=village_code[idx],
        village_name=village_name[idx],
        township_name=township_name[idx],
        id17=idc.id17[idx],
        child_days=child_days[idx],
        report_days=report_days[idx],
        sex=sex[idx],
        order=order[idx],
        policy=policy_code[idx] == 1,
        policy_known=policy_code[idx] >= 0,
        id_trusted=~doubtful[idx],
        n_skipped=split.n_skipped,
        n_rejected=split.n_rejected,
        findings=split.findings,
    )
    out.findings.extend(_warnings(raw, idx, idc, out, ctx))
    return out


def policy_parser(survey: bool) -> Any:
    """A policy cell → 1 in policy, 0 out; a field check may leave it open: -1."""
    if survey:
        return lambda s: int(codes.parse_policy(s)) if normalize(s) else -1
    return lambda s: int(codes.parse_policy(s))


def warning_column(code: str) -> str:
    """The one column a row warning names."""
    # The ID codes' entries list payer_id too; in a births record the ID is the mother's.
    (column,) = ("mother_id",) if code.startswith("id_") else CODES[code].columns
    return column


def completed_years(mother_days: np.ndarray, child_days: np.ndarray) -> np.ndarray:
    """Completed years between two dates given as days since 1970-01-01."""
    m = mother_days.astype("datetime64[D]")
    c = child_days.astype("datetime64[D]")
    my, cy = m.astype("datetime64[Y]"), c.astype("datetime64[Y]")
    years = (cy - my).astype(np.int64)
    # Not yet had the birthday in the child's birth year: one year less.
    return years - (_month_day(c) < _month_day(m)).astype(np.int64)


def _month_day(d: np.ndarray) -> np.ndarray:
    months = d.astype("datetime64[M]")
    month_of_year = (months - d.astype("datetime64[Y]").astype("datetime64[M]")).astype(np.int64)
    day = (d - months).astype(np.int64)
    return month_of_year * 32 + day


def _warnings(
    raw: RawBatch, idx: np.ndarray, idc: Any, out: CheckedBirths, ctx: CheckContext
) -> list[Finding]:
    """The row warnings of the valid rows, each on the one column the catalogue names."""
    flags: dict[str, np.ndarray] = {}
    flags["id_maybe_precision_lost"] = ~out.id_trusted
    ages = completed_years(idc.birth_days[idx], out.child_days)
    flags["mother_age_implausible"] = (ages < 15) | (ages >= 50)
    flags["mother_id_male"] = idc.sex[idx] == codes.SEX_MALE
    flags["first_birth_out_of_policy"] = (out.order == 1) & ~out.policy & out.policy_known
    if "residence" in raw.columns:
        _, err, _, _ = map_unique(raw.columns["residence"], optional(codes.parse_residence, ""),
                                  object, "", ctx.memo("residence"))
        flags["unknown_residence_code"] = err[idx] != 0
    found = sorted((int(i), code) for code, mask in flags.items() for i in np.flatnonzero(mask))
    return warning_findings(raw, idx, [(i, warning_column(code), code) for i, code in found],
                            ctx)
