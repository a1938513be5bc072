"""The input kinds, by name: light enough for `jisheng --help` (the record models, which
define each kind's columns, load pydantic; records.schema.MODELS is keyed by these)."""

from __future__ import annotations

KINDS = ("births", "fees", "survey", "population", "checked", "women", "procedures",
         "women_survey")
