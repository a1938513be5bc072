"""Command-line FILE arguments: `kind:path` prefixes and `-` for standard input."""

from __future__ import annotations

from dataclasses import dataclass

from jisheng_cli.config import KINDS


@dataclass(frozen=True)
class Source:
    path: str  # "-" for standard input
    kind: str | None = None  # forced by a prefix, else detected from the header

    @property
    def is_stdin(self) -> bool:
        return self.path == "-"

    @property
    def display(self) -> str:
        return "<stdin>" if self.is_stdin else self.path


def parse_source(arg: str) -> Source:
    head, sep, rest = arg.partition(":")
    if sep and head in KINDS and rest:
        return Source(rest, head)
    return Source(arg)
