"""The procedures ledger, streamed: checks, first-wins duplicates (by procedure_id when the
file has one, else by woman, type and date) and the operations per village and
statistical year of the operation."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jisheng_cli.checks.common import NO_DAY
from jisheng_cli.checks.excel_damage import keyed_ids
from jisheng_cli.checks.women import CheckedProcedures, check_procedures
from jisheng_cli.duplicates import KeyIndex, pack_keys
from jisheng_cli.engine.state import RunState
from jisheng_cli.findings import Finding
from jisheng_cli.indicators.women import FLOW_TERMS
from jisheng_cli.periods import stat_years
from jisheng_cli.records.dates import from_days
from jisheng_cli.records.women_codes import PROCEDURE_TYPES


def stream_procedures(state: RunState, indices: list[int]) -> pd.DataFrame:
    """The FLOW_TERMS per (gid, year) of the operations in the period."""
    by_event = KeyIndex()  # (woman, type, date)
    by_id: dict[str, int] = {}  # procedure_id → the kept row's ref
    frames: list[pd.DataFrame] = []
    for fi, checked, gid, ref in state.checked_batches(indices, "procedures", check_procedures):
        ids = keyed_ids(checked.id17, checked.id_trusted, ref)
        event = pack_keys(ids, checked.days, checked.ptype, np.zeros(len(checked), np.int8))
        with_ids = "procedure_id" in state.files[fi].match.columns
        if with_ids:
            dup, first_ref = _by_id(by_id, checked.procedure_id, ref)
            repeated, _, _ = by_event.add(event[~dup], ref[~dup], ref[~dup])
            _repeated(state, fi, checked, np.flatnonzero(~dup)[repeated])
            column, variant = "procedure_id", "procedure_id"
        else:
            dup, first_ref, _ = by_event.add(event, ref, ref)
            column, variant = "woman_id", "procedure"
        state.duplicates(fi, checked.rows, dup, first_ref, column, variant)
        state.span(fi, checked.days)
        used = state.count_used(fi, dup, state.period_mask(checked.days.astype(np.int64)))
        if used.any():
            frames.append(_terms(checked, gid, used))
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames).groupby(["gid", "year"]).sum()


def _by_id(seen: dict[str, int], ids: np.ndarray, ref: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray]:
    """First wins on procedure_id; an empty id is never a duplicate."""
    dup = np.zeros(len(ids), dtype=bool)
    first = ref.astype(np.int64).copy()
    for i, (value, r) in enumerate(zip(ids.tolist(), ref.tolist(), strict=True)):
        if value is None:
            continue
        kept = seen.setdefault(value, r)
        if kept != r:
            dup[i], first[i] = True, kept
    return dup, first


def _repeated(state: RunState, fi: int, p: CheckedProcedures, rows: np.ndarray) -> None:
    """Two procedure ids on one woman, type and date: both count, the later is warned."""
    for i in rows.tolist():
        day = int(p.days[i])
        state.add(fi, Finding(state.files[fi].path, int(p.rows[i]), "procedure_id",
                              "procedure_repeated", "warning",
                              from_days(day).isoformat() if day != NO_DAY else None))


def _terms(p: CheckedProcedures, gid: np.ndarray, used: np.ndarray) -> pd.DataFrame:
    columns: dict[str, np.ndarray] = {
        f"pr_{t}": (p.ptype[used] == i + 1).astype(np.int64)
        for i, t in enumerate(PROCEDURE_TYPES)
    }
    columns["pr_all"] = np.ones(int(used.sum()), dtype=np.int64)
    columns["pr_complication"] = p.complication[used].astype(np.int64)
    assert set(columns) == set(FLOW_TERMS)
    frame = pd.DataFrame(columns)
    frame["gid"] = gid[used].astype(np.int64)
    frame["year"] = stat_years(p.days[used].astype(np.int64))
    return frame.groupby(["gid", "year"]).sum()
