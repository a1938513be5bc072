"""The fee ledger, streamed: checks, repeated cases as duplicates, exact sums in fen."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jisheng_cli.checks.fees import check_fees
from jisheng_cli.engine.state import RunState, stat_years
from jisheng_cli.findings import Finding
from jisheng_cli.indicators import fees


def stream_fees(state: RunState, indices: list[int]) -> pd.DataFrame:
    """Fee terms per (village, statistical year); a repeated case id keeps its first row."""
    seen: dict[str, int] = {}  # case id → ref of the first row (ledgers are small)
    parts: list[pd.DataFrame] = []
    for fi in indices:
        f = state.files[fi]
        summary = state.summaries[fi]
        ctx = state.context(fi, "fees")
        for raw in f.batches(state.settings.block_bytes):
            state.ragged(fi, raw)
            checked = check_fees(raw, ctx)
            summary.rows_skipped_blank += checked.n_skipped
            summary.rows_rejected += checked.n_rejected
            for finding in checked.findings:
                state.add(fi, finding)
            if len(checked) == 0:
                continue
            gid = state.groups.lookup(
                checked.village_code, checked.village_name, checked.township_name
            )
            ref = state.ref(fi, checked.rows)
            state.groups.tally_names(gid, checked.village_name, checked.township_name, ref)
            dup = np.zeros(len(checked), dtype=bool)
            for i, case in enumerate(checked.case_id.tolist()):
                first = seen.get(case)
                if first is None:
                    seen[case] = int(ref[i])
                else:
                    dup[i] = True
                    state.add(
                        fi,
                        Finding(
                            f.path,
                            int(checked.rows[i]),
                            "case_id",
                            "duplicate",
                            "duplicate",
                            case,
                            f"duplicate of {state.where(fi, first)}: the same case id",
                        ),
                    )
            summary.rows_duplicate += int(dup.sum())
            in_period = state.period_mask(checked.decision_days.astype(np.int64))
            summary.rows_out_of_period += int((~in_period & ~dup).sum())
            used = in_period & ~dup
            summary.rows_used += int(used.sum())
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
