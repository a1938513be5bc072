"""ID numbers a spreadsheet stored as numbers (issue 10, item 4): `id_precision_lost`, the
file rule (most IDs end in 000) and the lone real ID that ends in 000."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jisheng_cli.checks import excel_damage
from jisheng_cli.checks.births import check_births
from jisheng_cli.checks.common import CheckContext
from jisheng_cli.checks.fees import check_fees
from jisheng_cli.errors import ParseError
from jisheng_cli.pipeline import Outcome
from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.records.fields import parse_village_code
from jisheng_cli.records.ids import calc_check_digit, parse_id
from jisheng_cli.records.vector import parse_ids
from tests.helpers import AS_OF, ROOT, birth, compute, cut_ids
from tests.helpers import mother_id as mid

FIXTURES = ROOT / "tests" / "fixtures" / "excel_damage"
REAL = [v for v in (FIXTURES / "real_ids.txt").read_text().splitlines() if v[:1].isdigit()]
V = "420525100201"


def cut(id18: str) -> str:
    return id18[:15] + "000"


def codes(out: Outcome) -> list[tuple[int | None, str, str]]:
    return [(f.row, f.code, f.severity) for f in out.findings]


def value(out: Outcome, indicator: str) -> object:
    (r,) = [r for r in out.report.rows if r.indicator == indicator]
    return r.value


# ---- the row rule ---------------------------------------------------------------------

def test_a_cut_id_is_precision_lost_not_a_wrong_check_digit() -> None:
    # 420525198802010024 keeps 15 digits: 420525198802010000. Its first 17 digits
    # 42052519880201000 weigh 7·4+9·2+10·0+5·5+8·2+4·5+2·1+1·9+6·8+3·8+7·0+9·2+10·0+5·1+8·0+4·0
    # +2·0 = 213; 213 mod 11 = 4; check (12 − 4) mod 11 = 8 ≠ 0.
    assert calc_check_digit("42052519880201000") == "8"
    with pytest.raises(ParseError) as e:
        parse_id("420525198802010000")
    assert e.value.code == "id_precision_lost"
    col = parse_ids(pa.array(["420525198802010000"]))
    assert col.codes[col.err[0] - 1] == "id_precision_lost"
    # A wrong check digit that does not end in 000 is still a wrong check digit.
    with pytest.raises(ParseError) as e:
        parse_id("420525198802010025")
    assert e.value.code == "id_check_digit"


def test_a_village_code_in_scientific_notation_says_why() -> None:
    with pytest.raises(ParseError) as e:
        parse_village_code("4.20525E+11")
    assert (e.value.code, e.value.variant) == ("village_code_malformed", "scientific")
    with pytest.raises(ParseError) as e:
        parse_village_code("42052510020")
    assert (e.value.code, e.value.variant) == ("village_code_malformed", "")


# ---- the committed fixtures: a register LibreOffice stored as numbers ------------------

def test_the_fixture_ids_are_cut_by_15_significant_digits() -> None:
    rows = (FIXTURES / "register.csv").read_text(encoding="utf-8").splitlines()[1:]
    ids = [r.split(",")[4] for r in rows]
    assert ids[:12] == [cut(r) for r in REAL] and ids[12] == ids[11]
    # 11 of the 12 cut numbers fail the check, the last passes by chance.
    assert [calc_check_digit(i[:17]) == i[17] for i in ids[:12]] == [False] * 11 + [True]


def test_the_register_stored_as_numbers(tmp_path: Path) -> None:
    out = compute([FIXTURES / "register.csv"])
    # 13 rows (header row 1, data rows 2–14), all 13 IDs end in 000: the file rule fires.
    assert out.findings[0].row is None
    assert out.findings[0].code == "id_column_stored_as_numbers"
    assert dict(out.findings[0].params) == {"ids": 13, "zeroed": 13}
    assert codes(out)[1:] == (
        [(row, "id_precision_lost", "error") for row in range(2, 13)]
        + [(13, "id_maybe_precision_lost", "warning"), (14, "id_maybe_precision_lost", "warning")]
    )
    s = out.report.inputs[0]
    # rows 13 and 14 are the same birth, but its number is not trusted: no 重报.
    assert (s.rows_read, s.rows_rejected, s.rows_duplicate, s.rows_used) == (13, 11, 0, 2)


def test_an_untrusted_id_is_not_matched_by_a_field_check(tmp_path: Path) -> None:
    register, survey = FIXTURES / "register.csv", f"survey:{FIXTURES / 'survey.csv'}"
    out = compute([register, survey], year="2023")
    # The check found one birth; the register's row 13 has its number but is not trusted:
    # 1 survey birth, 0 matched, 1 under-reported.
    assert (value(out, "survey_births"), value(out, "underreported_births")) == (1, 1)

    # The control: the same two rows alone are a lone 000 in a file of real numbers (two
    # IDs: fewer than MIN_IDS decide nothing), so the number is trusted: row 3 is a 重报
    # of row 2 and the check matches it (0 under-reported).
    lines = (FIXTURES / "register.csv").read_text(encoding="utf-8").splitlines()
    alone = tmp_path / "alone.csv"
    alone.write_text("\n".join([lines[0], *lines[12:]]) + "\n", encoding="utf-8")
    out = compute([alone, survey], year="2023")
    assert codes(out) == [(3, "duplicate", "duplicate")]
    assert (value(out, "survey_births"), value(out, "underreported_births")) == (1, 0)


# ---- the file rule ----------------------------------------------------------------------

def chance_ids(n: int) -> list[str]:
    return cut_ids(n)


def test_a_lone_real_id_ending_in_000_is_valid(write_csv: Callable[..., Path]) -> None:
    (lone,) = chance_ids(1)
    others = [birth(V, mid(seq=2 * n + 2), "2023-01-05") for n in range(9)]
    path = write_csv([*others, birth(V, lone, "2023-02-05"), birth(V, lone, "2023-02-05")])
    out = compute([path])
    # 1 of 11 IDs ends in 000: a real number, used like any other (row 12 repeats row 11).
    assert codes(out) == [(12, "duplicate", "duplicate")]


@pytest.mark.parametrize(("zeroed", "real", "fires"), [
    (5, 0, True),  # 5 IDs, all 000: MIN_IDS reached
    (4, 0, False),  # 4 IDs: too few to say
    (5, 5, False),  # exactly half is not most
    (6, 5, True),  # 6 of 11
])
def test_the_file_rule_threshold(write_csv: Callable[..., Path], zeroed: int, real: int,
                                 fires: bool) -> None:
    lines = [birth(V, i, f"2023-01-{n + 1:02d}") for n, i in enumerate(chance_ids(zeroed))]
    lines += [birth(V, mid(seq=2 * n + 2), "2023-03-05") for n in range(real)]
    out = compute([write_csv(lines)])
    expected = [(None, "id_column_stored_as_numbers", "warning")] if fires else []
    expected += [(n + 2, "id_maybe_precision_lost", "warning") for n in range(zeroed) if fires]
    assert codes(out) == expected


# Kinds of cells for the property: cut and failing, cut and passing, real, empty, junk.
FAILING = cut("420525198802010024")
CELL = st.sampled_from([FAILING, chance_ids(1)[0], mid(), mid(seq=4), "", "abc", " "])


def batch(cells: list[str], numeric: list[bool] | None = None) -> RawBatch:
    n = len(cells)
    columns = {"mother_id": pa.array(cells, pa.string())}
    mask = {} if numeric is None else {"mother_id": np.array(numeric, dtype=bool)}
    return RawBatch(columns, np.arange(2, n + 2), np.zeros(n, dtype=bool), numeric=mask)


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(CELL, max_size=40), cuts=st.lists(st.integers(0, 40), max_size=5))
def test_the_file_rule_does_not_depend_on_batch_boundaries(cells: list[str],
                                                           cuts: list[int]) -> None:
    # Small limits so that the window and the read-ahead cap both fall inside the cells.
    with mock.patch.multiple(excel_damage, WINDOW=7, MIN_IDS=3, SCAN_ROWS=25):
        whole, _ = excel_damage.look_ahead(iter([batch(cells)]), "mother_id")
        edges = sorted({0, len(cells), *(c for c in cuts if c <= len(cells))})
        parts = [batch(cells[a:b]) for a, b in itertools.pairwise(edges)]
        split, again = excel_damage.look_ahead(iter(parts), "mother_id")
        assert (split.ids, split.zeroed) == (whole.ids, whole.zeroed)
        assert sum(len(b) for b in again) == len(cells)  # every batch is given back
    # The tally by hand: the first 7 18-digit IDs within the first 25 cells.
    ids = [c for c in cells[:25] if len(c) == 18][:7]
    assert (whole.ids, whole.zeroed) == (len(ids), sum(c.endswith("000") for c in ids))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kinds=st.lists(st.sampled_from(["fail", "pass", "real"]), min_size=1, max_size=30),
       block=st.sampled_from([1 << 10, 1 << 12, 4 << 20]))
def test_results_do_not_depend_on_the_block_size(write_csv: Callable[..., Path],
                                                kinds: list[str], block: int) -> None:
    passing, failing = cut_ids(30), cut_ids(30, passing=False)
    ids = {"fail": lambda n: failing[n], "pass": lambda n: passing[n],
           "real": lambda n: mid(seq=2 * n + 2)}
    # The first line is a real number: a file of rejected rows only is a file-level error.
    lines = [birth(V, mid(seq=998), "2023-01-05")]
    lines += [birth(V, ids[k](n), "2023-01-05") for n, k in enumerate(kinds)]
    # Each line 40 times in a run: a 1 KiB block (about 14 rows) sees one kind only, so a
    # rule decided on the first block would differ from the rule decided on the window.
    path = write_csv([text for text in lines for _ in range(40)])
    small, large = compute([path], block_bytes=block), compute([path])
    assert small.findings == large.findings
    assert small.report.to_dict() == large.report.to_dict()


# ---- cells a workbook stored as numbers (RawBatch.numeric) -------------------------------

def ctx() -> CheckContext:
    return CheckContext(path="births.xlsx#Sheet1", as_of=AS_OF)


def test_an_id_a_workbook_stored_as_a_number_is_precision_lost_on_both_paths() -> None:
    # A workbook keeps 15 significant digits of a number: whatever the cell now shows
    # (here a valid-looking number, and a 15-digit one), its digits cannot be trusted.
    cells = {"village_code": [V] * 3, "township_name": ["鸣凤镇"] * 3,
             "village_name": ["甲村"] * 3, "mother_id": [mid(), "420525900101021", mid(seq=4)],
             "child_birth_date": ["2023-01-05"] * 3, "child_sex": ["男"] * 3,
             "birth_order": ["1"] * 3, "policy_status": ["政策内"] * 3}
    raw = RawBatch({k: pa.array(v, pa.string()) for k, v in cells.items()}, np.array([2, 3, 4]),
                   np.zeros(3, dtype=bool),
                   numeric={"mother_id": np.array([True, True, False])})
    checked = check_births(raw, ctx())
    # error_findings re-validates each flagged row with BirthRecord: a row the model
    # accepted would raise, so these findings are the model's too.
    assert [(f.row, f.column, f.code) for f in checked.findings] == [
        (2, "mother_id", "id_precision_lost"), (3, "mother_id", "id_precision_lost")]
    assert checked.rows.tolist() == [4]


def test_a_payer_id_a_workbook_stored_as_a_number_is_precision_lost() -> None:
    cells = {"village_code": [V] * 2, "township_name": ["鸣凤镇"] * 2,
             "village_name": ["甲村"] * 2, "case_id": ["1", "2"], "payer_id": [mid(), ""],
             "decision_date": ["2023-05-05"] * 2, "assessed_amount": ["1000"] * 2,
             "collected_amount": ["800"] * 2}
    raw = RawBatch({k: pa.array(v, pa.string()) for k, v in cells.items()}, np.array([2, 3]),
                   np.zeros(2, dtype=bool), numeric={"payer_id": np.array([True, True])})
    checked = check_fees(raw, ctx())
    # An empty cell holds no number: row 3 is a fee without a payer ID, as in a CSV.
    assert [(f.row, f.code) for f in checked.findings] == [(2, "id_precision_lost")]
    assert checked.rows.tolist() == [3]


def test_numeric_id_cells_count_for_the_file_rule() -> None:
    # 5 valid-looking IDs the workbook stored as numbers: 5 of 5 → stored as numbers.
    tally, _ = excel_damage.look_ahead(iter([batch([mid()] * 5, [True] * 5)]), "mother_id")
    assert (tally.ids, tally.zeroed, tally.stored_as_numbers) == (5, 5, True)
    tally, _ = excel_damage.look_ahead(iter([batch([mid()] * 5)]), "mother_id")
    assert (tally.ids, tally.zeroed, tally.stored_as_numbers) == (5, 0, False)


def test_a_survey_stored_as_numbers_is_not_matched(write_csv: Callable[..., Path]) -> None:
    passing = chance_ids(5)
    # The register holds one real number ending in 000 (a lone 000: trusted) and 4 others.
    register = write_csv([birth(V, passing[0], "2023-01-05"),
                          *(birth(V, mid(seq=2 * n + 2), "2023-01-06") for n in range(4))])
    # The field check found that birth and 4 more, its whole ID column cut to 15 digits:
    # 5 of 5 end in 000, so even the number equal to the register's is not trusted.
    survey = write_csv([birth(V, i, "2023-01-05") for i in passing])
    out = compute([register, f"survey:{survey}"], year="2023")
    # 5 survey births, none matched: 5 under-reported.
    assert (value(out, "survey_births"), value(out, "underreported_births")) == (5, 5)
    # The control: the check's one birth alone is a lone 000, trusted and matched.
    alone = write_csv([birth(V, passing[0], "2023-01-05")])
    out = compute([register, f"survey:{alone}"], year="2023")
    assert (value(out, "survey_births"), value(out, "underreported_births")) == (1, 0)
