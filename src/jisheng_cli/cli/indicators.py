"""`jisheng indicators`: compute indicators (the main job)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jisheng_cli.cli import options as o
from jisheng_cli.messages import DEFAULT_LANG
from jisheng_cli.render.options import FORMATS, LAYOUTS

if TYPE_CHECKING:  # to the code below, a choice is its string
    Format = str
    Layout = str
    Lang = str
    Engine = str
else:
    Format = o.choices("Format", FORMATS, __name__)
    Layout = o.choices("Layout", LAYOUTS, __name__)
    Lang = o.Lang
    Engine = o.choices("Engine", o.ENGINES, __name__)

HELP = """Compute indicators from births registers (出生政策符合率, 出生人口性别比, 孩次率 …).

Example:

\b
    jisheng indicators births.csv --year 2023 --by township --format csv -o report.csv
    jisheng indicators births.xlsx#鸣凤镇 --year 2023

When the header is not found (it is below row 10) or a wrong line is taken for it, give
its row as a spreadsheet numbers it (for every FILE):

\b
    jisheng indicators --header-row 4 births.csv

A compressed file (.gz, .bz2, .xz, .zst) is read as it is, from standard input too,
and each file of a .zip as one input (townships.zip!member.csv in messages):

\b
    cat births.csv.gz | jisheng indicators - --year 2023

Rows rejected by the checks are counted on stderr and listed with --rejects. Standard
output carries data only. --lang also sets the language of the summary, the rejects
file's messages and the error lines.
"""


def indicators(
    files: list[str] = o.FILES,
    by: str = o.BY,
    year: str | None = o.YEAR,
    date_from: str | None = o.DATE_FROM,
    date_to: str | None = o.DATE_TO,
    as_of: str | None = o.AS_OF,
    config: Path | None = o.CONFIG,
    targets: Path | None = o.TARGETS,
    only: str | None = o.INDICATORS,
    fmt: Format | None = typer.Option(
        None,
        "--format",
        help="Output format (default: from -o, else table on a terminal and csv when piped).",
    ),
    output: str | None = o.OUTPUT,
    layout: Layout | None = typer.Option(
        None, "--layout", help="wide: a row per group, a column per indicator; long: a row "
        "per group × indicator (default: long for json, ndjson and parquet, else wide).",
    ),
    lang: Lang = typer.Option(
        DEFAULT_LANG, "--lang",
        help="Labels, headers and messages (id: the stable ids, English messages).",
    ),
    detail: bool = typer.Option(
        False, "--detail", help="Add numerator, denominator and interval columns (wide layout)."
    ),
    precision: int | None = typer.Option(
        None, "--precision", min=0, max=10, metavar="N", help="Decimals in text formats."
    ),
    encoding: str | None = o.ENCODING,
    delimiter: str | None = o.DELIMITER,
    header_row: int | None = o.HEADER_ROW,
    skip_rows: int = o.SKIP_ROWS,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any row is rejected."),
    rejects: str | None = o.REJECTS,
    check_targets: bool = typer.Option(
        False, "--check-targets", help="Exit 1 when a configured target is missed."
    ),
    compare_previous: bool = typer.Option(
        False, "--compare-previous",
        help="By year, with each row's change from the statistical year before "
        "(previous, change, its interval and significance; long layout and JSON).",
    ),
    bom: bool = o.BOM,
    engine: Engine = o.ENGINE,
    scheduler: str | None = o.SCHEDULER,
    show_personal_data: bool = o.SHOW_PERSONAL,
    progress: bool | None = o.PROGRESS,
    quiet: bool = o.QUIET,
    verbose: bool = o.VERBOSE,
    debug: bool = o.DEBUG,
) -> None:
    from jisheng_cli.cli.run_settings import run_settings, run_with_progress
    from jisheng_cli.errors import UsageError
    from jisheng_cli.levels import parse_by
    from jisheng_cli.readers.sources import Skipped, parse_sources
    from jisheng_cli.render import write_report
    from jisheng_cli.render.options import RenderOptions, default_layout

    header_row, skip_rows = o.header_rows(header_row, skip_rows)
    skipped: list[Skipped] = []
    sources = parse_sources(files, skipped)
    if scheduler and engine != "dask":
        raise UsageError("scheduler_needs_dask")
    o.check_output_paths([output, rejects], [s.path for s in sources])
    chosen = o.choose_format(fmt, output, FORMATS)
    if layout == "wide" and chosen in ("json", "ndjson"):
        raise UsageError("wide_not_available", fmt=chosen)
    if chosen in ("xlsx", "parquet") and (output in (None, "-")) and sys.stdout.isatty():
        raise UsageError("binary_to_terminal", fmt=chosen)
    settings = run_settings(
        by=parse_by(by), year=year, date_from=date_from, date_to=date_to, as_of=as_of,
        config=config, targets=targets, only=only, show_personal_data=show_personal_data,
        encoding=encoding, delimiter=delimiter, header_row=header_row, skip_rows=skip_rows,
        engine=engine, scheduler=scheduler, keep_findings=rejects is not None,
        compare_previous=compare_previous,
    )
    outcome = run_with_progress(sources, settings, files, progress, quiet, lang)
    report = outcome.report
    if verbose:
        o.describe_inputs(report, quiet, lang)
        o.describe_skipped(skipped, quiet, lang)
    opts = RenderOptions(
        fmt=chosen,
        layout=layout or default_layout(chosen),
        lang=lang,
        precision=precision,
        detail=detail,
        bom=bom,
        width=o.terminal_width(),
        color=chosen == "table" and output in (None, "-") and sys.stdout.isatty(),
        funnel=settings.config.report,
    )
    if rejects:
        o.write_rejects(rejects, outcome.findings, bom, lang)
    with o.atomic_output(output) as stream:
        write_report(report, opts, stream)
    o.echo_summary(report, outcome.warnings, files, lang, quiet)
    code = 0
    if strict and outcome.rejected_rows:
        code = 1
    missed = outcome.missed_targets(set(settings.config.targets)) if check_targets else []
    if missed:
        o.echo_missed_targets(missed, lang)
        code = 1
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    app.command("indicators", help=HELP, cls=o.Command)(indicators)
