"""The levels results are grouped by, their order, and how a statistical code names each.

A village's 统计用区划代码 has 12 digits: its county is the first 6, its township the
first 9. A population file may give a township or a county in that 12-digit form, padded
with zeros: ending in 000000 it is a county, in 000 a township.
"""

from __future__ import annotations

from jisheng_cli.errors import UsageError

TOTAL = "total"
COUNTY = "county"
TOWNSHIP = "township"
VILLAGE = "village"
YEAR = "year"  # not a level of the hierarchy: a --by choice that splits rows by year

# Coarse to fine: the order of result rows within a group, and of --by choices.
GROUP_LEVELS = (TOTAL, COUNTY, TOWNSHIP, VILLAGE)
AREA_LEVELS = GROUP_LEVELS[1:]  # the levels an area code (or a population file) can give
BY_CHOICES = (*GROUP_LEVELS, YEAR)

CODE_DIGITS = {COUNTY: 6, TOWNSHIP: 9, VILLAGE: 12}

# How a level is named in the text formats' wide layout and tables: words for zh and en;
# --lang id (and the long layout, json and parquet everywhere) uses the level's id. The
# total row's group name follows the language in every format.
LABELS: dict[str, dict[str, str]] = {
    "zh": {TOTAL: "合计", COUNTY: "县", TOWNSHIP: "乡镇", VILLAGE: "村"},
    "en": {TOTAL: "Total", COUNTY: "County", TOWNSHIP: "Township", VILLAGE: "Village"},
}
# --lang id prints ids for labels and English for words: the total row is a word.
TOTAL_NAME = {"zh": "合计", "en": "Total", "id": "Total"}


def level_label(level: str, lang: str) -> str:
    return LABELS.get(lang, {}).get(level, level)


def code_prefix(code: str, level: str) -> str:
    """The key at `level` of a village's (or a padded area's) 12-digit code."""
    return code[: CODE_DIGITS[level]]


def code_level(code: str) -> str:
    """The level a 12-digit code names: zeros after the county's or township's digits
    pad a county or a township code to the village code's length."""
    for level in (COUNTY, TOWNSHIP):
        if code.endswith("0" * (CODE_DIGITS[VILLAGE] - CODE_DIGITS[level])):
            return level
    return VILLAGE


def finer(level: str, than: str) -> bool:
    """True when `level` lies below `than` (village is finer than township)."""
    return GROUP_LEVELS.index(level) > GROUP_LEVELS.index(than)


def parse_by(text: str) -> list[str]:
    """The --by option: comma-separated levels (and `year`), in the order given."""
    levels = [p.strip() for p in text.split(",") if p.strip()]
    bad = [p for p in levels if p not in BY_CHOICES]
    if bad or not levels:
        raise UsageError("bad_choice", option="--by", value=text, choices=", ".join(BY_CHOICES))
    return levels
