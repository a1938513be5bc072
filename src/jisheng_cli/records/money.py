"""Exact money parsing: amounts become integer fen via Decimal, never binary floats."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from jisheng_cli.errors import ParseError
from jisheng_cli.records.text import normalize

FEN_PER_YUAN = 100
FEN_PER_WAN_YUAN = 1_000_000

# Keeps any one amount, and sums of many of them, far inside int64 (9.2e18 fen):
# 10**15 fen is ten trillion yuan, which no fee decision reaches.
MAX_FEN = 10**15

# After NFKC: ￥ is ¥, full-width digits and commas are ASCII. Thousands separators
# must group by three so that a decimal comma (12,5) is refused rather than misread.
_AMOUNT = re.compile(
    r"(?P<sign>[-+\u2212]?)\s*(?:¥|RMB)?\s*(?P<sign2>[-+\u2212]?)\s*"
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?|[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
    r"\s*(?:元|圆)?",
    re.ASCII | re.IGNORECASE,
)
# Accountants write negative amounts in brackets: (1,200.00).
_BRACKETED = re.compile(r"\(.*\)")


def parse_money(text: object, unit_fen: int = FEN_PER_YUAN) -> int:
    """Amount in whole fen. `unit_fen` is fen per unit of the column (100 for 元,
    1,000,000 for 万元); the scaled amount is rounded half-up to a whole fen."""
    if unit_fen <= 0:
        raise ValueError("unit_fen must be a positive number of fen per unit")
    value = normalize(text)
    if not value:
        raise ParseError("missing_value")
    if _BRACKETED.fullmatch(value) and _AMOUNT.fullmatch(value[1:-1].strip()):
        raise ParseError("negative_money")
    match = _AMOUNT.fullmatch(value)
    if not match or (match.group("sign") and match.group("sign2")):
        raise ParseError("invalid_money")
    amount = Decimal(match.group("number").replace(",", ""))
    negative = (match.group("sign") + match.group("sign2")) in ("-", "\u2212")
    if negative and amount != 0:
        raise ParseError("negative_money")
    # Enough precision that the product is exact whatever the number of digits.
    with localcontext() as ctx:
        ctx.prec = len(match.group("number")) + len(str(unit_fen)) + 10
        fen = int((amount * unit_fen).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if fen > MAX_FEN:
        raise ParseError("invalid_money", "too_large")
    return fen
