"""The finding-code catalogue and the checks agree both ways.

Whatever the cells hold, every finding the checks produce is a catalogue code, with the
catalogue's severity, on a kind and column the catalogue lists, and with exactly the
parameters its message needs. And every code (and every named variant) of the catalogue
is produced by some input: one example each below, so the catalogue holds no dead entry
and the checks no unlisted code.
"""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from jisheng_cli.errors import InputError
from jisheng_cli.findings import Finding
from jisheng_cli.messages.findings import CODES
from jisheng_cli.records.schema import canonical_columns
from tests.checks.women_examples import CHECKED
from tests.helpers import compute, cut_ids, mother
from tests.helpers import mother_id as mid
from tests.helpers import template_fields as fields

V = "420525100201"  # a village of township 420525100, county 420525
OTHER_V = "420525100202"
# mid(birth, seq) is a valid ID number; an even seq (digit 17) is a woman's.


BASE: dict[str, dict[str, str]] = {
    "births": {
        "village_code": V, "township_name": "鸣凤镇", "village_name": "甲村", "record_id": "1",
        "mother_id": mid(), "mother_name": "张丽", "child_birth_date": "2023-01-05",
        "child_sex": "男", "birth_order": "1", "policy_status": "政策内",
        "report_date": "2023-01-10", "residence": "常住",
    },
    "fees": {
        "village_code": V, "township_name": "鸣凤镇", "village_name": "甲村",
        "case_id": "远计征〔2023〕第001号", "payer_id": mid(), "decision_date": "2023-05-05",
        "assessed_amount": "1000", "collected_amount": "800",
        "last_payment_date": "2023-06-01", "enforcement": "否",
    },
    "population": {
        "village_code": V, "township_code": "", "county_code": "", "township_name": "鸣凤镇",
        "village_name": "甲村", "population": "2000", "year": "2023",
    },
    "checked": {"village_code": V},
}
BASE["survey"] = BASE["births"]
COMPANIONS = {  # the kinds a file of this kind is measured against
    "births": (), "fees": (), "survey": ("births",), "population": ("births",),
    "checked": ("births", "survey"),
}


def csv_text(kind: str, rows: list[dict[str, str] | list[str]]) -> str:
    """A file of `kind` with canonical headers; a row is a dict (missing cells are the
    base's) or a list of cells as they stand (ragged rows)."""
    columns = canonical_columns(kind)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow(r if isinstance(r, list)
                        else [r.get(c, BASE[kind][c]) for c in columns])
    return out.getvalue()


def run_files(directory: Path, kind: str, rows: list[dict[str, str] | list[str]],
              definitions: dict[str, object] | None = None,
              reading: dict[str, object] | None = None, cut_off: bool = False,
              ) -> tuple[list[Finding], dict[str, str]]:
    """The findings of one file of `kind` (after its companions, each one valid row) and
    each finding file's kind; `cut_off`: its last line has no line end."""
    kinds: dict[str, str] = {}
    paths = []
    for i, k in enumerate((*COMPANIONS[kind], kind)):
        path = directory / f"{i}_{k}.csv"
        text = csv_text(k, rows if k == kind and i == len(COMPANIONS[kind]) else [{}])
        path.write_text(text.removesuffix("\n") if cut_off and k == kind else text,
                        encoding="utf-8")
        kinds[str(path)] = k
        paths.append(f"{k}:{path}")
    out = compute(paths, definitions=definitions, reading=reading)
    return out.findings, kinds


def assert_in_catalogue(f: Finding, kind: str) -> None:
    assert f.code in CODES, f
    entry = CODES[f.code]
    assert f.severity == entry.severity_of(kind), f
    assert kind in entry.kinds, f
    # () is a code for any column (missing_value) or the row as a whole (ragged_row).
    assert not entry.columns or f.column in entry.columns, f
    assert f.variant == "" or f.variant in entry.variants, f
    given_params = {k for k, _ in f.params} - {"dup_file"}
    for lang, text in zip(("zh", "en"), entry.text(f.variant), strict=True):
        wanted = {"dup_row" if n == "where" else n for n in fields(text)}
        assert given_params == wanted, (f, lang)
        assert f.message(lang) and "{" not in f.message(lang)


# ---- property: any cell text, in any column of any kind --------------------------------

CELL = st.one_of(
    st.sampled_from([
        "", " ", "4.20525E+17", "2023-02-30", "5/1/2023", "1949-12-31", "2099-01-01",
        "2027-01-01", "42052519771126238", mid(seq=3), mid("20100101"), mid("19800230"),
        "合计", "=1+1", "-1", "(1,200.00)", "待定", "9" * 40, "1" * 20, "21", "0", "1.5",
        "第二孩", "政策外", "男", "女", "9", "是", "流入", "外星", OTHER_V, "420525100000",
        "420525000000", "420525100", "420525", "4205251", "23", "2023年", "100001",
        "2000001", mid()[:17] + "0",
    ]),
    # NUL makes a file binary (an input error, not a finding), and a lone surrogate cannot
    # be written to a file at all: any other character.
    st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
            max_size=10),
)
# How a damaged row's cells are cut: as they are (mostly), to a few, or one cell too many.
CUTS = st.sampled_from([None] * 6 + [0, 1, 5, -1])
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("kind", ["births", "survey", "fees", "population", "checked"])
@PROPERTY
@given(data=st.data())
def test_every_finding_is_a_catalogue_code_with_its_severity(
    kind: str, data: st.DataObject
) -> None:
    columns = canonical_columns(kind)
    changes = data.draw(st.lists(
        st.tuples(st.dictionaries(st.sampled_from(columns), CELL, max_size=4), CUTS),
        min_size=1, max_size=5))
    rows: list[dict[str, str] | list[str]] = [{}]  # a valid first row keeps the file usable
    for cells, cut in changes:
        full = [cells.get(c, BASE[kind][c]) for c in columns]
        rows.append(cells if cut is None else [*full, "x"] if cut < 0 else full[:cut])
    with tempfile.TemporaryDirectory() as d:
        try:
            found, kinds = run_files(Path(d), kind, rows)
        except InputError as e:
            # Population rows of two levels, or with and without a year: a file-level error.
            assert kind == "population", e
            return
    for f in found:
        event(f.code)  # --hypothesis-show-statistics: which codes the examples reached
        assert_in_catalogue(f, kinds[f.file])


# ---- every code, and every variant, from one example input -------------------------------

@dataclass(frozen=True)
class Example:
    code: str
    variant: str
    kind: str
    rows: list[dict[str, str] | list[str]]  # after the first, valid, row
    row: int | None  # where the finding is: the header is row 1, the valid row 2
    column: str | None
    definitions: dict[str, object] = field(default_factory=dict)
    reading: dict[str, object] = field(default_factory=dict)
    cut_off: bool = False  # the file's last line has no line end


def ex(code: str, kind: str, cells: dict[str, str], column: str | None, variant: str = "",
       row: int = 3) -> Example:
    return Example(code, variant, kind, [cells], row, column)


A, B = mid(seq=4), mid("19880808", 6)  # two more mothers
EXAMPLES = [
    # values missing or unparseable
    ex("missing_value", "births", {"child_sex": ""}, "child_sex"),
    Example("missing_value", "report_date", "births", [{"report_date": ""}], 3, "report_date",
            {"period_basis": "report_date"}),
    ex("missing_value", "population", {"village_code": ""}, None, "area"),
    ex("unparseable_date", "births", {"child_birth_date": "2023-02-30"}, "child_birth_date"),
    ex("unparseable_date", "births", {"child_birth_date": "2023年1月"}, "child_birth_date",
       "year_month_only"),
    ex("unparseable_date", "fees", {"decision_date": "23-1-5"}, "decision_date",
       "two_digit_year"),
    # month 13 when read day first
    Example("unparseable_date", "date_order", "births", [{"report_date": "5/13/2023"}], 3,
            "report_date", reading={"date_order": "dmy"}),
    ex("ambiguous_date", "fees", {"decision_date": "5/1/2023"}, "decision_date"),
    ex("date_in_future", "births", {"report_date": "2027-01-01"}, "report_date"),
    ex("date_before_1950", "fees", {"last_payment_date": "1949-12-31"}, "last_payment_date"),
    ex("unknown_sex_code", "survey", {"child_sex": "3"}, "child_sex"),
    ex("unknown_policy_code", "births", {"policy_status": "maybe"}, "policy_status"),
    ex("unknown_yes_no_code", "fees", {"enforcement": "也许"}, "enforcement"),
    ex("invalid_birth_order", "births", {"birth_order": "two"}, "birth_order"),
    ex("birth_order_out_of_range", "births", {"birth_order": "21"}, "birth_order"),
    ex("id_scientific_notation", "births", {"mother_id": "4.20525E+17"}, "mother_id"),
    ex("id_malformed", "fees", {"payer_id": "42052519900101"}, "payer_id"),
    # 1980-02-30 inside the number, with its right check digit
    ex("id_malformed", "births", {"mother_id": mid("19800230")}, "mother_id", "birth_date"),
    ex("id_check_digit", "births", {"mother_id": mid()[:17] + "0"}, "mother_id"),
    ex("id_precision_lost", "fees", {"payer_id": cut_ids(1, passing=False)[0]}, "payer_id"),
    ex("village_code_malformed", "checked", {"village_code": "42052510020"}, "village_code"),
    ex("village_code_malformed", "births", {"village_code": "4.20525E+11"}, "village_code",
       "scientific"),
    # 10 digits; 7 (not 9, nor 12 ending in 000); 4 (not 6, nor 12 ending in 000000)
    ex("area_code_malformed", "population", {"village_code": "4205251002"}, "village_code",
       "village"),
    ex("area_code_malformed", "population", {"village_code": "", "township_code": "4205251"},
       "township_code", "township"),
    ex("area_code_malformed", "population", {"village_code": "", "county_code": "4205"},
       "county_code", "county"),
    ex("invalid_population", "population", {"population": "many"}, "population"),
    # one over each level's limit (100,000, 2,000,000, 20,000,000); and nobody at all
    ex("implausible_population", "population",
       {"village_code": OTHER_V, "population": "100001"}, "population", "village"),
    ex("implausible_population", "population",
       {"village_code": "", "township_code": "420525101", "population": "2000001"},
       "population", "township"),
    ex("implausible_population", "population",
       {"village_code": "", "county_code": "420526", "population": "0"}, "population",
       "county"),
    ex("invalid_year", "population", {"year": "23"}, "year"),
    ex("invalid_money", "fees", {"assessed_amount": "待定"}, "assessed_amount"),
    ex("invalid_money", "fees", {"collected_amount": "1" * 20}, "collected_amount",
       "too_large"),
    ex("negative_money", "fees", {"assessed_amount": "-5"}, "assessed_amount"),
    Example("ragged_row", "", "births", [[V, "鸣凤镇"]], 3, None),
    # the same row as the file's last line, with no line end after it
    Example("ragged_row", "cut_off", "births", [[V, "鸣凤镇"]], 3, None, cut_off=True),
    # NUL bytes in one row of 152 (under 1%); 150 other mothers keep it under the share
    Example("nul_bytes", "", "births",
            [{"mother_name": "张\x00丽"},
             *({"mother_id": mother(n), "mother_name": "王芳"} for n in range(1, 151))],
            3, "mother_name"),
    # duplicates: the second row repeats the first, row 2
    ex("duplicate", "births", {}, "mother_id", "birth"),
    ex("duplicate", "fees", {"assessed_amount": "5000"}, "case_id", "case"),
    ex("duplicate", "population", {"population": "3000"}, "population", "area_year"),
    # warnings
    ex("unknown_residence_code", "births", {"mother_id": A, "residence": "外星"}, "residence"),
    ex("mother_age_implausible", "births", {"mother_id": mid("20100101")}, "mother_id"),
    ex("mother_id_male", "survey", {"mother_id": mid(seq=3)}, "mother_id"),
    ex("first_birth_out_of_policy", "births", {"mother_id": A, "policy_status": "政策外"},
       "policy_status"),
    # the first row's mother, same day and order, a girl: twins given one birth order
    ex("same_order_multiple_birth", "births", {"child_sex": "女"}, "child_birth_date"),
    # the first row's mother again 116 days later (2023-01-05 → 2023-05-01)
    ex("short_birth_interval", "births",
       {"child_birth_date": "2023-05-01", "report_date": "2023-05-02", "birth_order": "2"},
       "child_birth_date"),
    ex("village_name_mismatch", "fees", {"case_id": "2", "village_name": "乙村"},
       "village_name"),
    ex("collected_exceeds_assessed", "fees", {"case_id": "2", "collected_amount": "1200"},
       "collected_amount"),
    ex("survey_village_not_in_register", "survey", {"mother_id": B, "village_code": OTHER_V},
       "village_code"),
]


# The file rule needs most IDs of a file to end in 000: several rows, several findings.
SEVERAL_ROWS = {("id_column_stored_as_numbers", ""), ("id_maybe_precision_lost", "")}


def test_the_file_rule_codes(tmp_path: Path) -> None:
    # 5 IDs ending in 000 that pass by chance, after the valid first row: 5 of 6 end in 000.
    found, kinds = run_files(tmp_path, "survey", [{}, *({"mother_id": i} for i in cut_ids(5))])
    assert {(f.code, f.variant) for f in found} == SEVERAL_ROWS
    assert [(f.row, f.code) for f in found] == [
        (None, "id_column_stored_as_numbers"),
        *((row, "id_maybe_precision_lost") for row in range(3, 8))]
    for f in found:
        assert_in_catalogue(f, kinds[f.file])


# Raised by the women's kinds' engine (engine/women.py, women_joins.py, procedures.py):
# tests/engine/test_women_findings.py runs an example of each, with its row, column,
# severity and messages. The checks' own codes: tests/checks/test_women_checks.py.
ENGINE_CODES = {("stale_record", ""), ("mother_not_in_women_register", ""),
                ("procedure_repeated", ""), ("sterilised_without_children", "births"),
                ("duplicate", "woman"), ("duplicate", "procedure_id"),
                ("duplicate", "procedure")}


def test_every_code_and_variant_has_an_example() -> None:
    covered = {(e.code, e.variant) for e in EXAMPLES} | SEVERAL_ROWS | CHECKED | ENGINE_CODES
    assert {code for code, _ in covered} == set(CODES)
    for entry in CODES.values():
        for variant in entry.variants:
            assert (entry.code, variant) in covered, (entry.code, variant)


@pytest.mark.parametrize("e", EXAMPLES, ids=[f"{e.code}/{e.variant}" if e.variant else e.code
                                              for e in EXAMPLES])
def test_the_example_gives_its_code_and_nothing_else(e: Example, tmp_path: Path) -> None:
    found, kinds = run_files(tmp_path, e.kind, [{}, *e.rows], e.definitions, e.reading,
                             e.cut_off)
    assert [(kinds[f.file], f.row, f.column, f.code, f.variant) for f in found] == [
        (e.kind, e.row, e.column, e.code, e.variant)]
    assert_in_catalogue(found[0], e.kind)


def test_a_duplicate_names_the_row_kept(tmp_path: Path) -> None:
    found, _ = run_files(tmp_path, "births", [{}, {"mother_id": A}, {}])
    # rows 2 and 4 are the same birth; row 3 is another mother's
    assert [(f.row, f.code, dict(f.params)) for f in found] == [
        (4, "duplicate", {"dup_row": 2})]
    assert found[0].message("en") == (
        "duplicate of row 2: same mother ID, birth date and birth order")
