"""Any batch size gives the same women's figures, and the latest record of a woman wins
wherever her rows fall (hypothesis), against a plain Python reading of the rule."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import compute, row
from tests.women_helpers import woman_id, write_women

S = date(2012, 9, 30)
BIRTHS = [f"19{y}0{m}1{d}" for y in (70, 75, 80, 85) for m in (1, 5) for d in (0, 5)]
METHODS = {"上环": True, "避孕套": True, "无": False, "": False}

woman = st.tuples(
    st.integers(0, len(BIRTHS) - 1),  # which woman (few: duplicates are common)
    st.sampled_from(sorted(METHODS)),  # her method
    st.one_of(st.none(), st.integers(0, 400)),  # record date: days before S, or none
    st.sampled_from(["20", "21", "40"]),  # married twice, divorced once
)


def _expected(rows: list[tuple[int, str, int | None, str]]) -> tuple[int, int]:
    """(married women, users) by women.md: per woman the latest record date wins, a dated
    record beats an undated one, ties go to the first row."""
    kept: dict[int, tuple[int, int, tuple[int, str, int | None, str]]] = {}
    for position, r in enumerate(rows):
        rank = -1 if r[2] is None else 1000 - r[2]  # a later date ranks higher
        best = kept.get(r[0])
        if best is None or rank > best[0]:
            kept[r[0]] = (rank, position, r)
    married = [r for _, _, r in kept.values() if r[3] != "40"]
    return len(married), sum(1 for r in married if METHODS[r[1]])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(woman, min_size=1, max_size=40), st.integers(64, 2000))
def test_latest_record_wins_at_any_block_size(rows: list[tuple[int, str, int | None, str]],
                                              block_bytes: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_women(Path(folder) / "women.csv", [
            {"woman_id": woman_id(BIRTHS[who], 2 * (who % 4) + 2), "contraceptive_method": m,
             "record_date": "" if back is None else (S - timedelta(days=back)).isoformat(),
             "marital_status": marital}
            for who, m, back, marital in rows])
        whole = compute([f"women:{path}"], year="2012")
        batched = compute([f"women:{path}"], year="2012", block_bytes=block_bytes)
    assert [r.to_dict() for r in batched.report.rows] == [r.to_dict() for r in whole.report.rows]
    assert batched.findings == whole.findings
    assert batched.report.inputs == whole.report.inputs
    married, users = _expected(rows)
    assert row(whole, "married_women")["value"] == married
    prevalence = row(whole, "contraceptive_prevalence")
    assert (prevalence["numerator"], prevalence["denominator"]) == (users, married)
    summary = whole.report.inputs[0]
    assert summary.rows_duplicate == len(rows) - len({r[0] for r in rows})
