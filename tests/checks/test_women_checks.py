"""Every row check of docs/women.md on small batches, the values handed to the engine, the
config's `[codes]` tables on both paths, and the vectorised checks agreeing with the models.

Batches are built as the readers hand them over (RawBatch of text cells), so the checks
are tested without the engine that streams them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from jisheng_cli.checks.common import NO_DAY, CheckContext, mask_value
from jisheng_cli.checks.women import check_procedures, check_women
from jisheng_cli.findings import Finding
from jisheng_cli.messages.findings import CODES
from jisheng_cli.readers.batch import RawBatch
from jisheng_cli.records.schema import MODELS, canonical_columns
from jisheng_cli.records.women_codes import code_tables
from tests.checks.women_examples import BAD_CHECK, BASE, ERRORS, HIS, WARNINGS, V
from tests.helpers import AS_OF
from tests.helpers import mother_id as mid


def batch(kind: str, rows: list[dict[str, str]]) -> RawBatch:
    """The kind's canonical columns, each row the base row with `rows`' cells changed;
    the header is row 1, so the rows are 2, 3, …"""
    cols = canonical_columns(kind)
    data = {c: pa.array([r.get(c, BASE[kind][c]) for r in rows], pa.string()) for c in cols}
    return RawBatch(data, np.arange(2, len(rows) + 2), np.zeros(len(rows), dtype=bool))


def context(**changes: Any) -> CheckContext:
    return replace(CheckContext(path="w.csv", as_of=AS_OF), **changes)


def check(kind: str, rows: list[dict[str, str]], ctx: CheckContext | None = None) -> Any:
    raw = batch(kind, rows)
    ctx = ctx or context()
    if kind == "procedures":
        return check_procedures(raw, ctx)
    return check_women(raw, ctx, survey=kind == "women_survey")


def found(out: Any) -> list[tuple[int | None, str | None, str, str, str]]:
    return [(f.row, f.column, f.code, f.variant, f.severity) for f in out.findings]


def test_the_base_rows_are_clean() -> None:
    for kind in BASE:
        out = check(kind, [{}])
        assert len(out) == 1 and out.findings == [], kind


# ---- errors: the row is rejected, the model writes the message --------------------------

@pytest.mark.parametrize(("kind", "cells", "column", "code", "variant"), ERRORS,
                         ids=[f"{e[0]}-{e[3]}-{e[2]}" for e in ERRORS])
def test_each_error_rejects_the_row(kind: str, cells: dict[str, str], column: str, code: str,
                                    variant: str) -> None:
    out = check(kind, [{}, cells])
    assert (len(out), out.n_rejected) == (1, 1)
    assert list(out.rows) == [2]
    assert found(out) == [(3, column, code, variant, "error")]
    assert CODES[code].severity_of(kind) == "error"


def test_blank_methods_by_the_blank_method_setting() -> None:
    empty = {"contraceptive_method": "", "husband_method": ""}
    kept = check("women", [empty])
    assert list(kept.method) == [0]  # none
    assert found(kept) == [(2, "contraceptive_method", "method_blank_as_none", "", "warning")]
    refused = check("women", [empty, {"contraceptive_method": "", "husband_method": "男扎"}],
                    context(blank_method="reject"))
    # His 男扎 fills her empty cell: only the row with both empty is rejected.
    assert (refused.n_rejected, list(refused.rows), list(refused.method)) == (1, [3], [1])
    assert found(refused) == [(2, "contraceptive_method", "missing_value", "method", "error")]
    assert "blank_method" in refused.findings[0].message("en")
    # A field check's empty cells are "not checked", whatever the setting.
    survey = check("women_survey", [empty], context(blank_method="reject"))
    assert (list(survey.method), survey.findings) == ([-1], [])


def test_residence_rejects_a_woman_but_only_warns_a_birth() -> None:
    entry = CODES["unknown_residence_code"]
    assert [entry.severity_of(k) for k in ("births", "survey", "women", "women_survey")] == [
        "warning", "warning", "error", "error"]


def test_a_male_id_is_fine_on_a_vasectomy() -> None:
    out = check("procedures", [{"procedure_type": "男扎", "woman_id": HIS}])
    assert (len(out), out.findings) == (1, [])


# ---- warnings: the row is kept ----------------------------------------------------------

@pytest.mark.parametrize(("cells", "column", "code", "method"), WARNINGS,
                         ids=[f"{w[2]}-{w[1]}" for w in WARNINGS])
def test_each_warning_keeps_the_row(cells: dict[str, str], column: str, code: str,
                                    method: int) -> None:
    out = check("women", [cells])
    assert (len(out), out.n_rejected) == (1, 0)
    assert found(out) == [(2, column, code, "", "warning")]
    assert list(out.method) == [method]


def test_no_sterilisation_warning_with_children_or_without_the_count() -> None:
    out = check("women", [{"contraceptive_method": "女扎", "children_count": "2"},
                          {"contraceptive_method": "女扎", "children_count": ""},
                          {"contraceptive_method": "上环", "children_count": "0"}])
    assert out.findings == [] and list(out.children) == [2, -1, 0]


# hers, his → the effective method (METHOD_CODE: none 0, vasectomy 1, tubal 2, iud 3,
# implant 4, pill 5, injection 6, condom 7) and whether two_methods is warned
EFFECTIVE = [
    ("上环", "", 3, False), ("", "男扎", 1, False), ("无", "男扎", 1, False),
    ("无", "", 0, False), ("", "无", 0, False), ("上环", "上环", 3, False),
    ("上环", "无", 3, False), ("避孕套", "口服药", 5, True),  # pill before condom
    ("口服药", "避孕针", 6, True),  # injection before pill
    ("结扎", "", 2, False), ("", "结扎", 1, False),  # 结扎: hers tubal, his vasectomy
    ("女扎", "结扎", 1, True),
]


def test_the_effective_method() -> None:
    rows = [{"contraceptive_method": h, "husband_method": m} for h, m, _, _ in EFFECTIVE]
    out = check("women", rows)
    assert list(out.method) == [e[2] for e in EFFECTIVE]
    two = {f.row for f in out.findings if f.code == "two_methods"}
    assert two == {n + 2 for n, e in enumerate(EFFECTIVE) if e[3]}


def test_the_values_handed_to_the_engine() -> None:
    out = check("women", [{}, {"woman_id": "420525900101022", "residence": "",
                               "key_target": "是", "marital_status": "丧偶",
                               "method_date": "", "record_date": ""}])
    assert list(out.rows) == [2, 3]
    # mid() = 420525 19900101 002 + check; the 15-digit 420525 900101 022 gains "19"
    assert list(out.id17) == [42052519900101002, 42052519900101022]
    # 1990-01-01: 20 years after 1970-01-01 with 5 leap days (72, 76, 80, 84, 88)
    assert list(out.birth_days) == [20 * 365 + 5] * 2
    assert list(out.marital) == [21, 30]
    assert list(out.residence) == [0, 0]  # 常住, and empty: local
    assert list(out.key_target) == [False, True]
    days = (date(2011, 12, 20) - date(1970, 1, 1)).days
    assert list(out.method_days) == [days, NO_DAY]
    assert list(out.record_days) == [(date(2012, 9, 1) - date(1970, 1, 1)).days, NO_DAY]
    assert list(out.check_days) == [(date(2012, 6, 10) - date(1970, 1, 1)).days] * 2
    assert list(out.exit_days) == [NO_DAY] * 2 and list(out.children) == [1, 1]
    assert list(out.id_trusted) == [True, True]


def test_a_field_check_keeps_empty_cells_open() -> None:
    out = check("women_survey", [{"marital_status": "", "contraceptive_method": "",
                                  "residence": ""}, {}])
    assert list(out.marital) == [-1, 20]
    assert list(out.method) == [-1, 3]
    assert list(out.residence) == [-1, 1]  # empty: not checked; 流出: outflow


def test_procedure_values() -> None:
    out = check("procedures", [{}, {"procedure_id": "", "complication": "是",
                                    "procedure_type": "人工流产"}])
    assert list(out.procedure_id) == ["SS-001", None]
    assert list(out.ptype) == [3, 7]  # iud_insertion, abortion
    assert list(out.complication) == [False, True]  # empty = no
    assert list(out.days) == [(date(2011, 12, 20) - date(1970, 1, 1)).days] * 2


# ---- [codes.<kind>.<column>]: the same reading on both paths ------------------------------

TABLES = {"contraceptive_method": {"201": "vasectomy", "202": "上环"},
          "marital_status": {"1": "初婚"}}


def test_a_codes_table_on_the_vectorised_path_and_in_the_model() -> None:
    ctx = context(codes=code_tables(TABLES))
    out = check("women", [
        {"contraceptive_method": "201"},
        {"contraceptive_method": "", "husband_method": "201"},  # hers applies to his
        {"contraceptive_method": "202.0", "marital_status": "1"},  # Excel's 202.0 is 202
        {"contraceptive_method": "203"},  # not in the table: still unknown
        # Mapped in the model too: only the date is reported, not the method.
        {"contraceptive_method": "201", "method_date": "2027-01-01"},
    ], ctx)
    assert list(out.rows) == [2, 3, 4]
    assert list(out.method) == [1, 1, 3] and list(out.marital) == [21, 21, 21]
    assert found(out) == [(5, "contraceptive_method", "unknown_method_code", "", "error"),
                          (6, "method_date", "date_in_future", "", "error")]
    # Without the table the same numbers are unknown codes.
    plain = check("women", [{"contraceptive_method": "201"}])
    assert [f.code for f in plain.findings] == ["unknown_method_code"]


def test_a_codes_table_for_procedures() -> None:
    ctx = context(codes=code_tables({"procedure_type": {"7": "人流"}}))
    out = check("procedures", [{"procedure_type": "7"}, {"procedure_type": "07"}], ctx)
    assert list(out.ptype) == [7, 7] and out.findings == []


# ---- masking ------------------------------------------------------------------------------

def test_ids_and_names_are_masked_in_findings() -> None:
    male = mid(seq=5)
    out = check("women", [{"woman_id": male}])
    assert [f.value for f in out.findings] == [male[:6] + "********" + male[-4:]]
    shown = check("women", [{"woman_id": male}], context(show_personal_data=True))
    assert [f.value for f in shown.findings] == [male]
    assert mask_value("woman_name", "张丽", False) == "张*"
    # An ID pasted into a coded column is masked there too.
    pasted = check("women", [{"contraceptive_method": mid()}])
    assert [f.value for f in pasted.findings] == [mid()[:6] + "********" + mid()[-4:]]
    assert all(mid() not in str(f.to_dict("en")) for f in pasted.findings)


# ---- the two paths agree; every finding is in the catalogue -------------------------------

CELLS: dict[str, list[str]] = {
    "woman_id": [mid(), mid(seq=4), HIS, "", BAD_CHECK, "420525900101021", "4.20525E+17",
                 "abc"],
    "marital_status": ["21", "已婚", "", "99", "丧偶", "1"],
    "contraceptive_method": ["上环", "", "无", "服注药", "待定", "201", "女扎", "结扎"],
    "husband_method": ["", "男扎", "结扎", "无", "待定", "201"],
    "exclusion_reason": ["", "现孕", "离婚", "想生"],
    "residence": ["", "常住", "流出", "外星"],
    "children_count": ["", "0", "2", "21", "2.0"],
    "key_target": ["", "是", "也许"],
    "method_date": ["", "2011-12-20", "2027-03-08", "1949-12-31", "2012-02-30", "5/1/2012"],
    "village_code": [V, "", "42052510020"],
    "procedure_type": ["放环", "男扎", "", "结扎", "7"],
    "procedure_date": ["2011-12-20", "", "2027-01-01"],
    "complication": ["", "是", "也许"],
}
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def assert_in_catalogue(f: Finding, kind: str) -> None:
    entry = CODES[f.code]
    assert f.severity == entry.severity_of(kind), f
    assert kind in entry.kinds, f
    assert not entry.columns or f.column in entry.columns, f
    assert f.variant == "" or f.variant in entry.variants, f
    assert f.message("zh") and f.message("en")


@pytest.mark.parametrize("kind", ["women", "women_survey", "procedures"])
@pytest.mark.parametrize("blank", ["none", "reject"])
@PROPERTY
@given(data=st.data())
def test_vectorised_checks_agree_with_the_models(kind: str, blank: str,
                                                 data: st.DataObject) -> None:
    names = [c for c in canonical_columns(kind) if c in CELLS]
    rows = data.draw(st.lists(st.fixed_dictionaries(
        {c: st.sampled_from(CELLS[c]) for c in names}), min_size=1, max_size=20))
    ctx = context(codes=code_tables({"contraceptive_method": {"201": "男扎"},
                                     "marital_status": {"1": "初婚"},
                                     "procedure_type": {"7": "人流"}}),
                  blank_method=blank)
    out = check(kind, rows, ctx)
    fast = sorted((f.row, f.column, f.code) for f in out.findings if f.severity == "error")
    slow = []
    for n, r in enumerate(rows):
        cells = {**BASE[kind], **r}
        try:
            MODELS[kind].model_validate(cells, context=ctx.validation_context())
        except ValidationError as e:
            slow.extend((n + 2, str(err["loc"][0]), err["type"]) for err in e.errors())
    assert fast == sorted(slow)
    assert len(out) + out.n_rejected == len(rows)
    for f in out.findings:
        assert_in_catalogue(f, kind)


@pytest.mark.parametrize("kind", ["women", "procedures"])
def test_the_compiled_id_parser_gives_the_same_batch(kind: str) -> None:
    rows = [{}, {"woman_id": HIS}, {"woman_id": BAD_CHECK}, {"woman_id": "420525900101022"},
            {"woman_id": " " + mid(seq=6) + "\t"}, {"woman_id": "abc"}]
    numpy_path, kernel_path = check(kind, rows), check(kind, rows, context(kernel=True))
    assert found(kernel_path) == found(numpy_path)
    assert list(kernel_path.rows) == list(numpy_path.rows)
    assert list(kernel_path.id17) == list(numpy_path.id17)

