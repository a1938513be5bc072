"""`jisheng report`: one self-contained HTML page (headline, funnels, trends, 同比, data
quality) from the same inputs as `indicators`. Wiring only: the page is the library's."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jisheng_cli.cli import options as o
from jisheng_cli.messages import DEFAULT_LANG

CENTRES = ("target", "overall")
LIMITS = ("exact", "wilson")

if TYPE_CHECKING:  # to the code below, a choice is its string
    Lang = str
    Engine = str
    Centre = str
    Limits = str
else:
    Lang = o.Lang
    Engine = o.choices("Engine", o.ENGINES, __name__)
    Centre = o.choices("Centre", CENTRES, __name__)
    Limits = o.choices("Limits", LIMITS, __name__)

HELP = """Write one self-contained HTML report: headline indicators with their targets,
funnel plots of the villages, trends across statistical years, the change on the
previous year (同比) and the data's quality. Nothing to install to view it: open it in
any browser, or print it (A4).

Example:

\b
    jisheng report births.csv --by township -o report.html
    jisheng report births.csv --year 2010..2012 --lang en -o report-en.html

The headline year is the last of --year, else the latest statistical year of the data
that is not partial; its 同比 compares it with the year before (read for it when --year
starts there). The trends cover every year of the period. [report] in the config sets the funnels'
centre, limits and over-dispersion; the options below override it.
"""


def report(
    files: list[str] = o.FILES,
    by: str = o.BY,
    year: str | None = o.YEAR,
    date_from: str | None = o.DATE_FROM,
    date_to: str | None = o.DATE_TO,
    as_of: str | None = o.AS_OF,
    config: Path | None = o.CONFIG,
    targets: Path | None = o.TARGETS,
    only: str | None = o.INDICATORS,
    output: str | None = o.OUTPUT,
    lang: Lang = typer.Option(
        DEFAULT_LANG, "--lang", help="The report's language (id: English words)."
    ),
    funnel_centre: Centre | None = typer.Option(
        None, "--funnel-centre",
        help="Funnels centred on the target (a range: its midpoint) or the overall rate "
        "(default: [report] funnel_centre, else target).",
    ),
    funnel_limits: Limits | None = typer.Option(
        None, "--funnel-limits",
        help="Funnel limits from the exact binomial or Wilson's normal approximation "
        "(default: [report] funnel_limits, else exact).",
    ),
    overdispersion: bool | None = typer.Option(
        None, "--overdispersion/--no-overdispersion",
        help="Widen the funnel limits for over-dispersion (default: [report] overdispersion, "
        "else off).", show_default=False,
    ),
    encoding: str | None = o.ENCODING,
    delimiter: str | None = o.DELIMITER,
    header_row: int | None = o.HEADER_ROW,
    skip_rows: int = o.SKIP_ROWS,
    engine: Engine = o.ENGINE,
    scheduler: str | None = o.SCHEDULER,
    progress: bool | None = o.PROGRESS,
    quiet: bool = o.QUIET,
    verbose: bool = o.VERBOSE,
    debug: bool = o.DEBUG,
) -> None:
    from jisheng_cli.cli.run_settings import run_settings, run_with_progress
    from jisheng_cli.errors import UsageError
    from jisheng_cli.levels import parse_by
    from jisheng_cli.messages.report import label
    from jisheng_cli.readers.sources import Skipped, parse_sources
    from jisheng_cli.report import write_report_html
    from jisheng_cli.report.document import report_levels

    header_row, skip_rows = o.header_rows(header_row, skip_rows)
    skipped: list[Skipped] = []
    sources = parse_sources(files, skipped)
    if scheduler and engine != "dask":
        raise UsageError("scheduler_needs_dask")
    o.check_output_paths([output], [s.path for s in sources])
    if output in (None, "-") and sys.stdout.isatty():
        raise UsageError("binary_to_terminal", fmt="html")
    user_by = parse_by(by)
    settings = run_settings(
        by=report_levels(user_by), year=year, date_from=date_from, date_to=date_to,
        as_of=as_of, config=config, targets=targets, only=only, show_personal_data=False,
        encoding=encoding, delimiter=delimiter, header_row=header_row, skip_rows=skip_rows,
        engine=engine, scheduler=scheduler, keep_findings=True, compare_previous=True,
    )
    if settings.period.part_year():
        # A period that cuts a statistical year has no whole year before it to compare
        # with (--compare-previous refuses it): the page says so instead of failing.
        settings.compare_previous = False
    overrides = {k: v for k, v in (("funnel_centre", funnel_centre),
                                    ("funnel_limits", funnel_limits),
                                    ("overdispersion", overdispersion)) if v is not None}
    chosen = type(settings.config.report).model_validate(
        {**settings.config.report.model_dump(), **overrides})
    outcome = run_with_progress(sources, settings, files, progress, quiet, lang)
    if verbose:
        o.describe_inputs(outcome.report, quiet, lang)
        o.describe_skipped(skipped, quiet, lang)
    with o.atomic_output(output) as stream:
        write_report_html(outcome, chosen, user_by, settings.period.years(), lang, stream)
    o.echo_summary(outcome.report, outcome.warnings, files, lang, quiet)
    if output not in (None, "-"):
        o.echo_err(label("written", lang, path=output), quiet)
    raise typer.Exit(0)


def register(app: typer.Typer) -> None:
    app.command("report", help=HELP, cls=o.Command)(report)
