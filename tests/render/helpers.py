from __future__ import annotations

import csv
import io
from typing import Any

from jisheng_cli.render import write_report
from jisheng_cli.render.options import RenderOptions, default_layout
from jisheng_cli.results import Report


def render(report: Report, fmt: str, layout: str | None = None, **kw: Any) -> bytes:
    opts = RenderOptions(fmt, layout or default_layout(fmt), **kw)
    out = io.BytesIO()
    write_report(report, opts, out)
    return out.getvalue()


def parse_csv(data: bytes, delimiter: str = ",") -> list[list[str]]:
    text = data.decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
