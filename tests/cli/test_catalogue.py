"""`jisheng list` and `jisheng schema`."""

from __future__ import annotations

import json
from collections.abc import Callable

from .helpers import Run

# docs/indicators.md, "The births register" (crude_birth_rate needs a population file: not yet)
BIRTHS_INDICATORS = {
    "births_total", "births_male", "births_female", "births_sex_unknown",
    "sex_ratio_at_birth", "sex_ratio_order1", "sex_ratio_order2", "sex_ratio_order3plus",
    "policy_conformance_rate", "out_of_policy_births", "first_birth_rate",
    "second_birth_rate", "multichild_rate", "second_birth_conformance_rate",
    "out_of_policy_multichild_rate", "duplicate_records", "duplicate_rate",
}


def test_list_json_has_every_births_indicator(sample: Callable[..., Run]) -> None:
    run = sample("list", "--format", "json")
    assert run.code == 0, str(run)
    items = json.loads(run.stdout)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    assert set(ids) >= BIRTHS_INDICATORS
    by_id = {item["id"]: item for item in items}
    assert by_id["policy_conformance_rate"]["zh"] == "出生政策符合率"
    assert by_id["policy_conformance_rate"]["unit"] == "%"
    assert by_id["sex_ratio_at_birth"]["zh"] == "出生人口性别比"
    assert by_id["births_total"]["unit"] == "count"


def test_schema_births(sample: Callable[..., Run]) -> None:
    run = sample("schema", "births")
    assert run.code == 0, str(run)
    schema = json.loads(run.stdout)
    mother_id = schema["properties"]["mother_id"]
    assert "母亲身份证号" in mother_id["x-aliases"]
    assert "mother_id" in schema["required"]
    for column in ("child_birth_date", "child_sex", "birth_order", "policy_status"):
        assert column in schema["properties"]
