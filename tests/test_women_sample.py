"""docs/women.md's county figures, computed by jisheng from the sample files (远安县,
statistical year 2012, S = 2012-09-30), number by number, and their row accounting."""

from __future__ import annotations

import pytest

from jisheng_cli.pipeline import Outcome
from tests.helpers import ROOT, compute, row

SAMPLE = ROOT / "sample_data"
FILES = [SAMPLE / "births.csv", SAMPLE / "women.csv", SAMPLE / "procedures.csv",
         f"women_survey:{SAMPLE / 'women_survey.csv'}"]


@pytest.fixture(scope="module")
def county() -> Outcome:
    return compute(FILES, year="2012")


# (indicator, numerator, denominator, value at its display decimals)
FIGURES = [
    ("contraceptive_prevalence", 39084, 43115, 90.65),
    ("long_acting_rate", 34195, 43115, 79.31),
    ("abortion_birth_ratio", 344, 1562, 0.22),
    ("births_per_abortion", 1562, 344, 4.54),
    ("abortion_rate", 344, 43735, 7.87),
    ("reproductive_health_service_rate", 42376, 43115, 98.29),
    ("check_rate", 28324, 28900, 98.01),
    ("outflow_certificate_rate", 6013, 6048, 99.42),
    ("outflow_contact_rate", 5866, 6048, 96.99),
    ("inflow_check_rate", 1011, 1043, 96.93),
    ("timely_long_acting_rate", 281, 335, 83.88),
    ("complication_rate", 2, 4474, 0.45),
    ("computerised_management_rate", 3940, 4100, 96.10),
    ("record_accuracy_rate", 3523, 3940, 89.42),
]


@pytest.mark.parametrize(("indicator", "numerator", "denominator", "value"), FIGURES)
def test_county_figure(county: Outcome, indicator: str, numerator: int, denominator: int,
                       value: float) -> None:
    r = row(county, indicator)
    assert (r["numerator"], r["denominator"]) == (numerator, denominator)
    assert round(float(r["value"]), 2) == value


def test_counts_and_mix(county: Outcome) -> None:
    assert row(county, "married_women")["value"] == 43115  # 36,024 + 6,048 + 1,043
    assert row(county, "four_operations")["value"] == 3099
    assert row(county, "women_outside_scope")["value"] == 1024
    mix = compute(FILES[1:2], year="2012",
                  indicators=[f"method_share_{m}" for m in ("vasectomy", "tubal", "iud",
                                                            "implant", "pill", "injection",
                                                            "condom", "spermicide", "other")])
    shares = [round(float(r.value), 2) for r in mix.report.rows if r.group_level == "total"]
    assert shares == [3.19, 34.85, 46.85, 2.61, 1.38, 0.55, 10.26, 0.25, 0.07]


def test_settings_on_the_county(county: Outcome) -> None:
    eligible = compute(FILES, year="2012",
                       definitions={"prevalence_denominator": "married_eligible"})
    r = row(eligible, "contraceptive_prevalence")
    assert (r["numerator"], r["denominator"]) == (39084, 42500)  # 412 绝经 + 203 不孕 out
    assert round(float(r["value"]), 2) == 91.96
    married = compute(FILES, year="2012",
                      definitions={"abortion_rate_denominator": "married_women"})
    assert round(float(row(married, "abortion_rate")["value"]), 2) == 7.98
    births = compute(FILES, year="2012", definitions={"timely_basis": "birth_in_period"})
    r = row(births, "timely_long_acting_rate")
    assert (r["numerator"], r["denominator"]) == (254, 301)
    fields = compute(FILES, year="2012", definitions={"accuracy_basis": "fields"})
    r = row(fields, "record_accuracy_rate")
    assert (r["numerator"], r["denominator"]) == (11403, 11820)
    assert round(float(r["value"]), 2) == 96.47


def test_row_accounting(county: Outcome) -> None:
    women = next(i for i in county.report.inputs if i.kind == "women")
    # 44,766 = 2 skipped + 4 rejected + 1 duplicate + 1,024 out of scope + 43,735 used
    assert (women.rows_read, women.rows_skipped_blank, women.rows_rejected,
            women.rows_duplicate, women.rows_out_of_period, women.rows_used) == (
        44766, 2, 4, 1, 1024, 43735)
    assert women.reconciles()
    codes = sorted({f.code for f in county.findings if f.file.endswith("women.csv")
                    and f.severity == "error"})
    assert codes == ["date_in_future", "id_check_digit", "unknown_method_code", "woman_id_male"]
