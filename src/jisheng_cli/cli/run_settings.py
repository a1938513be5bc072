"""The Settings of a run from the options `indicators` and `report` share: one place that
turns the command line's inputs, period, levels and reading options into a Settings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jisheng_cli.cli import options as o
from jisheng_cli.errors import UsageError

if TYPE_CHECKING:
    from jisheng_cli.pipeline import Outcome
    from jisheng_cli.readers.sources import Source
    from jisheng_cli.settings import Settings


def run_settings(
    *,
    by: list[str],
    year: str | None,
    date_from: str | None,
    date_to: str | None,
    as_of: str | None,
    config: Path | None,
    targets: Path | None,
    only: str | None,
    show_personal_data: bool,
    encoding: str | None,
    delimiter: str | None,
    header_row: int | None,
    skip_rows: int,
    engine: str,
    scheduler: str | None,
    keep_findings: bool,
    compare_previous: bool = False,
    compute: bool = True,
) -> Settings:
    """The run the options ask for; a usage error (exit 2) before anything is read."""
    from jisheng_cli.config import load_config
    from jisheng_cli.periods import period_from_options
    from jisheng_cli.readers.encoding import check_encoding_name
    from jisheng_cli.settings import Settings

    if delimiter is not None and len(delimiter.replace("\\t", "\t")) != 1:
        raise UsageError("delimiter_one_char")
    return Settings(
        as_of=o.as_of_date(as_of),
        period=period_from_options(year, date_from, date_to),
        by=by,
        config=load_config(config, targets),
        indicators=[i.strip() for i in only.split(",") if i.strip()] if only else None,
        show_personal_data=show_personal_data,
        encoding=check_encoding_name(encoding) if encoding else None,
        delimiter=delimiter.replace("\\t", "\t") if delimiter else None,
        header_row=header_row,
        skip_rows=skip_rows,
        engine=engine,
        scheduler=scheduler,
        keep_findings=keep_findings,
        compare_previous=compare_previous,
        compute=compute,
    )


def run_with_progress(sources: list[Source], settings: Settings, files: list[str],
                      progress: bool | None, quiet: bool, lang: str) -> Outcome:
    """The run, with the progress bar on stderr when it is wanted."""
    from jisheng_cli.cli.progress import progress_bar, wanted
    from jisheng_cli.pipeline import run

    # Dask reports no bytes read back to the client: no bar for that engine.
    with progress_bar(settings.engine == "pandas" and wanted(progress, quiet, files),
                      lang) as callback:
        settings.progress = callback
        settings.stage = callback.stage if callback else None
        return run(sources, settings)
