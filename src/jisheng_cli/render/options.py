"""What to render: the options the CLI passes, the formats and layouts it may choose
from, and the layout each format defaults to (the languages are `messages.LANGS`: labels
and messages share them). The column plan those options imply is `render.grid`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jisheng_cli.config import ReportSettings

FORMATS = ("table", "csv", "tsv", "json", "ndjson", "parquet", "xlsx")
LAYOUTS = ("wide", "long")


@dataclass
class RenderOptions:
    fmt: str  # one of FORMATS
    layout: str  # "wide" | "long"
    lang: str = "zh"  # labels and headers of the text formats; "id" = the stable ids
    precision: int | None = None  # decimals in text formats; None = each indicator's own
    detail: bool = False  # wide layout: numerator, denominator and interval per indicator
    bom: bool = False  # UTF-8 byte-order mark on csv/tsv (Excel on Windows)
    width: int = 120  # terminal width for the table format
    color: bool = False
    # How the workbook's funnel charts are drawn: the config's [report] table.
    funnel: ReportSettings = field(default_factory=lambda: _default_report_settings())


def _default_report_settings() -> ReportSettings:
    # config (pydantic) loads only when a RenderOptions is made, never for --help.
    from jisheng_cli.config import ReportSettings

    return ReportSettings()


def default_layout(fmt: str) -> str:
    """Machine formats are long (one row per group × indicator); the rest are wide."""
    return "long" if fmt in ("json", "ndjson", "parquet") else "wide"
