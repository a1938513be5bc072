"""A string column as the kernels read it: row offsets and UTF-8 bytes as numpy arrays.

Always int64 offsets (n + 1 of them) and uint8 data, whatever the Arrow type, so every
kernel has one signature and compiles once. Nulls read as empty cells, as in
`records.vector`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Offsets = npt.NDArray[np.int64]
Bytes = npt.NDArray[np.uint8]

_NO_BYTES = np.zeros(0, dtype=np.uint8)


def contiguous(values: Any) -> Any:
    """One Arrow string or large_string Array without nulls."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(values, pa.Array | pa.ChunkedArray):
        values = pa.array(values, from_pandas=True)
    if isinstance(values, pa.ChunkedArray):
        values = (values.combine_chunks() if values.num_chunks
                  else pa.array([], type=pa.large_string()))
    if pa.types.is_dictionary(values.type):
        values = values.cast(values.type.value_type)
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        values = values.cast(pa.large_string())
    if values.null_count:
        values = pc.fill_null(values, "")
    return values


def string_buffers(values: Any) -> tuple[Offsets, Bytes]:
    """(offsets, data) of a string column: row i is data[offsets[i]:offsets[i + 1]]."""
    import pyarrow as pa

    column = contiguous(values)
    buffers = column.buffers()
    wide = pa.types.is_large_string(column.type)
    if buffers[1] is None:  # an empty array may have no offsets buffer
        return np.zeros(1, dtype=np.int64), _NO_BYTES
    raw = np.frombuffer(buffers[1], dtype=np.int64 if wide else np.int32)
    offsets = raw[column.offset : column.offset + len(column) + 1].astype(np.int64)
    data = np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] is not None else _NO_BYTES
    return offsets, data
