"""The births register (出生登记): one row per live-born child.

This model is the single source of truth for the kind's columns, Chinese header aliases,
types and codes. The vectorised checks in `checks.py` are derived from the same parsers,
and this model writes the message for every row they flag.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from jisheng_cli.errors import ParseError
from jisheng_cli.records import codes, dates, ids
from jisheng_cli.records.text import normalize

T = TypeVar("T")

EARLIEST_DATE = date(1950, 1, 1)
MISSING = ("missing_value", "required value is missing")


def parse_village_code(text: str) -> str:
    value = normalize(text)
    if not value:
        raise ParseError(*MISSING)
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        raise ParseError(
            "village_code_malformed", "village code must be the 12-digit statistical code"
        )
    return value


def parse_text(text: str) -> str:
    value = normalize(text)
    if not value:
        raise ParseError(*MISSING)
    return value


def cell(parser: Callable[[str], T], *, optional: bool = False) -> Any:
    """A BeforeValidator running one of the shared scalar parsers on a raw cell.

    Optional columns turn an empty cell into None; required ones report `missing_value`.
    """

    def validate(raw: object) -> T | None:
        text = "" if raw is None else str(raw)
        if optional and not normalize(text):
            return None
        try:
            return parser(text)
        except ParseError as e:
            raise PydanticCustomError(e.code, e.message) from None

    return BeforeValidator(validate)


def meta(
    aliases: list[str], *, required: bool = False, personal: bool = False, codes: str = ""
) -> dict[str, Any]:
    extra: dict[str, Any] = {"x-aliases": aliases, "x-required": required}
    if personal:
        extra["x-personal-data"] = True
    if codes:
        extra["x-codes"] = codes
    return extra


def _in_range(value: date | None, info: ValidationInfo) -> date | None:
    if value is None:
        return None
    as_of: date = (info.context or {}).get("as_of") or date.today()
    if value > as_of:
        raise PydanticCustomError("date_in_future", "date is after the as-of date")
    if value < EARLIEST_DATE:
        raise PydanticCustomError("date_before_1950", "date is before 1950")
    return value


class BirthRecord(BaseModel):
    """出生登记 — one live birth. Codes follow GB/T 2261.1 (sex) and data.md (policy)."""

    model_config = ConfigDict(extra="ignore", title="births", frozen=True)

    record_id: Annotated[str | None, cell(parse_text, optional=True)] = Field(
        None, description="记录编号", json_schema_extra=meta(["记录编号", "编号", "序号"])
    )
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
    mother_id: Annotated[str, cell(ids.parse_id)] = Field(
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
    child_birth_date: Annotated[date, cell(dates.parse_date)] = Field(
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
    report_date: Annotated[date | None, cell(dates.parse_date, optional=True)] = Field(
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
        return _in_range(value, info)

    @field_validator("report_date")
    @classmethod
    def _report_date_needed(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is None and (info.context or {}).get("period_basis") == "report_date":
            raise PydanticCustomError(
                "missing_value", "report date is required when period_basis = report_date"
            )
        return value

    @field_validator("village_code")
    @classmethod
    def _code_needed(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and (info.context or {}).get("require_village_code"):
            raise PydanticCustomError(*MISSING)
        return value

    @field_validator("village_name", "township_name")
    @classmethod
    def _names_needed(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and (info.context or {}).get("require_names"):
            raise PydanticCustomError(*MISSING)
        return value
