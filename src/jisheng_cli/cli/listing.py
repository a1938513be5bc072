"""`jisheng list`: every indicator with its labels, formula, unit and source."""

from __future__ import annotations

import sys

import typer

HELP = """List every indicator: id, Chinese and English label, formula, unit, setting.

Example:

\b
    jisheng list --format csv > indicators.csv

Settings, periods, intervals, targets and rounding: docs/indicators.md in the repository.
"""


def list_indicators(
    fmt: str | None = typer.Option(None, "--format", help="table, csv, json or markdown."),
    lang: str = typer.Option("zh", "--lang", help="Formula language: zh or en."),
) -> None:
    from jisheng_cli.cli.options import choose_format, terminal_width
    from jisheng_cli.indicators.registry import REGISTRY
    from jisheng_cli.render.catalogue import write_indicator_list

    chosen = choose_format(fmt, None, ("table", "csv", "json", "markdown"))
    write_indicator_list(
        list(REGISTRY.values()),
        sys.stdout.buffer,
        chosen,
        lang,
        terminal_width(),
        sys.stdout.isatty(),
    )


def register(app: typer.Typer) -> None:
    app.command("list", help=HELP)(list_indicators)
