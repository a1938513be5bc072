"""Proposing a claims file from a report's text (.txt in UTF-8 or GB18030, .docx): the
figures next to the registry's names and aliases and the common patterns, each with the
sentence it came from. It never decides: the user reviews the file, then audits it
(docs/audit.md "Extraction"). Traditional characters are read as simplified (OpenCC)."""

from __future__ import annotations

from jisheng_cli.audit.model import Claim


def extract_claims(file: str) -> list[Claim]:
    """The proposed claims of the report at `file`, in the order of the text; `row` is
    the row each takes in the written claims file (the header is row 1)."""
    raise NotImplementedError
