"""Crude birth rates per 1,000: levels a population file supports, pooled years, coverage."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from jisheng_cli.errors import InputError
from jisheng_cli.periods import Period
from jisheng_cli.pipeline import Outcome
from jisheng_cli.records.ids import calc_check_digit
from tests.helpers import compute, row


def _register(write_csv: Callable[..., Path], n: int, code: str = "442000103201",
              start: str = "2010-01") -> Path:
    lines = []
    for i in range(n):
        year = 1980 + int(code[6:9]) % 10 + int(start[:4]) % 7  # distinct mothers per file
        first17 = f"442000{year}{1 + i % 12:02d}{1 + i % 28:02d}{(i % 500) * 2:03d}"
        mid = first17 + calc_check_digit(first17)
        lines.append(f"{code},横栏镇,新茂村,x,{mid},{start}-{1 + i % 28:02d},男,1,政策内")
    return write_csv(lines, name=f"births_{code}_{start}.csv")


def test_henglan_crude_birth_rate(write_csv: Callable[..., Path]) -> None:
    """横栏镇 half-year 2010: 436 births, 57,727 residents → 7.55‰ (not annualised)."""
    births = _register(write_csv, 436)
    pop = write_csv(["442000103000,横栏镇,57727"], header="统计用区划代码,乡镇,人口数",
                    name="pop.csv")
    out = compute([births, pop], period=Period(date(2010, 1, 1), date(2010, 6, 30)),
                  by=["county", "township", "village"])
    r = row(out, "crude_birth_rate", "township", "442000103")
    assert (r["numerator"], r["denominator"]) == (436, 57727)
    assert round(r["value"], 2) == 7.55
    # Births of 2010-01-01 … 2010-01-28 only: they end 153 days before the half-year
    # asked (to 2010-06-30) does, so the rows are also `partial` (issue 10).
    assert r["note"] == "part-year period, not annualised; partial"
    assert row(out, "crude_birth_rate", "county", "442000")["value"] == r["value"]
    assert row(out, "crude_birth_rate")["value"] == r["value"]
    village = row(out, "crude_birth_rate", "village", "442000103201")
    assert village["value"] is None
    assert village["note"] == "population is given by township; partial"


def test_pooled_years_divide_by_the_sum_of_yearly_populations(
    write_csv: Callable[..., Path],
) -> None:
    a = _register(write_csv, 30, start="2011-03")  # statistical year 2011
    b = _register(write_csv, 50, start="2012-03")  # statistical year 2012
    pop = write_csv(["442000103000,2011,10000", "442000103000,2012,12000"],
                    header="统计用区划代码,统计年度,年平均人口", name="pop.csv")
    pooled = compute([a, b, pop], year="2011..2012")
    r = row(pooled, "crude_birth_rate")
    assert (r["numerator"], r["denominator"]) == (80, 22000)
    # Births of 2011-03-01 … 2012-03-28: 2011 starts 151 days late, 2012 ends 186 days
    # early, so the pooled rows are `partial` (issue 10); nothing else is noted.
    assert r["value"] == pytest.approx(80 / 22000 * 1000) and r["note"] == "partial"
    by_year = compute([a, b, pop], year="2011..2012", by=["year"])
    assert row(by_year, "crude_birth_rate", year=2011)["value"] == pytest.approx(3.0)
    assert row(by_year, "crude_birth_rate", year=2012)["value"] == pytest.approx(50 / 12)
    missing = compute([a, b, pop], year="2011..2013")
    m = row(missing, "crude_birth_rate")
    assert m["value"] is None
    assert m["note"] == "population not given for every township; partial"


def test_a_township_without_population_leaves_the_county_null(
    write_csv: Callable[..., Path],
) -> None:
    a = _register(write_csv, 30, code="442000103201", start="2012-03")
    b = _register(write_csv, 20, code="442000104201", start="2012-03")
    pop = write_csv(["442000103000,10000"], header="统计用区划代码,人口数", name="pop.csv")
    out = compute([a, b, pop], year="2012", by=["township"])
    assert row(out, "crude_birth_rate", "township", "442000103")["value"] == 3.0
    t = row(out, "crude_birth_rate", "township", "442000104")
    # Births of March 2012 only: statistical year 2012 is also `partial` (issue 10).
    assert t["value"] is None
    assert t["note"] == "population not given for every township; partial"
    assert row(out, "crude_birth_rate")["value"] is None


# ---- implausible populations: rejected, never a denominator -----------------------------

def _findings(out: Outcome, name: str = "pop.csv") -> list[tuple[object, ...]]:
    return [(f.row, f.column, f.code, f.severity, f.value, f.variant, dict(f.params))
            for f in out.findings if f.file.endswith(name)]


LIMITS = [  # level, the code of an area at the limit, of one just over it, the limit
    ("village", "442000103201", "442000103202", 100_000),
    ("township", "442000103000", "442000104000", 2_000_000),
    ("county", "442000000000", "442001000000", 20_000_000),
]


@pytest.mark.parametrize(("level", "at", "over", "limit"), LIMITS, ids=[x[0] for x in LIMITS])
def test_the_limit_is_accepted_one_more_is_rejected(
    write_csv: Callable[..., Path], level: str, at: str, over: str, limit: int
) -> None:
    births = _register(write_csv, 30, start="2012-03")
    pop = write_csv([f"{at},{limit}", f"{over},{limit + 1}"], header="统计用区划代码,人口数",
                    name="pop.csv")
    out = compute([births, pop], year="2012", by=[level])
    summary = out.report.inputs[1]
    assert (summary.rows_used, summary.rows_rejected) == (1, 1)
    assert _findings(out) == [
        (3, "population", "implausible_population", "error", str(limit + 1), level,
         {"limit": limit}),
    ]
    # The message names the level's limit, with thousands separators as reports write it.
    (found,) = [f for f in out.findings if f.file.endswith("pop.csv")]
    assert f"a {level} population of zero or over {limit:,} people" in found.message("en")
    # 30 births in 442000103201, which lies in the accepted area: 30 / limit × 1,000.
    r = row(out, "crude_birth_rate", level, {"village": at, "township": at[:9],
                                              "county": at[:6]}[level])
    assert (r["numerator"], r["denominator"]) == (30, limit)
    assert r["value"] == pytest.approx(30 / limit * 1000)


def test_a_population_of_zero_is_rejected(write_csv: Callable[..., Path]) -> None:
    births = _register(write_csv, 30, start="2012-03")
    pop = write_csv(["442000103000,10000", "442000104000,0"], header="统计用区划代码,人口数",
                    name="pop.csv")
    out = compute([births, pop], year="2012")
    assert out.report.inputs[1].rows_rejected == 1
    assert _findings(out) == [
        (3, "population", "implausible_population", "error", "0", "township",
         {"limit": 2_000_000}),
    ]


ID_AS_COUNT = "420525198801011234"  # 18 digits: an ID number, read as 4.2 × 10¹⁷ people


@pytest.mark.parametrize(("show", "value"), [(False, "420525********1234"), (True, ID_AS_COUNT)])
def test_an_id_number_as_a_population_is_rejected_and_masked(
    write_csv: Callable[..., Path], show: bool, value: str
) -> None:
    births = _register(write_csv, 30, start="2012-03")
    pop = write_csv(["442000103000,10000", f"442000104000,{ID_AS_COUNT}"],
                    header="统计用区划代码,人口数", name="pop.csv")
    out = compute([births, pop], year="2012", show_personal_data=show)
    assert out.report.inputs[1].rows_rejected == 1
    assert _findings(out) == [
        (3, "population", "implausible_population", "error", value, "township",
         {"limit": 2_000_000}),
    ]


def test_a_file_of_implausible_populations_only_is_not_usable(
    write_csv: Callable[..., Path],
) -> None:
    births = _register(write_csv, 30, start="2012-03")
    pop = write_csv(["442000103000,0", f"442000104000,{ID_AS_COUNT}"],
                    header="统计用区划代码,人口数", name="pop.csv")
    with pytest.raises(InputError, match="no usable population row") as info:
        compute([births, pop], year="2012")
    assert info.value.exit_code == 3
