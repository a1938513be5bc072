"""Field check against the register: matching edge cases, the worked figures, intervals."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import (
    HEADER,
    A,
    B,
    C,
    birth,
    check_of,
    compute,
    evaluate_terms,
    mid,
    mother,
    row,
)


@pytest.fixture
def worked(write_csv: Callable[..., Path]) -> list[Path]:
    """144 register births in 3 villages, all found by the check, plus 11 it found that the
    register lacks: 155 found, 11 missed, 0 unconfirmed."""
    register, found = check_of(((A, 60, 5), (B, 50, 4), (C, 34, 2)))
    return [write_csv(register, name="register.csv"), write_csv(found, name="survey.csv")]


def _run(paths: list[Path], **kw: object) -> object:
    reg, sv = paths[0], paths[1]
    rest = [f"checked:{p}" for p in paths[2:]]
    return compute([reg, f"survey:{sv}", *rest], year="2023", **kw)  # type: ignore[arg-type]


def test_worked_underreport_rate_both_denominators(worked: list[Path]) -> None:
    true_births = _run(worked)
    r = row(true_births, "underreport_rate")
    assert (r["numerator"], r["denominator"]) == (11, 155)
    assert round(r["value"], 2) == 7.10
    assert row(true_births, "survey_births")["value"] == 155
    assert row(true_births, "underreported_births")["value"] == 11
    assert row(true_births, "unconfirmed_births")["value"] == 0
    assert row(true_births, "checked_villages")["value"] == 3
    reported = _run(worked, definitions={"underreport_denominator": "reported_births"})
    r = row(reported, "underreport_rate")
    assert (r["numerator"], r["denominator"]) == (11, 144)
    assert round(r["value"], 2) == 7.64
    acc = row(true_births, "reporting_accuracy_rate")
    assert acc["value"] == pytest.approx(100 - 11 / 155 * 100)
    # all register births × r / (1 − r), r = 11/155
    est = row(true_births, "estimated_unreported_births")
    assert est["value"] == pytest.approx(144 * (11 / 155) / (1 - 11 / 155))
    assert row(true_births, "sex_error_rate")["value"] == 0.0


def test_cluster_interval_with_a_village_where_nothing_was_found(
    write_csv: Callable[..., Path],
) -> None:
    # Village A: 18 register births, the check found them and 2 more (20 found, 2 missed).
    # Village B: 14 register births, found with 1 more (15 found, 1 missed).
    # Village C: declared checked, nothing found and nothing registered.
    register, found = check_of(((A, 18, 2), (B, 14, 1)))
    register.append(birth(C[:9] + "299", mother(900), "2023-02-02"))  # another village
    checked = write_csv([A, B, C], header="统计用区划代码", name="checked.csv")
    out = _run([write_csv(register, name="r.csv"), write_csv(found, name="s.csv"), checked],
               by=["township", "village"])
    r = row(out, "underreport_rate")
    assert (r["numerator"], r["denominator"]) == (3, 35)
    assert row(out, "checked_villages")["value"] == 3
    # Ratio estimator over n = 3 villages (m = missed, t = found):
    #   r = 3/35; residuals m − r·t: 2 − 20·3/35 = 2/7, 1 − 15·3/35 = −2/7, 0 − 0 = 0
    #   v = 3/2 · (4/49 + 4/49) / 35² = 12/(49·1225)
    # New rule (Korn–Graubard): r(1 − r)/v = (96/1225)·(60025/12) = 392 → n* = min(35, 392)
    #   = 35; d = 2: n*_df = 35 · (t₃₄/t₂)² = 35 · (2.0322445/4.3026527)² = 7.80814,
    #   Clopper–Pearson for 3/35 · 7.80814 of 7.80814 = [0.0436%, 48.811%]; 3 villages:
    #   note few_clusters.
    from scipy.stats import t as student_t
    from statsmodels.stats.proportion import proportion_confint

    rate = 3 / 35
    v = 3 / 2 * (2 * (2 / 7) ** 2) / 35**2
    assert rate * (1 - rate) / v == pytest.approx(392, abs=1e-9)
    t = 0.95 * math.sqrt(2 / 0.0975)  # Student t, 2 df, 97.5%: closed form
    n_df = 35 * (student_t.ppf(0.975, 34) / t) ** 2
    cp_low, cp_high = proportion_confint(rate * n_df, n_df, alpha=0.05, method="beta")
    assert r["ci_low"] == pytest.approx(cp_low * 100, abs=1e-9)
    assert r["ci_high"] == pytest.approx(cp_high * 100, abs=1e-9)
    assert r["ci_high"] == pytest.approx(48.8108, abs=1e-4)
    # helpers.day: births of 2023-01-01 … 2023-09-28, 92 days after 2023 starts: partial.
    assert r["note"] == "few_clusters; partial"
    # at village level the Wilson interval applies: 2 of 20
    va = row(out, "underreport_rate", "village", A)
    assert (va["numerator"], va["denominator"]) == (2, 20)
    low, high = proportion_confint(2, 20, alpha=0.05, method="wilson")
    assert va["ci_low"] == pytest.approx(low * 100) and va["ci_high"] == pytest.approx(high * 100)
    assert row(out, "estimated_unreported_births", "village", A)["value"] is None


def test_matching_edge_cases(write_csv: Callable[..., Path]) -> None:
    twins = mother(1)
    off = mother(2)
    far = mother(3)
    two = mother(4)
    legacy18 = mid(5, "19850303")
    legacy15 = legacy18[:6] + legacy18[8:17]
    late = mother(6)
    register = [
        birth(A, twins, "2023-03-03", "男", "1"),
        birth(A, twins, "2023-03-03", "女", "2"),
        birth(A, off, "2023-04-01"),
        birth(A, far, "2023-01-10"),
        birth(A, two, "2023-05-01", order="1"),
        birth(A, two, "2023-06-20", order="2"),
        birth(A, legacy18, "2023-05-05"),
        birth(A, late, "2023-09-25"),
    ]
    found = [
        birth(A, twins, "2023-03-03", "女", "2"),  # twins: each pairs with its own order/sex
        birth(A, twins, "2023-03-03", "男", "1"),
        birth(A, off, "2023-04-21"),  # 20 days off, inside the window: a date error
        birth(A, far, "2023-05-20"),  # 130 days off: no match → missed; register unconfirmed
        birth(A, two, "2023-06-10", order="2"),  # 10 days from June's birth, 40 from May's
        birth(A, legacy15, "2023-05-05"),  # 15 digits here, 18 in the register
        birth(A, late, "2023-10-02"),  # outside the period (SY2024), still matches
    ]
    out = _run([write_csv(register, name="r.csv"), write_csv(found, name="s.csv")])
    assert row(out, "survey_births")["value"] == 6  # the October birth is not counted
    assert row(out, "underreported_births")["value"] == 1  # far
    # far's January birth and two's May birth were not found by the check
    assert row(out, "unconfirmed_births")["value"] == 2
    # ÷ register births in checked villages in SY2023: all 8
    u = row(out, "unconfirmed_rate")
    assert (u["numerator"], u["denominator"]) == (2, 8)
    d = row(out, "date_error_rate")
    # off (20 days) and two (10 days) differ in date; pairs: twins ×2, off, two, legacy
    assert (d["numerator"], d["denominator"]) == (2, 5)
    assert row(out, "sex_error_rate")["numerator"] == 0
    assert row(out, "order_error_rate")["numerator"] == 0


def test_item_errors_and_unknown_village_warning(write_csv: Callable[..., Path]) -> None:
    register = [birth(A, mother(1), "2023-03-03", "男", "1", "政策内"),
                birth(A, mother(2), "2023-03-04", "男", "2", "政策内")]
    found = [birth(A, mother(1), "2023-03-03", "女", "2", "政策外"),
             birth(A, mother(2), "2023-03-04", "男", "2", ""),  # policy not recorded
             birth("420525109201", mother(3), "2023-03-05")]  # a village the register lacks
    out = _run([write_csv(register, name="r.csv"), write_csv(found, name="s.csv")])
    assert (row(out, "sex_error_rate")["numerator"], row(out, "sex_error_rate")["denominator"]) \
        == (1, 2)
    assert row(out, "order_error_rate")["numerator"] == 1
    p = row(out, "policy_error_rate")
    assert (p["numerator"], p["denominator"]) == (1, 1)  # only pairs with a recorded policy
    assert row(out, "underreported_births")["value"] == 1
    codes = [(f.code, f.severity) for f in out.findings]
    assert ("survey_village_not_in_register", "warning") in codes


def test_chapman_completeness_only_when_independent(worked: list[Path]) -> None:
    out = _run(worked)
    assert "registration_completeness" not in {r.indicator for r in out.report.rows}
    ind = _run(worked, definitions={"survey_independent": True})
    r = row(ind, "registration_completeness")
    # R = 144, S = 155, M = 144: N̂ = 145·156/145 − 1 = 155, v = 0 → no interval (it
    # was the point [144/155, 144/155]), note chapman_variance_zero
    assert r["value"] == pytest.approx(144 / 155 * 100)
    assert r["ci_low"] is None and r["ci_high"] is None
    # The survey's births (helpers.day) start 2023-01-01, 92 days late: also partial.
    assert r["note"] == "chapman_variance_zero; partial"
    assert r["denominator"] == pytest.approx(155)


def test_survey_needs_a_register(write_csv: Callable[..., Path]) -> None:
    from jisheng_cli.errors import InputError

    path = write_csv([birth(A, mother(1), "2023-03-03")])
    with pytest.raises(InputError, match="births register"):
        compute([f"survey:{path}"])
    assert HEADER.startswith("统计用区划代码")


def test_reporting_accuracy_99_92() -> None:
    """Exam worked example: the check found 15,844 births, reports had 15,832 → 99.92%."""
    v = evaluate_terms("reporting_accuracy_rate", {"sv_register": 15832, "sv_survey": 15844})
    assert v.value == pytest.approx(100 - 12 / 15844 * 100)  # type: ignore[attr-defined]
    assert round(v.value, 2) == 99.92  # type: ignore[attr-defined]
    over = evaluate_terms("reporting_accuracy_rate", {"sv_register": 15856, "sv_survey": 15844})
    assert over.value == v.value  # type: ignore[attr-defined]  # not clipped, symmetric


def test_chapman_hand_worked() -> None:
    # R = 100 register, S = 90 survey, M = 80 matched:
    #   N̂ = (101 · 91) / 81 − 1 = 9191/81 − 1 = 9110/81 = 112.469…
    #   v = 101 · 91 · (100 − 80) · (90 − 80) / (81² · 82) = 1,838,200 / 538,002 = 3.4167…
    #   completeness 100/N̂ = 88.913%. Chao (new rule): f₀ = N̂ − 110 = 200/81,
    #   C = exp(z·√ln(1 + v/f₀²)) = 3.696548, N ∈ [110 + f₀/C, 110 + f₀·C]
    #   = [110.668, 119.127] → [83.94%, 90.36%], under 100/110 = 90.91% (the Wald
    #   interval N̂ ± z√v gave [85.17%, 91.89%], past that maximum)
    v = evaluate_terms("registration_completeness",
                  {"sv_register": 100, "sv_survey": 90, "sv_matched_both": 80},
                  survey_independent=True)
    n_hat = 9110 / 81
    var = 1_838_200 / 538_002
    z = 1.959963984540054
    f0 = n_hat - 110
    c = math.exp(z * math.sqrt(math.log(1 + var / f0**2)))
    assert v.denominator == pytest.approx(n_hat)  # type: ignore[attr-defined]
    assert v.value == pytest.approx(100 / n_hat * 100)  # type: ignore[attr-defined]
    assert v.low == pytest.approx(100 / (110 + f0 * c) * 100)  # type: ignore[attr-defined]
    assert v.high == pytest.approx(100 / (110 + f0 / c) * 100)  # type: ignore[attr-defined]
    assert v.high == pytest.approx(90.36039, abs=1e-5)  # type: ignore[attr-defined]
