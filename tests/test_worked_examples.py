"""Figures printed in real county reports (docs/worked-examples.md), reproduced from registers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jisheng_cli.records.ids import calc_check_digit
from jisheng_cli.render.numbers import round_half_up
from tests.helpers import SAMPLE, compute, row


def _mother(i: int) -> str:
    first17 = f"442000{1980 + i % 15}{1 + i % 12:02d}{1 + i % 28:02d}{(i % 500) * 2:03d}"
    return first17 + calc_check_digit(first17)


def test_yuanan_county_self_check() -> None:
    """远安县: 1,562 births, 1,549 in policy → 99.17%; 政策外多孩率 1/1562 → 0.06%."""
    out = compute([SAMPLE], year="2012", by=["township"])
    p = row(out, "policy_conformance_rate")
    assert (p["numerator"], p["denominator"]) == (1549, 1562)
    assert round_half_up(p["value"], 2) == "99.17"
    m = row(out, "out_of_policy_multichild_rate")
    assert (m["numerator"], m["denominator"]) == (1, 1562)
    assert round_half_up(m["value"], 2) == "0.06"
    towns = [r for r in out.report.rows
             if r.indicator == "births_total" and r.group_level == "township"]
    assert len(towns) == 7 and sum(int(r.value or 0) for r in towns) == 1562


def test_henglan_town_half_year(write_csv: Callable[..., Path]) -> None:
    """横栏镇 2010: 436 births, 434 planned → 99.54%; 251 boys / 185 girls → 135.7."""
    lines = []
    for i in range(436):
        sex = "男" if i < 251 else "女"
        policy = "政策外" if i in (10, 300) else "政策内"
        day = 1 + i % 28
        lines.append(f"442000103201,横栏镇,新茂村,x,{_mother(i)},2010-0{1 + i % 6}-{day:02d},"
                     f"{sex},{1 + i % 2},{policy}")
    out = compute([write_csv(lines)], period=None)
    assert row(out, "births_total")["value"] == 436
    p = row(out, "policy_conformance_rate")
    assert (p["numerator"], p["denominator"]) == (434, 436)
    assert round_half_up(p["value"], 2) == "99.54"
    s = row(out, "sex_ratio_at_birth")
    assert (s["numerator"], s["denominator"]) == (251, 185)
    assert round_half_up(s["value"], 1) == "135.7"
    # far above the normal range, and the whole interval too: a significant miss
    assert s["ci_low"] > 107 and s["status"] == "missed_significant"


def test_srb_normal_range_setting_moves_the_default_target() -> None:
    default = row(compute([SAMPLE], year="2012"), "sex_ratio_at_birth")
    assert (default["target_min"], default["target_max"], default["status"]) == (103, 107, "met")
    narrow = row(compute([SAMPLE], year="2012", definitions={"srb_normal_range": [106, 108]}),
                 "sex_ratio_at_birth")
    assert (narrow["target_min"], narrow["target_max"]) == (106, 108)
    assert narrow["status"] == "missed"  # 104.99, but the interval reaches into the range
    assert narrow["gap"] == narrow["value"] - 106
    configured = row(compute([SAMPLE], year="2012", targets={"sex_ratio_at_birth": {"max": 110}}),
                     "sex_ratio_at_birth")
    assert (configured["target_min"], configured["target_max"]) == (None, 110)
