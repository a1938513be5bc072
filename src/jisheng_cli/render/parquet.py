"""Parquet: long by default (wide on request), full precision, stable ids as column names."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, BinaryIO

from jisheng_cli.render.grid import Column, Grid, long_grid, wide_grid
from jisheng_cli.render.jsonout import dumps
from jisheng_cli.render.options import RenderOptions
from jisheng_cli.results import Report

if TYPE_CHECKING:
    import pyarrow as pa


def _arrow_type(column: Column) -> pa.DataType:
    import pyarrow as pa

    if column.kind in ("text", "code"):
        return pa.string()
    if column.kind == "int":
        return pa.int64()
    if column.kind == "bool":
        return pa.bool_()
    # Counts too: one numeric type per column whatever the indicator, so that readers
    # never see a column change type between runs.
    return pa.float64()


def _arrow_value(value: Any, column: Column) -> Any:
    if value is None:
        return None
    if column.kind in ("text", "code"):
        return str(value)
    if column.kind == "int":
        return int(value)
    if column.kind == "bool":
        return value == "true"
    try:
        f = float(value)
    except (TypeError, ValueError):  # pd.NA and the like
        return None
    return f if not math.isnan(f) else None


def grid_table(grid: Grid, metadata: dict[bytes, bytes] | None = None) -> pa.Table:
    import pyarrow as pa

    arrays = []
    fields = []
    for i, column in enumerate(grid.columns):
        typ = _arrow_type(column)
        arrays.append(pa.array([_arrow_value(r[i].value, column) for r in grid.rows], type=typ))
        fields.append(pa.field(column.key, typ, nullable=True))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=metadata))


def write_parquet(report: Report, opts: RenderOptions, stream: BinaryIO) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if opts.layout == "wide":
        grid = wide_grid(report, opts.lang, opts.detail, machine=True)
    else:
        grid = long_grid(report, opts.lang)
    # The JSON document without its rows travels in the file, so a parquet file alone
    # still says which period, inputs and definitions produced it.
    header = {k: v for k, v in report.to_dict(opts.lang).items() if k != "rows"}
    table = grid_table(grid, {b"jisheng": dumps(header).encode("utf-8")})
    # Written to memory first: pq.write_table on a non-seekable stream (a pipe) is not
    # something every pyarrow version supports, and results are small.
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    stream.write(sink.getvalue().to_pybytes())
