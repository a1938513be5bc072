"""The files in schemas/ are generated from the record models and must not drift."""

from __future__ import annotations

import json

from jisheng_cli.cli.schema import SCHEMA_KINDS, schema_text
from tests.helpers import ROOT


def test_schema_files_are_in_sync() -> None:
    for kind in SCHEMA_KINDS:
        path = ROOT / "schemas" / f"{kind}.schema.json"
        assert path.exists(), f"run `make schemas` to create {path.name}"
        assert path.read_text(encoding="utf-8") == schema_text(kind), (
            f"{path.name} is stale: run `make schemas`"
        )


def test_schema_describes_columns_and_aliases() -> None:
    schema = json.loads(schema_text("births"))
    props = schema["properties"]
    assert "母亲身份证号" in props["mother_id"]["x-aliases"]
    assert props["mother_id"]["x-personal-data"] is True
    assert set(schema["required"]) >= {"mother_id", "child_birth_date", "child_sex",
                                       "birth_order", "policy_status"}
