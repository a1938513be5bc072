"""What one run is asked to do: the options of `jisheng indicators` and `validate`, parsed.

Light on purpose: the CLI builds it before anything heavy is imported, and the engines
receive it (a Dask worker gets a copy), so it imports neither pandas nor numpy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from jisheng_cli.config import Config
from jisheng_cli.kernel import default_mode as default_kernel_mode
from jisheng_cli.periods import Period
from jisheng_cli.readers.batch import DEFAULT_BLOCK_BYTES


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
    header_row: int | None = None  # --header-row: the header's 1-based row
    skip_rows: int = 0  # --skip-rows: lines before the header search
    block_bytes: int = DEFAULT_BLOCK_BYTES
    compute: bool = True
    # --compare-previous: add `year` to `by`, compute a statistical year more before the
    # period and give each row its change from the year before (change.attach_changes).
    compare_previous: bool = False
    # False: count warnings but keep no finding (a 50M-row run has ~0.5M of them); the
    # CLI keeps them only for --rejects.
    keep_findings: bool = True
    engine: str = "pandas"  # or "dask"
    # The compiled check kernel: "auto" (by input size), "always" or "never" (kernel.wanted).
    kernel: str = field(default_factory=default_kernel_mode)
    partition_bytes: int = 64 << 20  # dask engine: a large CSV is read in ranges this size
    scheduler: str | None = None  # a distributed scheduler's address (dask engine)
    # Called with (bytes read, bytes in all inputs) after every batch; the CLI draws a bar.
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)
    # Called with the stage's name when the run enters one the bar should show (kernel.prepare).
    stage: Callable[[str], None] | None = field(default=None, compare=False)
