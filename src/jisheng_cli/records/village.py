"""The village columns every register shares: the 12-digit code, or township and village names."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from jisheng_cli.records.fields import (
    cell,
    finding_error,
    meta,
    parse_text,
    parse_village_code,
)


class VillageColumns(BaseModel):
    """Group columns: county = first 6 digits of the code, township = first 9."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    village_code: Annotated[str | None, cell(parse_village_code, optional=True)] = Field(
        None,
        description="统计用区划代码 (12 digits; county = first 6, township = first 9). Required "
        "unless the file has township_name and village_name instead.",
        json_schema_extra=meta(
            ["统计用区划代码", "村(居)代码", "村代码", "区划代码"], required=True
        ),
    )
    village_name: Annotated[str | None, cell(parse_text, optional=True)] = Field(
        None,
        description="村(居)委会",
        json_schema_extra=meta(["村(居)委会", "村(居)", "村名", "村"]),
    )
    township_name: Annotated[str | None, cell(parse_text, optional=True)] = Field(
        None,
        description="乡镇(街道)",
        json_schema_extra=meta(["乡镇(街道)", "乡(镇)", "乡镇", "街道"]),
    )

    @field_validator("village_code")
    @classmethod
    def _code_needed(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and (info.context or {}).get("require_village_code"):
            raise finding_error("missing_value")
        return value

    @field_validator("village_name", "township_name")
    @classmethod
    def _names_needed(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and (info.context or {}).get("require_names"):
            raise finding_error("missing_value")
        return value
