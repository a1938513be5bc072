"""The bytes of one input as a binary stream: a file, standard input, a compressed file
(gzip, bz2, xz, zstd: known by its first bytes, decompressed as it is read, never whole)
or a member of a zip archive."""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, Literal, NoReturn, ParamSpec, Protocol, TypeVar

from jisheng_cli.errors import InputError
from jisheng_cli.readers.sniff import (
    COMPRESSED,
    HEAD_BYTES,
    TAR_HEAD_BYTES,
    Format,
    is_tar,
    sniff_head,
    zip_flavour,
)
from jisheng_cli.readers.sources import Source

# Compressed input fed to the zstd decompressor at a time: its output per call is not
# bounded, and a run of zeros compresses 30,000-fold; 4 KiB keeps that under 128 MiB.
_ZSTD_SLICE = 4 << 10
_ZSTD_READ = 64 << 10


# Whose damage a read error is: an archive's member, standard input, or a compression's.
Damage = Format | Literal["member", "stdin"]


class _Readable(Protocol):
    def read(self, n: int = ..., /) -> bytes: ...


class Prefixed(io.RawIOBase):
    """A stream that replays the bytes already sampled, then continues the original;
    `count` is the bytes handed out (the progress of a stream that cannot tell)."""

    def __init__(self, head: bytes, rest: _Readable) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head.nbytes:
            n = min(len(buffer), self._head.nbytes)
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            self.count += n
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


class Opened(io.RawIOBase):
    """An input that is not a plain file: standard input, a decompressed stream or an
    archive's member. Read errors of the layer below become the file-level `code`;
    `size` and `consumed` are the progress bar's (bytes of the file as stored)."""

    def __init__(self, inner: _Readable, path: str, what: Damage, *, size: int | None,
                 consumed: Callable[[], int], closers: tuple[Any, ...] = ()) -> None:
        self._inner = inner
        self._path = path
        self._what = what
        self.size = size
        self.consumed = consumed
        self._closers = closers

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        # Filled whole unless the data ends: `read(n)` then returns n bytes, as a buffered
        # file does (the readers' sample must be the whole sample).
        view = memoryview(buffer).cast("B")
        got = 0
        while got < len(view):
            data = guarded_read(self._inner, self._what, self._path, len(view) - got)
            if not data:
                break
            view[got: got + len(data)] = data
            got += len(data)
        return got

    def close(self) -> None:
        for c in self._closers:
            c.close()
        super().close()


def guarded_read(stream: _Readable, what: Damage, path: str, n: int = -1) -> bytes:
    """`stream.read(n)`, a decompressor's or zipfile's error turned into a file-level
    error: damaged or cut-off data is the file's fault, never a traceback."""
    try:
        return stream.read(n)
    except InputError:
        raise
    except _damage_errors():
        if what == "member":
            raise InputError("zip_member_damaged", path=path) from None
        if what == "stdin":
            raise InputError("unreadable", path=path, detail="I/O error") from None
        raise InputError("compressed_damaged", path=path, format=what) from None


@functools.cache
def _damage_errors() -> tuple[type[BaseException], ...]:
    import lzma
    import zipfile
    import zlib

    import zstandard

    return (EOFError, OSError, zlib.error, lzma.LZMAError, zstandard.ZstdError,
            zipfile.BadZipFile)


def damage_behind(stream: object, error: InputError) -> InputError:
    """The error to report when reading `stream` failed with `error`: garbage out of a
    damaged compressed file or archive member fails as text (an encoding, a quote) before
    the decompressor's checksum at its end can, so the rest is read first and its damage,
    if any, is the error. A plain file's error stands as it is."""
    if not isinstance(stream, Opened) or error.code in _DAMAGE_CODES or stream.closed:
        return error
    try:
        while stream.read(1 << 20):
            pass
    except InputError as damage:
        return damage
    return error


_DAMAGE_CODES = ("compressed_damaged", "zip_member_damaged", "unreadable")
P = ParamSpec("P")
T = TypeVar("T")


def _reraised(reader: object, e: InputError) -> NoReturn:
    """`e`, or the damage `damage_behind` the reader's stream (`self._raw`) finds."""
    found = damage_behind(getattr(reader, "_raw", None), e)
    if found is e:
        raise e
    raise found from None


def damage_first(init: Callable[P, None]) -> Callable[P, None]:
    """`InputFile.__init__` reporting `damage_behind` its stream."""

    @functools.wraps(init)
    def opened(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            init(*args, **kwargs)
        except InputError as e:
            _reraised(args[0], e)

    return opened


def damage_first_in(batches: Callable[P, Iterator[T]]) -> Callable[P, Iterator[T]]:
    """`InputFile.batches` reporting `damage_behind` its stream."""

    @functools.wraps(batches)
    def read(*args: P.args, **kwargs: P.kwargs) -> Iterator[T]:
        try:
            yield from batches(*args, **kwargs)
        except InputError as e:
            _reraised(args[0], e)

    return read


def open_binary(source: Source) -> BinaryIO:
    """The raw bytes of `source` (not decompressed), or a file-level error."""
    if source.is_stdin:
        return sys.stdin.buffer
    path = source.path
    if os.path.isdir(path):
        raise InputError("is_directory", path=path)
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError("no_such_file", path=path) from None
    except PermissionError:
        raise InputError("permission_denied", path=path) from None
    except OSError as e:
        raise InputError("unreadable", path=path, detail=str(e.strerror or e)) from None


def read_all(source: Source) -> bytes:
    """Every raw byte of a small input read whole (a claims file, a report's text), with
    `open_binary`'s file-level errors."""
    raw = open_binary(source)
    if source.is_stdin:
        return raw.read()
    with raw:
        return raw.read()


def open_stream(source: Source) -> tuple[BinaryIO, Format | None]:
    """The bytes the readers parse, and the compression they were stored with (None: not
    compressed). A plain file comes back as itself (seekable: the Dask engine cuts it
    into ranges); anything else as an `Opened`, read forward once."""
    display = source.display
    closers: tuple[Any, ...]
    if source.member is not None:
        from jisheng_cli.readers.archives import open_member

        member = open_member(source.path, source.member, display)
        base: _Readable = Opened(member.stream, display, "member",
                                 size=member.size, consumed=lambda: 0)
        size: int | None = member.size
        closers = (member,)
    else:
        raw = open_binary(source)
        base = raw
        size = None if source.is_stdin else _file_size(raw)
        closers = () if source.is_stdin else (raw,)
    head = _head(base, display)
    fmt = sniff_head(head)
    if fmt not in COMPRESSED.values():
        if source.member is None and not source.is_stdin:
            raw.seek(0)
            return raw, None
        if fmt == "zip" and source.member is not None:
            _refuse_nested(head, base, display)
        tally = Prefixed(head, base)
        what: Damage = "member" if source.member is not None else "stdin"
        return _as_binary(Opened(tally, display, what, size=size, consumed=lambda: tally.count,
                                 closers=closers)), None
    tally = Prefixed(head, base)
    unpacked = Opened(_decompressor(fmt, tally), display, fmt, size=size,
                      consumed=lambda: tally.count)
    inner_head = _head(unpacked, display, TAR_HEAD_BYTES)
    inner = sniff_head(inner_head)
    if inner in COMPRESSED.values() or inner == "zip" or is_tar(inner_head):
        for c in closers:
            c.close()
        if is_tar(inner_head):  # a .tar.gz: a bundle of files, not one file compressed
            raise InputError("tar_archive", path=display)
        raise InputError("compressed_inner", path=display, format=fmt, inner=inner)
    opened = Opened(Prefixed(inner_head, unpacked), display, fmt, size=size,
                    consumed=lambda: tally.count, closers=closers)
    return _as_binary(opened), fmt


def member_bytes(source: Source) -> bytes:
    """The whole of one archive member (a workbook inside an archive cannot be streamed:
    its readers need to seek), with the errors of reading it as a stream."""
    from jisheng_cli.readers.archives import open_member

    assert source.member is not None
    member = open_member(source.path, source.member, source.display)
    try:
        return guarded_read(member.stream, "member", source.display)
    finally:
        member.close()


def member_format(source: Source) -> Format:
    """What a member holds, by its first bytes as `sniff.sniff_path` tells a file's (a
    zip looked inside: a workbook, or an archive in the archive), for the reader that
    takes it (a workbook's reads `member_bytes`)."""
    from jisheng_cli.readers.archives import open_member

    assert source.member is not None
    member = open_member(source.path, source.member, source.display)
    try:
        head = guarded_read(member.stream, "member", source.display, HEAD_BYTES)
        fmt = sniff_head(head)
        if fmt != "zip":
            return fmt
        whole = head + guarded_read(member.stream, "member", source.display)
        return zip_flavour(io.BytesIO(whole))
    finally:
        member.close()


def stream_size(source: Source, stream: BinaryIO) -> int | None:
    """Bytes of the input as stored (a compressed file's, a member's); None for standard
    input (no progress can be shown)."""
    if source.is_stdin:
        return None
    if isinstance(stream, Opened):
        return stream.size
    return _file_size(stream)


def stream_position(source: Source, stream: BinaryIO) -> int:
    """Bytes of `stream_size` read so far (readers read ahead by a block at most)."""
    if source.is_stdin:
        return 0
    if isinstance(stream, Opened):
        return stream.consumed()
    try:
        return stream.tell()
    except (OSError, ValueError):
        return 0


def _file_size(f: BinaryIO) -> int | None:
    try:
        return os.fstat(f.fileno()).st_size
    except (OSError, ValueError):
        return None


def _as_binary(stream: Opened) -> BinaryIO:
    # An io.RawIOBase is a binary stream; typeshed's BinaryIO is the protocol readers take.
    return stream  # type: ignore[return-value]


def _head(stream: _Readable, path: str, n: int = HEAD_BYTES) -> bytes:
    """The first `n` bytes, read until there are enough (a pipe may deliver fewer at once)."""
    parts: list[bytes] = []
    got = 0
    while got < n:
        try:
            data = stream.read(n - got)
        except OSError as e:
            raise InputError("unreadable", path=path, detail=str(e.strerror or e)) from None
        if not data:
            break
        parts.append(data)
        got += len(data)
    return b"".join(parts)


def _refuse_nested(head: bytes, base: _Readable, path: str) -> None:
    """A zip inside the zip is refused (what is in it would be read without a name of its
    own); a workbook member passes (its reader takes the member's bytes)."""
    whole = head + guarded_read(base, "member", path)
    if zip_flavour(io.BytesIO(whole)) == "zip":
        raise InputError("zip_nested", path=path)
    raise InputError("not_csv_zip", path=path)


def _decompressor(fmt: Format, raw: Prefixed) -> _Readable:
    import bz2
    import gzip
    import lzma

    if fmt == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if fmt == "bz2":
        return bz2.BZ2File(raw)
    if fmt == "xz":
        return lzma.LZMAFile(raw)  # type: ignore[arg-type]
    return _Zstd(raw)


class _Zstd:
    """zstd frames, one after the other, decompressed as read. zstandard's own
    stream_reader ends quietly where a cut-off file ends: this one says so (EOFError)."""

    def __init__(self, raw: _Readable) -> None:
        import zstandard

        self._dctx = zstandard.ZstdDecompressor()
        self._obj = self._dctx.decompressobj()
        self._raw = raw
        self._input = b""
        self._out = b""
        self._started = False

    def read(self, n: int = -1) -> bytes:
        if n < 0:
            return b"".join(iter(lambda: self.read(1 << 20), b""))
        while not self._out:
            if not self._input:
                self._input = self._raw.read(_ZSTD_READ)
                if not self._input:
                    if self._started and not self._obj.eof:
                        raise EOFError("zstd data ends inside a frame")
                    return b""
            if self._obj.eof:  # another frame follows
                self._obj = self._dctx.decompressobj()
            piece, self._input = self._input[:_ZSTD_SLICE], self._input[_ZSTD_SLICE:]
            self._started = True
            self._out = self._obj.decompress(piece)
            if self._obj.eof and self._obj.unused_data:
                self._input = self._obj.unused_data + self._input
        data, self._out = self._out[:n], self._out[n:]
        return data
