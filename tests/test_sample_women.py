"""The women's sample files (women.csv, procedures.csv, women_survey.csv) give the figures of
docs/women.md's worked example "远安县, statistical year 2012", recomputed independently of
jisheng by sample_data/women_figures.py, and make_women.py rewrites them byte for byte."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import ROOT

S = ROOT / "sample_data"
FILES = ("women.csv", "procedures.csv", "women_survey.csv")


def _module(name: str) -> ModuleType:
    if str(S) not in sys.path:
        sys.path.insert(0, str(S))
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def f() -> dict[str, Any]:
    make_women = _module("make_women")
    figures: dict[str, Any] = make_women.recompute(S, S / "births.csv")
    return figures


def test_rows_are_accounted_for(f: dict[str, Any]) -> None:
    # 44,766 read = 2 skipped (blank, 合计) + 4 rejected + 1 duplicate + 1,024 aged 50+ + 43,735
    assert (f["read"], f["skipped"], f["rejected"], f["duplicate"]) == (44766, 2, 4, 1)
    assert (f["out_of_scope"], f["aged_50"], f["used"]) == (1024, 1024, 43735)
    assert 2 + 4 + 1 + 1024 + 43735 == f["read"]
    # one each: a bad check digit, a male ID (digit 17 odd), method 待定, a date after --as-of
    assert [f[f"rejected_{k}"] for k in ("id", "male", "method", "date")] == [1, 1, 1, 1]


def test_married_stock(f: dict[str, Any]) -> None:
    assert f["married"] == 36024 + 6048 + 1043 == 43115
    assert f["residence"] == {"local": 36024, "outflow": 6048, "inflow": 1043}
    assert list(f["townships"].values()) == [12236, 5449, 6256, 6681, 4792, 4180, 3521]
    assert f["villages"] == 117
    # stock women 43,735 = 43,115 married + 380 divorced + 240 widowed
    assert (f["divorced"], f["widowed"], f["stock_women"]) == (380, 240, 43735)
    assert f["mothers_missing"] == 0 and f["mothers_elsewhere"] == 0


def test_prevalence_and_method_mix(f: dict[str, Any]) -> None:
    assert f["users"] == 39084
    assert round(f["prevalence"], 2) == 90.65  # 39,084 / 43,115 = 90.6506
    assert f["eligible"] == 43115 - 412 - 203 == 42500
    assert round(f["prevalence_eligible"], 2) == 91.96  # 39,084 / 42,500 = 91.9624
    # long-acting 1,245 + 13,620 + 18,310 + 1,020 = 34,195; / 43,115 = 79.3111
    assert f["long_acting"] == 34195 and round(f["long_acting_rate"], 2) == 79.31
    assert f["mix"] == {"vasectomy": 1245, "tubal": 13620, "iud": 18310, "implant": 1020,
                        "pill": 540, "injection": 215, "condom": 4010, "spermicide": 96,
                        "other": 28}
    shares = {k: round(v, 2) for k, v in f["shares"].items()}
    assert shares == {"vasectomy": 3.19, "tubal": 34.85, "iud": 46.85, "implant": 2.61,
                      "pill": 1.38, "injection": 0.55, "condom": 10.26, "spermicide": 0.25,
                      "other": 0.07}  # e.g. 1,245 / 39,084 = 3.1854
    assert f["non_users"] == {"pregnant": 1032, "postpartum": 846, "awaiting": 905,
                              "menopause": 412, "infertile": 203, "": 633}
    assert f["blank_none"] == 25


def test_row_warnings_built_in(f: dict[str, Any]) -> None:
    assert f["sterilised_no_children"] == 2 and f["excluded_but_using"] == 3
    assert f["two_methods"] == 6 and f["pill_or_injection"] == 12
    assert f["reason_is_marital_status"] == 2 and f["stale"] == 7 and f["legacy_ids"] == 6


def test_checks_certificates_contacts(f: dict[str, Any]) -> None:
    assert f["checked"] == 42376 and round(f["rh_rate"], 2) == 98.29  # 42,376 / 43,115
    # due = 43,115 less 14,215 sterilised before 2011-10-01 (14,865 - 650 in SY2012)
    assert f["sterilised_sy2012"] == 650 and f["due"] == 43115 - (1245 + 13620 - 650) == 28900
    assert f["due_checked"] == 28324 and round(f["check_rate"], 2) == 98.01  # 98.0069
    assert (f["certificates"], f["contacts"], f["outflow"]) == (6013, 5866, 6048)
    assert round(f["certificate_rate"], 2) == 99.42  # 6,013 / 6,048 = 99.4213
    assert round(f["contact_rate"], 2) == 96.99  # 5,866 / 6,048 = 96.9907
    assert (f["inflow_checked"], f["inflow"]) == (1011, 1043)
    assert round(f["inflow_rate"], 2) == 96.93  # 1,011 / 1,043 = 96.9319


def test_timely_long_acting(f: dict[str, Any]) -> None:
    assert (f["timely"], f["timely_due"]) == (281, 335)
    assert round(f["timely_rate"], 2) == 83.88  # 281 / 335 = 83.8806
    assert (f["timely_bip"], f["timely_bip_due"]) == (254, 301)
    assert round(f["timely_bip_rate"], 2) == 84.39  # 254 / 301 = 84.3854


def test_procedures(f: dict[str, Any]) -> None:
    assert f["procedures"] == {"abortion": 312, "induced_labour": 32, "iud_insertion": 2105,
                               "vasectomy": 38, "tubal": 612, "implant_insertion": 140,
                               "iud_removal": 1210, "implant_removal": 25}
    assert f["operations"] == 4474 and f["procedures_other_years"] > 0
    assert f["four_operations"] == 38 + 612 + 2105 + 312 + 32 == 3099
    assert f["complications"] == 2 and round(f["complication_rate"], 2) == 0.45  # 0.4470‰
    assert (f["procedures_rows"]["rejected"], f["procedures_rows"]["duplicate"]) == (1, 1)
    assert f["procedures_strangers"] == 0
    # 出生人流比 (312 + 32) / 1,562 = 0.2202, 1:4.5407; 人工流产率 344 / 43,735 = 7.8656‰
    assert f["births_sy2012"] == 1562 and f["abortions"] == 344
    assert round(f["abortion_birth_ratio"], 2) == 0.22
    assert round(f["births_per_abortion"], 2) == 4.54
    assert round(f["abortion_rate"], 2) == 7.87
    assert round(f["abortion_rate_married"], 2) == 7.98  # 344 / 43,115 = 7.9787‰


def test_field_check(f: dict[str, Any]) -> None:
    assert list(f["survey_found"].values()) == [684, 657, 711, 629, 657, 602]
    assert list(f["survey_new"].values()) == [29, 29, 15, 14, 44, 29]
    assert (f["pairs"], f["survey_women"]) == (3940, 4100)
    assert round(f["computerised_rate"], 2) == 96.10  # 3,940 / 4,100 = 96.0976
    assert f["survey_errors"] == {"marital": 58, "method": 241, "residence": 118}
    # 3,940 - (58 + 241 + 118) = 3,523 pairs right; 3,523 / 3,940 = 89.4162
    assert round(f["accuracy_rate"], 2) == 89.42
    # fields 3 × 3,940 = 11,820, 11,403 right: 96.4721
    assert round(f["accuracy_fields"], 2) == 96.47


@given(st.sampled_from(["", "无", "避孕套", "上环", "女扎", "男扎", "口服药", "皮埋"]),
       st.sampled_from(["", "无", "男扎", "结扎", "避孕套", "外用药"]))
def test_effective_method_reads_fixed(her: str, his: str) -> None:
    fig = _module("women_figures")
    method, two = fig.effective(her, his)
    mine = fig.METHOD[her] if her else "none"
    husband = fig.METHOD[his] if his else "none"
    husband = "vasectomy" if husband == "tubal" else husband  # his 结扎 is a vasectomy
    if mine == "none":
        assert (method, two) == (husband, False)
    elif husband in ("none", mine):
        assert (method, two) == (mine, False)
    else:
        assert two and method == min(mine, husband, key=fig.PREFERENCE.index)


def test_the_generator_rewrites_the_committed_files(tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in S.glob("*.csv")}
    subprocess.run([sys.executable, str(S / "make_women.py"), str(tmp_path)], check=True,
                   capture_output=True, cwd=ROOT)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == before[name], name
    assert {p.name: p.read_bytes() for p in S.glob("*.csv")} == before  # nothing else touched
