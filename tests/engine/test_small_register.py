"""The hand-computed register of tests/data in three encodings (see make_fixtures.py).

Statistical year 2023 (2022-10-01..2023-09-30), by birth date:
used rows 1–6, 8, 9 → 8 births; male 1, 3, 5 = 3; female 2, 4, 6, 9 = 4; unknown 8 = 1.
in policy 1, 2, 5, 6, 8, 9 = 6 → 75%; order 1: 1, 5, 6, 9 = 4; order 2: 2, 3, 8 = 3;
order 3: 4 = 1 (out of policy); in-policy order 2: 2, 8. Row 10 duplicates row 2; row 7
is born 2022-09-30 (statistical year 2022); rows 11 (check digit) and 12 (5/1/2023) are
rejected; a blank row and a 合计 row are skipped.
"""

from __future__ import annotations

import pytest
from statsmodels.stats.proportion import proportion_confint

from jisheng_cli.errors import InputError
from jisheng_cli.periods import Period
from tests.data import make_fixtures
from tests.helpers import DATA, compute, row

FILES = {
    "births_small.gb18030.csv": "gb18030",
    "births_small.utf8bom.csv": "utf-8-sig",
    "births_small.utf16.csv": "utf-16",
}


def test_fixture_files_match_their_generator() -> None:
    for name, encode in make_fixtures.FILES.items():
        assert (DATA / name).read_bytes() == encode(make_fixtures.text()), name


@pytest.mark.parametrize("name", FILES)
def test_totals_in_every_encoding(name: str) -> None:
    out = compute([DATA / name], year="2023")
    inp = out.report.inputs[0]
    assert inp.encoding == FILES[name]
    assert (inp.rows_read, inp.rows_used, inp.rows_rejected, inp.rows_duplicate,
            inp.rows_out_of_period, inp.rows_skipped_blank) == (14, 8, 2, 1, 1, 2)
    assert inp.reconciles()
    expect = {
        "births_total": 8, "births_male": 3, "births_female": 4, "births_sex_unknown": 1,
        "out_of_policy_births": 2, "duplicate_records": 1,
    }
    for ind, value in expect.items():
        r = row(out, ind)
        assert r["numerator"] == r["value"] == value
        assert r["denominator"] is None and r["ci_low"] is None
    rates = {
        "policy_conformance_rate": (6, 8), "first_birth_rate": (4, 8),
        "second_birth_rate": (3, 8), "multichild_rate": (1, 8),
        "second_birth_conformance_rate": (2, 3), "out_of_policy_multichild_rate": (1, 8),
        "duplicate_rate": (1, 9),
    }
    for ind, (num, den) in rates.items():
        r = row(out, ind)
        assert (r["numerator"], r["denominator"]) == (num, den), ind
        assert r["value"] == num / den * 100
        low, high = proportion_confint(num, den, alpha=0.05, method="wilson")
        assert r["ci_low"] == pytest.approx(low * 100, abs=1e-9)
        assert r["ci_high"] == pytest.approx(high * 100, abs=1e-9)
        assert r["note"] == "small"  # every denominator is below 20
    srb = row(out, "sex_ratio_at_birth")
    assert (srb["numerator"], srb["denominator"], srb["value"]) == (3, 4, 75.0)
    assert (srb["target_min"], srb["target_max"]) == (103.0, 107.0)
    assert srb["status"] == "missed" and srb["gap"] == 75.0 - 103.0
    assert row(out, "sex_ratio_order3plus")["value"] == 0.0  # 0 boys, 1 girl


def test_levels_and_names() -> None:
    out = compute([DATA / "births_small.gb18030.csv"], year="2023",
                  by=["county", "township", "village"])
    assert row(out, "births_total", "county", "420525")["value"] == 8
    assert row(out, "births_total", "county", "420525")["group_name"] == "远安县"
    town = row(out, "births_total", "township", "420525100")
    assert (town["value"], town["group_name"]) == (6, "鸣凤镇")
    assert row(out, "births_total", "township", "420525101")["value"] == 2
    yi = row(out, "births_total", "village", "420525100202")
    assert (yi["value"], yi["group_name"]) == (2, "乙村")
    # the duplicate belongs to 甲村, the village of the record kept
    assert row(out, "duplicate_records", "village", "420525100201")["value"] == 1
    order = [(r.group_level, r.group_code) for r in out.report.rows
             if r.indicator == "births_total"]
    assert order == [
        ("total", None), ("county", "420525"), ("township", "420525100"),
        ("village", "420525100201"), ("village", "420525100202"),
        ("township", "420525101"), ("village", "420525101201"),
    ]


def test_by_year_gives_each_year_and_the_pooled_total() -> None:
    out = compute([DATA / "births_small.gb18030.csv"], by=["township", "year"])
    totals = [(r.year, r.value) for r in out.report.rows
              if r.indicator == "births_total" and r.group_level == "total"]
    assert totals == [(None, 9), (2022, 1), (2023, 8)]
    assert row(out, "births_total", "township", "420525100", 2022)["value"] == 1
    assert row(out, "births_total", "township", "420525100", 2023)["value"] == 6


def test_out_of_policy_multichild_denominator_setting() -> None:
    all_births = compute([DATA / "births_small.gb18030.csv"], year="2023")
    multichild = compute([DATA / "births_small.gb18030.csv"], year="2023",
                         definitions={"out_of_policy_multichild_denominator": "multichild_births"})
    a = row(all_births, "out_of_policy_multichild_rate")
    m = row(multichild, "out_of_policy_multichild_rate")
    assert (a["numerator"], a["denominator"], a["value"]) == (1, 8, 12.5)
    assert (m["numerator"], m["denominator"], m["value"]) == (1, 1, 100.0)


def test_period_basis_report_date() -> None:
    # By report date: row 7 (born 2022-09-30, reported 2022-10-08) moves into 2023 and
    # row 9 (reported 2023-10-10) moves out; the duplicate keeps row 2's period.
    out = compute([DATA / "births_small.gb18030.csv"], year="2023",
                  definitions={"period_basis": "report_date"})
    assert row(out, "births_total")["value"] == 8
    assert row(out, "births_male")["value"] == 4
    assert row(out, "births_female")["value"] == 3
    assert row(out, "duplicate_records")["value"] == 1
    assert out.report.inputs[0].rows_out_of_period == 1


def test_explicit_period_and_empty_period() -> None:
    from datetime import date

    out = compute([DATA / "births_small.gb18030.csv"],
                  period=Period(date(2023, 1, 1), date(2023, 3, 31)))
    assert row(out, "births_total")["value"] == 4  # rows 2, 3, 4, 8
    # A year asked for without a record is an input problem (issue 10), not zero rows.
    # The valid rows are 序号 1–9 (11 and 12 are rejected, 10 is a duplicate): from
    # 2022-09-30 (序号 7) to 2023.9.30 (序号 6).
    with pytest.raises(InputError) as e:
        compute([DATA / "births_small.gb18030.csv"], year="2030")
    assert e.value.code == "no_records_in_period" and e.value.exit_code == 3
    assert e.value.text("en", with_path=False) == (
        "no records in 2029-10-01 … 2030-09-30; the data covers 2022-09-30 … 2023-09-30")


def test_min_denominator_and_confidence_settings() -> None:
    out = compute([DATA / "births_small.gb18030.csv"], year="2023",
                  definitions={"min_denominator": 5, "confidence": 0.9})
    r = row(out, "policy_conformance_rate")
    assert r["note"] is None
    low, _high = proportion_confint(6, 8, alpha=0.1, method="wilson")
    assert r["ci_low"] == pytest.approx(low * 100, abs=1e-9)
    assert row(out, "second_birth_conformance_rate")["note"] == "small"  # 3 < 5


def test_findings_rows_codes_and_masking() -> None:
    out = compute([DATA / "births_small.gb18030.csv"], year="2023")
    got = [(f.row, f.column, f.code, f.severity) for f in out.findings]
    # title = row 1, header = row 2, record n = row n + 2
    assert got == [
        (12, "mother_id", "duplicate", "duplicate"),
        (13, "mother_id", "id_check_digit", "error"),
        (14, "child_birth_date", "ambiguous_date", "error"),
    ]
    bad = out.findings[1]
    assert bad.value is not None and bad.value.startswith("420525") and "*" in bad.value
    assert bad.value[6:14] == "********"
    clear = compute([DATA / "births_small.gb18030.csv"], year="2023",
                    show_personal_data=True).findings[1]
    assert clear.value is not None and "*" not in clear.value and len(clear.value) == 18


def test_targets_gap_and_status() -> None:
    out = compute([DATA / "births_small.gb18030.csv"], year="2023",
                  targets={"policy_conformance_rate": {"min": 92, "source": "plan"},
                           "multichild_rate": {"max": 20},
                           "first_birth_rate": {"min": 40, "max": 45}})
    p = row(out, "policy_conformance_rate")
    assert (p["target_min"], p["target_source"], p["gap"]) == (92.0, "plan", 75.0 - 92)
    # the Wilson interval of 6/8 reaches above 92: missed, but not significantly
    assert p["ci_high"] > 92 and p["status"] == "missed"
    m = row(out, "multichild_rate")
    assert (m["gap"], m["status"]) == (20 - 12.5, "met")
    f = row(out, "first_birth_rate")
    assert f["gap"] == 45 - 50.0 and f["status"] == "missed"
    sig = compute([DATA / "births_small.gb18030.csv"], year="2023",
                  targets={"policy_conformance_rate": {"min": 99}})
    assert row(sig, "policy_conformance_rate")["status"] == "missed_significant"
