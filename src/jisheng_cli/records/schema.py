"""Column dictionaries derived from the record models: names, aliases, requiredness."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from jisheng_cli.records.births import BirthRecord, SurveyRecord
from jisheng_cli.records.fees import FeeRecord
from jisheng_cli.records.population import CheckedVillage, PopulationRecord
from jisheng_cli.records.women import ProcedureRecord, WomanRecord, WomenSurveyRecord

# A survey lists births found by a field check: the same columns as the register.
MODELS: dict[str, type[BaseModel]] = {
    "births": BirthRecord,
    "survey": SurveyRecord,
    "fees": FeeRecord,
    "population": PopulationRecord,
    "checked": CheckedVillage,
    "women": WomanRecord,
    "procedures": ProcedureRecord,
    "women_survey": WomenSurveyRecord,
}


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    aliases: tuple[str, ...]
    required: bool
    personal: bool
    description: str


def columns(kind: str) -> list[ColumnSpec]:
    model = MODELS.get(kind)
    return [] if model is None else columns_of(model)


def columns_of(model: type[BaseModel]) -> list[ColumnSpec]:
    """The columns a model declares (an input kind's, or the audit's claims file)."""
    specs = []
    for name, field in model.model_fields.items():
        extra: dict[str, Any] = field.json_schema_extra if isinstance(
            field.json_schema_extra, dict
        ) else {}
        specs.append(
            ColumnSpec(
                name=name,
                aliases=tuple(extra.get("x-aliases", ())),
                required=bool(extra.get("x-required")),
                personal=bool(extra.get("x-personal-data")),
                description=field.description or "",
            )
        )
    return specs


def canonical_columns(kind: str) -> list[str]:
    return [c.name for c in columns(kind)]


def json_schema(kind: str, model: type[BaseModel] | None = None) -> dict[str, Any]:
    """The JSON Schema of an input kind (or of `model`, titled `kind`)."""
    model = model or MODELS[kind]
    schema = model.model_json_schema(mode="validation")
    schema["title"] = kind
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
