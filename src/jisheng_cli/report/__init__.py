"""`jisheng report`: one self-contained HTML page of a run (docs/report.md).

`document` turns an Outcome into plain data, `svg` draws its charts, `html` writes the
page with `style`'s stylesheet; the words are in messages.report."""

from __future__ import annotations

from typing import BinaryIO

from jisheng_cli.config import ReportSettings
from jisheng_cli.pipeline import Outcome

__all__ = ["write_report_html"]


def write_report_html(outcome: Outcome, settings: ReportSettings, user_by: list[str],
                      asked_years: list[int] | None, lang: str, stream: BinaryIO) -> None:
    """The report of `outcome` as one HTML page on `stream`."""
    from jisheng_cli.report.document import build_document
    from jisheng_cli.report.html import write_html

    write_html(build_document(outcome, settings, user_by, asked_years, lang), stream)
