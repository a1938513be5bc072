"""The claims file's columns and the audit JSON document, as pydantic models: the source
of `jisheng schema claims`, `jisheng schema audit` and schemas/claims.schema.json,
schemas/audit.schema.json (docs/audit.md). The reader (audit.claims) and the writer
(AuditReport.to_dict) are held to them by the schema tests."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from jisheng_cli.audit.claims import CLAIM_HEADERS, REQUIRED
from jisheng_cli.audit.model import CheckKind, Status
from jisheng_cli.records.fields import meta

_CLAIM_DOCS = {
    "indicator": "指标: a registry id, Chinese or English label or alias (jisheng list); any "
                 "other label is checked for arithmetic, target and change only",
    "printed": "报告值 as printed: 99.17%, 7.16‰, 1,562人, 716万元, 0.22, 1:4.54, 136",
    "group": "单位: a township or village code or name; empty, 合计 or 全县: the total",
    "period": "时期: a statistical year (2012), a range (2010..2012) or dates "
              "(2011-10-01..2012-09-30); empty: --year/--from/--to",
    "numerator": "分子 as printed (42,376人)",
    "denominator": "分母 as printed (43,115人)",
    "target": "目标 as printed: ≥92%, 不高于1‰, 103-107, 75%",
    "gap": "差距 as printed: 优于责任指标 4.31 个百分点",
    "previous": "上年 as printed: 98.73%",
    "change": "增减 as printed: 比上年提高 0.44 个百分点, 同比减少 288 例, 增长 50.33%",
    "page": "页: where the figure is, for the reader",
    "line": "行: where the figure is, for the reader",
    "source_text": "原文: the sentence the figure came from (--extract writes it)",
}


def _column(name: str) -> Any:
    return Field(None, description=_CLAIM_DOCS[name],
                 json_schema_extra=meta(list(CLAIM_HEADERS[name]), required=name in REQUIRED))


class ClaimRecord(BaseModel):
    """One printed figure of a report: a row of the claims file (CSV, XLSX or TOML
    [[claim]] tables; headers in English or Chinese)."""

    model_config = ConfigDict(extra="forbid", title="claims")

    indicator: str = Field(description=_CLAIM_DOCS["indicator"],
                           json_schema_extra=meta(list(CLAIM_HEADERS["indicator"]), required=True))
    printed: str = Field(description=_CLAIM_DOCS["printed"],
                         json_schema_extra=meta(list(CLAIM_HEADERS["printed"]), required=True))
    group: str | None = _column("group")
    period: str | None = _column("period")
    numerator: str | None = _column("numerator")
    denominator: str | None = _column("denominator")
    target: str | None = _column("target")
    gap: str | None = _column("gap")
    previous: str | None = _column("previous")
    change: str | None = _column("change")
    page: str | None = _column("page")
    line: str | None = _column("line")
    source_text: str | None = _column("source_text")


class CheckDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")

    check: CheckKind = Field(description="arithmetic, target, change, registers, or claim "
                             "(the printed figure itself)")
    status: Status
    reason: str = Field(description="the reason code (docs/audit.md)")
    explanation: str = Field(description="one line, in --lang's language")
    expected: str | None = Field(description="what the check finds, printed at the claim's "
                                 "decimals and unit (98.29%)")
    value: float | None = Field(description="the unrounded value the check computed")
    rule: str | None = Field(description="rounding: truncation, half_even or double_rounding")
    setting: str | None = Field(description="the [definitions] setting that reproduces the "
                                "printed figure")
    would_print: str | None = Field(description="the numerators that give the printed figure")
    ci_low: float | None = Field(description="the registers' interval (context only)")
    ci_high: float | None


class ClaimDoc(ClaimRecord):
    model_config = ConfigDict(extra="forbid", title="claim")

    row: int = Field(description="the claim's row in the claims file (header: row 1; TOML: "
                     "1-based index)")
    indicator_id: str | None = Field(description="the registry id the label names")
    status: Status = Field(description="the worst of its checks")
    checks: list[CheckDoc]


class AuditDocument(BaseModel):
    """`jisheng audit --format json`."""

    model_config = ConfigDict(extra="forbid", title="audit")

    version: str
    claims_file: str
    registers: list[str] = Field(description="the register inputs, as given")
    as_of: str | None
    counts: dict[str, int] = Field(description="claims per status")
    claims: list[ClaimDoc]


DOCUMENTS: dict[str, type[BaseModel]] = {"claims": ClaimRecord, "audit": AuditDocument}
