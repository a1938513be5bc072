"""One delimited input file read as record batches (pyarrow's streaming CSV reader).

Only the header search touches Python's csv module; records are parsed by Arrow in blocks,
so no file is ever held whole. Every record after the header gets its spreadsheet row
number (a quoted line break does not start a row; title lines push rows down).
"""

from __future__ import annotations

import codecs
import contextlib
import io
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from jisheng_cli.errors import InputError
from jisheng_cli.readers.batch import (
    DEFAULT_BLOCK_BYTES,
    RawBatch,
    is_short_footer,
    row_marks,
    settle_tail,
)
from jisheng_cli.readers.damage import check_cells, decode_errors_caught, read_error
from jisheng_cli.readers.dialect import header_and_delimiter
from jisheng_cli.readers.encoding import (
    NUL_ROWS_MAX,
    NUL_ROWS_SHARE,
    SAMPLE_BYTES,
    declared_encoding,
    detect_encoding,
)
from jisheng_cli.readers.headers import check_required
from jisheng_cli.readers.prefetch import ahead, prefetched
from jisheng_cli.readers.ranges import ByteRange, Window, split_ranges
from jisheng_cli.readers.sources import Source
from jisheng_cli.readers.streams import Prefixed as _Prefixed
from jisheng_cli.readers.streams import (
    damage_first,
    damage_first_in,
    open_stream,
    stream_position,
    stream_size,
)


class _TailKept(io.RawIOBase):
    """A stream that keeps its last few bytes: whether the file ends in a line break."""

    def __init__(self, inner: BinaryIO) -> None:
        self._inner = inner
        self.last = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._inner.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        if n:
            self.last = data[-4:] if n >= 4 else (self.last + data)[-4:]
        return n

    def ends_in_line_break(self) -> bool:
        # A UTF-16 line end is "\n\0" or "\0\n"; NUL is never a line's last character.
        return self.last.rstrip(b"\x00")[-1:] in (b"\n", b"\r")


class InputFile:
    """An opened input: encoding, delimiter, header and kind known; batches on demand."""

    @damage_first
    def __init__(
        self,
        source: Source,
        *,
        encoding: str | None = None,
        delimiter: str | None = None,
        column_map: dict[str, dict[str, str]] | None = None,
        header_row: int | None = None,
        skip_rows: int = 0,
        footer_words: tuple[str, ...] = (),
        kernel: str | None = None,
    ) -> None:
        self.source = source
        self._footer_words = footer_words
        self._kernel = kernel  # kernel.wanted's mode; None: its default
        self.path = source.display
        self._raw, self.compression = open_stream(source)
        try:
            sample = self._raw.read(SAMPLE_BYTES)
        except OSError as e:
            raise InputError("unreadable", path=self.path, detail=str(e.strerror or e)) from None
        self._stream: BinaryIO = (
            self._rewound() if self._raw.seekable()
            else io.BufferedReader(_Prefixed(sample, self._raw))
        )
        if not _strip_boms(sample).strip():
            raise InputError("file_empty", path=self.path)
        self.encoding = (declared_encoding(encoding, sample) if encoding
                         else detect_encoding(sample, self.path))
        text = _decode_sample(sample, self.encoding, self.path)
        self.delimiter, rows, self.match = header_and_delimiter(
            text, self.path, delimiter, source.kind, column_map or {},
            header_row=header_row, skip_rows=skip_rows)
        check_required(self.match, self.path)
        self.kind = self.match.kind
        self.header_row = self.match.row_index + 1  # spreadsheet numbering starts at 1
        self.n_cells = _cells_with_trailing_delimiters(rows, self.match.row_index)
        # Arrow must find the title and header lines inside its first block.
        head = "\n".join(text.splitlines()[: self.header_row + 1])
        self._head_bytes = len(head.encode(self.encoding, errors="replace"))
        self._row_offset = 0
        self._part: ByteRange | None = None

    def ranges(self, target: int) -> list[ByteRange] | None:
        """Line-aligned ranges of about `target` bytes, or None when the file is read
        whole (see `split_ranges`; a compressed file or an archive's member always is)."""
        if not self._raw.seekable():
            return None
        return split_ranges(self, target)

    def restrict(self, part: ByteRange) -> None:
        """Read only one range of the data lines, numbered as in the whole file."""
        self._raw.seek(0)
        head = self._raw.read(part.head_end)
        self._stream = io.BufferedReader(_Prefixed(head, Window(self._raw, part.start, part.end)))
        self._row_offset = part.rows_before
        self._part = part

    @property
    def size(self) -> int | None:
        """Bytes in the file as stored; None for standard input (no progress can be shown)."""
        return stream_size(self.source, self._raw)

    def position(self) -> int:
        """Bytes read so far (Arrow reads ahead by a block at most)."""
        return stream_position(self.source, self._raw)

    def _rewound(self) -> BinaryIO:
        self._raw.seek(0)
        return self._raw

    def close(self) -> None:
        if not self.source.is_stdin:
            self._raw.close()

    @damage_first_in
    def batches(self, block_bytes: int = DEFAULT_BLOCK_BYTES) -> Iterator[RawBatch]:
        import pyarrow as pa
        import pyarrow.csv as pcsv

        names = [f"c{i}" for i in range(self.n_cells)]
        ragged: list[tuple[int, int, int]] = []
        delimiter = self.delimiter
        unclosed: list[int] = []
        # Ragged rows that are footers (kept in `ragged` too: row numbers count them).
        short_footers: set[int] = set()

        def on_invalid(row: Any) -> str:
            # Never keep row.text: it may hold ID numbers and names.
            text = row.text or ""
            if text.count('"') % 2 or (
                "\n" in text and text.count(delimiter) > 2 * row.expected_columns
            ):
                # A quote opened and never closed: it swallowed the lines after it, or the
                # file ends inside it (a cut-off download).
                unclosed.append(row.number or 0)
                return "skip"
            if row.number is not None:
                first = next((c for c in text.split(delimiter) if c.strip(' \t"')), "")
                if is_short_footer(first.strip(' \t"'), self._footer_words):
                    short_footers.add(row.number)
                # Only now, as another thread takes the ragged rows with what they are.
                ragged.append((row.number, row.actual_columns, row.expected_columns))
            return "skip"

        arrow_encoding = "utf8" if self.encoding in ("utf-8", "utf-8-sig") else self.encoding
        block_bytes = max(block_bytes, 4 * self._head_bytes)
        tail = _TailKept(self._stream)
        with decode_errors_caught() as decode_failed:
            try:
                reader = self._open_arrow(
                    io.BufferedReader(tail), pcsv, pa, names, block_bytes, arrow_encoding,
                    on_invalid)
                # Row numbers, row marks and the footers' settling run on a thread of
                # their own, in order, ahead of the checks this one runs (and Arrow's
                # parse on another, ahead of them).
                settled = settle_tail(self._read(reader, ragged, tail, short_footers),
                                      self._more_records(names, block_bytes, arrow_encoding))
                with contextlib.closing(ahead(settled)) as stream:
                    for batch in stream:
                        if decode_failed or unclosed:
                            break
                        yield batch
            except (pa.ArrowInvalid, UnicodeError) as e:
                if not (decode_failed or unclosed):
                    raise read_error(e, self.encoding, self.path) from None
        if decode_failed:
            raise read_error(decode_failed[0], self.encoding, self.path)
        if unclosed:
            if unclosed[0]:
                raise InputError("quote_unclosed_near", path=self.path,
                                 row=unclosed[0] + self._row_offset)
            raise InputError("quote_unclosed", path=self.path)

    def _more_records(
        self, names: list[str], block_bytes: int, encoding: str,
    ) -> Callable[[], bool] | None:
        """For a byte range that ends before the file does: whether a record follows
        it, so that its footer-like last rows are judged as on one machine (they are
        footers only when nothing but footers and blank lines follows them)."""
        part, size = self._part, self.size
        if part is None or size is None or part.end >= size:
            return None

        def more() -> bool:
            import pyarrow as pa
            import pyarrow.csv as pcsv

            with open(self.source.path, "rb") as raw:
                head = raw.read(part.head_end)
                stream = io.BufferedReader(_Prefixed(head, Window(raw, part.end, size)))
                try:
                    reader = self._open_arrow(stream, pcsv, pa, names, block_bytes, encoding,
                                              lambda row: "skip")
                    for batch in reader:
                        cells = [batch.column(i) for i in range(self.n_cells)]
                        marks = row_marks(cells, self.match.headers, self.match.columns,
                                          footer_words=self._footer_words)
                        if (~marks.skip & ~marks.tail).any():
                            return True
                except (pa.ArrowInvalid, UnicodeError):
                    return True  # the range it lies in reports the damage
            return False

        return more

    def _open_arrow(
        self, stream: BinaryIO, pcsv: Any, pa: Any, names: list[str], block_bytes: int,
        encoding: str, on_invalid: Any,
    ) -> Any:
        if self._table_decoded(encoding):
            from jisheng_cli.kernel.gb18030 import utf8_stream

            stream, encoding = utf8_stream(stream), "utf8"
        return pcsv.open_csv(
            stream,
            read_options=pcsv.ReadOptions(
                use_threads=False,  # row numbers of skipped rows are only known single-threaded
                block_size=block_bytes,
                skip_rows=self.header_row,
                column_names=names,
                encoding=encoding,
            ),
            parse_options=pcsv.ParseOptions(
                delimiter=self.delimiter,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=on_invalid,
            ),
            convert_options=pcsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    def _table_decoded(self, encoding: str) -> bool:
        """Whether GB18030 is decoded by the kernel's tables (the same bytes out and the
        same errors, without holding the GIL) rather than by Python's codec inside Arrow."""
        from jisheng_cli.kernel import default_mode, wanted

        return codecs.lookup(encoding).name == "gb18030" and wanted(
            self._kernel or default_mode(), self.size)

    def _read(
        self, reader: Any, ragged: list[tuple[int, int, int]], tail: _TailKept,
        short_footers: set[int],
    ) -> Iterator[tuple[RawBatch, Any]]:
        import numpy as np
        import pyarrow as pa

        header_cells = self.match.headers
        names = {i: c for c, i in self.match.columns.items()}
        emitted = 0
        adjust = np.zeros(0, dtype=np.int64)  # a_j = P_j − j for ragged physical indices P
        seen_ragged = 0
        # Ragged rows after a batch's last record are handed out later: the last of them
        # may be the file's last line, which only the end of the stream tells.
        pending: list[tuple[int, int, int]] = []
        nul_count, first_nul = 0, 0
        # Arrow parses on a thread of its own, ahead of this bookkeeping (itself run
        # ahead of the checks by `batches`): the rows it finds ragged may belong to
        # blocks not handed out yet, which `adjust` and `pending` allow for.
        for batch in prefetched(reader):
            if isinstance(batch, BaseException):
                if isinstance(batch, UnicodeError | ValueError):
                    raise read_error(batch, self.encoding, self.path) from None
                raise batch
            new = ragged[seen_ragged:]
            seen_ragged += len(new)  # not len(ragged): the parsing thread may append since
            if new:
                phys = np.array([r[0] - self.header_row - 1 for r in new], dtype=np.int64)
                start = len(adjust)
                adjust = np.concatenate([adjust, phys - np.arange(start, start + len(phys))])
            n = batch.num_rows
            k = np.arange(emitted, emitted + n, dtype=np.int64)
            physical = k + np.searchsorted(adjust, k, side="right")
            rows = physical + self.header_row + 1 + self._row_offset
            nul_at = check_cells(batch, self.delimiter, self.path)
            emitted += n
            nul: list[tuple[int, str | None]] = []
            if nul_at is not None:
                hit = np.flatnonzero(nul_at >= 0)
                nul = [(int(rows[i]), names.get(int(nul_at[i]))) for i in hit]
                nul_count += len(hit)
                first_nul = first_nul or nul[0][0]
                if nul_count > NUL_ROWS_MAX:
                    raise InputError("nul_bytes_row", path=self.path, row=first_nul)
                keep = nul_at < 0
                batch, rows = batch.filter(pa.array(keep)), rows[keep]
            last = int(physical[-1]) if n else -1
            pending += new
            due = sum(1 for r in pending if r[0] - self.header_row - 1 <= last)
            out, pending = pending[:due], pending[due:]
            cells = [batch.column(i) for i in range(self.n_cells)]
            marks = row_marks(cells, header_cells, self.match.columns,
                              footer_words=self._footer_words)
            footers = [r for r in out if r[0] in short_footers]
            yield RawBatch(
                columns={c: cells[i] for c, i in self.match.columns.items()},
                rows=rows,
                skipped_blank=marks.skip,
                ragged=self._shifted([r for r in out if r[0] not in short_footers]),
                nul=nul,
                short_skipped=len(footers),
            ), marks.tail
        pending += ragged[seen_ragged:]
        total = emitted + len(ragged)
        if nul_count and nul_count >= NUL_ROWS_SHARE * total:
            raise InputError("nul_bytes_share", path=self.path, count=nul_count, rows=total,
                             row=first_nul)
        # Ragged rows after the last record surface only when the reader finishes.
        if pending:
            row, cells_n, expected = pending[-1]
            cut_off = (row - self.header_row == total and cells_n < expected
                       and not tail.ends_in_line_break() and row not in short_footers)
            empty = {c: pa.array([], pa.string()) for c in self.match.columns}
            last_batch = RawBatch(empty, np.zeros(0, np.int64), np.zeros(0, bool),
                                  self._shifted([r for r in pending if r[0] not in short_footers]),
                                  cut_off_row=row + self._row_offset if cut_off else None,
                                  short_skipped=sum(r[0] in short_footers for r in pending))
            yield last_batch, np.zeros(0, bool)

    def _shifted(self, ragged: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        off = self._row_offset
        return [(row + off, cells, expected) for row, cells, expected in ragged] if off else ragged


def _strip_boms(sample: bytes) -> bytes:
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if sample.startswith(bom):
            return sample[len(bom):]
    return sample


def _decode_sample(sample: bytes, encoding: str, path: str) -> str:
    """The first block as text; a wrong declared or detected encoding is an error here,
    never mojibake in a header (the sample may end inside a character: not final)."""
    try:
        return codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeError:
        if encoding == "gb18030":
            raise InputError("cannot_decode", path=path, encoding=encoding) from None
        raise InputError("cannot_decode_try_gb18030", path=path, encoding=encoding) from None


def _cells_with_trailing_delimiters(rows: list[list[str]], header: int) -> int:
    """The header's cell count, widened when the data rows all end in empty extra cells
    (a trailing delimiter on every row, as some exports write)."""
    n = len(rows[header])
    data = [r for r in rows[header + 1:] if any(c.strip() for c in r)]
    if not data:
        return n
    widths = {len(r) for r in data}
    if len(widths) == 1:
        width = widths.pop()
        if width > n and all(not c.strip() for r in data for c in r[n:]):
            return width
    return n
