"""The fee ledger, streamed: checks, repeated cases as duplicates, exact sums in fen."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jisheng_cli.checks.fees import check_fees
from jisheng_cli.engine.state import RunState
from jisheng_cli.indicators import fees
from jisheng_cli.periods import stat_years


def stream_fees(state: RunState, indices: list[int]) -> pd.DataFrame:
    """Fee terms per (village, statistical year); a repeated case id keeps its first row."""
    seen: dict[str, int] = {}  # case id → ref of the first row (ledgers are small)
    parts: list[pd.DataFrame] = []
    for fi, checked, gid, ref in state.checked_batches(indices, "fees", check_fees):
        dup = np.zeros(len(checked), dtype=bool)
        first_ref = np.zeros(len(checked), dtype=np.int64)
        for i, case in enumerate(checked.case_id.tolist()):
            first = seen.setdefault(case, int(ref[i]))
            dup[i] = first != ref[i]
            first_ref[i] = first
        state.duplicates(
            fi, checked.rows, dup, first_ref, "case_id", "case", checked.case_id
        )
        state.span(fi, checked.decision_days)
        used = state.count_used(fi, dup, state.period_mask(checked.decision_days.astype(np.int64)))
        terms = fees.row_terms(
            checked.assessed[used], checked.collected[used], checked.enforcement[used]
        )
        frame = pd.DataFrame(terms)
        frame["gid"] = gid[used]
        frame["year"] = stat_years(checked.decision_days[used].astype(np.int64))
        parts.append(frame.groupby(["gid", "year"]).sum())
    if not parts:
        return pd.DataFrame(
            columns=list(fees.TERMS),
            index=pd.MultiIndex.from_arrays([[], []], names=["gid", "year"]),
        )
    return pd.concat(parts).groupby(level=["gid", "year"]).sum()
