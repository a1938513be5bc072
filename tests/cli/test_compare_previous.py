"""`indicators --compare-previous` (issue 13, 同比 as data): the compare fields of the JSON
and the long layout, field by field, on a register of two statistical years built here."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from pathlib import Path
from statistics import NormalDist
from typing import Any

import pytest

from tests.helpers import HEADER, birth, mother

from .helpers import AS_OF, EN, ROW_FIELDS, Run, assert_one_error_line, run_cli

A, B = "420525100201", "420525100202"
COMPARE = ["previous", "change", "change_ci_low", "change_ci_high", "change_significant",
           "change_method"]


def _dates(year: int) -> list[str]:
    # Spread over statistical year `year` (1 Oct year−1 … 30 Sep year), so none is partial.
    return [f"{year - 1}-10-05", f"{year - 1}-12-10", f"{year}-03-15", f"{year}-06-20",
            f"{year}-09-25"]


# (village, statistical year): (births, in policy, boys); the rest are girls, out of policy.
REGISTER = {
    (A, 2011): (10, 7, 6), (A, 2012): (10, 9, 5),
    (B, 2011): (10, 10, 4), (B, 2012): (30, 29, 16),
}
# Totals: 2011: 20 births, 17 in policy (85%), 10 boys and 10 girls (100);
#         2012: 40 births, 38 in policy (95%), 21 boys and 19 girls (110.526…).


def _lines() -> list[str]:
    lines, n = [], 0
    for (code, year), (births, in_policy, boys) in REGISTER.items():
        dates = _dates(year)
        for i in range(births):
            lines.append(birth(code, mother(n), dates[i % 5], "男" if i < boys else "女", "1",
                               "政策内" if i < in_policy else "政策外"))
            n += 1
    return lines


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("compare")
    (work / "births.csv").write_text("\n".join([HEADER, *_lines()]) + "\n", encoding="utf-8")
    return work


@pytest.fixture(scope="module")
def two_years(workdir: Path) -> Callable[..., Run]:
    cache: dict[tuple[str, ...], Run] = {}

    def runner(*args: str) -> Run:
        full = ("indicators", "births.csv", *AS_OF,
                "--indicators", "births_total,policy_conformance_rate,sex_ratio_at_birth", *args)
        if full not in cache:
            cache[full] = run_cli(full, workdir)
        return cache[full]

    return runner


def _rows(run: Run) -> list[dict[str, Any]]:
    assert run.code == 0, str(run)
    return run.json()["rows"]  # type: ignore[no-any-return]


def _row(rows: list[dict[str, Any]], indicator: str, level: str = "total",
         code: str | None = None, year: int | None = 2012) -> dict[str, Any]:
    found = [r for r in rows if r["indicator"] == indicator and r["group_level"] == level
             and r["group_code"] == code and r["year"] == year]
    assert len(found) == 1, (indicator, level, code, year, found)
    return found[0]


# Written out from the formulas (docs/report.md "同比"), not from the code under test.
Z = NormalDist().inv_cdf(0.975)  # 1.959964


def wilson(k: int, n: int) -> tuple[float, float]:
    """(k + z²/2 ± z·√(k(n−k)/n + z²/4)) ÷ (n + z²)."""
    centre, half = k + Z * Z / 2, Z * math.sqrt(k * (n - k) / n + Z * Z / 4)
    return (centre - half) / (n + Z * Z), (centre + half) / (n + Z * Z)


def newcombe(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float]:
    p1, p2 = k1 / n1, k2 / n2
    (l1, u1), (l2, u2) = wilson(k1, n1), wilson(k2, n2)
    d = p1 - p2
    return (d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


def poisson_equal(x1: int, x2: int) -> float:
    """Two-sided p of x1 against x2 at equal exposure: X ~ Binomial(x1 + x2, 1/2), whose
    outcomes no more likely than x1 are the two tails beyond |x1 − x2| / 2 from the middle."""
    n, lo = x1 + x2, min(x1, x2)
    return min(1.0, 2 * sum(math.comb(n, k) for k in range(lo + 1)) / 2**n)


def test_json_total_field_by_field(two_years: Callable[..., Run]) -> None:
    rows = _rows(two_years("--year", "2012", "--by", "village", "--compare-previous",
                           "--format", "json"))
    births = _row(rows, "births_total")
    # 40 against 20: p = 2·Σ_{k≤20} C(60, k) / 2⁶⁰ = 0.0135 < 0.05.
    assert poisson_equal(40, 20) == pytest.approx(0.01349, abs=5e-6)
    assert {k: births[k] for k in COMPARE} == {
        "previous": 20, "change": 20, "change_ci_low": None, "change_ci_high": None,
        "change_significant": True, "change_method": "poisson_exact"}
    policy = _row(rows, "policy_conformance_rate")
    assert policy["value"] == pytest.approx(95.0) and policy["previous"] == pytest.approx(85.0)
    assert policy["change"] == pytest.approx(10.0, abs=1e-12)
    # 38/40 − 17/20: Wilson (0.8350, 0.9862) and (0.6396, 0.9476);
    #   low  = 0.1 − √((0.95 − 0.8350)² + (0.9476 − 0.85)²) = 0.1 − √0.022766 = −0.0509
    #   high = 0.1 + √((0.9862 − 0.95)² + (0.85 − 0.6396)²) = 0.1 + √0.045585 = 0.3135
    # in points ×100: (−5.09, 31.35), which holds 0.
    low, high = newcombe(38, 40, 17, 20)
    assert (round(low, 4), round(high, 4)) == (-0.0509, 0.3135)
    assert policy["change_ci_low"] == pytest.approx(low * 100, rel=1e-9)
    assert policy["change_ci_high"] == pytest.approx(high * 100, rel=1e-9)
    assert (policy["change_significant"], policy["change_method"]) == (False, "newcombe")
    ratio = _row(rows, "sex_ratio_at_birth")
    # 21/19 × 100 − 10/10 × 100 = 10.526…; male shares 21/40 and 10/20: no difference.
    assert ratio["previous"] == pytest.approx(100.0)
    assert ratio["change"] == pytest.approx(2100 / 19 - 100, rel=1e-12)
    assert newcombe(21, 40, 10, 20)[0] < 0 < newcombe(21, 40, 10, 20)[1]
    assert (ratio["change_ci_low"], ratio["change_ci_high"]) == (None, None)
    assert (ratio["change_significant"], ratio["change_method"]) == (False, "newcombe")


def test_json_village_field_by_field(two_years: Callable[..., Run]) -> None:
    rows = _rows(two_years("--year", "2012", "--by", "village", "--compare-previous",
                           "--format", "json"))
    a = _row(rows, "policy_conformance_rate", "village", A)
    # 9/10 − 7/10 = 20 points; Wilson (0.5958, 0.9821) and (0.3968, 0.8922):
    #   low  = 0.2 − √((0.9 − 0.5958)² + (0.8922 − 0.7)²) = 0.2 − √0.129451 = −0.1598
    #   high = 0.2 + √((0.9821 − 0.9)² + (0.7 − 0.3968)²) = 0.2 + √0.098688 = 0.5141
    low, high = newcombe(9, 10, 7, 10)
    assert (round(low, 4), round(high, 4)) == (-0.1598, 0.5141)
    assert (a["previous"], a["change"]) == (pytest.approx(70.0), pytest.approx(20.0))
    assert a["change_ci_low"] == pytest.approx(low * 100, rel=1e-9)
    assert a["change_ci_high"] == pytest.approx(high * 100, rel=1e-9)
    assert a["change_significant"] is False
    b = _row(rows, "births_total", "village", B)
    # 30 against 10: p = 2·Σ_{k≤10} C(40, k) / 2⁴⁰ = 0.0022.
    assert poisson_equal(30, 10) == pytest.approx(0.00222, abs=5e-6)
    assert (b["previous"], b["change"], b["change_significant"]) == (10, 20, True)
    b_ratio = _row(rows, "sex_ratio_at_birth", "village", B)
    # 16/14 × 100 − 4/6 × 100 = 114.2857 − 66.6667 = 47.619…
    assert b_ratio["change"] == pytest.approx(1600 / 14 - 400 / 6, rel=1e-12)


def test_the_extra_year_is_not_output(two_years: Callable[..., Run]) -> None:
    run = two_years("--year", "2012", "--by", "village", "--compare-previous",
                    "--format", "json")
    doc = run.json()
    assert doc["by"] == ["village", "year"]  # year added to --by
    assert doc["period"] == {"from": "2011-10-01", "to": "2012-09-30"}  # as asked
    rows = _rows(run)
    assert {r["year"] for r in rows} == {None, 2012}
    # The pooled total stands for the asked year alone (40 births, not 60); no year, so no
    # previous.
    pooled = _row(rows, "births_total", year=None)
    assert pooled["value"] == 40
    assert all(pooled[k] is None for k in COMPARE)
    # 2012 is whole, and the extra year is not judged.
    assert not any("partial" in (r["note"] or "") for r in rows)


def test_without_a_period_every_year_and_the_first_has_no_previous(
        two_years: Callable[..., Run]) -> None:
    rows = _rows(two_years("--compare-previous", "--format", "json"))
    assert {r["year"] for r in rows} == {None, 2011, 2012}
    first = _row(rows, "policy_conformance_rate", year=2011)
    assert first["value"] == pytest.approx(85.0)
    assert all(first[k] is None for k in COMPARE)
    second = _row(rows, "policy_conformance_rate", year=2012)
    assert (second["previous"], second["change"]) == (pytest.approx(85.0), pytest.approx(10.0))


def test_ndjson_carries_the_fields(two_years: Callable[..., Run]) -> None:
    run = two_years("--year", "2012", "--compare-previous", "--format", "ndjson")
    assert run.code == 0, str(run)
    rows = [json.loads(line) for line in run.text.splitlines()]
    assert list(rows[0]) == [*ROW_FIELDS, *COMPARE]


def test_without_the_option_no_field_appears(two_years: Callable[..., Run]) -> None:
    run = two_years("--year", "2012", "--by", "village", "--format", "json")
    doc = run.json()
    assert doc["by"] == ["village"]
    assert all(list(r) == ROW_FIELDS for r in doc["rows"])
    long_csv = two_years("--year", "2012", "--format", "csv", "--layout", "long")
    assert long_csv.text.splitlines()[0].split(",") == [*ROW_FIELDS, "label"]


def test_long_csv_carries_the_columns_rounded(two_years: Callable[..., Run]) -> None:
    run = two_years("--year", "2012", "--by", "village", "--compare-previous",
                    "--format", "csv", "--layout", "long")
    assert run.code == 0, str(run)
    table = list(csv.DictReader(io.StringIO(run.text)))
    assert list(table[0]) == [*ROW_FIELDS, "label", *COMPARE]
    policy = next(r for r in table if r["indicator"] == "policy_conformance_rate"
                  and r["group_level"] == "total" and r["year"] == "2012")
    # Points at 2 decimals: 85.00 → 95.00, +10.00, interval (−5.09, 31.35).
    assert {k: policy[k] for k in COMPARE} == {
        "previous": "85.00", "change": "10.00", "change_ci_low": "-5.09",
        "change_ci_high": "31.35", "change_significant": "false", "change_method": "newcombe"}
    births = next(r for r in table if r["indicator"] == "births_total"
                  and r["group_code"] == B and r["year"] == "2012")
    assert {k: births[k] for k in COMPARE} == {
        "previous": "10", "change": "20", "change_ci_low": "", "change_ci_high": "",
        "change_significant": "true", "change_method": "poisson_exact"}


def test_long_table_shows_the_change(two_years: Callable[..., Run]) -> None:
    run = two_years("--year", "2012", "--compare-previous", "--format", "table",
                    "--layout", "long", *EN)
    assert run.code == 0, str(run)
    assert "Previous" in run.text and "Change CI" in run.text
    # The width splits the table: the compare columns come in the second part.
    line = next(x for x in run.text.splitlines() if "2012" in x and "85.00" in x)
    assert line.split()[-5:] == ["85.00", "10.00", "[-5.09,", "31.35]", "no"]
    assert "Previous" not in two_years("--year", "2012", "--format", "table", "--layout",
                                       "long", *EN).text


def test_a_part_year_period_is_refused(two_years: Callable[..., Run]) -> None:
    run = two_years("--from", "2011-10-01", "--to", "2012-06-30", "--compare-previous")
    assert_one_error_line(run, 2, "--compare-previous 要求统计期为完整的统计年度")
    run = two_years("--from", "2011-11-01", "--compare-previous", *EN)
    assert_one_error_line(run, 2, "--compare-previous needs whole statistical years")


def test_an_asked_year_without_records_is_still_an_input_error(
        two_years: Callable[..., Run]) -> None:
    # 2013 has no record though 2012, read for its previous, has 40.
    run = two_years("--year", "2013", "--compare-previous", *EN)
    assert_one_error_line(run, 3, "no records in 2012-10-01 … 2013-09-30")


def test_parquet_types_the_columns(two_years: Callable[..., Run], workdir: Path) -> None:
    import pyarrow.parquet as pq

    run = two_years("--year", "2012", "--compare-previous", "-o", "compare.parquet")
    assert run.code == 0, str(run)
    table = pq.read_table(workdir / "compare.parquet")
    types = {f.name: str(f.type) for f in table.schema}
    assert [types[k] for k in COMPARE] == ["double", "double", "double", "double", "bool",
                                           "string"]
    rows = table.to_pylist()
    births = next(r for r in rows if r["indicator"] == "births_total" and r["year"] == 2012)
    assert (births["previous"], births["change"], births["change_significant"]) == (20, 20, True)


def test_xlsx_long_has_typed_numbers_and_words(two_years: Callable[..., Run],
                                               workdir: Path) -> None:
    import openpyxl

    run = two_years("--year", "2012", "--compare-previous", "--layout", "long",
                    "-o", "compare.xlsx")
    assert run.code == 0, str(run)
    sheet = openpyxl.load_workbook(workdir / "compare.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    head = list(rows[0])
    assert head[-6:] == COMPARE
    policy = next(r for r in rows[1:] if r[head.index("indicator")] == "policy_conformance_rate"
                  and r[head.index("year")] == 2012)
    # Numbers rounded at 2 decimals, the yes/no as text, as in csv.
    assert list(policy[-6:]) == [85, 10, -5.09, 31.35, "false", "newcombe"]


def test_a_partial_previous_year_is_told_on_the_row_compared(workdir: Path) -> None:
    # The file starts 2011-08-01, ten months into statistical year 2011 (2010-10-01 …):
    # that year is partial, so 2012's change compares a year with two months of one.
    short = [birth(A, mother(500 + i), d, "男", "1", "政策内")
             for i, d in enumerate(["2011-08-01", "2011-09-01", "2011-10-05", "2012-03-15",
                                    "2012-09-25"])]
    (workdir / "short.csv").write_text("\n".join([HEADER, *short]) + "\n", encoding="utf-8")
    for period in (["--year", "2012"], []):
        run = run_cli(("indicators", "short.csv", *AS_OF, "--indicators", "births_total",
                       "--compare-previous", "--format", "json", *period), workdir)
        row = _row(_rows(run), "births_total")
        assert (row["previous"], row["change"]) == (2, 1)
        assert row["note"] == "previous_partial", period
    both = _rows(run)
    assert _row(both, "births_total", year=2011)["note"] == "partial"
    # The whole two-year register has no partial year: no such note.
    whole = run_cli(("indicators", "births.csv", *AS_OF, "--indicators", "births_total",
                     "--compare-previous", "--year", "2012", "--format", "json"), workdir)
    assert _row(_rows(whole), "births_total")["note"] is None
