"""Vectorised checks of fee-ledger batches: codes, dates, exact money in fen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pyarrow.compute as pc

from jisheng_cli.checks import excel_damage
from jisheng_cli.checks.common import (
    CheckContext,
    Errors,
    cells_of,
    day_column,
    mask_value,
    optional,
    split_rows,
    village_columns,
)
from jisheng_cli.findings import Finding
from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.records import codes
from jisheng_cli.records.fees import FeeRecord
from jisheng_cli.records.fields import parse_text
from jisheng_cli.records.money import FEN_PER_WAN_YUAN, FEN_PER_YUAN, parse_money
from jisheng_cli.records.vector import map_unique, parse_ids

MONEY_COLUMNS = ("assessed_amount", "collected_amount")


def units_from_headers(units: dict[str, str]) -> dict[str, int]:
    """Fen per unit of each money column: 万元 in the header scales by 10,000 yuan."""
    return {
        c: FEN_PER_WAN_YUAN if units.get(c, "").startswith("万") else FEN_PER_YUAN
        for c in MONEY_COLUMNS
    }


@dataclass
class CheckedFees:
    rows: np.ndarray
    village_code: np.ndarray
    village_name: np.ndarray
    township_name: np.ndarray
    case_id: np.ndarray  # object
    decision_days: np.ndarray
    assessed: np.ndarray  # int64 fen
    collected: np.ndarray  # int64 fen
    enforcement: np.ndarray  # bool
    n_skipped: int = 0
    n_rejected: int = 0
    findings: list[Finding] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)


def _money_parser(unit: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        return parse_money(text, unit)

    return parse


def check_fees(raw: RawBatch, ctx: CheckContext) -> CheckedFees:
    n = len(raw)
    cols = raw.columns
    errors = Errors(n)
    village_code, village_name, township_name = village_columns(raw, ctx, errors)
    case_id, err, _, _ = map_unique(cols["case_id"], parse_text, object, None)
    errors.add(err)
    decision_days = day_column(cols["decision_date"], True, ctx, errors, "decision_date")
    if "last_payment_date" in cols:
        day_column(cols["last_payment_date"], False, ctx, errors, "last_payment_date")
    amounts = {}
    for name in MONEY_COLUMNS:
        unit = ctx.units.get(name, FEN_PER_YUAN)
        amounts[name], err, _, _ = map_unique(cols[name], _money_parser(unit), np.int64, 0,
                                                  ctx.memo(name))
        errors.add(err)
    if "payer_id" in cols:
        if ctx.kernel:
            from jisheng_cli.kernel.ids import parse_ids_kernel

            ids_ = parse_ids_kernel(cols["payer_id"])
        else:
            ids_ = parse_ids(cols["payer_id"])
        excel_damage.mark_numeric(ids_, raw, "payer_id")
        empty = np.asarray(pc.equal(pc.utf8_trim_whitespace(cols["payer_id"]), "")
                           .fill_null(True).to_numpy(zero_copy_only=False), dtype=bool)
        errors.add(np.where(empty, 0, ids_.err))
    enforcement = np.zeros(n, dtype=bool)
    if "enforcement" in cols:
        flag, err, _, _ = map_unique(
            cols["enforcement"], optional(lambda s: int(codes.parse_yes_no(s)), 0), np.int8, 0
        )
        errors.add(err)
        enforcement = flag == 1

    split = split_rows(raw, errors, ctx, FeeRecord)
    idx = split.valid
    out = CheckedFees(
        rows=raw.rows[idx],
        village_code=village_code[idx],
        village_name=village_name[idx],
        township_name=township_name[idx],
        case_id=case_id[idx],
        decision_days=decision_days[idx],
        assessed=amounts["assessed_amount"][idx],
        collected=amounts["collected_amount"][idx],
        enforcement=enforcement[idx],
        n_skipped=split.n_skipped,
        n_rejected=split.n_rejected,
        findings=split.findings,
    )
    doubtful = np.zeros(len(idx), dtype=bool)
    if ctx.ids_as_numbers and "payer_id" in cols:
        doubtful = excel_damage.zeroed_ids(raw, "payer_id")[idx]
    over = out.collected > out.assessed
    flagged = np.flatnonzero(doubtful | over)
    cells = cells_of(raw, idx[flagged]) if len(flagged) else []
    for i, cell in zip(flagged, cells, strict=True):
        if doubtful[i]:  # ids.ZEROED_TAIL yet a valid check: maybe cut (checks.excel_damage)
            out.findings.append(Finding(
                ctx.path, int(out.rows[i]), "payer_id", "id_maybe_precision_lost", "warning",
                mask_value("payer_id", cell["payer_id"], ctx.show_personal_data),
            ))
        if over[i]:
            out.findings.append(Finding(
                ctx.path, int(out.rows[i]), "collected_amount", "collected_exceeds_assessed",
                "warning", mask_value("collected_amount", cell["collected_amount"], True),
            ))
    return out
