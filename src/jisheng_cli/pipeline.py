"""The run: open inputs, stream batches through checks, de-duplication and partial sums,
then assemble the report. Library code: raises typed errors, never prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from jisheng_cli import __version__
from jisheng_cli.assemble import aggregate, result_rows
from jisheng_cli.checks.births import check_births
from jisheng_cli.checks.common import CheckContext
from jisheng_cli.config import Config
from jisheng_cli.duplicates import KeyIndex, cross_row_warnings, pack_keys
from jisheng_cli.errors import InputError, UsageError
from jisheng_cli.findings import Finding
from jisheng_cli.groups import GroupTable
from jisheng_cli.indicators import births, cube
from jisheng_cli.indicators.registry import REGISTRY, for_kinds
from jisheng_cli.periods import Period
from jisheng_cli.readers.csvfile import DEFAULT_BLOCK_BYTES, InputFile
from jisheng_cli.readers.sources import Source
from jisheng_cli.records.dates import from_days, to_days
from jisheng_cli.results import InputSummary, Report

ROW_BITS = 40
SUPPORTED_KINDS = {"births"}
LEVELS = ("total", "county", "township", "village", "year")
CROSS_ROW = (
    (
        "same_order_multiple_birth",
        "another birth of the same mother on the same date has the same birth order but another "
        "sex: twins given one birth order (both kept)",
    ),
    (
        "short_birth_interval",
        "the same mother has an earlier birth less than 180 days before, not a multiple birth",
    ),
)


@dataclass
class Settings:
    as_of: date
    period: Period = field(default_factory=Period)
    by: list[str] = field(default_factory=lambda: ["total"])
    config: Config = field(default_factory=Config)
    indicators: list[str] | None = None
    show_personal_data: bool = False
    encoding: str | None = None
    delimiter: str | None = None
    block_bytes: int = DEFAULT_BLOCK_BYTES
    compute: bool = True


@dataclass
class Outcome:
    report: Report
    findings: list[Finding]

    @property
    def rejected_rows(self) -> int:
        return sum(i.rows_rejected for i in self.report.inputs)

    def missed_configured_targets(self, configured: set[str]) -> int:
        return sum(
            1
            for r in self.report.rows
            if r.indicator in configured and r.status in ("missed", "missed_significant")
        )


def parse_by(text: str) -> list[str]:
    levels = [p.strip() for p in text.split(",") if p.strip()]
    bad = [p for p in levels if p not in LEVELS]
    if bad or not levels:
        raise UsageError(f"--by {text!r}: choose from {', '.join(LEVELS)}")
    return levels


def choose_indicators(requested: list[str] | None, kinds: set[str]) -> list[str]:
    available = [i.id for i in for_kinds(kinds)]
    if requested is None:
        return available
    unknown = [i for i in requested if i not in REGISTRY]
    if unknown:
        raise UsageError(f"--indicators: unknown id {unknown[0]!r} (see `jisheng list`)")
    missing = [i for i in requested if i not in available]
    if missing:
        raise UsageError(f"--indicators: {missing[0]} needs a {REGISTRY[missing[0]].kind} file")
    return list(dict.fromkeys(requested))


def _stat_years(days: np.ndarray) -> np.ndarray:
    d = days.astype("datetime64[D]")
    year = d.astype("datetime64[Y]").astype(np.int64) + 1970
    month = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    return year + (month >= 10)


def run(
    sources: list[Source],
    settings: Settings,
    on_progress: Callable[[int], None] | None = None,
) -> Outcome:
    d = settings.config.definitions
    files = [_open(s, settings) for s in sources]
    try:
        return _run(files, settings, d)
    finally:
        for f in files:
            f.close()


def _open(source: Source, settings: Settings) -> InputFile:
    f = InputFile(
        source,
        encoding=settings.encoding,
        delimiter=settings.delimiter,
        column_map={str(k): v for k, v in settings.config.columns.items()},
    )
    if f.kind not in SUPPORTED_KINDS:
        f.close()
        raise InputError(f"{f.kind} files are not supported yet", path=f.path)
    if settings.config.definitions.period_basis == "report_date" and (
        "report_date" not in f.match.columns
    ):
        f.close()
        raise InputError(
            "period_basis = report_date needs a report_date (上报日期) column", path=f.path
        )
    return f


def _run(files: list[InputFile], settings: Settings, d: object) -> Outcome:
    definitions = settings.config.definitions
    by_code = all("village_code" in f.match.columns for f in files)
    if not by_code and "county" in settings.by:
        raise UsageError("--by county needs village codes (统计用区划代码) in every births file")
    groups = GroupTable(by_code)
    index = KeyIndex()
    partials: list[cube.Partial] = []
    findings: list[tuple[int, int, int, Finding]] = []
    summaries: list[InputSummary] = []
    start = to_days(settings.period.start) if settings.period.start else None
    end = to_days(settings.period.end) if settings.period.end else None
    seq = 0

    for fi, f in enumerate(files):
        summary = InputSummary(f.path, f.kind, f.encoding, header_row=f.header_row,
                               ignored_columns=f.match.ignored)
        summaries.append(summary)
        ctx = CheckContext(
            path=f.path,
            as_of=settings.as_of,
            period_basis=definitions.period_basis,
            require_village_code=by_code,
            require_names=not by_code,
            show_personal_data=settings.show_personal_data,
        )
        for raw in f.batches(settings.block_bytes):
            summary.rows_read += len(raw) + len(raw.ragged)
            for row, cells, expected in raw.ragged:
                findings.append(
                    (
                        fi,
                        row,
                        seq,
                        Finding(
                            f.path,
                            row,
                            None,
                            "ragged_row",
                            "error",
                            None,
                            f"row has {cells} cells but the header has {expected}",
                        ),
                    )
                )
                seq += 1
            summary.rows_rejected += len(raw.ragged)
            checked = check_births(raw, ctx)
            summary.rows_skipped_blank += checked.n_skipped
            summary.rows_rejected += checked.n_rejected
            for finding in checked.findings:
                findings.append((fi, finding.row or 0, seq, finding))
                seq += 1
            if len(checked) == 0:
                continue
            gid = groups.lookup(checked.village_code, checked.village_name, checked.township_name)
            ref = (np.int64(fi) << ROW_BITS) | checked.rows.astype(np.int64)
            mismatch = groups.tally_names(gid, checked.village_name, checked.township_name, ref)
            for i in np.flatnonzero(mismatch):
                findings.append(
                    (
                        fi,
                        int(checked.rows[i]),
                        seq,
                        Finding(
                            f.path,
                            int(checked.rows[i]),
                            "village_name",
                            "village_name_mismatch",
                            "warning",
                            str(checked.village_name[i]),
                            "village name differs from the first name seen for this code",
                        ),
                    )
                )
                seq += 1
            period_days = (
                checked.report_days
                if definitions.period_basis == "report_date"
                else checked.child_days
            ).astype(np.int64)
            aux = (gid << 32) | (period_days + (1 << 31))
            keys = pack_keys(checked.id17, checked.child_days, checked.order, checked.sex)
            dup, first_ref, first_aux = index.add(keys, ref, aux)
            summary.rows_duplicate += int(dup.sum())
            for i in np.flatnonzero(dup):
                ffile, frow = (
                    int(first_ref[i] >> ROW_BITS),
                    int(first_ref[i] & ((1 << ROW_BITS) - 1)),
                )
                where = f"row {frow}" if ffile == fi else f"{files[ffile].path} row {frow}"
                findings.append(
                    (
                        fi,
                        int(checked.rows[i]),
                        seq,
                        Finding(
                            f.path,
                            int(checked.rows[i]),
                            "mother_id",
                            "duplicate",
                            "duplicate",
                            None,
                            f"duplicate of {where}: same mother ID, birth date and birth order",
                        ),
                    )
                )
                seq += 1
            # Every row now has the group and period of the record that is kept.
            row_gid = np.where(dup, first_aux >> 32, gid)
            row_day = np.where(dup, (first_aux & 0xFFFFFFFF) - (1 << 31), period_days)
            in_period = np.ones(len(checked), dtype=bool)
            if start is not None:
                in_period &= row_day >= start
            if end is not None:
                in_period &= row_day <= end
            summary.rows_out_of_period += int((~in_period & ~dup).sum())
            used = in_period & ~dup
            summary.rows_used += int(used.sum())
            if not settings.compute:
                continue
            cell = births.cells(checked.sex, checked.order, checked.policy)
            cell = np.where(dup, births.DUP_CELL, cell)
            keep = in_period
            partials.append(
                cube.count(
                    cube.encode(
                        row_gid[keep], _stat_years(row_day[keep]), cell[keep], births.N_CELLS
                    )
                )
            )
            if len(partials) >= 64:
                partials = [cube.merge(partials)]
        if summary.rows_read == 0:
            raise InputError("no data rows after the header", path=f.path)
        valid = summary.rows_used + summary.rows_duplicate + summary.rows_out_of_period
        if settings.compute and valid == 0:
            raise InputError(
                f"no usable row: {summary.rows_read} read, {summary.rows_rejected} rejected, "
                f"{summary.rows_skipped_blank} blank or totals (see jisheng validate)",
                path=f.path,
            )

    refs, days, code_idx = cross_row_warnings(index)
    for r, day, c in zip(refs.tolist(), days.tolist(), code_idx.tolist(), strict=True):
        fi, row = r >> ROW_BITS, r & ((1 << ROW_BITS) - 1)
        code, message = CROSS_ROW[c]
        findings.append(
            (
                fi,
                row,
                seq,
                Finding(
                    files[fi].path,
                    row,
                    "child_birth_date",
                    code,
                    "warning",
                    from_days(day).isoformat(),
                    message,
                ),
            )
        )
        seq += 1
    findings.sort(key=lambda t: (t[0], t[1], t[2]))

    kinds = {f.kind for f in files}
    ids = choose_indicators(settings.indicators, kinds)
    rows = []
    if settings.compute:
        aggregates = aggregate(cube.merge(partials), groups, settings.by, "year" in settings.by)
        rows = result_rows(aggregates, groups, ids, definitions, dict(settings.config.targets))
    start_iso, end_iso = settings.period.iso()
    report = Report(
        version=__version__,
        period_from=start_iso,
        period_to=end_iso,
        as_of=settings.as_of.isoformat(),
        by=list(settings.by),
        definitions=definitions.model_dump(mode="json"),
        inputs=summaries,
        rows=rows,
        indicators=ids,
    )
    return Outcome(report, [t[3] for t in findings])
