"""The women's register on Dask: the pandas engine's checks and per-woman terms on
workers (one task per file, or per range of a large CSV's lines), then on the client the
same resolution by woman (engine.women.latest) over the partitions' compact rows, so that
a woman's records in any partition or file give the pandas engine's result."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

import numpy as np

from jisheng_cli.checks.excel_damage import keyed_ids
from jisheng_cli.checks.women import check_women
from jisheng_cli.engine.dask_client import dask_client
from jisheng_cli.engine.dask_engine import (
    PartMeta,
    PartSpec,
    fold_parts,
    name_ids,
    partition_state,
)
from jisheng_cli.engine.state import RunState
from jisheng_cli.engine.stock import StockDate, stock_masks
from jisheng_cli.engine.women import STORE_FIELDS, FirstBirths, Women, latest, row_warnings
from jisheng_cli.findings import Finding
from jisheng_cli.readers.ranges import ByteRange
from jisheng_cli.rowref import file_of, file_start, row_of


@dataclass
class WomenPart:
    rows: dict[str, np.ndarray]  # STORE_FIELDS, gid as the partition's village index
    name_id: np.ndarray  # the village name as the partition numbered it (-1: none)
    late: list[Finding]  # warnings made after the checks (engine.women.row_warnings)


@dataclass(frozen=True)
class WomenShared:
    dates: list[StockDate]
    first_births: FirstBirths | None


def stream_women_dask(state: RunState, indices: list[int], dates: list[StockDate],
                      first_births: FirstBirths | None) -> Women:
    settings = dataclasses.replace(state.settings, progress=None, stage=None, keep_findings=True)
    specs: list[PartSpec] = []
    for fi in indices:
        f = state.files[fi]
        source = dataclasses.replace(f.source, path=os.path.abspath(f.source.path))
        state.decide_ids(fi, "women", f.batches(settings.block_bytes))
        whole: list[ByteRange | None] = [None]
        for byte_range in f.ranges(settings.partition_bytes) or whole:
            specs.append(PartSpec(len(specs), fi, source, f.path, settings, state.groups.by_code,
                                  byte_range, state.ids_as_numbers[fi]))
    with dask_client(settings.scheduler) as client:
        from dask import delayed

        shared = client.scatter(WomenShared(dates, first_births), broadcast=True)
        done: list[tuple[WomenPart, PartMeta]] = client.compute(
            [delayed(check_women_partition, pure=False)(s, shared) for s in specs], sync=True)
    metas = [m for _, m in done]
    fold = fold_parts(state, metas, None)
    parts = []
    for (part, meta), offset in zip(done, fold.offsets.tolist(), strict=True):
        rows = dict(part.rows)
        flat = offset + rows["gid"].astype(np.int64)
        rows["gid"] = fold.gid[flat].astype(np.int32) if len(flat) else rows["gid"]
        if fold.by_code:
            mismatch = (part.name_id >= 0) & (part.name_id != fold.first_name[flat])
            for ref, name in zip(rows["ref"][mismatch].tolist(),
                                 part.name_id[mismatch].tolist(), strict=True):
                state.name_mismatch(file_of(ref), row_of(ref), meta.names[name])
        parts.append(rows)
    for part, meta in done:
        for finding in part.late:
            state.add(meta.fi, finding)
    found = [p for p in parts if len(p["ref"])]
    rows = ({k: np.concatenate([p[k] for p in found]) for k in STORE_FIELDS} if found
            else {k: np.zeros(0, dtype=np.int64) for k in STORE_FIELDS})
    return Women(latest(state, rows, dates), dates)


def check_women_partition(spec: PartSpec, shared: WomenShared) -> tuple[WomenPart, PartMeta]:
    """Read and check one file or range on a worker as engine.women does (file index 0
    there, made global in the refs)."""
    d = spec.settings.config.definitions
    with partition_state(spec) as state:
        f, summary = state.files[0], state.summaries[0]
        births = shared.first_births if "children_count" not in f.match.columns else None
        stale_before = shared.dates[0].day - d.stale_record_days
        cols: dict[str, list[np.ndarray]] = {k: [] for k in STORE_FIELDS}
        names: dict[str, int] = {}
        named: list[np.ndarray] = []
        late: list[Finding] = []
        for _, w, lgid, ref in state.checked_batches([0], "women", check_women,
                                                     name_warnings=False):
            ref = ref + file_start(spec.fi)
            w.id17 = keyed_ids(w.id17, w.id_trusted, ref)
            late.extend(row_warnings(f.path, w, stale_before, births))
            values = {"id17": w.id17, "ref": ref, "gid": lgid.astype(np.int32),
                      "record_days": w.record_days,
                      "masks": np.stack([stock_masks(w, at, d) for at in shared.dates], axis=1),
                      "method": w.method, "method_days": w.method_days, "marital": w.marital,
                      "residence": w.residence}
            for k in STORE_FIELDS:
                cols[k].append(values[k])
            named.append(name_ids(w.village_name, names))
        rows = {k: np.concatenate(v) for k, v in cols.items()} if named else {
            k: np.zeros((0, len(shared.dates)) if k == "masks" else 0,
                        dtype=np.uint32 if k == "masks" else np.int64) for k in STORE_FIELDS}
        part = WomenPart(rows, np.concatenate(named) if named else np.zeros(0, np.int32),
                         late)
        findings = [t[3] for t in state.findings]
        return part, PartMeta(spec.part, spec.fi, summary, findings, state.groups, list(names))
