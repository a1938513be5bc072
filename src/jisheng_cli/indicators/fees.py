"""Fee-ledger indicators: sums of exact fen per village and year, and their formulas.

A case falls in the period of its decision date. Amounts stay integer fen until the
very end (shown in yuan with 2 decimals), never binary floating point.
"""

from __future__ import annotations

import numpy as np

from jisheng_cli.config import Definitions
from jisheng_cli.indicators.births import Formula

TERMS = (
    "fee_cases", "fee_assessed", "fee_collected", "fee_capped", "fee_outstanding",
    "fee_settled", "fee_settle_base", "fee_enforcement",
)


def row_terms(assessed: np.ndarray, collected: np.ndarray, enforcement: np.ndarray
              ) -> dict[str, np.ndarray]:
    """Per-case contributions; summed per group they give every fee indicator."""
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
