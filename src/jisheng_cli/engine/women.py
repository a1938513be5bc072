"""The women's register, streamed: checks, each woman's terms at every stock date, and,
after the stream, one record per woman (the latest record_date; equal or missing dates,
the first) and its sums per village.

A later record may replace any earlier one, so nothing is summed before the stream ends:
each valid row leaves a compact projection (`STORE_FIELDS`: its ID, row, village, record
date, a 32-bit mask of its terms per stock date, and the fields the joins compare, some
40 bytes), and one sort by woman resolves the duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jisheng_cli.checks.common import NO_DAY
from jisheng_cli.checks.excel_damage import keyed_ids
from jisheng_cli.checks.women import CheckedWomen, check_women
from jisheng_cli.engine.state import RunState, collect
from jisheng_cli.engine.stock import BIT, StockDate, stock_masks
from jisheng_cli.findings import Finding
from jisheng_cli.records.dates import from_days
from jisheng_cli.records.women_codes import METHOD_CODE, STERILISATIONS
from jisheng_cli.rowref import file_of, row_of

STORE_FIELDS = ("id17", "ref", "gid", "record_days", "masks", "method", "method_days",
                "marital", "residence")
_STERILISED = np.array([METHOD_CODE[m] for m in STERILISATIONS])


@dataclass
class FirstBirths:
    """What `sterilised_without_children` reads from the births register: its span and
    each mother's first birth (sorted by mother)."""

    first_day: int
    last_day: int
    mothers: np.ndarray  # int64 id17, sorted
    first_birth: np.ndarray  # int32 days

    @classmethod
    def of(cls, kept: dict[str, np.ndarray] | None) -> FirstBirths | None:
        if kept is None or not len(kept["id17"]):
            return None
        order = np.lexsort((kept["days"], kept["id17"]))
        ids, days = kept["id17"][order], kept["days"][order]
        first = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
        return cls(int(days.min()), int(days.max()), ids[first], days[first])

    def childless_at(self, id17: np.ndarray, day: np.ndarray) -> np.ndarray:
        """No birth of hers on or before `day`, for days inside the register's span
        (a short register cannot vouch for older operations)."""
        pos = np.minimum(np.searchsorted(self.mothers, id17), len(self.mothers) - 1)
        has = (self.mothers[pos] == id17) & (self.first_birth[pos] <= day)
        inside = (day != NO_DAY) & (day >= self.first_day) & (day <= self.last_day)
        return inside & ~has


@dataclass
class Women:
    """The kept women (STORE_FIELDS, sorted by woman) and the stock dates of `masks`'
    columns."""

    kept: dict[str, np.ndarray]
    dates: list[StockDate]

    def bit(self, name: str, date_index: int = 0) -> np.ndarray:
        return ((self.kept["masks"][:, date_index] >> np.uint32(BIT[name]))
                & np.uint32(1)).astype(bool)


def stream_women(state: RunState, indices: list[int], dates: list[StockDate],
                 first_births: FirstBirths | None) -> Women:
    d = state.settings.config.definitions
    parts: dict[str, list[np.ndarray]] = {k: [] for k in STORE_FIELDS}
    stale_before = dates[0].day - d.stale_record_days
    for fi, checked, gid, ref in state.checked_batches(indices, "women", check_women):
        checked.id17 = keyed_ids(checked.id17, checked.id_trusted, ref)
        masks = np.stack([stock_masks(checked, at, d) for at in dates], axis=1)
        births = first_births if "children_count" not in state.files[fi].match.columns else None
        for finding in row_warnings(state.files[fi].path, checked, stale_before, births):
            state.add(fi, finding)
        state.report_progress()
        collect(parts, np.ones(len(checked), dtype=bool), id17=checked.id17, ref=ref,
                gid=gid.astype(np.int32), record_days=checked.record_days, masks=masks,
                method=checked.method, method_days=checked.method_days,
                marital=checked.marital, residence=checked.residence)
    return Women(latest(state, _joined(parts), dates), dates)


def _joined(parts: dict[str, list[np.ndarray]]) -> dict[str, np.ndarray]:
    """engine.state.concatenated, freeing each field's pieces once joined."""
    out = {}
    for k in list(parts):
        pieces = parts.pop(k)
        out[k] = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)
        del pieces
    return out


def row_warnings(path: str, w: CheckedWomen, stale_before: int,
                 first_births: FirstBirths | None) -> list[Finding]:
    """The warnings that need the stock date or the births register, in row order."""
    found: list[tuple[int, int, Finding]] = []
    stale = (w.record_days != NO_DAY) & (w.record_days < stale_before)
    for i in np.flatnonzero(stale):
        found.append((int(i), 0, Finding(path, int(w.rows[i]), "record_date", "stale_record",
                                         "warning",
                                         from_days(int(w.record_days[i])).isoformat())))
    if first_births is not None:
        sterilised = np.isin(w.method, _STERILISED) & w.id_trusted
        childless = sterilised & first_births.childless_at(w.id17, w.method_days)
        for i in np.flatnonzero(childless):
            found.append((int(i), 1, Finding(path, int(w.rows[i]), "method_date",
                                             "sterilised_without_children", "warning",
                                             from_days(int(w.method_days[i])).isoformat(),
                                             variant="births")))
    return [f for _, _, f in sorted(found, key=lambda t: (t[0], t[1]))]


def latest(state: RunState, rows: dict[str, np.ndarray], dates: list[StockDate]
           ) -> dict[str, np.ndarray]:
    """One row per woman: the latest record date, then the first row; the others are
    duplicates of it. Rows used are those inside the age scope at some stock date.

    `rows` is emptied as the kept rows are taken from it (each array is freed once
    copied: the projection is the run's largest object)."""
    if not len(rows["id17"]):
        rows["masks"] = np.zeros((0, len(dates)), dtype=np.uint32)
        return rows
    # One sort by woman; only the few women with several rows need the full order.
    order = np.argsort(rows["id17"], kind="stable")
    ids = rows["id17"][order]
    repeated = np.flatnonzero(ids[1:] == ids[:-1])
    keep = np.ones(len(order), dtype=bool)
    if len(repeated):
        members = np.unique(np.concatenate([repeated, repeated + 1]))
        _resolve(state, rows, order, members, keep)
    chosen = order[keep]
    del order, ids
    out = {k: rows.pop(k)[chosen] for k in list(rows)}
    outside = ((out["masks"] >> np.uint32(BIT["ws_outside"])) & np.uint32(1)).astype(bool)
    used = ~outside.all(axis=1)
    files = file_of(out["ref"])
    for fi in np.unique(files).tolist():
        mine = files == fi
        summary = state.summaries[fi]
        summary.rows_used += int((used & mine).sum())
        summary.rows_out_of_period += int((~used & mine).sum())
        summary.women_outside_scope = int((outside[:, 0] & mine).sum())
    return out


def _resolve(state: RunState, rows: dict[str, np.ndarray], order: np.ndarray,
             members: np.ndarray, keep: np.ndarray) -> None:
    """Among the rows of women seen more than once (positions `members` of `order`): the
    latest record date wins, then the first row (a dated record beats an undated one:
    NO_DAY is the smallest day); the others leave `keep` as duplicates of it."""
    picked = order[members]
    latest = rows["record_days"][picked].astype(np.int64)
    ref = rows["ref"][picked]
    by = np.lexsort((ref, -latest, rows["id17"][picked]))
    ids = rows["id17"][picked][by]
    head = np.r_[True, ids[1:] != ids[:-1]]
    winner_ref = ref[by][np.maximum.accumulate(np.where(head, np.arange(len(by)), 0))]
    keep[members[by[~head]]] = False
    for loser, kept_ref in zip(ref[by][~head].tolist(), winner_ref[~head].tolist(),
                               strict=True):
        fi = file_of(loser)
        state.summaries[fi].rows_duplicate += 1
        state.count_repeats(fi, np.array([kept_ref]))
        state.add(fi, Finding(state.files[fi].path, row_of(loser), "woman_id", "duplicate",
                              "duplicate", None, variant="woman",
                              params=state.kept_row(fi, kept_ref)))
