"""`jisheng schema`: the column dictionary of each input kind, as JSON Schema or Markdown."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jisheng_cli.cli.options import Command, choices
from jisheng_cli.kinds import KINDS

FORMATS = ("json", "markdown")
# Besides the input kinds: the audit's claims file and its JSON output (docs/audit.md).
DOCUMENT_KINDS = ("claims", "audit")
SCHEMA_KINDS = (*KINDS, *DOCUMENT_KINDS)

if TYPE_CHECKING:  # to the code below, a choice is its string
    Kind = str
    Format = str
else:
    Kind = choices("Kind", SCHEMA_KINDS, __name__)
    Format = choices("Format", FORMATS, __name__)

HELP = """Print the column dictionary of an input kind (JSON Schema from the record models).

Example:

\b
    jisheng schema births --format markdown
    jisheng schema claims --format markdown

Codes, row checks and finding codes: docs/data.md in the repository. `claims` is the
file `jisheng audit` reads and `audit` its JSON output: docs/audit.md.
"""


def docs_pointer(kind: str) -> str:
    if kind == "claims":
        return "Columns of a claims file (jisheng audit): docs/audit.md"
    if kind == "audit":
        return "The JSON document of jisheng audit --format json: docs/audit.md"
    return f"Columns of a {kind} file; codes, row checks and finding codes: docs/data.md"


def schema_text(kind: str) -> str:
    from jisheng_cli.records.schema import json_schema

    model = None
    if kind in DOCUMENT_KINDS:
        from jisheng_cli.audit.schema import DOCUMENTS

        model = DOCUMENTS[kind]
    schema = {**json_schema(kind, model), "$comment": docs_pointer(kind)}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema(
    kind: Kind = typer.Argument("births", metavar="KIND", help="Input kind."),
    fmt: Format = typer.Option("json", "--format", help="JSON Schema or a Markdown table."),
    write: Path | None = typer.Option(
        None, "--write", metavar="DIR",
        help="Write <kind>.schema.json for every kind into this directory.",
    ),
) -> None:
    from jisheng_cli.records.schema import columns, columns_of

    if write is not None:
        write.mkdir(parents=True, exist_ok=True)
        for k in SCHEMA_KINDS:
            (write / f"{k}.schema.json").write_text(schema_text(k), encoding="utf-8")
        return
    if fmt == "json" or kind == "audit":  # the output document has no columns
        sys.stdout.write(schema_text(kind))
    else:
        if kind == "claims":
            from jisheng_cli.audit.schema import ClaimRecord

            specs = columns_of(ClaimRecord)
        else:
            specs = columns(kind)
        from jisheng_cli.render.catalogue import write_markdown_table

        rows = [
            [
                c.name,
                ", ".join(c.aliases),
                "yes" if c.required else "no",
                "yes" if c.personal else "",
                c.description,
            ]
            for c in specs
        ]
        sys.stdout.write(f"{docs_pointer(kind)}.\n\n")
        sys.stdout.flush()
        write_markdown_table(
            ["column", "Chinese headers", "required", "personal data", "meaning"],
            rows,
            sys.stdout.buffer,
        )


def register(app: typer.Typer) -> None:
    app.command("schema", help=HELP, cls=Command)(schema)
