"""Population counts (人口数): the denominators of rates per 1,000, one level per file."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from jisheng_cli.errors import ParseError
from jisheng_cli.levels import CODE_DIGITS, COUNTY, TOWNSHIP, VILLAGE
from jisheng_cli.records.fields import cell, meta, parse_text, parse_village_code
from jisheng_cli.records.text import normalize

_COUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+", re.ASCII)


def parse_count(text: str) -> int:
    """A whole number of people: `57727`, `57,727`, `57727.0` (Excel)."""
    value = normalize(text)
    if not value:
        raise ParseError("missing_value")
    if value.endswith(".0"):
        value = value[:-2]
    if not _COUNT.fullmatch(value):
        raise ParseError("invalid_population")
    return int(value.replace(",", ""))


def _code(level: str) -> Callable[[str], str]:
    """The code of an area at `level`: its own digits (levels.CODE_DIGITS), or the
    12-digit form padded with zeros, cut back to its own digits."""
    digits = CODE_DIGITS[level]
    full = CODE_DIGITS[VILLAGE]

    def parse(text: str) -> str:
        value = normalize(text)
        if not value:
            raise ParseError("missing_value")
        if value.isascii() and value.isdigit():
            if len(value) == full and value.endswith("0" * (full - digits)):
                return value[:digits]
            if len(value) == digits:
                return value
        raise ParseError("area_code_malformed", level)

    return parse


def parse_year(text: str) -> int:
    value = normalize(text).removesuffix("年").removesuffix("年度")
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        raise ParseError("invalid_year")
    return int(value)


PARSE_VILLAGE = _code(VILLAGE)
PARSE_TOWNSHIP = _code(TOWNSHIP)
PARSE_COUNTY = _code(COUNTY)


class PopulationRecord(BaseModel):
    """One area's average population, for one statistical year or every year."""

    model_config = ConfigDict(extra="ignore", title="population", frozen=True)

    village_code: Annotated[str | None, cell(PARSE_VILLAGE, optional=True)] = Field(
        None,
        description="统计用区划代码: 12 digits (12 ending in 000 = a township, in 000000 = a "
        "county)",
        json_schema_extra=meta(["统计用区划代码", "村(居)代码", "村代码", "区划代码"]),
    )
    township_code: Annotated[str | None, cell(PARSE_TOWNSHIP, optional=True)] = Field(
        None,
        description="乡镇代码: 9 digits or 12 ending in 000",
        json_schema_extra=meta(["乡镇代码", "乡镇(街道)代码", "乡(镇)代码"]),
    )
    county_code: Annotated[str | None, cell(PARSE_COUNTY, optional=True)] = Field(
        None,
        description="县级代码: 6 digits or 12 ending in 000000",
        json_schema_extra=meta(["县代码", "县(市、区)代码", "县级代码", "县区代码"]),
    )
    township_name: Annotated[str | None, cell(parse_text, optional=True)] = Field(
        None,
        description="乡镇(街道)",
        json_schema_extra=meta(["乡镇(街道)", "乡(镇)", "乡镇", "街道"]),
    )
    village_name: Annotated[str | None, cell(parse_text, optional=True)] = Field(
        None,
        description="村(居)委会",
        json_schema_extra=meta(["村(居)委会", "村(居)", "村名", "村"]),
    )
    population: Annotated[int, cell(parse_count)] = Field(
        description="年平均人口 (average population of the statistical year)",
        json_schema_extra=meta(["年平均人口", "平均人口", "人口数", "总人口"], required=True),
    )
    year: Annotated[int | None, cell(parse_year, optional=True)] = Field(
        None,
        description="统计年度 (without it the figure applies to every year)",
        json_schema_extra=meta(["统计年度", "年度", "年份"]),
    )


# The most people one area of a level can hold (the largest 行政村 and 乡镇 stay well below);
# more, or nobody, is a typo or an ID number pasted into the column.
MAX_POPULATION: dict[str, int] = {"village": 100_000, "township": 2_000_000, "county": 20_000_000}


def check_plausible(level: str, population: int) -> None:
    """Raises implausible_population unless 1 ≤ population ≤ the maximum of `level`."""
    limit = MAX_POPULATION[level]
    if not 1 <= population <= limit:
        raise ParseError("implausible_population", level, limit=limit)


class CheckedVillage(BaseModel):
    """A village a field check visited (declared so villages where nothing was found count)."""

    model_config = ConfigDict(extra="ignore", title="checked", frozen=True)

    village_code: Annotated[str, cell(parse_village_code)] = Field(
        description="统计用区划代码 of a checked village",
        json_schema_extra=meta(
            ["统计用区划代码", "村(居)代码", "村代码", "区划代码"], required=True
        ),
    )
