"""The births register on Dask: the same checks, de-duplication and partial sums as
`engine.births`, spread over `distributed` workers, with results identical to the pandas
engine to the last digit.

1. **Check** (one task per input file, or per ~64 MiB range of lines of a large CSV, on a
   worker): the rows are read and checked with the pandas engine's own reader and
   checks; the valid rows become a compact frame (the 16-byte duplicate key, the global
   row order, the period day, the village) and the partition's findings, counts and
   village table travel back as small metadata.
2. **Fold** (client): partitions' village tables merge in file order, so every village
   gets the same index and first name as on one machine.
3. **Shuffle** (Dask): the frames are hash-partitioned on the mother, so every record of
   one mother, from any file, lands in one partition.
4. **Resolve** (one task per shuffled partition): sorting by (key, global order) makes the
   first record of each key the one kept, whichever file it came from; the partition
   returns its partial sums, duplicate and cross-row findings, name warnings and the
   register births the field check may match.
5. **Merge** (client): partial sums add up; findings are sorted by file, row and phase as
   the pandas engine's are. Field-check matching then runs on the client, as on one machine.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from jisheng_cli.checks.births import check_births
from jisheng_cli.checks.excel_damage import keyed_ids
from jisheng_cli.duplicates import KEY_DTYPE, pack_keys, sorted_cross_row, unpack_keys
from jisheng_cli.engine.births import (
    CANDIDATE_FIELDS,
    KEPT_FIELDS,
    BirthsResult,
    cross_row_findings,
)
from jisheng_cli.engine.dask_client import dask_client as _client
from jisheng_cli.engine.state import RunState, open_source, widen_span
from jisheng_cli.findings import Finding
from jisheng_cli.groups import GroupTable
from jisheng_cli.indicators import births, cube
from jisheng_cli.periods import period_mask
from jisheng_cli.readers.ranges import ByteRange
from jisheng_cli.readers.sources import Source
from jisheng_cli.results import InputSummary
from jisheng_cli.rowref import file_of, file_start, row_of

if TYPE_CHECKING:

    from jisheng_cli.periods import Period
    from jisheng_cli.settings import Settings

# The compact frame of a partition's valid rows: 39 bytes a row.
FRAME_DTYPES = {
    "hi": np.uint64,  # mother's ID as 17 digits: the shuffle key
    "lo": np.uint64,  # birth date, birth order and sex, packed as in duplicates.pack_keys
    "ref": np.int64,  # a row ref (rowref: file index and spreadsheet row): the global order
    "period_day": np.int64,  # the day that places the record in a period
    "policy": np.bool_,
    "part": np.int32,  # the partition the row was read in
    "lgid": np.int32,  # the village, as that partition numbered it
    "name_id": np.int32,  # the village name, as that partition numbered it (-1: none)
}


@dataclass(frozen=True)
class PartSpec:
    part: int
    fi: int
    source: Source  # an absolute path: workers need not share the client's directory
    display: str  # the path as the user gave it, for findings and messages
    settings: Settings
    by_code: bool
    byte_range: ByteRange | None = None  # a range of a large CSV's lines; None: whole file
    ids_as_numbers: bool = False  # checks.excel_damage's file rule, decided by the client


@dataclass
class PartMeta:
    part: int
    fi: int
    summary: InputSummary
    findings: list[Finding]
    groups: GroupTable
    names: list[str]  # name_id → village name


@dataclass
class Shared:
    """What every resolve task needs from the client: small, sent once to each worker."""

    n_files: int
    period: Period
    compute: bool
    by_code: bool
    offsets: np.ndarray  # partition → start of its villages in the flat arrays below
    gid: np.ndarray  # the global village index of each partition's village
    first_name: np.ndarray  # the village's first name, as the partition's name_id (-2: other)
    mothers: np.ndarray | None  # the field check's mothers (id17)
    keep_births: bool = False  # every kept birth goes back (a women's register joins them)


@dataclass
class Resolved:
    partial: cube.Partial
    counts: np.ndarray  # (3, files): duplicate, out of period, used
    dup_ref: np.ndarray
    dup_first: np.ndarray
    name_ref: np.ndarray
    name_part: np.ndarray
    name_id: np.ndarray
    cross: tuple[np.ndarray, np.ndarray, np.ndarray]
    candidates: dict[str, np.ndarray] = field(default_factory=dict)
    kept: dict[str, np.ndarray] = field(default_factory=dict)


def stream_births_dask(
    state: RunState, indices: list[int], survey_mothers: np.ndarray | None = None,
    keep_births: bool = False,
) -> BirthsResult:
    """`engine.births.stream_births` on a Dask cluster (the scheduler of the settings, or a
    local cluster of one single-threaded worker process per core)."""
    if not indices:
        return BirthsResult(cube.Partial.empty(), set(), _empty_candidates(),
                            _empty(KEPT_FIELDS) if keep_births else None)
    # Workers keep their findings: the client decides what to keep, as one machine does.
    settings = dataclasses.replace(state.settings, progress=None, stage=None, keep_findings=True)
    specs: list[PartSpec] = []
    for fi in indices:
        f = state.files[fi]
        # Absolute: workers need not share the client's directory (pipeline.run has
        # already refused standard input for this engine).
        # The sheet (or member) stays: a worker opens the same one.
        source = dataclasses.replace(f.source, path=os.path.abspath(f.source.path))
        ranges = f.ranges(settings.partition_bytes)
        # The file rule needs the file's first IDs, which one partition may not hold.
        state.decide_ids(fi, "births", f.batches(settings.block_bytes))
        whole: list[ByteRange | None] = [None]
        for byte_range in ranges or whole:
            specs.append(PartSpec(len(specs), fi, source, f.path, settings, state.groups.by_code,
                                  byte_range, state.ids_as_numbers[fi]))
    with _client(settings.scheduler) as client:
        import dask.dataframe as dd
        from dask import delayed

        parts = client.persist([delayed(check_partition, pure=False)(s) for s in specs])
        metas: list[PartMeta] = client.compute([p[1] for p in parts], sync=True)
        shared = dataclasses.replace(fold_parts(state, metas, survey_mothers),
                                     keep_births=keep_births)
        frames = dd.from_delayed([p[0] for p in parts], meta=_empty_frame(), verify_meta=False)
        workers = sum(client.nthreads().values()) or 1
        shuffled = frames.shuffle(on="hi", npartitions=max(len(specs), workers))
        shared_future = client.scatter(shared, broadcast=True)
        tasks = [delayed(resolve)(d, shared_future) for d in shuffled.to_delayed()]
        resolved: list[Resolved] = client.compute(tasks, sync=True)
    return _merge(state, metas, shared, resolved)


def check_partition(spec: PartSpec) -> tuple[pd.DataFrame, PartMeta]:
    """Read and check one file on a worker, as the pandas engine does (file index 0 there,
    made global in the refs); keep the valid rows' compact frame."""
    settings = spec.settings
    with partition_state(spec) as state:
        summary = state.summaries[0]
        report_basis = settings.config.definitions.period_basis == "report_date"
        names: dict[str, int] = {}
        cols: dict[str, list[np.ndarray]] = {k: [] for k in FRAME_DTYPES}
        batches = state.checked_batches([0], "births", check_births, name_warnings=False)
        for _, checked, lgid, ref in batches:
            id17 = keyed_ids(checked.id17, checked.id_trusted, ref + file_start(spec.fi))
            keys = _pack(id17, checked.child_days, checked.order, checked.sex)
            period = checked.report_days if report_basis else checked.child_days
            cols["hi"].append(keys[0])
            cols["lo"].append(keys[1])
            cols["ref"].append(ref + file_start(spec.fi))
            cols["period_day"].append(period.astype(np.int64))
            state.span(0, period)
            cols["policy"].append(checked.policy.astype(bool))
            cols["part"].append(np.full(len(ref), spec.part, dtype=np.int32))
            cols["lgid"].append(lgid.astype(np.int32))
            cols["name_id"].append(name_ids(checked.village_name, names))
        frame = pd.DataFrame(
            {
                k: (np.concatenate(v) if v else np.zeros(0)).astype(FRAME_DTYPES[k])
                for k, v in cols.items()
            }
        )
        findings = [t[3] for t in state.findings]
        return frame, PartMeta(spec.part, spec.fi, summary, findings, state.groups, list(names))


@contextmanager
def partition_state(spec: PartSpec) -> Iterator[RunState]:
    """A worker's run over one file or range of lines of it (file index 0 there; refs are
    made global by the caller), the file closed afterwards."""
    f = open_source(spec.source, spec.settings)
    f.path = spec.display
    if spec.byte_range is not None:
        f.restrict(spec.byte_range)
    try:
        state = RunState([f], [InputSummary(f.path, f.kind, f.encoding)],
                         GroupTable(spec.by_code), spec.settings)
        state.ids_as_numbers[0] = spec.ids_as_numbers  # decided on the whole file
        yield state
    finally:
        f.close()


def resolve(frame: pd.DataFrame, shared: Shared) -> Resolved:
    """One shuffled partition: every record of its mothers, from every file."""
    cols = {k: frame[k].to_numpy() for k in FRAME_DTYPES}
    order = np.lexsort((cols["ref"], cols["lo"], cols["hi"]))
    hi, lo, ref = cols["hi"][order], cols["lo"][order], cols["ref"][order]
    period_day, policy = cols["period_day"][order], cols["policy"][order]
    part, lgid, name_id = cols["part"][order], cols["lgid"][order], cols["name_id"][order]
    n = len(hi)

    # First wins: within a key the smallest global order is kept, whatever the file.
    dup = np.zeros(n, dtype=bool)
    dup[1:] = (hi[1:] == hi[:-1]) & (lo[1:] == lo[:-1])
    first = np.maximum.accumulate(np.where(dup, 0, np.arange(n)))
    flat = shared.offsets[part] + lgid if n else np.zeros(0, dtype=np.int64)
    gid = shared.gid[flat]
    row_gid, row_day = gid[first], period_day[first]
    in_period = period_mask(row_day, shared.period)
    used = in_period & ~dup
    fi = file_of(ref).astype(np.int64)
    counts = np.stack(
        [np.bincount(fi, weights=w, minlength=shared.n_files).astype(np.int64)
         for w in (dup, ~in_period & ~dup, used)]
    )

    mismatch = np.zeros(n, dtype=bool)
    if shared.by_code:
        mismatch = (name_id >= 0) & (name_id != shared.first_name[flat])

    packed = np.empty(n, dtype=KEY_DTYPE)
    packed["hi"], packed["lo"] = hi, lo
    keys = packed.view("V16").ravel()
    id17, days, birth_order, sex = unpack_keys(keys)
    kept = ~dup
    cross = sorted_cross_row(keys[kept], ref[kept])

    candidates = _empty_candidates()
    if shared.mothers is not None and len(shared.mothers):
        pick = kept & np.isin(id17, shared.mothers)
        values = {
            "id17": id17, "days": days, "order": birth_order, "sex": sex,
            "policy": policy, "gid": gid, "period_day": period_day, "used": used, "ref": ref,
        }
        candidates = {k: values[k][pick] for k in CANDIDATE_FIELDS}

    kept_births = {}
    if shared.keep_births:
        values = {"id17": id17, "days": days, "order": birth_order, "gid": gid, "ref": ref,
                  "used": used}
        kept_births = {k: values[k][kept] for k in KEPT_FIELDS}
    partial = cube.Partial.empty()
    if shared.compute and n:
        partial = births.batch_partial(row_gid, row_day, sex, birth_order, policy, dup,
                                       in_period)
    return Resolved(
        partial, counts, ref[dup], ref[first][dup], ref[mismatch], part[mismatch],
        name_id[mismatch], cross, candidates, kept_births,
    )


def fold_parts(state: RunState, metas: list[PartMeta], mothers: np.ndarray | None) -> Shared:
    """Partitions' counts, findings and villages into the run, in file order."""
    gmaps = []
    for meta in metas:
        s = state.summaries[meta.fi]
        s.rows_read += meta.summary.rows_read
        s.rows_skipped_blank += meta.summary.rows_skipped_blank
        s.rows_rejected += meta.summary.rows_rejected
        widen_span(s, meta.summary.first_date, meta.summary.last_date)
        for finding in meta.findings:
            state.add(meta.fi, finding)
        gmaps.append(state.groups.merge(meta.groups, file_start(meta.fi)))
    # First names are final only once every partition is in.
    firsts = []
    for meta, gmap in zip(metas, gmaps, strict=True):
        index = {name: i for i, name in enumerate(meta.names)}
        firsts.append(
            np.array([_index_of(index, state.groups.first_name(int(g))) for g in gmap],
                     dtype=np.int64)
        )
    sizes = [len(g) for g in gmaps]
    return Shared(
        n_files=len(state.files),
        period=state.settings.period,
        compute=state.settings.compute,
        by_code=state.groups.by_code,
        offsets=np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64),
        gid=np.concatenate(gmaps) if gmaps else np.zeros(0, dtype=np.int64),
        first_name=np.concatenate(firsts) if firsts else np.zeros(0, dtype=np.int64),
        mothers=mothers,
    )


def _merge(
    state: RunState, metas: list[PartMeta], shared: Shared, resolved: list[Resolved]
) -> BirthsResult:
    """Findings in the pandas engine's phases (checks, names, duplicates, cross-row), so
    that sorting by (file, row, arrival) orders them identically."""
    def cat(name: str) -> np.ndarray:
        arrays = [getattr(r, name) for r in resolved]
        return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)

    name_ref = cat("name_ref")
    order = np.argsort(name_ref, kind="stable")
    for r, p, i in zip(name_ref[order].tolist(), cat("name_part")[order].tolist(),
                       cat("name_id")[order].tolist(), strict=True):
        state.name_mismatch(file_of(r), row_of(r), metas[p].names[i])

    dup_ref, dup_first = cat("dup_ref"), cat("dup_first")
    order = np.argsort(dup_ref, kind="stable")
    dup_ref, dup_first = dup_ref[order], dup_first[order]
    dup_fi = file_of(dup_ref)
    counts = sum((r.counts for r in resolved), np.zeros((3, shared.n_files), dtype=np.int64))
    for fi in range(shared.n_files):
        mine = dup_fi == fi
        if mine.any():
            state.duplicates(fi, row_of(dup_ref[mine]), np.ones(int(mine.sum()), dtype=bool),
                             dup_first[mine], "mother_id", "birth")
        state.summaries[fi].rows_out_of_period += int(counts[1, fi])
        state.summaries[fi].rows_used += int(counts[2, fi])

    crosses = [r.cross for r in resolved if len(r.cross[0])]
    if crosses:
        cross_row_findings(state, *(np.concatenate([c[k] for c in crosses]) for k in range(3)))

    candidates = _by_ref([r.candidates for r in resolved], CANDIDATE_FIELDS)
    register_gids = set(np.unique(shared.gid).tolist())
    partial = cube.merge([r.partial for r in resolved])
    kept = None
    if shared.keep_births:
        kept = _by_ref([r.kept for r in resolved], KEPT_FIELDS)
    return BirthsResult(partial, register_gids, candidates, kept)


def _by_ref(parts: list[dict[str, np.ndarray]], fields: tuple[str, ...]
            ) -> dict[str, np.ndarray]:
    """Partitions' rows as one table in the pandas engine's order (by row ref)."""
    found = [p for p in parts if len(p["ref"])]
    if not found:
        return _empty(fields)
    out = {k: np.concatenate([p[k] for p in found]) for k in fields}
    order = np.argsort(out["ref"], kind="stable")
    return {k: v[order] for k, v in out.items()}


def _pack(id17: np.ndarray, days: np.ndarray, order: np.ndarray, sex: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray]:
    parts = pack_keys(id17, days, order, sex).view(KEY_DTYPE)
    return parts["hi"].astype(np.uint64), parts["lo"].astype(np.uint64)


def name_ids(village_name: np.ndarray, names: dict[str, int]) -> np.ndarray:
    """Each row's village name as an index into the partition's list (-1: no name)."""
    codes, uniques = pd.factorize(village_name, use_na_sentinel=True)
    mapping = np.array([names.setdefault(str(u), len(names)) for u in uniques] or [0],
                       dtype=np.int32)
    return np.where(codes >= 0, mapping[np.maximum(codes, 0)], -1).astype(np.int32)


def _index_of(index: dict[str, int], name: str | None) -> int:
    return -2 if name is None else index.get(name, -2)


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({k: np.zeros(0, dtype=t) for k, t in FRAME_DTYPES.items()})


def _empty_candidates() -> dict[str, Any]:
    return _empty(CANDIDATE_FIELDS)


def _empty(fields: tuple[str, ...]) -> dict[str, Any]:
    return {k: np.zeros(0, dtype=np.int64) for k in fields}
