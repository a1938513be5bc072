"""The registry and the families' formulas agree: every indicator has a formula under
every choice of the [definitions] settings, every formula is a registered indicator,
and every term a formula names is one its family produces."""

from __future__ import annotations

import itertools
from types import ModuleType
from typing import Literal, get_args, get_origin

import numpy as np
import pytest

from jisheng_cli.config import Definitions
from jisheng_cli.indicators import births, fees, population, survey, women, women_survey
from jisheng_cli.indicators.model import Formula
from jisheng_cli.indicators.registry import REGISTRY

FAMILIES: dict[str, ModuleType] = {
    "births": births, "fees": fees, "survey": survey, "population": population,
    "women": women, "women_survey": women_survey,
}
# The input kinds whose indicators each family holds (the women's family also holds the
# procedures ledger's: both are read from the same terms).
FAMILY_KINDS = {"women": {"women", "procedures"}}
BIRTH_TERMS = set(births.terms(np.zeros((0, births.N_CELLS), dtype=np.int64)))


def _choices(annotation: object) -> tuple[object, ...] | None:
    if annotation is bool:
        return (False, True)
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    return None


# Every [definitions] key with a closed set of values: all the switches a formula may read.
SWITCHES = {
    name: values for name, f in Definitions.model_fields.items()
    if (values := _choices(f.annotation)) is not None
}
# The keys of docs/women.md: only the women's families read them, so their combinations
# are taken apart from the births families' (all of them together would be 3,072 runs).
WOMEN_KEYS = ("women_scope", "blank_method", "prevalence_denominator", "contact_population",
              "abortion_rate_denominator", "timely_basis", "accuracy_basis")


def _all_definitions() -> list[Definitions]:
    """Every combination of the births switches, then of the women's (others default)."""
    out = []
    for names in (sorted(set(SWITCHES) - set(WOMEN_KEYS)), sorted(WOMEN_KEYS)):
        out += [Definitions.model_validate(dict(zip(names, combo, strict=True)))
                for combo in itertools.product(*(SWITCHES[n] for n in names))]
    return out


DEFINITIONS = _all_definitions()


def family_terms(kind: str) -> set[str]:
    """The terms each family's sums carry (population: the births it divides, and the
    population of the PopulationTable)."""
    return {
        "births": BIRTH_TERMS,
        "fees": set(fees.TERMS),
        "survey": set(survey.TERMS) | {"sv_unconfirmed"},  # engine.survey derives it
        "population": BIRTH_TERMS | set(population.TERMS),
        # The abortion ratio divides by the births register's births.
        "women": {*women.STOCK_TERMS, *women.JOIN_TERMS, *women.FLOW_TERMS, "births"},
        "women_survey": set(women_survey.TERMS),
    }[kind]


def named_terms(f: Formula) -> set[str]:
    """The terms a formula reads: numerator and denominator, each maybe a `a+b` sum."""
    return {p for side in (f.numerator, f.denominator) if side for p in side.split("+")}


def test_named_terms_splits_sums() -> None:
    assert named_terms(Formula("rate", "duplicates", "births+duplicates")) == {
        "duplicates", "births"}
    assert named_terms(Formula("count", "births")) == {"births"}


def test_every_setting_the_registry_names_is_switched() -> None:
    named = {i.setting for i in REGISTRY.values() if i.setting}
    births_named = {"out_of_policy_multichild_denominator", "underreport_denominator",
                    "survey_independent"}
    # The women's: closed choices, and the open ones a formula reads as a list or a number.
    women_named = {"women_scope", "prevalence_denominator", "long_acting_methods",
                   "check_exempt_sterilised_days", "contact_window_days",
                   "four_operations_types", "abortion_rate_denominator", "timely_basis",
                   "accuracy_basis"}
    assert named == births_named | women_named
    assert births_named <= set(SWITCHES)
    # Two values each (2 × 2 × 2 × 2 for these and period_basis; interval_method has one).
    assert all(len(SWITCHES[n]) == 2 for n in births_named)
    # 16 births combinations, then 3 × 2⁶ women's.
    assert len(DEFINITIONS) == 16 + 192


def test_registry_is_the_families_in_order() -> None:
    records = [i for m in FAMILIES.values() for i in m.INDICATORS]
    assert list(REGISTRY.values()) == records  # ids are unique: nothing was overwritten
    for kind, module in FAMILIES.items():
        assert {i.kind for i in module.INDICATORS} == FAMILY_KINDS.get(kind, {kind})


@pytest.mark.parametrize("d", DEFINITIONS, ids=lambda d: ",".join(
    str(getattr(d, n)) for n in sorted(SWITCHES)))
def test_every_indicator_has_a_formula_and_every_formula_an_indicator(d: Definitions) -> None:
    for kind, module in FAMILIES.items():
        made = module.formulas(d)
        assert set(made) == {i.id for i in module.INDICATORS}, kind
        assert set(made) <= set(REGISTRY)


@pytest.mark.parametrize("d", DEFINITIONS, ids=lambda d: ",".join(
    str(getattr(d, n)) for n in sorted(SWITCHES)))
def test_every_named_term_is_produced_by_its_family(d: Definitions) -> None:
    for kind, module in FAMILIES.items():
        for indicator_id, f in module.formulas(d).items():
            if f.kind == "checked":
                # The number of checked villages, counted from the run, not a sum of terms.
                assert (f.numerator, f.denominator) == ("checked", None)
                continue
            missing = named_terms(f) - family_terms(kind)
            assert not missing, f"{indicator_id} names {sorted(missing)}"


def test_fee_terms_are_what_a_case_contributes() -> None:
    zero = np.zeros(0, dtype=np.int64)
    assert set(fees.row_terms(zero, zero, zero)) == set(fees.TERMS)


def test_the_denominator_settings_change_the_formulas() -> None:
    # indicators.md: out-of-policy third+ births ÷ all births, or ÷ births of order ≥ 3;
    # under-reported ÷ survey births, or ÷ register births in checked villages.
    def den(indicator_id: str, **kw: str) -> str | None:
        module = FAMILIES[REGISTRY[indicator_id].kind]
        return module.formulas(Definitions.model_validate(kw))[indicator_id].denominator

    rate = "out_of_policy_multichild_rate"
    assert den(rate, out_of_policy_multichild_denominator="all_births") == "births"
    assert den(rate, out_of_policy_multichild_denominator="multichild_births") == "order3p"
    assert den("underreport_rate", underreport_denominator="true_births") == "sv_survey"
    assert den("underreport_rate", underreport_denominator="reported_births") == "sv_register"


def test_every_name_names_one_indicator() -> None:
    # An alias is looked up like a label (issue 14's audit reads printed labels): no name
    # may stand for two indicators, nor repeat one of its own.
    from jisheng_cli.indicators.registry import REGISTRY

    owner: dict[str, set[str]] = {}
    for ind in REGISTRY.values():
        assert len(set(ind.aliases)) == len(ind.aliases), ind.id
        assert not {ind.zh, ind.en, ind.id} & set(ind.aliases), ind.id
        for name in {ind.id, ind.zh, *ind.aliases}:
            owner.setdefault(name, set()).add(ind.id)
    # births_per_abortion shares its label 出生人流比 with abortion_birth_ratio (1:x and
    # ratio forms of one figure); nothing else is shared.
    shared = {name: ids for name, ids in owner.items() if len(ids) > 1}
    assert shared == {"出生人流比": {"abortion_birth_ratio", "births_per_abortion"}}


def test_the_aliases_reports_print() -> None:
    from jisheng_cli.indicators.registry import REGISTRY

    # worked-examples.md: 计划生育率 99.54% (横栏镇) and 政策生育率 90.8% (二七区) are
    # 出生政策符合率; 出生漏统率 7.1% is the underreport rate.
    assert {"计划生育率", "政策生育率"} <= set(REGISTRY["policy_conformance_rate"].aliases)
    assert "出生漏统率" in REGISTRY["underreport_rate"].aliases
    assert REGISTRY["policy_conformance_rate"].names[:3] == (
        "policy_conformance_rate", "出生政策符合率", "Policy conformance rate")
