"""What one run shares between the kinds: files, villages, findings and the period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from jisheng_cli.checks.common import CheckContext
from jisheng_cli.errors import InputError
from jisheng_cli.findings import Finding, Params, params
from jisheng_cli.groups import GroupTable
from jisheng_cli.periods import period_mask
from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.readers.inputs import Input, ReadOptions, open_input
from jisheng_cli.readers.sources import Source
from jisheng_cli.records.dates import from_days
from jisheng_cli.records.vector import Memo
from jisheng_cli.results import InputSummary, Repeat
from jisheng_cli.rowref import file_of, pack, row_of

if TYPE_CHECKING:
    from jisheng_cli.settings import Settings

@dataclass
class RunState:
    files: list[Input]
    summaries: list[InputSummary]
    groups: GroupTable
    settings: Settings
    findings: list[tuple[int, int, int, Finding]] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)
    # (file, other file) → rows of the file that are duplicates of records kept in the other
    repeated: Counter[tuple[int, int]] = field(default_factory=Counter)
    _seq: int = 0
    _memos: dict[str, dict[str, Memo]] = field(default_factory=dict)
    # File index → its ID column was stored as numbers (checks.excel_damage), once decided.
    ids_as_numbers: dict[int, bool] = field(default_factory=dict)

    def add(self, fi: int, finding: Finding) -> None:
        if finding.severity == "warning":
            self.warnings[finding.file] += 1
        if not self.settings.keep_findings:
            return
        self.findings.append((fi, finding.row or 0, self._seq, finding))
        self._seq += 1

    def context(self, fi: int, kind: str) -> CheckContext:
        s = self.settings
        f = self.files[fi]
        units: dict[str, int] = {}
        if kind == "fees":
            from jisheng_cli.checks.fees import units_from_headers

            units = units_from_headers(f.match.units)
        from jisheng_cli.records.women_codes import code_tables

        return CheckContext(
            path=f.path,
            as_of=s.as_of,
            period_basis=s.config.definitions.period_basis,
            require_village_code=self.groups.by_code,
            require_names=not self.groups.by_code,
            show_personal_data=s.show_personal_data,
            units=units,
            date_order=s.config.reading.date_order,
            codes=code_tables(s.config.codes.get(kind, {})),
            blank_method=s.config.definitions.blank_method,
            memos=self._memos.setdefault(f"{kind}:{fi if kind == 'fees' else ''}", {}),
        )

    def period_mask(self, days: np.ndarray) -> np.ndarray:
        return period_mask(days, self.settings.period)

    def ragged(self, fi: int, raw: RawBatch) -> None:
        """Rows the reader could not hand over as records, rejected and counted, never
        guessed at: the wrong number of cells, or NUL bytes (a damaged copy)."""
        summary = self.summaries[fi]
        summary.rows_read += len(raw) + len(raw.ragged) + len(raw.nul) + raw.short_skipped
        summary.rows_rejected += len(raw.ragged) + len(raw.nul)
        summary.rows_skipped_blank += raw.short_skipped
        path = self.files[fi].path
        for row, cells, expected in raw.ragged:
            self.add(fi, Finding(path, row, None, "ragged_row", "error", None,
                                 variant="cut_off" if row == raw.cut_off_row else "",
                                 params=params(cells=cells, expected=expected)))
        for row, column in raw.nul:
            self.add(fi, Finding(path, row, column, "nul_bytes", "error", None))

    def checked_batches(
        self,
        indices: list[int],
        kind: str,
        check: Callable[[RawBatch, CheckContext], Any],
        name_warnings: bool = True,
    ) -> Iterator[tuple[int, Any, np.ndarray, np.ndarray]]:
        """(file index, checked batch, village index, row refs) for every batch with valid
        rows; skipped and rejected rows are counted and every finding is recorded.

        Without `name_warnings` the names are tallied but rows are not compared with the
        first name seen: a Dask partition cannot know it (the client does that)."""
        for fi in indices:
            summary = self.summaries[fi]
            batches = self.files[fi].batches(self.settings.block_bytes)
            if fi not in self.ids_as_numbers:
                batches = self.decide_ids(fi, kind, batches)
            ctx = replace(self.context(fi, kind), ids_as_numbers=self.ids_as_numbers[fi],
                          kernel=self.use_kernel(fi))
            for raw in batches:
                self.ragged(fi, raw)
                checked = check(raw, ctx)
                summary.rows_skipped_blank += checked.n_skipped
                summary.rows_rejected += checked.n_rejected
                for finding in checked.findings:
                    self.add(fi, finding)
                if len(checked) == 0:
                    continue
                # The kernel's entry ids where it gave them (integers, not strings).
                code, village, township = getattr(checked, "coded", None) or (
                    checked.village_code, checked.village_name, checked.township_name)
                gid = self.groups.lookup(code, village, township)
                ref = self.ref(fi, checked.rows)
                mismatch = self.groups.tally_names(gid, village, township, ref)
                for i in np.flatnonzero(mismatch) if name_warnings else ():
                    self.name_mismatch(fi, int(checked.rows[i]), str(checked.village_name[i]))
                self.report_progress()
                yield fi, checked, gid, ref

    def use_kernel(self, fi: int) -> bool:
        """Whether file `fi` is checked by the compiled kernel (kernel.wanted, by its size)."""
        from jisheng_cli.kernel import prepare, wanted

        if not wanted(self.settings.kernel, self.files[fi].size):
            return False
        prepare(self.settings.stage)
        return True

    def decide_ids(self, fi: int, kind: str, batches: Iterator[RawBatch]
                   ) -> Iterator[RawBatch]:
        """The file rule of checks.excel_damage for file `fi` (its one warning if the ID
        column was stored as numbers); the batches again from the first."""
        from jisheng_cli.checks.excel_damage import ID_COLUMNS, look_ahead

        column = ID_COLUMNS.get(kind)
        if column is None or column not in self.files[fi].match.columns:
            self.ids_as_numbers[fi] = False
            return batches
        tally, batches = look_ahead(batches, column)
        self.ids_as_numbers[fi] = tally.stored_as_numbers
        if tally.stored_as_numbers:
            self.add(fi, Finding(self.files[fi].path, None, column, "id_column_stored_as_numbers",
                                 "warning", None, params=params(ids=tally.ids,
                                                                zeroed=tally.zeroed)))
        return batches

    def name_mismatch(self, fi: int, row: int, name: str) -> None:
        self.add(fi, Finding(self.files[fi].path, row, "village_name", "village_name_mismatch",
                             "warning", name))

    def report_progress(self) -> None:
        callback = self.settings.progress
        if callback is None:
            return
        sizes = [f.size or 0 for f in self.files]
        done = sum(min(f.position(), size) for f, size in zip(self.files, sizes, strict=True))
        callback(done, sum(sizes))

    def duplicates(
        self,
        fi: int,
        rows: np.ndarray,
        dup: np.ndarray,
        first_ref: np.ndarray,
        column: str,
        variant: str,
        values: np.ndarray | None = None,
    ) -> None:
        """Count and list duplicate rows, each pointing at the first row that is kept;
        `variant` names what the rows share (messages.findings: birth, case, area_year)."""
        self.summaries[fi].rows_duplicate += int(dup.sum())
        self.count_repeats(fi, first_ref[dup])
        for i in np.flatnonzero(dup):
            value = None if values is None else str(values[i])
            self.add(
                fi,
                Finding(
                    self.files[fi].path,
                    int(rows[i]),
                    column,
                    "duplicate",
                    "duplicate",
                    value,
                    variant=variant,
                    params=self.kept_row(fi, int(first_ref[i])),
                ),
            )

    def count_repeats(self, fi: int, first_refs: np.ndarray) -> None:
        """Tally duplicates of file `fi` by the file their kept record is in: a bincount of
        the kept rows' file index, on duplicate rows only (the hot path stays as it was)."""
        if not len(first_refs):
            return
        rows = np.bincount(file_of(first_refs))
        for other in np.flatnonzero(rows).tolist():
            if other != fi:
                self.repeated[(fi, other)] += int(rows[other])

    def note_repeats(self) -> None:
        """A file whose duplicates of another file's records are more than half of that
        file's valid records, or of its own (a copy sent again with a few rows changed, or
        a subset of the other), gets a `Repeat` in its summary."""
        for (fi, other), rows in sorted(self.repeated.items()):
            mine, theirs = self.summaries[fi], self.summaries[other]
            if 2 * rows > min(mine.valid_rows, theirs.valid_rows):
                mine.repeats.append(Repeat(self.files[other].path, rows))

    def count_used(self, fi: int, dup: np.ndarray, in_period: np.ndarray) -> np.ndarray:
        """Rows used: neither duplicate nor out of period (the buckets of docs/cli.md, in order)."""
        summary = self.summaries[fi]
        summary.rows_out_of_period += int((~in_period & ~dup).sum())
        used = in_period & ~dup
        summary.rows_used += int(used.sum())
        return used

    def span(self, fi: int, days: np.ndarray) -> None:
        """Widen file `fi`'s data span (InputSummary.first_date/last_date) to the period
        days of a batch's valid rows."""
        if len(days):
            widen_span(self.summaries[fi], from_days(int(days.min())).isoformat(),
                       from_days(int(days.max())).isoformat())

    def ref(self, fi: int, rows: np.ndarray) -> np.ndarray:
        return pack(fi, rows)

    def kept_row(self, fi: int, ref: int) -> Params:
        """The parameters naming the row `ref` to a finding of file `fi`: its row, and
        its file when that is another one."""
        ffile, frow = file_of(ref), row_of(ref)
        if ffile == fi:
            return params(dup_row=frow)
        return params(dup_row=frow, dup_file=self.files[ffile].path)


def widen_span(summary: InputSummary, first: str | None, last: str | None) -> None:
    """Merge a span into a file's (ISO dates compare as strings; a Dask partition's too)."""
    if first is not None:
        summary.first_date = min(first, summary.first_date or first)
    if last is not None:
        summary.last_date = max(last, summary.last_date or last)


def read_options(settings: Settings) -> ReadOptions:
    reading = settings.config.reading
    return ReadOptions(
        encoding=settings.encoding,
        delimiter=settings.delimiter,
        column_map={str(k): v for k, v in settings.config.columns.items()},
        header_row=settings.header_row,
        skip_rows=settings.skip_rows,
        footer_words=tuple(reading.footer_words),
        kernel=settings.kernel,
    )


def open_source(source: Source, settings: Settings) -> Input:
    """Open one input as the run will read it (on the client, or again on a Dask worker)."""
    f = open_input(source, read_options(settings))
    if settings.config.definitions.period_basis == "report_date" and f.kind == "births" and (
        "report_date" not in f.match.columns
    ):
        f.close()
        raise InputError("report_date_column", path=f.path)
    return f


def collect(parts: dict[str, list[np.ndarray]], mask: np.ndarray, **columns: np.ndarray) -> None:
    """Keep the masked rows of a batch's columns for after the stream (kept small rows
    only: the survey, and the register births of its mothers)."""
    for name, values in columns.items():
        parts[name].append(np.asarray(values)[mask])


def concatenated(parts: dict[str, list[np.ndarray]]) -> dict[str, np.ndarray]:
    return {k: (np.concatenate(v) if v else np.zeros(0, dtype=np.int64)) for k, v in parts.items()}
