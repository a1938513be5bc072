"""The same input given twice on the command line: a usage error, found once the inputs
are opened (their header read, so their kind known) and before the first batch is read
(docs/cli.md "Exit codes", docs/data.md "Files given twice").

Two inputs of one kind are one input when they
- name one file (the resolved path, so a symlink and `./a.csv` vs `a.csv` are that file)
  with the same sheet and member: `input_twice`;
- or hold identical bytes under other names, with the same sheet: `input_copy`. The bytes
  compared are a plain file's, or a zip member's once decompressed (so `a.zip!x.csv` and
  `b.zip!y.csv` holding one CSV are copies, as are `x.csv` and `a.zip!x.csv`).

Inputs of two kinds are never one input: duplicates are looked for within a kind, so a
register given again as a field check (`survey:`) counts nothing twice.

Sizes are compared first (a stat, or the archive's directory for a member); only inputs of
equal size are read, in chunks: CRC-32 first (free for a member, from the directory), then
BLAKE2b to confirm, so a CRC collision never refuses a run. Standard input is exempt (it
cannot be read twice), and so is what cannot be read here: its reader words the error.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
import zlib
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import IO

from jisheng_cli.errors import UsageError
from jisheng_cli.readers.sources import Source

CHUNK = 1 << 20
# What reading a damaged file or member may raise (an encrypted member: RuntimeError; an
# unsupported compression: NotImplementedError): such a source is not compared.
_UNREADABLE = (OSError, EOFError, RuntimeError, NotImplementedError, zipfile.BadZipFile,
               zlib.error)


def refuse_twice(inputs: Sequence[tuple[Source, str]]) -> None:
    """Raise `UsageError` at the first input that repeats an earlier one, naming both;
    `inputs` are (source, kind) in command-line order."""
    seen: dict[tuple[str, str, str | None, str | None], Source] = {}
    by_size: dict[tuple[str, int, str | None], list[_Content]] = {}
    for s, kind in inputs:
        if s.is_stdin:
            continue
        real = os.path.realpath(s.path)
        key = (kind, real, s.member, s.sheet)
        if key in seen:
            raise UsageError("input_twice", path=s.display, first=seen[key].display)
        seen[key] = s
        content = _content(s, real)
        if content is None:
            continue
        earlier = by_size.setdefault((kind, content.size, s.sheet), [])
        for other in earlier:
            if _same_bytes(other, content):
                raise UsageError("input_copy", path=s.display, first=other.source.display)
        earlier.append(content)


@dataclass
class _Content:
    source: Source
    real: str  # the resolved path of the file (the archive, for a member)
    size: int
    crc: int | None = None  # known without reading for a zip member
    _digest: bytes | None = field(default=None, repr=False)

    def crc32(self) -> int:
        if self.crc is None:
            self.crc, self._digest = self._read()
        return self.crc

    def digest(self) -> bytes:
        if self._digest is None:
            self.crc, self._digest = self._read()
        return self._digest

    def _read(self) -> tuple[int, bytes]:
        """CRC-32 and BLAKE2b of the bytes, in one pass of CHUNK-sized reads."""
        h = hashlib.blake2b(digest_size=32)
        crc = 0
        with ExitStack() as stack:
            if self.source.member is None:
                f: IO[bytes] = stack.enter_context(open(self.real, "rb"))
            else:
                archive = stack.enter_context(zipfile.ZipFile(self.real))
                f = stack.enter_context(archive.open(self.source.member))
            while chunk := f.read(CHUNK):
                h.update(chunk)
                crc = zlib.crc32(chunk, crc)
        return crc, h.digest()


def _content(s: Source, real: str) -> _Content | None:
    """What to compare of `s`, or None when it cannot be opened (the reader says why) or is
    empty (two empty files are no copy: each is refused as empty)."""
    try:
        if s.member is None:
            if not os.path.isfile(real):
                return None
            size = os.path.getsize(real)
            return _Content(s, real, size) if size else None
        with zipfile.ZipFile(real) as z:
            info = z.getinfo(s.member)
        return _Content(s, real, info.file_size, info.CRC) if info.file_size else None
    except (OSError, zipfile.BadZipFile, KeyError):
        return None


def _same_bytes(a: _Content, b: _Content) -> bool:
    """Of one size: the CRCs first (free for members), the digests to be sure."""
    try:
        return a.crc32() == b.crc32() and a.digest() == b.digest()
    except _UNREADABLE:
        return False
