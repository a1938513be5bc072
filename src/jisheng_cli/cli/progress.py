"""The progress bar: rich, on stderr, by bytes read; only for a person at a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

ProgressCallback = Callable[[int, int], None]


def wanted(option: bool | None, quiet: bool, files: list[str]) -> bool:
    """On by default at a terminal; never when quiet, when stderr is redirected (cron), or
    when reading standard input (its size is unknown)."""
    if quiet or option is False or any(f == "-" or f.endswith(":-") for f in files):
        return False
    return sys.stderr.isatty()


@contextmanager
def progress_bar(enabled: bool, lang: str) -> Iterator[ProgressCallback | None]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    from jisheng_cli.messages import pick
    from jisheng_cli.messages.summary import READING

    label = pick(READING, lang)
    columns = (TextColumn(label), BarColumn(), DownloadColumn(),
               TransferSpeedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield update
