"""`jisheng list`: every indicator with its labels, formula, unit and source."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from jisheng_cli.cli.options import Command, choices, choose_format, terminal_width
from jisheng_cli.indicators.registry import REGISTRY
from jisheng_cli.messages import LANGS
from jisheng_cli.render.catalogue import CATALOGUE_FORMATS, write_indicator_list

# A formula is written in Chinese and in English; "id" (stable ids) has no formula text.
FORMULA_LANGS = tuple(lang for lang in LANGS if lang != "id")

if TYPE_CHECKING:  # to the code below, a choice is its string
    Format = str
    Lang = str
else:
    Format = choices("Format", CATALOGUE_FORMATS, __name__)
    Lang = choices("Lang", FORMULA_LANGS, __name__)

HELP = """List every indicator: id, Chinese and English label, formula, unit, setting.

Example:

\b
    jisheng list --format csv > indicators.csv

Settings, periods, intervals, targets and rounding: docs/indicators.md in the repository.
"""


def list_indicators(
    fmt: Format | None = typer.Option(
        None, "--format", help="Output format (default: table on a terminal, csv when piped)."
    ),
    lang: Lang = typer.Option("zh", "--lang", help="Language of the formulas and headers."),
) -> None:
    chosen = choose_format(fmt, None, CATALOGUE_FORMATS)
    write_indicator_list(
        list(REGISTRY.values()),
        sys.stdout.buffer,
        chosen,
        lang,
        terminal_width(),
        sys.stdout.isatty(),
    )


def register(app: typer.Typer) -> None:
    app.command("list", help=HELP, cls=Command)(list_indicators)
