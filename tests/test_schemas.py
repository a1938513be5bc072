"""The files in schemas/ are generated from the record models and must not drift."""

from __future__ import annotations

import json

import pytest

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


def test_the_claims_schema_is_the_readers_columns() -> None:
    from jisheng_cli.audit.claims import CLAIM_HEADERS, REQUIRED
    from jisheng_cli.audit.model import CLAIM_FIELDS

    schema = json.loads((ROOT / "schemas" / "claims.schema.json").read_text(encoding="utf-8"))
    props = schema["properties"]
    assert sorted(props) == sorted(CLAIM_FIELDS)  # the file is written with sorted keys
    assert sorted(schema["required"]) == sorted(REQUIRED)
    for name, aliases in CLAIM_HEADERS.items():
        assert props[name]["x-aliases"] == list(aliases)
    assert schema["additionalProperties"] is False


def test_the_sample_claims_follow_the_claims_schema() -> None:
    import jsonschema

    from jisheng_cli.audit.claims import read_claims

    schema = json.loads((ROOT / "schemas" / "claims.schema.json").read_text(encoding="utf-8"))
    for claim in read_claims(str(ROOT / "sample_data" / "claims.csv")):
        cells = {k: v for k, v in claim.to_dict().items() if k != "row" and v is not None}
        jsonschema.validate(cells, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"indicator": "出生率"}, schema)  # no printed figure
