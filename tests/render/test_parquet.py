from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq

from jisheng_cli.render.grid import LONG_FIELDS
from jisheng_cli.results import Report

from .helpers import EVIL_NAME, render


def _read(data: bytes) -> pa.Table:
    # A BufferReader, not io.BytesIO: pyarrow's threaded read from a Python file object
    # can abort the interpreter at exit in this environment.
    return pq.read_table(pa.BufferReader(data))


def test_long_parquet_round_trip_full_precision(report: Report) -> None:
    table = _read(render(report, "parquet", lang="en"))
    assert table.column_names == list(LONG_FIELDS)
    schema = table.schema
    for name in ("numerator", "denominator", "value", "ci_low", "ci_high", "target_min",
                 "target_max", "gap"):
        assert schema.field(name).type == pa.float64(), name
    assert schema.field("year").type == pa.int64()
    for name in ("group_level", "group_code", "group_name", "indicator", "unit",
                 "target_source", "status", "note", "label"):
        assert schema.field(name).type == pa.string(), name
    rows = table.to_pylist()
    assert len(rows) == len(report.rows)
    for got, row in zip(rows, report.rows, strict=True):
        assert got["value"] == row.value  # unrounded
        assert got["ci_low"] == row.ci_low
        assert got["gap"] == row.gap
        assert got["numerator"] == row.numerator
        assert got["group_code"] == row.group_code
        assert got["year"] is None
    assert rows[1]["value"] == 99.16773367477593
    assert rows[0]["group_name"] == "Total"
    assert rows[3]["group_name"] == EVIL_NAME  # parquet is data, not a spreadsheet
    assert rows[1]["label"] == "Policy conformance rate"
    assert rows[7]["value"] is None


def test_parquet_carries_the_report_header(report: Report) -> None:
    table = _read(render(report, "parquet"))
    meta = json.loads(table.schema.metadata[b"jisheng"])
    assert meta["period"] == {"from": "2011-10-01", "to": "2012-09-30"}
    assert meta["inputs"][0]["rows_read"] == 1570
    assert "rows" not in meta


def test_wide_parquet(report: Report) -> None:
    table = _read(render(report, "parquet", "wide", detail=True, lang="zh"))
    names = table.column_names
    assert names[:3] == ["group_level", "group_code", "group_name"]
    assert "policy_conformance_rate_ci_high" in names
    rows = table.to_pylist()
    assert [r["group_level"] for r in rows] == ["total", "township", "township"]
    assert rows[0]["group_name"] == "合计"
    assert rows[0]["policy_conformance_rate"] == 99.16773367477593
    assert rows[0]["policy_conformance_rate_numerator"] == 1549.0
    assert rows[2]["sex_ratio_at_birth"] is None
    assert table.schema.field("births_total").type == pa.float64()


def test_parquet_is_deterministic(report: Report) -> None:
    assert render(report, "parquet") == render(report, "parquet")
