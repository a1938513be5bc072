"""Exact values (indicators.exact): every formula kind as a Fraction of its integer sums,
the gap to a target, and their agreement with the floats the formulas compute."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import pytest

from jisheng_cli.config import Definitions
from jisheng_cli.indicators.evaluate import all_formulas
from jisheng_cli.indicators.exact import EXACT_KINDS, exact_gap, exact_value
from jisheng_cli.indicators.model import Formula
from jisheng_cli.results import ROW_FIELDS, ResultRow
from tests.helpers import ROOT, compute


@dataclass
class Computed:
    value: float | int | None
    denominator: float | int | None = None


# (formula, terms, the exact value by hand)
CASES = [
    # 3961 in policy of 4000: 3961 × 100 / 4000 = 99.025
    (Formula("rate", "in_policy", "births"), {"in_policy": 3961, "births": 4000},
     Fraction(99025, 1000)),
    # duplicates over births + duplicates: 1 × 100 / (8 + 1) = 100/9
    (Formula("rate", "duplicates", "births+duplicates"), {"duplicates": 1, "births": 8},
     Fraction(100, 9)),
    # 850 boys per 712 girls: 85000 / 712 = 10625/89
    (Formula("sex_ratio", "male", "female"), {"male": 850, "female": 712}, Fraction(10625, 89)),
    # 35 fen of 100,000 fen: 3500 / 100000 = 0.035
    (Formula("amount_rate", "fee_capped", "fee_assessed"),
     {"fee_capped": 35, "fee_assessed": 100_000}, Fraction(35, 1000)),
    # 3 missed of 40 surveyed: 300 / 40 = 7.5
    (Formula("survey_rate", "sv_missed", "sv_survey"), {"sv_missed": 3, "sv_survey": 40},
     Fraction(15, 2)),
    # register 36 of survey 40: 100 − 4 × 100 / 40 = 90; register 44: the same 90
    (Formula("accuracy", "sv_register", "sv_survey"), {"sv_register": 36, "sv_survey": 40},
     Fraction(90)),
    (Formula("accuracy", "sv_register", "sv_survey"), {"sv_register": 44, "sv_survey": 40},
     Fraction(90)),
    # 1000 births, 3 of 40 surveyed missed: 1000 × 3 / 37 = 3000/37
    (Formula("estimate", "sv_missed", "sv_survey"),
     {"births": 1000, "sv_missed": 3, "sv_survey": 40}, Fraction(3000, 37)),
    # R 90, S 100, M 80: N̂ = 91 × 101 / 81 − 1 = 9110/81; 90 / N̂ × 100 = 729000/9110
    (Formula("chapman", "sv_register", "sv_survey"),
     {"sv_register": 90, "sv_survey": 100, "sv_matched_both": 80}, Fraction(72900, 911)),
    (Formula("count", "births"), {"births": 1562}, Fraction(1562)),
    # 1,234,567 fen = 12,345.67 yuan
    (Formula("amount", "fee_assessed"), {"fee_assessed": 1_234_567}, Fraction(1_234_567, 100)),
]


@pytest.mark.parametrize(("formula", "terms", "expected"), CASES)
def test_exact_value_by_kind(formula: Formula, terms: dict[str, int],
                             expected: Fraction) -> None:
    # The float only says that there is a value; the exact one comes from the terms.
    assert exact_value(formula, terms, Computed(float(expected))) == expected


def test_per_mille_takes_the_population_from_the_computed_denominator() -> None:
    # 37 births in a population of 4,000: 37 × 1000 / 4000 = 9.25 ‰
    f = Formula("per_mille", "births", "population")
    assert exact_value(f, {"births": 37}, Computed(9.25, 4000)) == Fraction(37, 4)
    assert exact_value(f, {"births": 37}, Computed(9.25, None)) is None


def test_checked_villages_are_the_computed_count() -> None:
    assert exact_value(Formula("checked", "checked"), {}, Computed(3)) == 3


def test_no_exact_value_without_a_value() -> None:
    rate = Formula("rate", "in_policy", "births")
    assert exact_value(rate, {"in_policy": 0, "births": 0}, Computed(None)) is None
    assert exact_value(Formula("novel_kind", "births"), {"births": 3}, Computed(3.0)) is None


def test_every_formula_kind_has_an_exact_form() -> None:
    """A kind missing here would silently print from its float again."""
    kinds = {f.kind for f in all_formulas(Definitions()).values()}
    assert kinds <= EXACT_KINDS


def test_exact_gap_is_to_the_nearest_bound_with_decimal_bounds() -> None:
    # 99.025 − 92 = 7.025
    assert exact_gap(Fraction(99025, 1000), 92.0, None) == Fraction(7025, 1000)
    # sex ratio 119.38…: 119.38… − 103 = 16.38…, 107 − 119.38… = −12.38…; the nearer is −12.38…
    srb = Fraction(10625, 89)
    assert exact_gap(srb, 103.0, 107.0) == 107 - srb
    # a max-only target: 1 − 0.5 = 0.5
    assert exact_gap(Fraction(1, 2), None, 1.0) == Fraction(1, 2)
    # 92.1 is the decimal the config wrote: a value of exactly 92.1 is 0 from it (the float
    # 92.1 is 92.099999999999994315658…, which would leave a gap of 5.7e-15).
    assert exact_gap(Fraction(921, 10), 92.1, None) == 0
    assert exact_gap(None, 92.0, None) is None
    assert exact_gap(Fraction(1), None, None) is None


def test_exact_fields_stay_out_of_the_contract() -> None:
    r = ResultRow("total", None, "合计", None, "policy_conformance_rate", 3961, 4000,
                  3961 / 4000 * 100, "%", exact_value=Fraction(99025, 1000),
                  exact_gap=Fraction(7025, 1000))
    assert "exact_value" not in ROW_FIELDS and "exact_gap" not in ROW_FIELDS
    assert list(r.to_dict()) == list(ROW_FIELDS)
    assert r.to_dict()["value"] == 3961 / 4000 * 100
    # Equality and repr are about the contract's fields only.
    assert r == ResultRow("total", None, "合计", None, "policy_conformance_rate", 3961, 4000,
                          3961 / 4000 * 100, "%")
    assert "exact" not in repr(r)


SAMPLE = ["births.csv", "fees.csv", "survey:survey.csv", "checked:checked.csv", "population.csv",
          "women.csv", "procedures.csv", "women_survey:women_survey.csv"]


def test_exact_values_agree_with_the_floats_on_the_sample_county() -> None:
    """Every row of the sample county (all eight files, village × year, Chapman on): the
    exact value is the float's exact counterpart, so no formula in assemble has drifted
    from its exact form here."""
    paths = [f"{p.split(':')[0]}:{ROOT / 'sample_data' / p.split(':')[1]}" if ":" in p
             else ROOT / "sample_data" / p for p in SAMPLE]
    out = compute(paths, by=["village", "year"], definitions={"survey_independent": True},
                  targets={"policy_conformance_rate": {"min": 92.0},
                           "fee_collection_rate": {"min": 80.0},
                           "underreport_rate": {"max": 5.0}})
    kinds: set[str] = set()
    formulas = all_formulas(Definitions(survey_independent=True))
    for r in out.report.rows:
        if r.value is None:
            assert r.exact_value is None and r.exact_gap is None, r
            continue
        assert r.exact_value is not None, r
        assert math.isclose(float(r.exact_value), r.value, rel_tol=1e-12, abs_tol=1e-12), r
        kinds.add(formulas[r.indicator].kind)
        if r.gap is None:
            assert r.exact_gap is None, r
        else:
            assert r.exact_gap is not None, r
            assert math.isclose(float(r.exact_gap), r.gap, rel_tol=1e-12, abs_tol=1e-9), r
    assert kinds == EXACT_KINDS  # the sample exercises every kind
