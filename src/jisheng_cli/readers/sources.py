"""Command-line FILE arguments: `kind:path` prefixes, `-` for standard input, patterns."""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass

from jisheng_cli.kinds import KINDS


@dataclass(frozen=True)
class Source:
    path: str  # "-" for standard input
    kind: str | None = None  # forced by a prefix, else detected from the header
    member: str | None = None  # a member of a .zip archive at `path`
    sheet: str | None = None  # a workbook's sheet by name, or "3" by 1-based position

    @property
    def is_stdin(self) -> bool:
        return self.path == "-"

    @property
    def display(self) -> str:
        """The name messages and the rejects' `file` column use: `archive.zip!births.csv`,
        `births.xlsx#鸣凤镇`."""
        name = "<stdin>" if self.is_stdin else self.path
        if self.member is not None:
            name += f"!{self.member}"
        if self.sheet is not None:
            name += f"#{self.sheet}"
        return name


@dataclass(frozen=True)
class Skipped:
    """A member an archive argument does not stand for (verbose mode says so)."""

    source: Source
    reason: str  # readers.archives.SkipReason: directory, macos, hidden


def parse_source(arg: str) -> Source:
    head, sep, rest = arg.partition(":")
    if sep and head in KINDS and rest:
        return _with_sheet(Source(rest, head))
    return _with_sheet(Source(arg))


def _with_sheet(s: Source) -> Source:
    """`births.xlsx#鸣凤镇`, `#3` or `#*`: a sheet, when the part before the last `#` is a
    workbook and the whole argument is not itself a file (a `#` may be in a name)."""
    path, sep, sheet = s.path.rpartition("#")
    if not sep or not path or not sheet or os.path.exists(s.path) or not os.path.isfile(path):
        return s
    from jisheng_cli.readers.sniff import WORKBOOKS, sniff_path

    try:
        if sniff_path(path) not in WORKBOOKS:
            return s
    except OSError:
        return s
    return Source(path, s.kind, sheet=sheet)


def parse_sources(args: list[str], skipped: list[Skipped] | None = None) -> list[Source]:
    """FILE arguments in order; a pattern such as `births/*.csv` that names no file itself
    expands to its matches in name order (a shell does this, cron and Windows may not), and
    `book.xlsx#*` to the book's visible sheets that have a header of a known kind.
    A zip archive (known by its content: a .xlsx is a zip too, and is not one) stands for
    its members; those it leaves out are added to `skipped`."""
    out: list[Source] = []
    for arg in args:
        s = parse_source(arg)
        if s.sheet == "*":
            from jisheng_cli.readers.sheets import sheets_of_kind

            out.extend(Source(s.path, s.kind, sheet=name)
                       for name in sheets_of_kind(s.path, s.kind))
            continue
        if s.is_stdin or os.path.exists(s.path) or not glob.has_magic(s.path):
            out.extend(_members(s, skipped))
            continue
        matches = sorted(glob.glob(s.path))
        if not matches:
            from jisheng_cli.errors import InputError

            raise InputError("no_pattern_match", path=s.path)
        for m in matches:
            out.extend(_members(Source(m, s.kind), skipped))
    return out


def _members(source: Source, skipped: list[Skipped] | None) -> list[Source]:
    if source.is_stdin or not os.path.isfile(source.path):
        return [source]
    from jisheng_cli.readers.archives import list_members, split_part
    from jisheng_cli.readers.sniff import sniff_path

    try:
        if sniff_path(source.path) != "zip":
            if split_part(source.path):
                from jisheng_cli.errors import InputError

                raise InputError("zip_split", path=source.path)
            return [source]
    except OSError:
        return [source]  # opening it again words the error

    members, left_out = list_members(source.path)
    if skipped is not None:
        skipped.extend(Skipped(Source(source.path, source.kind, member=name), reason)
                       for name, reason in left_out)
    return [Source(source.path, source.kind, member=name) for name in members]
