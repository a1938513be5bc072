"""Scalar parsers for the coded columns: sex, policy, yes/no, residence, birth order."""

from __future__ import annotations

import re

from jisheng_cli.errors import ParseError
from jisheng_cli.records.numerals import chinese_number
from jisheng_cli.records.text import normalize

SEX_MALE = 1
SEX_FEMALE = 2
SEX_UNKNOWN = 0

# Excel writes integer codes from numeric cells as "1.0"; fold those back to "1".
_NUMERIC = re.compile(r"[+]?([0-9]+)(?:\.0*)?", re.ASCII)

_SEX: dict[str, int] = {
    "1": SEX_MALE,
    "男": SEX_MALE,
    "男性": SEX_MALE,
    "m": SEX_MALE,
    "male": SEX_MALE,
    "2": SEX_FEMALE,
    "女": SEX_FEMALE,
    "女性": SEX_FEMALE,
    "f": SEX_FEMALE,
    "female": SEX_FEMALE,
    # GB/T 2261.1 keeps "not known" (0) and "not stated" (9) apart; both count as unknown.
    "0": SEX_UNKNOWN,
    "未知": SEX_UNKNOWN,
    "未知的性别": SEX_UNKNOWN,
    "9": SEX_UNKNOWN,
    "未说明": SEX_UNKNOWN,
    "未说明的性别": SEX_UNKNOWN,
}

_POLICY: dict[str, bool] = {
    **dict.fromkeys(
        ["政策内", "计划内", "符合", "符合政策", "是", "y", "yes", "1", "in", "true"], True
    ),
    **dict.fromkeys(
        ["政策外", "计划外", "不符合", "不符合政策", "否", "n", "no", "0", "out", "false"], False
    ),
}

_YES_NO: dict[str, bool] = {
    **dict.fromkeys(["是", "有", "y", "yes", "1", "true"], True),
    **dict.fromkeys(["否", "无", "n", "no", "0", "false"], False),
}

_RESIDENCE: dict[str, str] = {
    **dict.fromkeys(["常住", "户籍", "常住人口", "户籍人口", "local"], "local"),
    **dict.fromkeys(["流入", "流动", "流入人口", "流动人口", "inflow"], "inflow"),
}

# 第 and 孩 are optional decorations; 胎 is the colloquial synonym of 孩 in registers.
_ORDER = re.compile(
    r"第?\s*([+-]?[0-9]+(?:\.0*)?|[〇零一二两三四五六七八九十]{1,3})\s*[孩胎]?", re.ASCII
)

MIN_BIRTH_ORDER = 1
MAX_BIRTH_ORDER = 20


def _key(text: object) -> str:
    """Comparison key of a raw cell; raises missing_value for an empty one."""
    key = normalize(text).lower()
    if not key:
        raise ParseError("missing_value")
    match = _NUMERIC.fullmatch(key)
    if match:
        key = str(int(match.group(1)))
    return key


def parse_sex(text: object) -> int:
    """Sex code (GB/T 2261.1) → SEX_MALE, SEX_FEMALE or SEX_UNKNOWN."""
    value = _SEX.get(_key(text))
    if value is None:
        raise ParseError("unknown_sex_code")
    return value


def parse_policy(text: object) -> bool:
    """Policy status → True for in policy (政策内), False for out of policy (政策外)."""
    value = _POLICY.get(_key(text))
    if value is None:
        raise ParseError("unknown_policy_code")
    return value


def parse_yes_no(text: object) -> bool:
    """Yes/no flag → bool."""
    value = _YES_NO.get(_key(text))
    if value is None:
        raise ParseError("unknown_yes_no_code")
    return value


def parse_residence(text: object) -> str:
    """Residence type → "local" (常住/户籍) or "inflow" (流入/流动)."""
    value = _RESIDENCE.get(_key(text))
    if value is None:
        # The births check warns with this code: an unknown residence keeps the row.
        raise ParseError("unknown_residence_code")
    return value


def parse_birth_order(text: object) -> int:
    """Birth order (孩次) → integer 1–20; accepts 2, 2.0, 第2孩, 二孩, 第十二孩."""
    key = normalize(text)
    if not key:
        raise ParseError("missing_value")
    match = _ORDER.fullmatch(key)
    number = None
    if match:
        body = match.group(1)
        if body[0] in "+-0123456789":
            number = int(body.split(".")[0])
        else:
            number = chinese_number(body)
    if number is None:
        raise ParseError("invalid_birth_order")
    if not MIN_BIRTH_ORDER <= number <= MAX_BIRTH_ORDER:
        raise ParseError("birth_order_out_of_range")
    return number
