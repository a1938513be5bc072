"""`jisheng validate`: check files and list every finding; compute nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jisheng_cli.cli import options as o
from jisheng_cli.messages import DEFAULT_LANG
from jisheng_cli.render.rejects import REJECT_FORMATS

FORMATS = ("table", *REJECT_FORMATS)  # findings on a terminal, or as the rejects file

if TYPE_CHECKING:  # to the code below, a choice is its string
    Format = str
    Lang = str
else:
    Format = o.choices("Format", FORMATS, __name__)
    Lang = o.Lang

HELP = """Check input files and list every finding (errors, duplicates, warnings); compute nothing.

Example:

\b
    jisheng validate births.csv --rejects rejects.csv
    jisheng validate births.xlsx#鸣凤镇 --rejects rejects.csv

When the header is not found (it is below row 10) or a wrong line is taken for it, give
its row as a spreadsheet numbers it (for every FILE):

\b
    jisheng validate --header-row 12 births.csv

A women's register is checked at a stock date (min of the period's end and --as-of):
give the period the report uses, as `indicators` does:

\b
    jisheng validate women.csv --year 2012 --as-of 2012-10-31

Row numbers are the ones a spreadsheet shows: the header is row 1 and the first record
row 2 (title lines above the header push both down); a line break inside a quoted cell
does not start a new row. Exit code 1 when any row is rejected.
"""


def validate(
    files: list[str] = o.FILES,
    year: str | None = o.YEAR,
    date_from: str | None = o.DATE_FROM,
    date_to: str | None = o.DATE_TO,
    as_of: str | None = o.AS_OF,
    config: Path | None = o.CONFIG,
    fmt: Format | None = typer.Option(
        None, "--format", help="Findings format (default: table on a terminal, csv when piped)."
    ),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write the findings there."
    ),
    encoding: str | None = o.ENCODING,
    delimiter: str | None = o.DELIMITER,
    header_row: int | None = o.HEADER_ROW,
    skip_rows: int = o.SKIP_ROWS,
    rejects: str | None = o.REJECTS,
    lang: Lang = typer.Option(
        DEFAULT_LANG, "--lang",
        help="Messages, the table's words and the summary: zh, en (id: English).",
    ),
    bom: bool = o.BOM,
    show_personal_data: bool = o.SHOW_PERSONAL,
    progress: bool | None = o.PROGRESS,
    quiet: bool = o.QUIET,
    verbose: bool = o.VERBOSE,
    debug: bool = o.DEBUG,
) -> None:
    from jisheng_cli.cli.run_settings import run_settings, run_with_progress
    from jisheng_cli.readers.sources import Skipped, parse_sources

    header_row, skip_rows = o.header_rows(header_row, skip_rows)
    skipped: list[Skipped] = []
    sources = parse_sources(files, skipped)
    o.check_output_paths([output, rejects], [s.path for s in sources])
    chosen = o.choose_format(fmt, output, FORMATS)
    settings = run_settings(
        by=["total"], year=year, date_from=date_from, date_to=date_to, as_of=as_of,
        config=config, targets=None, only=None, show_personal_data=show_personal_data,
        encoding=encoding, delimiter=delimiter, header_row=header_row, skip_rows=skip_rows,
        engine="pandas", scheduler=None, keep_findings=True, compute=False,
    )
    outcome = run_with_progress(sources, settings, files, progress, quiet, lang)
    if verbose:
        o.describe_inputs(outcome.report, quiet, lang)
        o.describe_skipped(skipped, quiet, lang)
    if rejects:
        o.write_rejects(rejects, outcome.findings, bom, lang)
    with o.atomic_output(output) as stream:
        if chosen == "table":
            from jisheng_cli.render.rejects import write_findings_table

            write_findings_table(
                outcome.findings,
                stream,
                width=o.terminal_width(),
                color=output in (None, "-") and sys.stdout.isatty(),
                lang=lang,
            )
        else:
            from jisheng_cli.render.rejects import write_rejects

            write_rejects(outcome.findings, stream, chosen, bom=bom, lang=lang)
    # No hint: the findings are what this command lists; the data span is news here too.
    o.echo_summary(outcome.report, outcome.warnings, files, lang, quiet,
                   kinds=("input", "repeat", "span"))
    raise typer.Exit(1 if outcome.rejected_rows else 0)


def register(app: typer.Typer) -> None:
    app.command("validate", help=HELP, cls=o.Command)(validate)
