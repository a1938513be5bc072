"""The women's register (育龄妇女信息), the procedures ledger (计划生育手术台账) and the
women's field check: one model each, the single source of truth for the kinds' columns,
Chinese header aliases, codes, requiredness and personal data (docs/women.md). The
vectorised checks (checks.women) use the same parsers; these models write the messages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from jisheng_cli.records import codes
from jisheng_cli.records import women_codes as wc
from jisheng_cli.records.fields import (
    cell,
    date_cell,
    finding_error,
    id_cell,
    in_date_range,
    meta,
    parse_text,
)
from jisheng_cli.records.village import VillageColumns

WOMAN_ID_ALIASES = ["身份证号", "公民身份号码", "育龄妇女身份证号", "妇女身份证号",
                    "妇女公民身份号码"]
WOMAN_NAME_ALIASES = ["姓名", "妇女姓名", "育龄妇女姓名"]
MARITAL = "GB/T 2261.2: 10 未婚, 20 已婚, 21 初婚, 22 再婚, 23 复婚, 30 丧偶, 40 离婚, 90 未说明"
METHOD = ("vasectomy 男扎/输精管结扎; tubal 女扎/输卵管结扎/结扎 (in husband_method: "
          "vasectomy); iud 宫内节育器/上环/放环; implant 皮下埋植/皮埋; pill 口服药 (服注药: "
          "pill, warned); injection 注射针/避孕针; condom 避孕套; spermicide 外用药; other 其他; "
          "none 无/未避孕/未落实")
REASON = ("menopause 绝经; infertile 不孕; pregnant 现孕; postpartum 产后/哺乳期; awaiting "
          "待孕/有指标待孕; illness 因病; other 其他 (丧偶/离婚: ignored, warned)")
RESIDENCE = "local 常住/户籍; outflow 流出/外出; inflow 流入/流动"
YES_NO = "是/有/Y/yes/1/true; 否/无/N/no/0/false"
PROCEDURE = ("vasectomy 男扎; tubal 女扎; iud_insertion 放环/上环; iud_removal 取环; "
             "implant_insertion 皮埋; implant_removal 取埋; abortion 人工流产/人流/药物流产; "
             "induced_labour 引产; reversal 复通; other 其他")


def coded_cell(parser: Callable[[str], Any], *, optional: bool = False) -> Any:
    """`cell(parser)` after the config's `[codes.<kind>.<column>]` table (the validation
    context's `codes`, by field name), as checks.women translates the column."""
    parse = cell(parser, optional=optional).func

    def validate(raw: object, info: ValidationInfo) -> Any:
        table = ((info.context or {}).get("codes") or {}).get(info.field_name)
        if table and isinstance(raw, str):
            raw = wc.translate(raw, table)
        return parse(raw)

    return BeforeValidator(validate)


class _Woman(VillageColumns):
    """The columns a register row and a field-check row share: who she is."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    woman_id: Annotated[str, id_cell()] = Field(
        description="公民身份号码 (GB 11643; 15-digit numbers are upgraded to 18; a man's "
        "number, digit 17 odd, is an error)",
        json_schema_extra=meta(WOMAN_ID_ALIASES, required=True, personal=True),
    )
    woman_name: Annotated[str | None, cell(parse_text, optional=True)] = Field(
        None, description="姓名", json_schema_extra=meta(WOMAN_NAME_ALIASES, personal=True)
    )

    @field_validator("woman_id")
    @classmethod
    def _a_woman(cls, value: str) -> str:
        if int(value[16]) % 2 == 1:
            raise finding_error("woman_id_male")
        return value


class WomanRecord(_Woman):
    """育龄妇女 — one woman of the register, a snapshot at its record date."""

    model_config = ConfigDict(extra="ignore", title="women", frozen=True)

    marital_status: Annotated[int, coded_cell(wc.parse_marital)] = Field(
        description="婚姻状况 (married = 20–23)",
        json_schema_extra=meta(["婚姻状况"], required=True, codes=MARITAL),
    )
    marriage_date: Annotated[date | None, date_cell(optional=True)] = Field(
        None, description="结婚日期", json_schema_extra=meta(["结婚日期", "初婚日期"])
    )
    children_count: Annotated[int | None, cell(wc.parse_children, optional=True)] = Field(
        None, description="现有子女数 (0–20)", json_schema_extra=meta(["现有子女数"])
    )
    # Before her own method: the both-empty rule, on her column, needs his cell parsed.
    husband_method: Annotated[int | None, coded_cell(wc.parse_husband_method, optional=True)] = (
        Field(None, description="丈夫节育措施 (his 男扎 counts on the wife; the config's "
              "[codes.women.contraceptive_method] applies here too)",
              json_schema_extra=meta(["丈夫节育措施"], codes=METHOD)))
    contraceptive_method: Annotated[
        int | None, coded_cell(wc.parse_method, optional=True)] = Field(
        None,
        description="节育措施: the effective method is hers unless empty or none, then her "
        "husband's; both cells empty: none, warned (blank_method = \"reject\": an error)",
        json_schema_extra=meta(["节育措施", "避孕措施"], required=True, codes=METHOD),
    )
    method_date: Annotated[date | None, date_cell(optional=True)] = Field(
        None, description="措施落实日期 (dates the effective method)",
        json_schema_extra=meta(["措施落实日期", "落实时间", "落实日期"]),
    )
    exclusion_reason: Annotated[int | None, coded_cell(wc.parse_reason, optional=True)] = Field(
        None, description="未避孕原因",
        json_schema_extra=meta(["未避孕原因", "免措施原因"], codes=REASON),
    )
    residence: Annotated[int | None, coded_cell(wc.parse_women_residence, optional=True)] = (
        Field(None, description="人口类别 (empty = local; an unknown code is an error)",
              json_schema_extra=meta(["人口类别", "流动类型"], codes=RESIDENCE)))
    key_target: Annotated[bool | None, coded_cell(codes.parse_yes_no, optional=True)] = Field(
        None, description="重点对象 (yes/no)", json_schema_extra=meta(["重点对象"], codes=YES_NO)
    )
    certificate_date: Annotated[date | None, date_cell(optional=True)] = Field(
        None, description="婚育证明办证日期", json_schema_extra=meta(["婚育证明办证日期"])
    )
    certificate_check_date: Annotated[date | None, date_cell(optional=True)] = Field(
        None, description="婚育证明查验日期", json_schema_extra=meta(["婚育证明查验日期"])
    )
    last_contact_date: Annotated[date | None, date_cell(optional=True)] = Field(
        None, description="最近联系日期", json_schema_extra=meta(["最近联系日期"])
    )
    last_check_date: Annotated[date | None, date_cell(optional=True)] = Field(
        None, description="环孕检日期", json_schema_extra=meta(["环孕检日期", "查环查孕日期"])
    )
    exit_date: Annotated[date | None, date_cell(optional=True)] = Field(
        None, description="出队日期", json_schema_extra=meta(["出队日期", "注销日期"])
    )
    record_date: Annotated[date | None, date_cell(optional=True)] = Field(
        None, description="信息截止日期 (of two records of one woman the later is kept)",
        json_schema_extra=meta(["信息截止日期", "更新日期"]),
    )

    @field_validator("marriage_date", "method_date", "certificate_date", "certificate_check_date",
                     "last_contact_date", "last_check_date", "exit_date", "record_date")
    @classmethod
    def _date_range(cls, value: date | None, info: ValidationInfo) -> date | None:
        return in_date_range(value, info)

    @field_validator("contraceptive_method")
    @classmethod
    def _blank_method(cls, value: int | None, info: ValidationInfo) -> int | None:
        # His cell parsed and empty too (a cell that failed is not in `info.data`).
        both_empty = value is None and "husband_method" in info.data \
            and info.data["husband_method"] is None
        if both_empty and (info.context or {}).get("blank_method") == "reject":
            raise finding_error("missing_value", "method")
        return value


class WomenSurveyRecord(_Woman):
    """妇女信息核查 — a woman found by the field check; an empty cell was not checked."""

    model_config = ConfigDict(extra="ignore", title="women_survey", frozen=True)

    marital_status: Annotated[int | None, coded_cell(wc.parse_marital, optional=True)] = Field(
        None, description="婚姻状况 as found (married = 20–23)",
        json_schema_extra=meta(["婚姻状况"], codes=MARITAL),
    )
    husband_method: Annotated[int | None, coded_cell(wc.parse_husband_method, optional=True)] = (
        Field(None, description="丈夫节育措施 as found",
              json_schema_extra=meta(["丈夫节育措施"], codes=METHOD)))
    contraceptive_method: Annotated[
        int | None, coded_cell(wc.parse_method, optional=True)] = Field(
        None, description="节育措施 as found (compared as the effective method)",
        json_schema_extra=meta(["节育措施", "避孕措施"], codes=METHOD),
    )
    method_date: Annotated[date | None, date_cell(optional=True)] = Field(
        None, description="措施落实日期 as found",
        json_schema_extra=meta(["措施落实日期", "落实时间", "落实日期"]),
    )
    residence: Annotated[int | None, coded_cell(wc.parse_women_residence, optional=True)] = (
        Field(None, description="人口类别 as found",
              json_schema_extra=meta(["人口类别", "流动类型"], codes=RESIDENCE)))

    @field_validator("method_date")
    @classmethod
    def _date_range(cls, value: date | None, info: ValidationInfo) -> date | None:
        return in_date_range(value, info)


class ProcedureRecord(VillageColumns):
    """计划生育手术 — one operation."""

    model_config = ConfigDict(extra="ignore", title="procedures", frozen=True)

    procedure_id: Annotated[str | None, cell(parse_text, optional=True)] = Field(
        None, description="手术编号 (unique: a repeated id is a duplicate, the first is used)",
        json_schema_extra=meta(["手术编号"]),
    )
    # Before the ID: a man's number is an error unless the type is a vasectomy.
    procedure_type: Annotated[int, coded_cell(wc.parse_procedure_type)] = Field(
        description="手术类别", json_schema_extra=meta(["手术类别"], required=True, codes=PROCEDURE)
    )
    woman_id: Annotated[str, id_cell()] = Field(
        description="受术者公民身份号码 (a man's number only on a vasectomy)",
        json_schema_extra=meta(["受术者身份证号", *WOMAN_ID_ALIASES], required=True,
                               personal=True),
    )
    procedure_date: Annotated[date, date_cell()] = Field(
        description="手术日期", json_schema_extra=meta(["手术日期"], required=True)
    )
    complication: Annotated[bool | None, coded_cell(codes.parse_yes_no, optional=True)] = Field(
        None, description="并发症 (yes/no; empty = no)",
        json_schema_extra=meta(["并发症"], codes=YES_NO),
    )

    @field_validator("procedure_date")
    @classmethod
    def _date_range(cls, value: date | None, info: ValidationInfo) -> date | None:
        return in_date_range(value, info)

    @field_validator("woman_id")
    @classmethod
    def _male_only_vasectomy(cls, value: str, info: ValidationInfo) -> str:
        ptype = info.data.get("procedure_type")
        if int(value[16]) % 2 == 1 and ptype is not None \
                and ptype != wc.PROCEDURE_CODE["vasectomy"]:
            raise finding_error("procedure_male_id")
        return value
