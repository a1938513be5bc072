"""The births register (出生登记): one row per live-born child.

This model is the single source of truth for the kind's columns, Chinese header aliases,
types and codes. The vectorised checks in `checks.py` are derived from the same parsers,
and this model writes the message for every row they flag.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from jisheng_cli.records import codes
from jisheng_cli.records.fields import (
    EARLIEST_DATE,
    cell,
    date_cell,
    finding_error,
    id_cell,
    in_date_range,
    meta,
    parse_text,
    parse_village_code,
)
from jisheng_cli.records.village import VillageColumns

__all__ = ["EARLIEST_DATE", "BirthRecord", "SurveyRecord", "parse_text", "parse_village_code"]

class BirthRecord(VillageColumns):
    """出生登记 — one live birth. Codes follow GB/T 2261.1 (sex) and docs/data.md (policy)."""

    model_config = ConfigDict(extra="ignore", title="births", frozen=True)

    record_id: Annotated[str | None, cell(parse_text, optional=True)] = Field(
        None, description="记录编号", json_schema_extra=meta(["记录编号", "编号", "序号"])
    )
    mother_id: Annotated[str, id_cell()] = Field(
        description="母亲公民身份号码 (GB 11643; 15-digit numbers are upgraded to 18)",
        json_schema_extra=meta(
            ["母亲身份证号", "母亲公民身份号码", "身份证号", "公民身份号码"],
            required=True,
            personal=True,
        ),
    )
    mother_name: Annotated[str | None, cell(parse_text, optional=True)] = Field(
        None,
        description="母亲姓名",
        json_schema_extra=meta(["母亲姓名", "姓名"], personal=True),
    )
    child_birth_date: Annotated[date, date_cell()] = Field(
        description="出生日期",
        json_schema_extra=meta(["出生日期", "婴儿出生日期", "子女出生日期"], required=True),
    )
    child_sex: Annotated[int, cell(codes.parse_sex)] = Field(
        description="性别: 1 male, 2 female, 0 unknown",
        json_schema_extra=meta(
            ["性别", "婴儿性别", "子女性别"],
            required=True,
            codes="1/男/男性/M/male → 1; 2/女/女性/F/female → 2; 0/未知, 9/未说明 → 0",
        ),
    )
    birth_order: Annotated[int, cell(codes.parse_birth_order)] = Field(
        description="孩次 (1–20)", json_schema_extra=meta(["孩次"], required=True)
    )
    policy_status: Annotated[bool, cell(codes.parse_policy)] = Field(
        description="政策属性: true = in policy",
        json_schema_extra=meta(
            ["政策属性", "政策内外", "是否政策内", "是否符合政策"],
            required=True,
            codes="政策内/计划内/符合/符合政策/是/Y/1/in → true; "
            "政策外/计划外/不符合/否/N/0/out → false",
        ),
    )
    report_date: Annotated[date | None, date_cell(optional=True)] = Field(
        None,
        description="上报日期 (required when period_basis = report_date)",
        json_schema_extra=meta(["上报日期", "登记日期"]),
    )
    # An unknown residence code is a warning, not an error: no indicator uses it yet and
    # rejecting a real birth over it would lower every count.
    residence: Annotated[str | None, cell(parse_text, optional=True)] = Field(
        None,
        description="户籍性质 (常住/户籍 = local, 流入/流动 = inflow; other codes are warned)",
        json_schema_extra=meta(
            ["户籍性质", "人口类别", "户口性质"], codes="常住/户籍 → local; 流入/流动 → inflow"
        ),
    )

    @field_validator("child_birth_date", "report_date")
    @classmethod
    def _date_range(cls, value: date | None, info: ValidationInfo) -> date | None:
        return in_date_range(value, info)

    @field_validator("report_date")
    @classmethod
    def _report_date_needed(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is None and (info.context or {}).get("period_basis") == "report_date":
            raise finding_error("missing_value", "report_date")
        return value


class SurveyRecord(BirthRecord):
    """抽样调查 — a birth found by a field check: the register's columns, policy optional."""

    model_config = ConfigDict(extra="ignore", title="survey", frozen=True)

    policy_status: Annotated[bool | None, cell(codes.parse_policy, optional=True)] = Field(  # type: ignore[assignment]
        None,
        description="政策属性 if the check recorded it: true = in policy",
        json_schema_extra=meta(["政策属性", "政策内外", "是否政策内", "是否符合政策"]),
    )
