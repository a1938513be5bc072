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
def progress_bar(enabled: bool, lang: str) -> Iterator[Bar | None]:
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
    from jisheng_cli.messages.summary import PREPARING, READING

    labels = {"reading": pick(READING, lang), "preparing_kernel": pick(PREPARING, lang)}
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
               TransferSpeedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(labels["reading"], total=None)
        yield Bar(
            lambda done, total: bar.update(task, completed=done, total=total or None),
            lambda name: bar.update(task, description=labels.get(name, name)),
        )


class Bar:
    """The callbacks a run is given: bytes read, and the stage it is in (kernel.prepare)."""

    def __init__(self, update: ProgressCallback, stage: Callable[[str], None]) -> None:
        self.update = update
        self.stage = stage

    def __call__(self, done: int, total: int) -> None:
        self.update(done, total)
