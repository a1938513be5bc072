"""JSON (the document of docs/cli.md) and NDJSON (one row object per line). Unrounded values."""

from __future__ import annotations

import json
import math
import numbers
from typing import Any, BinaryIO

from jisheng_cli.render.options import RenderOptions
from jisheng_cli.results import Report


def clean(value: Any) -> Any:
    """JSON-safe copy: NaN and infinities become null (json.dumps would write the invalid
    tokens NaN/Infinity), numpy scalars become Python numbers."""
    # Exact types first: a report has a value per row × field, and the ABC checks below
    # cost more than the rest of the dump.
    kind = type(value)
    if kind is str or kind is int or value is None:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        f = float(value)
        return f if math.isfinite(f) else None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def dumps(value: Any, *, indent: int | None = None) -> str:
    separators = (",", ": ") if indent is not None else (",", ":")
    return json.dumps(clean(value), ensure_ascii=False, indent=indent, allow_nan=False,
                      separators=separators)


def write_json(report: Report, opts: RenderOptions, stream: BinaryIO) -> None:
    stream.write((dumps(report.to_dict(opts.lang), indent=2) + "\n").encode("utf-8"))


def write_ndjson(report: Report, opts: RenderOptions, stream: BinaryIO) -> None:
    # The same row objects as the JSON document's "rows" (total named by language).
    for row in report.to_dict(opts.lang)["rows"]:
        stream.write((dumps(row) + "\n").encode("utf-8"))
