"""What one run shares between the kinds: files, villages, findings and the period."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from jisheng_cli.checks.common import CheckContext
from jisheng_cli.findings import Finding
from jisheng_cli.groups import GroupTable
from jisheng_cli.readers.csvfile import InputFile, RawBatch
from jisheng_cli.records.dates import to_days
from jisheng_cli.records.vector import Memo
from jisheng_cli.results import InputSummary

if TYPE_CHECKING:
    from jisheng_cli.pipeline import Settings

ROW_BITS = 40
ROW_MASK = (1 << ROW_BITS) - 1


@dataclass
class RunState:
    files: list[InputFile]
    summaries: list[InputSummary]
    groups: GroupTable
    settings: Settings
    findings: list[tuple[int, int, int, Finding]] = field(default_factory=list)
    _seq: int = 0
    _memos: dict[str, dict[str, Memo]] = field(default_factory=dict)

    def add(self, fi: int, finding: Finding) -> None:
        self.findings.append((fi, finding.row or 0, self._seq, finding))
        self._seq += 1

    def context(self, fi: int, kind: str) -> CheckContext:
        s = self.settings
        f = self.files[fi]
        units: dict[str, int] = {}
        if kind == "fees":
            from jisheng_cli.checks.fees import units_from_headers

            units = units_from_headers(f.match.units)
        return CheckContext(
            path=f.path,
            as_of=s.as_of,
            period_basis=s.config.definitions.period_basis,
            require_village_code=self.groups.by_code,
            require_names=not self.groups.by_code,
            show_personal_data=s.show_personal_data,
            units=units,
            memos=self._memos.setdefault(f"{kind}:{fi if kind == 'fees' else ''}", {}),
        )

    def period_mask(self, days: np.ndarray) -> np.ndarray:
        period = self.settings.period
        mask = np.ones(len(days), dtype=bool)
        if period.start is not None:
            mask &= days >= to_days(period.start)
        if period.end is not None:
            mask &= days <= to_days(period.end)
        return mask

    def ragged(self, fi: int, raw: RawBatch) -> None:
        """Rows with the wrong number of cells: rejected, counted, never guessed at."""
        summary = self.summaries[fi]
        summary.rows_read += len(raw) + len(raw.ragged)
        summary.rows_rejected += len(raw.ragged)
        for row, cells, expected in raw.ragged:
            self.add(
                fi,
                Finding(
                    self.files[fi].path,
                    row,
                    None,
                    "ragged_row",
                    "error",
                    None,
                    f"row has {cells} cells but the header has {expected}",
                ),
            )

    def ref(self, fi: int, rows: np.ndarray) -> np.ndarray:
        return (np.int64(fi) << ROW_BITS) | rows.astype(np.int64)

    def where(self, fi: int, ref: int) -> str:
        ffile, frow = ref >> ROW_BITS, ref & ROW_MASK
        return f"row {frow}" if ffile == fi else f"{self.files[ffile].path} row {frow}"


def stat_years(days: np.ndarray) -> np.ndarray:
    """Statistical year (1 Oct – 30 Sep) of dates given as days since 1970-01-01."""
    d = days.astype("datetime64[D]")
    year = d.astype("datetime64[Y]").astype(np.int64) + 1970
    month = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    return year + (month >= 10)
