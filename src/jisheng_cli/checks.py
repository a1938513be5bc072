"""Vectorised row checks for births records, derived from the shared scalar parsers.

The fast path parses each column for a whole batch (distinct values once, ID numbers in
numpy). Rows it flags are re-validated one by one with the Pydantic model, which writes
the messages; a property test keeps both paths in agreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
from pydantic import ValidationError

from jisheng_cli.errors import ParseError
from jisheng_cli.findings import Finding
from jisheng_cli.readers.csvfile import RawBatch
from jisheng_cli.records import codes, dates, ids
from jisheng_cli.records.births import EARLIEST_DATE, BirthRecord, parse_text, parse_village_code
from jisheng_cli.records.schema import columns
from jisheng_cli.records.text import normalize
from jisheng_cli.records.vector import map_unique, parse_ids

NO_DAY = np.iinfo(np.int32).min
PERSONAL = {c.name for c in columns("births") if c.personal}
RESIDENCE = {"常住": "local", "户籍": "local", "流入": "inflow", "流动": "inflow"}


@dataclass(frozen=True)
class CheckContext:
    path: str
    as_of: date
    period_basis: str = "birth_date"
    require_village_code: bool = True
    require_names: bool = False
    show_personal_data: bool = False

    def validation_context(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "period_basis": self.period_basis,
            "require_village_code": self.require_village_code,
            "require_names": self.require_names,
        }


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
    n_skipped: int = 0
    n_rejected: int = 0
    findings: list[Finding] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)


def mask_value(column: str | None, value: str | None, show: bool) -> str | None:
    if value is None or show or column not in PERSONAL:
        return value
    return ids.mask_id(value) if column == "mother_id" else ids.mask_name(value)


def _optional(parser: Any, fill: Any) -> Any:
    def parse(text: str) -> Any:
        return parser(text) if normalize(text) else fill

    return parse


def _date_days(text: str) -> int:
    return dates.to_days(dates.parse_date(text))


class _Errors:
    """Per-row error flags collected column by column."""

    def __init__(self, n: int) -> None:
        self.any = np.zeros(n, dtype=bool)

    def add(self, err: np.ndarray) -> None:
        self.any |= err != 0


def check_births(raw: RawBatch, ctx: CheckContext) -> CheckedBirths:
    n = len(raw)
    cols = raw.columns
    live = ~raw.skipped_blank
    errors = _Errors(n)
    empty_obj = np.full(n, None, dtype=object)

    def text(name: str, required: bool) -> np.ndarray:
        if name not in cols:
            return empty_obj
        parser = parse_text if required else _optional(parse_text, None)
        parsed, err, _, _ = map_unique(cols[name], parser, object, None)
        errors.add(err)
        return parsed

    if "village_code" in cols:
        village_code, err, _, _ = map_unique(cols["village_code"], parse_village_code, object, None)
        errors.add(err)
    else:
        village_code = empty_obj
    village_name = text("village_name", ctx.require_names)
    township_name = text("township_name", ctx.require_names)
    text("record_id", False)

    idc = parse_ids(cols["mother_id"])
    errors.add(idc.err)

    lo_day, hi_day = dates.to_days(EARLIEST_DATE), dates.to_days(ctx.as_of)

    def day_column(name: str, required: bool) -> np.ndarray:
        parser = _date_days if required else _optional(_date_days, NO_DAY)
        days, err, _, _ = map_unique(cols[name], parser, np.int32, NO_DAY)
        errors.add(err)
        present = days != NO_DAY
        errors.add((present & ((days < lo_day) | (days > hi_day))).astype(np.int8))
        return days

    child_days = day_column("child_birth_date", True)
    if "report_date" in cols:
        report_days = day_column("report_date", ctx.period_basis == "report_date")
    else:
        report_days = np.full(n, NO_DAY, dtype=np.int32)
    sex, err, _, _ = map_unique(cols["child_sex"], codes.parse_sex, np.int8, -1)
    errors.add(err)
    order, err, _, _ = map_unique(cols["birth_order"], codes.parse_birth_order, np.int8, 0)
    errors.add(err)
    policy_code, err, _, _ = map_unique(
        cols["policy_status"], lambda s: int(codes.parse_policy(s)), np.int8, -1
    )
    errors.add(err)

    rejected = live & errors.any
    valid = live & ~errors.any
    findings = _error_findings(raw, np.flatnonzero(rejected), ctx)
    idx = np.flatnonzero(valid)
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
        n_skipped=int((~live).sum()),
        n_rejected=int(rejected.sum()),
        findings=findings,
    )
    findings.extend(_warnings(raw, idx, idc, out, ctx))
    return out


def _cells(raw: RawBatch, indices: np.ndarray) -> list[dict[str, str]]:
    taken = {name: raw.columns[name].take(pa.array(indices)).to_pylist() for name in raw.columns}
    return [{name: taken[name][i] or "" for name in taken} for i in range(len(indices))]


def _error_findings(raw: RawBatch, indices: np.ndarray, ctx: CheckContext) -> list[Finding]:
    """Pydantic writes the message of every error in the rows the fast path rejected."""
    out: list[Finding] = []
    if len(indices) == 0:
        return out
    context = ctx.validation_context()
    for i, cells in zip(indices, _cells(raw, indices), strict=True):
        row = int(raw.rows[i])
        try:
            BirthRecord.model_validate(cells, context=context)
        except ValidationError as e:
            for err in e.errors(include_url=False, include_input=False):
                column = str(err["loc"][0]) if err["loc"] else None
                value = cells.get(column, "") if column else None
                out.append(
                    Finding(
                        ctx.path,
                        row,
                        column,
                        err["type"],
                        "error",
                        mask_value(column, value, ctx.show_personal_data),
                        err["msg"],
                    )
                )
            continue
        # Both paths share the parsers, so this means a check exists only on one side.
        raise AssertionError(f"row {row}: flagged by the vectorised checks only")
    return out


def _ages(mother_days: np.ndarray, child_days: np.ndarray) -> np.ndarray:
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


WARNINGS = {
    "mother_age_implausible": (
        "mother_id",
        "mother's age at the birth (from the ID number) is under 15 or 50 and over",
    ),
    "mother_id_male": ("mother_id", "the ID number belongs to a man (digit 17 is odd)"),
    "first_birth_out_of_policy": ("policy_status", "a first birth is marked out of policy"),
    "unknown_residence_code": (
        "residence",
        "residence code not recognised; expected 常住/户籍 or 流入/流动",
    ),
}


def _warnings(
    raw: RawBatch, idx: np.ndarray, idc: Any, out: CheckedBirths, ctx: CheckContext
) -> list[Finding]:
    flags: dict[str, np.ndarray] = {}
    ages = _ages(idc.birth_days[idx], out.child_days)
    flags["mother_age_implausible"] = (ages < 15) | (ages >= 50)
    flags["mother_id_male"] = idc.sex[idx] == codes.SEX_MALE
    flags["first_birth_out_of_policy"] = (out.order == 1) & ~out.policy
    if "residence" in raw.columns:

        def known(s: str) -> int:
            v = normalize(s)
            if v and v not in RESIDENCE:
                raise ParseError("unknown_residence_code", "")
            return 0

        _, err, _, _ = map_unique(raw.columns["residence"], known, np.int8, 0)
        flags["unknown_residence_code"] = err[idx] != 0
    found: list[tuple[int, str]] = []
    for code, mask in flags.items():
        found.extend((int(i), code) for i in np.flatnonzero(mask))
    if not found:
        return []
    found.sort()
    rows = np.array([idx[i] for i, _ in found])
    cells = _cells(raw, rows)
    result = []
    for (_i, code), row_index, cell in zip(found, rows, cells, strict=True):
        column, message = WARNINGS[code]
        result.append(
            Finding(
                ctx.path,
                int(raw.rows[row_index]),
                column,
                code,
                "warning",
                mask_value(column, cell.get(column, ""), ctx.show_personal_data),
                message,
            )
        )
    return result
