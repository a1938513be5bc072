"""Output layer: formats a Report (the result rows) for people, spreadsheets and scripts.

Every format module is imported inside `write_report`: pyarrow, pandas, xlsxwriter and
rich must not load for `--help` or for a format that does not need them.
"""

from __future__ import annotations

from typing import BinaryIO

from jisheng_cli.errors import UsageError
from jisheng_cli.messages import LANGS
from jisheng_cli.render.options import FORMATS, LAYOUTS, RenderOptions, default_layout
from jisheng_cli.results import Report

__all__ = ["RenderOptions", "default_layout", "write_report"]


def _check(opts: RenderOptions) -> None:
    if opts.fmt not in FORMATS:
        raise UsageError("bad_choice", option="--format", value=opts.fmt,
                         choices=", ".join(FORMATS))
    if opts.layout not in LAYOUTS:
        raise UsageError("bad_choice", option="--layout", value=opts.layout,
                         choices=", ".join(LAYOUTS))
    if opts.lang not in LANGS:
        raise UsageError("bad_choice", option="--lang", value=opts.lang, choices=", ".join(LANGS))
    if opts.precision is not None and opts.precision < 0:
        raise UsageError("precision_negative", value=opts.precision)
    if opts.fmt in ("json", "ndjson") and opts.layout == "wide":
        raise UsageError("wide_not_available", fmt=opts.fmt)


def write_report(report: Report, opts: RenderOptions, stream: BinaryIO) -> None:
    """Write `report` to the binary `stream` in `opts.fmt`. Raises UsageError for an
    impossible combination (json/ndjson with the wide layout)."""
    _check(opts)
    fmt = opts.fmt
    if fmt == "table":
        from jisheng_cli.render.table import write_table

        write_table(report, opts, stream)
    elif fmt in ("csv", "tsv"):
        from jisheng_cli.render.delimited import write_delimited

        write_delimited(report, opts, stream)
    elif fmt == "json":
        from jisheng_cli.render.jsonout import write_json

        write_json(report, opts, stream)
    elif fmt == "ndjson":
        from jisheng_cli.render.jsonout import write_ndjson

        write_ndjson(report, opts, stream)
    elif fmt == "parquet":
        from jisheng_cli.render.parquet import write_parquet

        write_parquet(report, opts, stream)
    else:
        from jisheng_cli.render.xlsx import write_xlsx

        write_xlsx(report, opts, stream)
