"""The births register, streamed: checks, first-wins duplicates, partial sums per village
and statistical year, and the register births a field check may match."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from jisheng_cli.checks.births import check_births
from jisheng_cli.checks.excel_damage import keyed_ids
from jisheng_cli.duplicates import CrossRowKeys, KeyIndex, cross_row_warnings, pack_keys
from jisheng_cli.engine.state import RunState, collect, concatenated
from jisheng_cli.findings import Finding
from jisheng_cli.indicators import births, cube
from jisheng_cli.records.dates import from_days
from jisheng_cli.rowref import file_of, row_of

if TYPE_CHECKING:
    from jisheng_cli.kernel.dedupe import HashKeyIndex

# duplicates.cross_row_warnings numbers its warnings: 0 and 1 are these codes.
CROSS_ROW = ("same_order_multiple_birth", "short_birth_interval")
CANDIDATE_FIELDS = ("id17", "days", "order", "sex", "policy", "gid", "period_day", "used", "ref")
# What the women's register is joined on (engine.women_joins): every kept birth.
KEPT_FIELDS = ("id17", "days", "order", "gid", "ref", "used")


@dataclass
class BirthsResult:
    partial: cube.Partial
    register_gids: set[int]
    candidates: dict[str, np.ndarray]  # kept register births of the survey's mothers
    # Every kept birth (KEPT_FIELDS) when a women's register is joined; else empty.
    kept: dict[str, np.ndarray] | None = None


def stream_births(
    state: RunState, indices: list[int], survey_mothers: np.ndarray | None = None,
    keep_births: bool = False,
) -> BirthsResult:
    definitions = state.settings.config.definitions
    compute = state.settings.compute
    index = key_index(state, indices)
    partials: list[cube.Partial] = []
    register_gids: set[int] = set()
    found: dict[str, list[np.ndarray]] = {k: [] for k in CANDIDATE_FIELDS}
    kept: dict[str, list[np.ndarray]] = {k: [] for k in KEPT_FIELDS}
    report_basis = definitions.period_basis == "report_date"
    for fi, checked, gid, ref in state.checked_batches(indices, "births", check_births):
        checked.id17 = keyed_ids(checked.id17, checked.id_trusted, ref)
        register_gids.update(np.unique(gid).tolist())
        period_days = (checked.report_days if report_basis else checked.child_days).astype(
            np.int64)
        state.span(fi, period_days)
        # The index remembers the group and period of each kept record. By birth date, a
        # duplicate's period day is its own (the birth date is in the key): the group
        # alone fits in 4 bytes, an eighth of the index.
        aux = (gid << 32) | (period_days + (1 << 31)) if report_basis else gid.astype(np.int32)
        keys = pack_keys(checked.id17, checked.child_days, checked.order, checked.sex)
        dup, first_ref, first_aux = index.add(keys, ref, aux)
        state.duplicates(fi, checked.rows, dup, first_ref, "mother_id", "birth")
        # Every row now has the group and period of the record that is kept.
        if report_basis:
            row_gid = np.where(dup, first_aux >> 32, gid)
            row_day = np.where(dup, (first_aux & 0xFFFFFFFF) - (1 << 31), period_days)
        else:
            row_gid, row_day = np.where(dup, first_aux, gid), period_days
        in_period = state.period_mask(row_day)
        used = state.count_used(fi, dup, in_period)
        if survey_mothers is not None and len(survey_mothers):
            pick = ~dup & np.isin(checked.id17, survey_mothers)
            if pick.any():
                collect(
                    found,
                    pick,
                    id17=checked.id17,
                    days=checked.child_days,
                    order=checked.order,
                    sex=checked.sex,
                    policy=checked.policy,
                    gid=gid,
                    period_day=period_days,
                    used=used,
                    ref=ref,
                )
        if keep_births:
            collect(kept, ~dup, id17=checked.id17, days=checked.child_days,
                    order=checked.order, gid=gid, ref=ref, used=used)
        if not compute:
            continue
        partials.append(births.batch_partial(row_gid, row_day, checked.sex, checked.order,
                                             checked.policy, dup, in_period))
        if len(partials) >= 64:
            partials = [cube.merge(partials)]
    _cross_row(state, index)
    candidates = concatenated(found)
    return BirthsResult(cube.merge(partials), register_gids, candidates,
                        concatenated(kept) if keep_births else None)


def key_index(state: RunState, indices: list[int]) -> KeyIndex | HashKeyIndex:
    """The first-wins index of one kind's files: the compiled one when the kernel is
    wanted for their total size (an input of unknown size, standard input, adds
    nothing), made about as large as that size holds rows; else the numpy reference."""
    from jisheng_cli.kernel import BYTES_PER_ROW, wanted

    sizes = [s for s in (state.files[fi].size for fi in indices) if s is not None]
    size = sum(sizes) if sizes else None
    if not wanted(state.settings.kernel, size):
        return KeyIndex()
    from jisheng_cli.kernel.dedupe import HashKeyIndex

    return HashKeyIndex(expect=(size or 0) // BYTES_PER_ROW)


def _cross_row(state: RunState, index: CrossRowKeys) -> None:
    cross_row_findings(state, *cross_row_warnings(index))


def cross_row_findings(
    state: RunState, refs: np.ndarray, days: np.ndarray, code_idx: np.ndarray
) -> None:
    for r, day, c in zip(refs.tolist(), days.tolist(), code_idx.tolist(), strict=True):
        fi, row = file_of(r), row_of(r)
        state.add(
            fi,
            Finding(
                state.files[fi].path,
                row,
                "child_birth_date",
                CROSS_ROW[c],
                "warning",
                from_days(day).isoformat(),
            ),
        )
