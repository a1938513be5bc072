"""What a file is, from its first bytes (never only from its name): the one table of
signatures every reader dispatches on."""

from __future__ import annotations

import zipfile
from typing import BinaryIO, Literal

Format = Literal["text", "parquet", "xlsx", "ods", "xls", "zip", "gzip", "bz2", "xz", "zstd",
                 "pdf"]

# Compression formats, streamed: each decompresses to a CSV (or another file) inside.
COMPRESSED: dict[bytes, Format] = {
    b"\x1f\x8b": "gzip",
    b"BZh": "bz2",
    b"\xfd7zXZ\x00": "xz",
    b"\x28\xb5\x2f\xfd": "zstd",
}
WORKBOOKS: tuple[Format, ...] = ("xlsx", "ods", "xls")
HEAD_BYTES = 8


def sniff_head(head: bytes) -> Format:
    """The format a file's first bytes announce; a zip (PK) is "zip" until `zip_flavour`
    has looked inside it (a .xlsx and a .ods are zip archives too)."""
    for magic, fmt in COMPRESSED.items():
        if head.startswith(magic):
            return fmt
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"  # OLE2: Excel 97–2003 (a .doc is OLE2 too; the reader says so)
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"%PDF"):
        return "pdf"
    return "text"


# A tar archive (POSIX ustar or GNU) says so at byte 257 of its first header.
TAR_MAGIC_AT = 257
TAR_HEAD_BYTES = TAR_MAGIC_AT + 5


def is_tar(head: bytes) -> bool:
    """Whether these first bytes (at least TAR_HEAD_BYTES of them) open a tar archive."""
    return head[TAR_MAGIC_AT:TAR_HEAD_BYTES] == b"ustar"


def zip_flavour(file: str | BinaryIO) -> Format:
    """A zip that is a workbook (Office Open XML, OpenDocument) or an archive of files."""
    try:
        with zipfile.ZipFile(file) as z:
            names = set(z.namelist())
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                return "xlsx"
            if "mimetype" in names and z.read("mimetype").startswith(
                    b"application/vnd.oasis.opendocument.spreadsheet"):
                return "ods"
    except (zipfile.BadZipFile, OSError, KeyError):
        return "zip"  # the archive reader words the damage
    return "zip"


def sniff_path(path: str) -> Format:
    """The format of the file at `path` (a zip looked inside)."""
    with open(path, "rb") as f:
        fmt = sniff_head(f.read(HEAD_BYTES))
    return zip_flavour(path) if fmt == "zip" else fmt
