"""Zip archives of registers: the members one `.zip` argument stands for, and opening one
member again by its name (on the client, or on a Dask worker). Paths and names only: the
Sources are sources.py's, the streams streams.py's."""

from __future__ import annotations

import struct
import zipfile
from typing import BinaryIO, Literal

from jisheng_cli.errors import InputError

SkipReason = Literal["directory", "macos", "hidden"]

# What the stdlib can decompress; other methods get a message naming theirs.
SUPPORTED_METHODS = {
    zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA,
}
METHOD_NAMES = {9: "Deflate64", 93: "Zstandard", 95: "XZ", 97: "WavPack", 98: "PPMd",
                99: "AES"}
_UTF8_NAME = 0x800  # general-purpose flag bit 11: the name is UTF-8
_ENCRYPTED = 0x1


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its archiver meant it. Without flag bit 11 zipfile decodes the
    name as cp437; Windows zip tools in China write it in the ANSI code page (GBK), so the
    cp437 text is turned back into its bytes and read as GB18030 when that decodes."""
    if info.flag_bits & _UTF8_NAME:
        return info.filename
    try:
        return info.orig_filename.encode("cp437").decode("gb18030")
    except UnicodeError:
        return info.filename


def skip_reason(name: str, info: zipfile.ZipInfo) -> SkipReason | None:
    if info.is_dir():
        return "directory"
    parts = name.split("/")
    if parts[0] == "__MACOSX":
        return "macos"
    if any(p.startswith(".") for p in parts if p):
        return "hidden"
    return None


def _open_archive(path: str, display: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise InputError("no_such_file", path=display) from None
    except PermissionError:
        raise InputError("permission_denied", path=display) from None
    except zipfile.BadZipFile as e:
        # zipfile's words may quote member names: only the kind of damage is passed on.
        if "multiple disks" in str(e):
            raise InputError("zip_split", path=display) from None
        raise InputError("zip_damaged", path=display) from None
    except OSError as e:
        raise InputError("unreadable", path=display, detail=str(e.strerror or e)) from None


def split_part(path: str) -> bool:
    """A part of a split archive (`zip -s`): the first starts with the spanning mark, the
    last ends with an end record that names another disk (zipfile lists it, then fails on
    each member as if it were damaged; a reader of text sees binary)."""
    try:
        with open(path, "rb") as f:
            if f.read(4) == _SPANNED:
                return True
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - _END_SEARCH))
            tail = f.read()
    except OSError:
        return False
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 8:
        return False
    disk, cd_disk = struct.unpack_from("<HH", tail, end + 4)
    return bool(disk or cd_disk)


_END_SEARCH = 22 + (1 << 16)  # the end record and the longest comment it may carry
_SPANNED = b"PK\x07\x08"


def list_members(path: str) -> tuple[list[str], list[tuple[str, SkipReason]]]:
    """The names of the archive's members to read, in archive order, and those left out
    with the reason: directories, `__MACOSX/`, dot-files."""
    if split_part(path):
        raise InputError("zip_split", path=path)
    members: list[str] = []
    skipped: list[tuple[str, SkipReason]] = []
    with _open_archive(path, path) as z:
        for info in z.infolist():
            name = member_name(info)
            reason = skip_reason(name, info)
            if reason is None:
                members.append(name)
            else:
                skipped.append((name, reason))
    if not members:
        raise InputError("zip_empty", path=path, skipped=len(skipped))
    return members, skipped


class _Member:
    """An opened member: its stream closes the archive with it."""

    def __init__(self, z: zipfile.ZipFile, stream: BinaryIO, size: int) -> None:
        self.archive = z
        self.stream = stream
        self.size = size

    def close(self) -> None:
        self.stream.close()
        self.archive.close()


def open_member(path: str, member: str, display: str) -> _Member:
    """The decompressed bytes of `member` (as `member_name` gives it), streamed by
    zipfile, or a file-level error about `display`: encrypted, a method zipfile cannot
    decompress, a damaged archive."""
    z = _open_archive(path, display)
    try:
        info = next((i for i in z.infolist() if member_name(i) == member), None)
        if info is None:
            raise InputError("zip_no_member", path=display)
        if info.flag_bits & _ENCRYPTED:
            raise InputError("zip_encrypted", path=display)
        if info.compress_type not in SUPPORTED_METHODS:
            method = METHOD_NAMES.get(info.compress_type, str(info.compress_type))
            raise InputError("zip_method", path=display, method=method)
        try:
            stream = z.open(info)
        except (zipfile.BadZipFile, EOFError, OSError):
            raise InputError("zip_member_damaged", path=display) from None
        except NotImplementedError:
            raise InputError("zip_method", path=display,
                             method=str(info.compress_type)) from None
    except BaseException:
        z.close()
        raise
    return _Member(z, stream, info.file_size)  # type: ignore[arg-type]
