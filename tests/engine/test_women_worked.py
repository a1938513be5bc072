"""docs/women.md's village of 10 women, indicator by indicator, and both settings of the
[definitions] keys that change a formula (S = 2012-09-30, statistical year 2012)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jisheng_cli.indicators.model import has_note
from jisheng_cli.pipeline import Outcome
from tests.helpers import compute, row
from tests.women_helpers import sources, write_village


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return sources(write_village(tmp_path_factory.mktemp("women")))


def _run(paths: list[str], **definitions: object) -> Outcome:
    return compute(paths, year="2012", definitions=definitions)


def _value(outcome: Outcome, indicator: str) -> tuple[object, object, object]:
    r = row(outcome, indicator)
    value = r["value"]
    return r["numerator"], r["denominator"], None if value is None else round(float(value), 2)


def test_every_indicator_of_the_example(village: list[str]) -> None:
    out = _run(village)
    v = {i: _value(out, i) for i in out.report.indicators}
    assert v["married_women"][0] == 8  # W1–W8 (W9 divorced, W10 turns 50 on S)
    assert v["women_outside_scope"][0] == 1  # W10
    assert v["contraceptive_prevalence"] == (6, 8, 75.0)  # W1–W6 use a method
    assert v["long_acting_rate"] == (4, 8, 50.0)  # 女扎, 上环, his 男扎, 皮埋
    assert v["check_rate"] == (4, 7, 57.14)  # W1 sterilised in 2008: not due
    assert v["reproductive_health_service_rate"] == (4, 8, 50.0)  # W4's check is 2011-09-15
    assert v["outflow_certificate_rate"] == (2, 2, 100.0)
    assert v["inflow_check_rate"] == (1, 2, 50.0)
    assert v["outflow_contact_rate"] == (1, 2, 50.0)  # W5's contact 2011-06-01 is too early
    assert v["four_operations"][0] == 4  # 放环, 男扎, 引产, 人流 (皮埋 and 取环 are not)
    assert v["complication_rate"] == (1, 6, 166.67)  # 1 ÷ 6 operations × 1000
    # `small` (6 operations); `partial` too: the fixture's births cover the year short.
    assert has_note(row(out, "complication_rate")["note"], "small")
    assert v["abortion_birth_ratio"] == (2, 4, 0.5)  # 引产 W6 + 人流 W9 ÷ 4 births of SY2012
    assert v["births_per_abortion"] == (4, 2, 2.0)
    assert v["abortion_rate"] == (2, 9, 222.22)  # ÷ W1–W9, any marital status
    assert v["timely_long_acting_rate"] == (2, 3, 66.67)  # W3 199 days ✗, W2 127 ✓, W4 65 ✓
    assert v["computerised_management_rate"] == (8, 9, 88.89)  # W11 is not registered
    assert v["record_accuracy_rate"] == (6, 8, 75.0)  # W2's method, W6's marital status
    assert v["method_error_rate"] == (1, 8, 12.5)
    assert v["marital_error_rate"] == (1, 8, 12.5)
    assert v["residence_error_rate"] == (0, 8, 0.0)
    assert v["method_date_error_rate"][1] == 0  # the check recorded no method dates
    assert v["women_missing_from_register"][0] == 1
    # W9 and W10 are in the village but not married stock: nobody left unconfirmed.
    assert v["women_unconfirmed"][0] == 0


def test_method_mix_sums_to_100(village: list[str]) -> None:
    ids = [f"method_share_{m}" for m in ("vasectomy", "tubal", "iud", "implant", "pill",
                                         "condom")]
    out = compute(village, year="2012", indicators=ids)
    for i in ids:
        assert _value(out, i) == (1, 6, 16.67)  # six users, one method each
    assert round(sum(16.67 for _ in ids), 2) == 100.02  # as printed


@pytest.mark.parametrize(("key", "setting", "indicator", "expected"), [
    ("prevalence_denominator", "married_eligible", "contraceptive_prevalence", (6, 7, 85.71)),
    ("prevalence_denominator", "married", "contraceptive_prevalence", (6, 8, 75.0)),
    ("prevalence_denominator", "married_eligible", "long_acting_rate", (4, 7, 57.14)),
    ("abortion_rate_denominator", "married_women", "abortion_rate", (2, 8, 250.0)),
    ("abortion_rate_denominator", "all_women", "abortion_rate", (2, 9, 222.22)),
    ("timely_basis", "birth_in_period", "timely_long_acting_rate", (1, 1, 100.0)),
    ("timely_basis", "deadline_in_period", "timely_long_acting_rate", (2, 3, 66.67)),
    ("accuracy_basis", "fields", "record_accuracy_rate", (22, 24, 91.67)),
    ("accuracy_basis", "pairs", "record_accuracy_rate", (6, 8, 75.0)),
])
def test_both_settings(village: list[str], key: str, setting: str, indicator: str,
                       expected: tuple[int, int, float]) -> None:
    assert _value(_run(village, **{key: setting}), indicator) == expected


def test_mother_not_in_register_and_no_childless_warning(village: list[str]) -> None:
    out = _run(village)
    codes = [(f.code, Path(f.file).name) for f in out.findings if f.severity == "warning"]
    # W11's birth of 2012-05-20 is in the period and she is not in the women's register.
    assert codes.count(("mother_not_in_women_register", "births.csv")) == 1
    # W1's 女扎 of 2008 is older than the births register (from 2011-06-20): no warning.
    assert ("sterilised_without_children", "women.csv") not in codes


def test_row_counts_reconcile(village: list[str]) -> None:
    out = _run(village)
    women = next(i for i in out.report.inputs if i.kind == "women")
    assert (women.rows_read, women.rows_used, women.rows_out_of_period) == (10, 9, 1)
    procedures = next(i for i in out.report.inputs if i.kind == "procedures")
    assert (procedures.rows_used, procedures.rows_out_of_period) == (6, 1)  # 放环 W7 2012-10-08
    survey = next(i for i in out.report.inputs if i.kind == "women_survey")
    assert survey.rows_used == 9
