"""Vectorised row checks for the women's register, the procedures ledger and the women's
field check, derived from the shared scalar parsers (records.women, records.women_codes);
the Pydantic models write the message of every row they flag, as for births."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from jisheng_cli.checks.common import CheckContext
from jisheng_cli.findings import Finding
from jisheng_cli.groups import Coded
from jisheng_cli.readers.batch import RawBatch


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


def check_women(raw: RawBatch, ctx: CheckContext, survey: bool = False) -> CheckedWomen:
    """A women's register batch (or, with `survey`, its field check's)."""
    raise NotImplementedError


def check_procedures(raw: RawBatch, ctx: CheckContext) -> CheckedProcedures:
    raise NotImplementedError
