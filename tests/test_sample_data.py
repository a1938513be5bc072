"""The whole sample county (register, fee ledger, field check, population) gives the
figures sample_data/README.md promises, and the generator reproduces the files."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import ROOT, compute, row

S = ROOT / "sample_data"
FILES = [S / "births.csv", S / "fees.csv", f"survey:{S / 'survey.csv'}",
         f"checked:{S / 'checked.csv'}", S / "population.csv"]


@pytest.fixture(scope="module")
def county() -> object:
    return compute(FILES, year="2012", by=["township"])  # type: ignore[arg-type]


def test_fee_ledger_figures(county: object) -> None:
    assert row(county, "fee_cases")["value"] == 140  # type: ignore[arg-type]
    assert row(county, "fee_assessed_amount")["value"] == 10_401_000.00  # type: ignore[arg-type]
    assert row(county, "fee_collected_amount")["value"] == 7_160_000.00  # type: ignore[arg-type]
    rate = row(county, "fee_collection_rate")  # type: ignore[arg-type]
    assert round(rate["value"], 2) == 68.84
    settle = row(county, "fee_case_settlement_rate")  # type: ignore[arg-type]
    assert (settle["numerator"], settle["denominator"]) == (45, 139)
    assert row(county, "fee_enforcement_cases")["value"] == 10  # type: ignore[arg-type]


def test_field_check_figures(county: object) -> None:
    assert row(county, "checked_villages")["value"] == 6  # type: ignore[arg-type]
    assert row(county, "survey_births")["value"] == 155  # type: ignore[arg-type]
    u = row(county, "underreport_rate")  # type: ignore[arg-type]
    assert (u["numerator"], u["denominator"], round(u["value"], 2)) == (11, 155, 7.10)
    assert row(county, "unconfirmed_births")["value"] == 0  # type: ignore[arg-type]
    for ind, n in (("sex_error_rate", 2), ("order_error_rate", 2), ("date_error_rate", 3),
                   ("policy_error_rate", 1)):
        r = row(county, ind)  # type: ignore[arg-type]
        assert (r["numerator"], r["denominator"]) == (n, 144), ind
    assert round(row(county, "reporting_accuracy_rate")["value"], 2) == 92.90  # type: ignore[arg-type]


def test_population_figures(county: object) -> None:
    r = row(county, "crude_birth_rate")  # type: ignore[arg-type]
    assert (r["numerator"], r["denominator"]) == (1562, 188_200)
    assert round(r["value"], 2) == 8.30
    t = row(county, "crude_birth_rate", "township", "420525100")  # type: ignore[arg-type]
    assert (t["numerator"], t["denominator"]) == (388, 53_412)


def test_the_generator_reproduces_the_committed_files(tmp_path: object) -> None:
    before = {p.name: p.read_bytes() for p in S.glob("*.csv")}
    subprocess.run([sys.executable, str(S / "make_sample.py")], check=True, capture_output=True,
                   cwd=ROOT)
    after = {p.name: p.read_bytes() for p in S.glob("*.csv")}
    assert before == after
