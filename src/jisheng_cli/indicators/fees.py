"""Fee-ledger indicators: sums of exact fen per village and year, their formulas and
their records.

A case falls in the period of its decision date. Amounts stay integer fen until the
very end (shown in yuan with 2 decimals), never binary floating point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jisheng_cli.indicators.model import Formula, Indicator

if TYPE_CHECKING:
    import numpy as np

    from jisheng_cli.config import Definitions

TERMS = (
    "fee_cases", "fee_assessed", "fee_collected", "fee_capped", "fee_outstanding",
    "fee_settled", "fee_settle_base", "fee_enforcement",
)


def row_terms(assessed: np.ndarray, collected: np.ndarray, enforcement: np.ndarray
              ) -> dict[str, np.ndarray]:
    """Per-case contributions; summed per group they give every fee indicator."""
    import numpy as np

    positive = assessed > 0
    return {
        "fee_cases": np.ones(len(assessed), dtype=np.int64),
        "fee_assessed": assessed,
        "fee_collected": collected,
        "fee_capped": np.minimum(collected, assessed),
        "fee_outstanding": np.maximum(assessed - collected, 0),
        "fee_settled": (positive & (collected >= assessed)).astype(np.int64),
        "fee_settle_base": positive.astype(np.int64),
        "fee_enforcement": enforcement.astype(np.int64),
    }


def formulas(d: Definitions) -> dict[str, Formula]:
    del d  # no fee definition varies between provinces yet
    return {
        "fee_cases": Formula("count", "fee_cases"),
        "fee_assessed_amount": Formula("amount", "fee_assessed"),
        "fee_collected_amount": Formula("amount", "fee_collected"),
        "fee_outstanding_amount": Formula("amount", "fee_outstanding"),
        "fee_collection_rate": Formula("amount_rate", "fee_capped", "fee_assessed"),
        "fee_case_settlement_rate": Formula("rate", "fee_settled", "fee_settle_base"),
        "fee_enforcement_cases": Formula("count", "fee_enforcement"),
    }


_FEE_SOURCE = "《社会抚养费征收管理办法》(国务院令第357号)"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "fee_cases",
        "fees",
        "征收案件数",
        "Fee cases",
        "count",
        0,
        "征收决定日期在统计期内的案件数",
        "cases with a decision date in the period",
    ),
    Indicator(
        "fee_assessed_amount",
        "fees",
        "应征金额",
        "Amount assessed",
        "yuan",
        2,
        "应征金额合计",
        "sum of assessed amounts",
    ),
    Indicator(
        "fee_collected_amount",
        "fees",
        "实征金额",
        "Amount collected",
        "yuan",
        2,
        "实征金额合计",
        "sum of collected amounts",
    ),
    Indicator(
        "fee_outstanding_amount",
        "fees",
        "欠缴金额",
        "Amount outstanding",
        "yuan",
        2,
        "Σ max(应征−实征, 0)",
        "Σ max(assessed − collected, 0)",
    ),
    Indicator(
        "fee_collection_rate",
        "fees",
        "社会抚养费征收到位率",
        "Fee collection rate",
        "%",
        2,
        "Σ min(实征, 应征) ÷ Σ 应征 × 100(按金额)",
        "Σ min(collected, assessed) ÷ Σ assessed × 100, by amount",
        source=_FEE_SOURCE,
        aliases=("征收到位率", "社会抚养费征收率"),
    ),
    Indicator(
        "fee_case_settlement_rate",
        "fees",
        "结案率",
        "Case settlement rate",
        "%",
        2,
        "实征≥应征的案件数 ÷ 案件数 × 100(应征为0的案件不计)",
        "cases with collected ≥ assessed ÷ cases × 100 (cases assessing 0 left out)",
        interval="wilson",
    ),
    Indicator(
        "fee_enforcement_cases",
        "fees",
        "申请强制执行数",
        "Cases sent for enforcement",
        "count",
        0,
        "申请法院强制执行的案件数",
        "cases marked for court enforcement",
    ),
)
