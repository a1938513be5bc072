"""`jisheng audit`: check the figures a work report prints, against arithmetic and
against the registers; `--extract` proposes the claims file from the report's text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jisheng_cli.cli import options as o
from jisheng_cli.messages import DEFAULT_LANG
from jisheng_cli.render.audit import AUDIT_FORMATS

EXTRACT_FORMATS = ("csv", "toml")

if TYPE_CHECKING:  # to the code below, a choice is its string
    Format = str
    Lang = str
else:
    Format = o.choices("Format", (*AUDIT_FORMATS, "toml"), __name__)
    Lang = o.Lang

HELP = """Check the figures a work report prints (a claims file: one figure a row) against
their own arithmetic, their target and gap, the previous year, and the registers.

Example:

\b
    jisheng audit claims.csv
    jisheng audit claims.csv births.csv women.csv procedures.csv --config jisheng.toml --year 2012

Each claim's numerator ÷ denominator, rounded half-up at the printed decimals, must give
the printed figure; its gap (优于责任指标 4.31 个百分点) must be figure − target with the
right word; its change (比上年提高 0.44 个百分点) must follow from the previous figure;
with registers, the figure computed with the same --config must print the same. Each
check ends ok, rounding, mismatch or cannot_check, with a one-line explanation.
Exit code 1 when any claim is a mismatch.

Propose a claims file from a report's text, review it, then audit it:

\b
    jisheng audit --extract report.docx -o claims.csv

The claims file's columns: jisheng schema claims --format markdown.
"""


def audit(
    claims: str | None = typer.Argument(
        None, metavar="CLAIMS", show_default=False,
        help="The claims file (CSV, XLSX or TOML; `-` for standard input)."),
    files: list[str] | None = typer.Argument(
        None, metavar="REGISTERS", show_default=False,
        help="Registers to check the figures against (as for `indicators`)."),
    extract: str | None = typer.Option(
        None, "--extract", metavar="REPORT",
        help="Propose a claims file from a report (.txt or .docx) instead of auditing."),
    year: str | None = o.YEAR,
    date_from: str | None = o.DATE_FROM,
    date_to: str | None = o.DATE_TO,
    as_of: str | None = o.AS_OF,
    config: Path | None = o.CONFIG,
    targets: Path | None = o.TARGETS,
    fmt: Format | None = typer.Option(
        None, "--format", help="table, csv, json or xlsx (default: from -o, else table on a "
        "terminal and csv when piped); with --extract: csv or toml."),
    output: str | None = o.OUTPUT,
    lang: Lang = typer.Option(
        DEFAULT_LANG, "--lang", help="Headers, status words and explanations (id: English "
        "explanations, stable ids)."),
    encoding: str | None = o.ENCODING,
    delimiter: str | None = o.DELIMITER,
    header_row: int | None = o.HEADER_ROW,
    skip_rows: int = o.SKIP_ROWS,
    bom: bool = o.BOM,
    quiet: bool = o.QUIET,
    debug: bool = o.DEBUG,
) -> None:
    from jisheng_cli.errors import UsageError

    if extract is not None:
        if claims is not None or files:
            raise UsageError("extract_alone")
        _extract(extract, fmt, output, bom, lang, quiet)
        return
    if claims is None:
        raise UsageError("audit_needs_claims")
    from jisheng_cli.audit.claims import read_claims
    from jisheng_cli.audit.run import audit as run_audit
    from jisheng_cli.cli.run_settings import run_settings
    from jisheng_cli.readers.sources import Skipped, parse_sources
    from jisheng_cli.render.audit import write_audit

    header_row, skip_rows = o.header_rows(header_row, skip_rows)
    skipped: list[Skipped] = []
    sources = parse_sources(files, skipped) if files else []
    if claims == "-" and any(s.path == "-" for s in sources):
        raise UsageError("audit_stdin_twice")
    o.check_output_paths([output], [claims, *(s.path for s in sources)])
    chosen = o.choose_format(fmt, output, AUDIT_FORMATS)
    if chosen == "xlsx" and output in (None, "-") and sys.stdout.isatty():
        raise UsageError("binary_to_terminal", fmt=chosen)
    settings = run_settings(
        by=["total"], year=year, date_from=date_from, date_to=date_to, as_of=as_of,
        config=config, targets=targets, only=None, show_personal_data=False,
        encoding=encoding, delimiter=delimiter, header_row=header_row, skip_rows=skip_rows,
        engine="pandas", scheduler=None, keep_findings=False,
    )
    report = run_audit(read_claims(claims), claims_path=claims, settings=settings,
                       sources=sources)
    with o.atomic_output(output) as stream:
        write_audit(report, chosen, stream, lang=lang, width=o.terminal_width(),
                    color=chosen == "table" and output in (None, "-") and sys.stdout.isatty(),
                    bom=bom)
    from jisheng_cli.messages import pick
    from jisheng_cli.messages.audit import SUMMARY

    o.describe_skipped(skipped, quiet, lang)
    o.echo_err(pick(SUMMARY, lang).format(claims=len(report.results), **report.counts()),
               quiet)
    raise typer.Exit(1 if report.mismatched else 0)


def _extract(report: str, fmt: str | None, output: str | None, bom: bool, lang: str,
             quiet: bool) -> None:
    from jisheng_cli.audit.claims import write_claims
    from jisheng_cli.audit.extract import extract_claims
    from jisheng_cli.messages import pick
    from jisheng_cli.messages.audit import EXTRACTED

    o.check_output_paths([output], [report])
    if fmt is None:
        fmt = "toml" if output and output.lower().endswith(".toml") else "csv"
    if fmt not in EXTRACT_FORMATS:
        from jisheng_cli.errors import UsageError

        raise UsageError("bad_choice", option="--format", value=fmt,
                         choices=", ".join(EXTRACT_FORMATS))
    claims = extract_claims(report)
    with o.atomic_output(output) as stream:
        write_claims(claims, stream, fmt, bom)
    o.echo_err(pick(EXTRACTED, lang).format(path=report, claims=len(claims)), quiet)


def register(app: typer.Typer) -> None:
    app.command("audit", help=HELP, cls=o.Command)(audit)
