"""What the engine needs of an opened input, whatever its format (CSV/TSV or Parquet)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.readers.headers import HeaderMatch
from jisheng_cli.readers.ranges import ByteRange
from jisheng_cli.readers.sources import Source


class Input(Protocol):
    source: Source
    path: str
    kind: str
    encoding: str
    header_row: int
    match: HeaderMatch

    @property
    def size(self) -> int | None: ...

    def position(self) -> int: ...

    def batches(self, block_bytes: int = ...) -> Iterator[RawBatch]: ...

    def ranges(self, target: int) -> list[ByteRange] | None:
        """Parts of about `target` bytes that can be read apart (each by its own opened
        input, after `restrict`), or None: the input is read whole."""
        ...

    def restrict(self, part: ByteRange) -> None:
        """Read only `part` (one of `ranges`), numbering rows as in the whole input."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs, whatever their format: the reading options and `[reading]`."""

    encoding: str | None = None  # None: detect
    delimiter: str | None = None  # None: sniff
    column_map: dict[str, dict[str, str]] = field(default_factory=dict)
    header_row: int | None = None  # --header-row: the header's 1-based row, not searched for
    skip_rows: int = 0  # --skip-rows: lines before the header search starts
    footer_words: tuple[str, ...] = ()  # [reading] footer_words, beside the built-in ones
    kernel: str | None = None  # Settings.kernel (kernel.wanted's mode); None: its default


def open_input(source: Source, options: ReadOptions | None = None) -> Input:
    from jisheng_cli.readers.csvfile import InputFile
    from jisheng_cli.readers.parquetfile import PARQUET_SUFFIXES, ParquetInput
    from jisheng_cli.readers.sniff import WORKBOOKS

    options = options or ReadOptions()
    data: bytes | None = None
    if source.member is not None:
        from jisheng_cli.readers.streams import member_bytes, member_format

        fmt: str | None = member_format(source)
        if fmt in WORKBOOKS:
            data = member_bytes(source)  # a workbook cannot be streamed: read it whole
    else:
        fmt = _format(source)
    if fmt in WORKBOOKS or (fmt == "zip" and source.is_stdin):
        from jisheng_cli.readers.workbook import WorkbookInput

        return WorkbookInput(source, fmt or "xlsx", column_map=options.column_map,
                             header_row=options.header_row, skip_rows=options.skip_rows,
                             footer_words=options.footer_words, data=data)
    if source.member is None and not source.is_stdin and (
            fmt == "parquet" or source.path.lower().endswith(PARQUET_SUFFIXES)):
        # Its column names are the header: --header-row and --skip-rows do not apply.
        return ParquetInput(source, column_map=options.column_map,
                            footer_words=options.footer_words)
    return InputFile(source, encoding=options.encoding, delimiter=options.delimiter,
                     column_map=options.column_map, header_row=options.header_row,
                     skip_rows=options.skip_rows, footer_words=options.footer_words,
                     kernel=options.kernel)


def _format(source: Source) -> str | None:
    """What the content is, whatever the name (a `.xlsx` renamed `.csv` is still a
    workbook): one look at the file serves every reader's choice. None when the file
    cannot be opened (the reader chosen by name words that); for standard input only a
    workbook's signatures count."""
    from jisheng_cli.readers.sniff import HEAD_BYTES, sniff_head, sniff_path

    if source.is_stdin:
        import sys

        # A peek, not a read: a CSV on standard input keeps its first bytes. A zip is
        # looked inside once read (WorkbookInput).
        peek = getattr(sys.stdin.buffer, "peek", None)
        fmt = sniff_head(peek(HEAD_BYTES)[:HEAD_BYTES]) if peek else "text"
        return fmt if fmt in ("zip", "xls") else None
    try:
        return sniff_path(source.path)
    except OSError:
        return None
