"""Parquet input gives the same result rows as the CSV it was made from."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tests.helpers import SAMPLE, compute


def test_parquet_equals_csv(tmp_path: Path) -> None:
    lines = SAMPLE.read_bytes().decode("gb18030").splitlines()[1:]  # drop the title line
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    header, body = rows[0], rows[1:]
    table = pa.table({name: [r[i] if i < len(r) else "" for r in body]
                      for i, name in enumerate(header)})
    path = tmp_path / "births.parquet"
    pq.write_table(table, path)
    from_csv = compute([SAMPLE], year="2012", by=["township"])
    from_parquet = compute([path], year="2012", by=["township"])
    assert [r.to_dict() for r in from_parquet.report.rows] == [
        r.to_dict() for r in from_csv.report.rows]
    a, b = from_csv.report.inputs[0], from_parquet.report.inputs[0]
    assert (b.encoding, b.rows_read, b.rows_used, b.rows_rejected, b.rows_duplicate) == (
        "parquet", a.rows_read, a.rows_used, a.rows_rejected, a.rows_duplicate)
    # one row fewer above the data than the CSV's title line: findings shift by one
    assert [f.row for f in from_parquet.findings] == [
        (f.row or 0) - 1 for f in from_csv.findings]
