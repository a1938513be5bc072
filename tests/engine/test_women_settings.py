"""Both (or every) setting of each docs/women.md [definitions] key not covered by
test_women_worked.py, each hand-computed on the 10-woman village (S = 2012-09-30) or, for
contact_population, on a small register of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import compute, row
from tests.women_helpers import sources, woman_id, write_village, write_women


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return sources(write_village(tmp_path_factory.mktemp("women_settings")))


def _nd(paths: list[str], indicator: str, **definitions: object) -> tuple[object, object]:
    r = row(compute(paths, year="2012", definitions=definitions), indicator)
    return r["numerator"], r["denominator"]


@pytest.mark.parametrize(("scope", "expected"), [
    ("all", (6, 8)),  # W1–W8 married, W1–W6 users
    ("registered", (5, 6)),  # local + outflow: W6, W7 (inflow) leave
    ("resident", (4, 6)),  # local + inflow: W4, W5 (outflow) leave, two users with them
])
def test_women_scope(village: list[str], scope: str, expected: tuple[int, int]) -> None:
    assert _nd(village, "contraceptive_prevalence", women_scope=scope) == expected
    # The floating rates take their own women whatever the scope: W4, W5 / W6, W7.
    assert _nd(village, "outflow_certificate_rate", women_scope=scope) == (2, 2)
    assert _nd(village, "inflow_check_rate", women_scope=scope) == (1, 2)


def test_prevalence_excluded_reasons(village: list[str]) -> None:
    eligible = {"prevalence_denominator": "married_eligible"}
    assert _nd(village, "contraceptive_prevalence", **eligible) == (6, 7)  # W8 绝经 out
    # 现孕 excluded too: W7 leaves as well, 6 ÷ 6.
    assert _nd(village, "contraceptive_prevalence", **eligible,
               prevalence_excluded_reasons=["menopause", "pregnant"]) == (6, 6)


def test_long_acting_methods(village: list[str]) -> None:
    assert _nd(village, "long_acting_rate") == (4, 8)  # 女扎, 上环, 男扎, 皮埋
    assert _nd(village, "long_acting_rate", long_acting_methods=["vasectomy", "tubal"]) == (
        2, 8)  # W1's 女扎 and W3's husband's 男扎


def test_check_exempt_sterilised_days(village: list[str]) -> None:
    assert _nd(village, "check_rate") == (4, 7)  # W1 (2008) exempt; W3's 2012-01-05 is not
    # 0 days: W3's vasectomy (before S) exempts her too; of W2 W4 W5 W6 W7 W8 checked: W2 W6 W7.
    assert _nd(village, "check_rate", check_exempt_sterilised_days=0) == (3, 6)


def test_check_excused_reasons(village: list[str]) -> None:
    assert _nd(village, "check_rate", check_excused_reasons=[]) == (4, 7)
    # W7 (现孕) excused: due W2 W3 W4 W5 W6 W8, checked W2 W3 W6.
    assert _nd(village, "check_rate", check_excused_reasons=["pregnant"]) == (3, 6)


def test_contact_window_days(village: list[str]) -> None:
    assert _nd(village, "outflow_contact_rate", contact_window_days=0) == (1, 2)  # the period
    # 30 days to S: 2012-09-01 … 2012-09-30, W4's 2012-08-20 is too early.
    assert _nd(village, "outflow_contact_rate", contact_window_days=30) == (0, 2)
    # 60 days: from 2012-08-02, W4 counts.
    assert _nd(village, "outflow_contact_rate", contact_window_days=60) == (1, 2)


def test_contact_population(tmp_path: Path) -> None:
    outflow = {"residence": "流出", "contraceptive_method": "避孕套"}
    path = write_women(tmp_path / "women.csv", [
        {**outflow, "woman_id": woman_id("19800101", 2), "key_target": "是",
         "last_contact_date": "2012-05-01"},
        {**outflow, "woman_id": woman_id("19800102", 4), "key_target": "否"},
        {**outflow, "woman_id": woman_id("19800103", 6), "key_target": "否",
         "last_contact_date": "2012-06-01"},
    ])
    paths = [f"women:{path}"]
    assert _nd(paths, "outflow_contact_rate", contact_population="all") == (2, 3)
    assert _nd(paths, "outflow_contact_rate", contact_population="key_targets") == (1, 1)


def test_four_operations_types(village: list[str]) -> None:
    assert _nd(village, "four_operations")[0] == 4
    assert _nd(village, "four_operations",
               four_operations_types=["abortion", "induced_labour"])[0] == 2  # W6 引产, W9 人流


def test_timely_birth_orders(village: list[str]) -> None:
    assert _nd(village, "timely_long_acting_rate") == (2, 3)
    # First births too: W7 (2011-10-20) and W5 (2011-11-02) fall due in the period, neither
    # on a long-acting method; W11's (2012-05-20) deadline 2012-11-16 is after S.
    assert _nd(village, "timely_long_acting_rate", timely_birth_orders=[1, 2]) == (2, 5)


def test_timely_days(village: list[str]) -> None:
    # 200 days: W3's husband's 男扎 199 days after her birth is now in time; every
    # deadline (2012-01-06, 2012-03-02, 2012-07-28) still falls in the period.
    assert _nd(village, "timely_long_acting_rate", timely_days=200) == (3, 3)
    assert _nd(village, "timely_long_acting_rate", timely_days=180) == (2, 3)
