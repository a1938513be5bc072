"""The fee ledger (社会抚养费征收台账): one row per fee decision (case)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from jisheng_cli.records import codes
from jisheng_cli.records.fields import (
    cell,
    date_cell,
    id_cell,
    in_date_range,
    meta,
    money_cell,
    parse_text,
)
from jisheng_cli.records.village import VillageColumns

MONEY = "money ≥ 0: `12,345.60`, `¥12345.6`, `12345.6元`; a header ending (万元) means 10,000 yuan"


class FeeRecord(VillageColumns):
    """社会抚养费征收决定 — one case. Amounts are integer fen, summed exactly."""

    model_config = ConfigDict(extra="ignore", title="fees", frozen=True)

    case_id: Annotated[str, cell(parse_text)] = Field(
        description="案件编号 (unique: a repeated case is a duplicate, the first is used)",
        json_schema_extra=meta(["案件编号", "决定书编号", "编号"], required=True),
    )
    payer_id: Annotated[str | None, id_cell(optional=True)] = Field(
        None,
        description="当事人公民身份号码",
        json_schema_extra=meta(["当事人身份证号", "身份证号"], personal=True),
    )
    decision_date: Annotated[date, date_cell()] = Field(
        description="征收决定日期 (assigns the case to a period)",
        json_schema_extra=meta(["决定日期", "征收决定日期", "立案日期"], required=True),
    )
    assessed_amount: Annotated[int, money_cell()] = Field(
        description=f"应征金额 in fen; {MONEY}",
        json_schema_extra=meta(["应征金额", "应征收金额", "征收决定金额"], required=True),
    )
    collected_amount: Annotated[int, money_cell()] = Field(
        description=f"实征金额 in fen; {MONEY}",
        json_schema_extra=meta(["实征金额", "已征金额", "实际征收金额", "已缴金额"], required=True),
    )
    last_payment_date: Annotated[date | None, date_cell(optional=True)] = Field(
        None, description="最后缴款日期", json_schema_extra=meta(["缴款日期", "最后缴款日期"])
    )
    enforcement: Annotated[bool | None, cell(codes.parse_yes_no, optional=True)] = Field(
        None,
        description="申请法院强制执行 (yes/no)",
        json_schema_extra=meta(
            ["申请强制执行", "法院执行"], codes="是/有/Y/yes/1/true; 否/无/N/no/0/false"
        ),
    )

    @field_validator("decision_date", "last_payment_date")
    @classmethod
    def _date_range(cls, value: date | None, info: ValidationInfo) -> date | None:
        return in_date_range(value, info)
