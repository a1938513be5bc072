"""Parquet input: the same canonical columns, read in record batches as text.

Every column is cast to string so that one set of checks serves CSV and Parquet alike;
row numbers count records from 2 (as if the column names were a spreadsheet's row 1).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from jisheng_cli.errors import InputError
from jisheng_cli.readers.batch import DEFAULT_BLOCK_BYTES, RawBatch, row_marks, settle_tail
from jisheng_cli.readers.headers import HeaderMatch, check_required, find_header
from jisheng_cli.readers.ranges import ByteRange
from jisheng_cli.readers.sources import Source

# A file so named is Parquet whatever its first bytes (its reader says if it is not);
# any other name is Parquet by content (readers.sniff).
PARQUET_SUFFIXES = (".parquet", ".parq")


class ParquetInput:
    encoding = "parquet"
    header_row = 1

    def __init__(
        self, source: Source, *, column_map: dict[str, dict[str, str]] | None = None,
        footer_words: tuple[str, ...] = (), **_: Any,
    ) -> None:
        import pyarrow.parquet as pq

        self.source = source
        self._footer_words = footer_words
        self.path = source.display
        if os.path.isdir(source.path):
            raise InputError("is_directory", path=self.path)
        try:
            self._file = pq.ParquetFile(source.path)
        except FileNotFoundError:
            raise InputError("no_such_file", path=self.path) from None
        except Exception as e:
            raise InputError("parquet_unreadable", path=self.path,
                             detail=type(e).__name__) from None
        names = list(self._file.schema_arrow.names)
        try:
            self.match: HeaderMatch = find_header([names], source.kind, column_map or {})
        except InputError as e:
            raise InputError(e.code, path=self.path, **e.params) from None
        check_required(self.match, self.path)
        self.kind = self.match.kind
        self._names = names
        self._read = 0

    @property
    def size(self) -> int | None:
        return os.path.getsize(self.source.path)

    def position(self) -> int:
        return self._read

    def close(self) -> None:
        self._file.close()

    def ranges(self, target: int) -> list[ByteRange] | None:
        """Never split: a Parquet file is read whole, in its own row groups."""
        return None

    def restrict(self, part: ByteRange) -> None:
        raise InputError("parquet_whole", path=self.path)

    def batches(self, block_bytes: int = DEFAULT_BLOCK_BYTES) -> Iterator[RawBatch]:
        return settle_tail(self._marked(block_bytes))

    def _marked(self, block_bytes: int) -> Iterator[tuple[RawBatch, Any]]:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        size = self.size or 1
        total_rows = max(self._file.metadata.num_rows, 1)
        rows_per_batch = max(1024, block_bytes * total_rows // size)
        emitted = 0
        for batch in self._file.iter_batches(batch_size=rows_per_batch):
            cells = [pc.fill_null(pc.cast(batch.column(i), pa.string()), "")
                     for i in range(batch.num_columns)]
            n = batch.num_rows
            rows = np.arange(emitted, emitted + n, dtype=np.int64) + 2
            emitted += n
            self._read = min(size, size * emitted // total_rows)
            marks = row_marks(cells, self.match.headers, self.match.columns,
                              footer_words=self._footer_words)
            yield RawBatch(
                columns={c: cells[i] for c, i in self.match.columns.items()},
                rows=rows,
                skipped_blank=marks.skip,
            ), marks.tail
