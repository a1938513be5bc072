"""The stock date S = min(period end, --as-of): who is in the stock, married, a user, at
S; per-year stock dates with --by year; rows counted by whether a woman is ever in scope."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.helpers import compute, row
from tests.women_helpers import woman_id, write_women


def _women(tmp_path: Path, rows: list[dict[str, str]]) -> str:
    return f"women:{write_women(tmp_path / 'women.csv', rows)}"


def test_age_marriage_method_and_exit_at_s(tmp_path: Path) -> None:
    # S = 2012-09-30 (statistical year 2012).
    path = _women(tmp_path, [
        {"woman_id": woman_id("19620930", 2)},  # 50 on S: outside
        {"woman_id": woman_id("19621001", 4)},  # 49 on S (50 the day after): inside
        {"woman_id": woman_id("19970930", 6)},  # 15 on S: inside
        {"woman_id": woman_id("19971001", 8), "marital_status": "10"},  # 14: outside
        {"woman_id": woman_id("19800101", 2), "marriage_date": "2012-10-01"},  # married after S
        {"woman_id": woman_id("19800102", 4), "contraceptive_method": "上环",
         "method_date": "2012-10-02"},  # her IUD is dated after S: not a user at S
        {"woman_id": woman_id("19800103", 6), "contraceptive_method": "上环",
         "method_date": "2012-09-30"},  # dated on S: a user
        {"woman_id": woman_id("19800104", 8), "exit_date": "2012-09-30"},  # exited on S: out
        {"woman_id": woman_id("19800105", 2), "exit_date": "2012-10-01"},  # exits after S: in
    ])
    out = compute([path], year="2012", as_of=date(2026, 11, 22))
    # In the stock (15–49, not exited): rows 2, 3, 5, 6, 7, 9 = 6; married: all but row 5
    # (married after S) and row 3's 15-year-old is married (code 20) → 2, 3, 6, 7, 9 = 5.
    assert row(out, "married_women")["value"] == 5
    assert row(out, "women_outside_scope")["value"] == 3  # 50, 14, exited
    assert (row(out, "contraceptive_prevalence")["numerator"],
            row(out, "contraceptive_prevalence")["denominator"]) == (1, 5)
    summary = out.report.inputs[0]
    assert (summary.rows_used, summary.rows_out_of_period) == (6, 3)
    assert summary.women_outside_scope == 3


def test_as_of_inside_the_year_moves_s(tmp_path: Path) -> None:
    # --as-of 2012-06-30 inside SY2012: S = 2012-06-30, so a 上环 dated 2012-07-01 does
    # not count yet and a woman born 1962-07-01 is still 49.
    path = _women(tmp_path, [
        {"woman_id": woman_id("19620701", 2), "contraceptive_method": "上环",
         "method_date": "2012-05-01"},
        {"woman_id": woman_id("19800101", 4), "contraceptive_method": "上环",
         "method_date": "2012-07-01"},
    ])
    # method_date after --as-of is an error (date_in_future): only the first row counts.
    out = compute([path], year="2012", as_of=date(2012, 6, 30))
    assert row(out, "married_women")["value"] == 1
    assert row(out, "contraceptive_prevalence")["value"] == 100.0


def test_by_year_counts_each_year_at_its_own_s(tmp_path: Path) -> None:
    path = _women(tmp_path, [
        # Married in 2011-05: married stock at S2011 = 2011-09-30 and at S2012.
        {"woman_id": woman_id("19800101", 2), "marriage_date": "2011-05-01"},
        # Married 2012-01-01: only at S2012.
        {"woman_id": woman_id("19800102", 4), "marriage_date": "2012-01-01"},
        # Turns 50 on 2012-03-01: in the stock at S2011 only.
        {"woman_id": woman_id("19620301", 6)},
    ])
    out = compute([path], year="2011..2012", by=["total", "year"])
    assert row(out, "married_women", year=2011)["value"] == 2  # the first and the third
    assert row(out, "married_women", year=2012)["value"] == 2  # the first and the second
    # Without a year the period's S (2012-09-30) decides, not the sum of the years.
    assert row(out, "married_women")["value"] == 2
