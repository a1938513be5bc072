from __future__ import annotations

import csv
import io
from typing import Any

from jisheng_cli.render import write_report
from jisheng_cli.render.options import RenderOptions, default_layout
from jisheng_cli.results import InputSummary, Report, ResultRow


def render(report: Report, fmt: str, layout: str | None = None, **kw: Any) -> bytes:
    opts = RenderOptions(fmt, layout or default_layout(fmt), **kw)
    out = io.BytesIO()
    write_report(report, opts, out)
    return out.getvalue()


def parse_csv(data: bytes, delimiter: str = ",") -> list[list[str]]:
    text = data.decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


INDICATORS = ["births_total", "policy_conformance_rate", "sex_ratio_at_birth"]


EVIL_NAME = '=HYPERLINK("x")'


def _rows() -> list[ResultRow]:
    return [
        # total
        ResultRow("total", None, "合计", None, "births_total", 1562, None, 1562, "count"),
        ResultRow("total", None, "合计", None, "policy_conformance_rate", 1549, 1562,
                  99.16773367477593, "%", ci_low=98.58123456, ci_high=99.51304321,
                  target_min=92.0, target_source="county 2010 创国优 plan",
                  gap=7.16773367477593, status="met"),
        ResultRow("total", None, "合计", None, "sex_ratio_at_birth", 850, 712,
                  119.38202247191012, "女=100", ci_low=108.1234, ci_high=131.9876,
                  target_min=103.0, target_max=107.0, gap=-12.38202247191012,
                  status="missed_significant"),
        # township 001: small denominators, both targets missed
        ResultRow("township", "001", EVIL_NAME, None, "births_total", 15, None, 15, "count"),
        ResultRow("township", "001", EVIL_NAME, None, "policy_conformance_rate", 13, 15,
                  86.66666666666667, "%", ci_low=62.1212, ci_high=96.2626, target_min=92.0,
                  target_source="county 2010 创国优 plan", gap=-5.33333333333333,
                  status="missed", note="small"),
        ResultRow("township", "001", EVIL_NAME, None, "sex_ratio_at_birth", 8, 7,
                  114.28571428571429, "女=100", ci_low=41.5, ci_high=301.25,
                  target_min=103.0, target_max=107.0, gap=-7.28571428571429, status="met",
                  note="small"),
        # township 002: no births, so no rates
        ResultRow("township", "002", "-3", None, "births_total", 0, None, 0, "count"),
        ResultRow("township", "002", "-3", None, "policy_conformance_rate", 0, 0, None, "%",
                  target_min=92.0, target_source="county 2010 创国优 plan"),
        ResultRow("township", "002", "-3", None, "sex_ratio_at_birth", 0, 0, None, "女=100",
                  target_min=103.0, target_max=107.0, note="no female births"),
    ]


def make_report(rows: list[ResultRow] | None = None, indicators: list[str] | None = None,
                by: list[str] | None = None) -> Report:
    return Report(
        version="0.1.0",
        period_from="2011-10-01",
        period_to="2012-09-30",
        as_of="2026-11-22",
        by=by if by is not None else ["township"],
        definitions={"confidence": 0.95, "srb_normal_range": [103, 107],
                     "underreport_denominator": "true_births"},
        inputs=[InputSummary("births.csv", "births", "gb18030", rows_read=1570, rows_used=1562,
                             rows_rejected=5, rows_duplicate=3)],
        rows=_rows() if rows is None else rows,
        indicators=list(INDICATORS if indicators is None else indicators),
    )
