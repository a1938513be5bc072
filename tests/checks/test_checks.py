"""Every row check of docs/data.md, and the vectorised path agreeing with the Pydantic model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from jisheng_cli.errors import ParseError
from jisheng_cli.records.births import BirthRecord
from jisheng_cli.records.codes import parse_residence
from jisheng_cli.records.ids import upgrade15
from tests.helpers import AS_OF, HEADER, compute, cut_ids, row
from tests.helpers import mother_id as mid

V = "420525100201"


def line(code: str = V, id_: str | None = None, date: str = "2023-01-05", sex: str = "男",
         order: str = "1", policy: str = "政策内", town: str = "鸣凤镇",
         village: str = "甲村") -> str:
    return ",".join([code, town, village, "张丽", mid() if id_ is None else id_, date, sex, order,
                     policy])


def findings(paths: list[Path]) -> list[tuple[int | None, str | None, str, str]]:
    out = compute(paths)
    return [(f.row, f.column, f.code, f.severity) for f in out.findings]


ERRORS = [
    (line(id_=""), "mother_id", "missing_value"),
    (line(date=""), "child_birth_date", "missing_value"),
    (line(sex=""), "child_sex", "missing_value"),
    (line(date="2023-02-30"), "child_birth_date", "unparseable_date"),
    (line(date="5/1/2023"), "child_birth_date", "ambiguous_date"),
    (line(date="2027-01-01"), "child_birth_date", "date_in_future"),
    (line(date="1949-12-31"), "child_birth_date", "date_before_1950"),
    (line(sex="X"), "child_sex", "unknown_sex_code"),
    (line(policy="maybe"), "policy_status", "unknown_policy_code"),
    (line(order="21"), "birth_order", "birth_order_out_of_range"),
    (line(order="0"), "birth_order", "birth_order_out_of_range"),
    (line(order="two"), "birth_order", "invalid_birth_order"),
    (line(id_="42052519900101"), "mother_id", "id_malformed"),
    (line(id_=mid()[:17] + ("0" if mid()[17] != "0" else "1")), "mother_id", "id_check_digit"),
    (line(id_="4.20525E+17"), "mother_id", "id_scientific_notation"),
    (line(code="42052510020"), "village_code", "village_code_malformed"),
    (line(code=""), "village_code", "missing_value"),
]


@pytest.mark.parametrize(("text", "column", "code"), ERRORS, ids=[e[2] for e in ERRORS])
def test_each_error_rejects_the_row(
    write_csv: Callable[..., Path], text: str, column: str, code: str
) -> None:
    path = write_csv([line(id_=mid(seq=8)), text])
    out = compute([path])
    assert out.report.inputs[0].rows_rejected == 1
    assert out.report.inputs[0].rows_used == 1
    assert [(f.row, f.column, f.code, f.severity) for f in out.findings] == [
        (3, column, code, "error")
    ]


WARNINGS = [
    # mother born 2010 → 12 at a 2023 birth; born 1970 → 52
    ([line(id_=mid("20100101"))], "mother_id", "mother_age_implausible"),
    ([line(id_=mid("19700101"))], "mother_id", "mother_age_implausible"),
    ([line(id_=mid(seq=3))], "mother_id", "mother_id_male"),
    ([line(policy="政策外")], "policy_status", "first_birth_out_of_policy"),
]


@pytest.mark.parametrize(("lines", "column", "code"), WARNINGS, ids=[w[2] for w in WARNINGS])
def test_each_warning_keeps_the_row(
    write_csv: Callable[..., Path], lines: list[str], column: str, code: str
) -> None:
    out = compute([write_csv(lines)])
    assert out.report.inputs[0].rows_used == 1
    assert [(f.column, f.code, f.severity) for f in out.findings] == [(column, code, "warning")]


def test_mother_age_boundaries(write_csv: Callable[..., Path]) -> None:
    # 15th birthday on the day of the birth: 15 completed years, no warning;
    # one day before it: 14, warned. 50th birthday: warned.
    ok = line(id_=mid("20080105"), date="2023-01-05")
    young = line(id_=mid("20080106", 4), date="2023-01-05")
    old = line(id_=mid("19730105", 6), date="2023-01-05")
    out = compute([write_csv([ok, young, old])])
    assert [(f.row, f.code) for f in out.findings] == [
        (3, "mother_age_implausible"), (4, "mother_age_implausible")]


def test_cross_row_warnings(write_csv: Callable[..., Path]) -> None:
    a, b = mid(seq=2), mid("19890202", 4)
    lines = [
        line(id_=a, date="2023-01-05", order="1"),
        line(id_=a, date="2023-05-01", order="2"),  # 116 days later: short interval
        line(id_=b, date="2023-03-03", order="1", sex="男"),
        line(id_=b, date="2023-03-03", order="1", sex="女"),  # twins given one order
        line(id_=b, date="2023-03-03", order="1", sex="男"),  # duplicate of row 4
    ]
    out = compute([write_csv(lines)])
    got = [(f.row, f.code, f.severity) for f in out.findings]
    assert got == [
        (3, "short_birth_interval", "warning"),
        (5, "same_order_multiple_birth", "warning"),
        (6, "duplicate", "duplicate"),
    ]
    assert row(out, "births_total")["value"] == 4
    assert row(out, "duplicate_records")["value"] == 1


def test_duplicates_across_files_first_file_wins(write_csv: Callable[..., Path]) -> None:
    first = write_csv([line(id_=mid(), code="420525100201")], name="a.csv")
    second = write_csv([line(id_=mid(), code="420525101201", village="乙村")], name="b.csv")
    out = compute([first, second], by=["village"])
    assert [i.rows_duplicate for i in out.report.inputs] == [0, 1]
    assert row(out, "duplicate_records", "village", "420525100201")["value"] == 1
    assert row(out, "births_total", "village", "420525100201")["value"] == 1
    dup = out.findings[0]
    assert dup.file.endswith("b.csv") and (dup.code, dup.variant) == ("duplicate", "birth")
    # It points at the kept row in the other file: a.csv's first record, row 2.
    kept = dict(dup.params)
    assert kept["dup_row"] == 2 and str(kept["dup_file"]).endswith("a.csv")
    assert "a.csv row 2" in dup.message("en")


def test_legacy_15_digit_id_matches_its_18_digit_form(write_csv: Callable[..., Path]) -> None:
    id15 = "420525900101021"
    lines = [line(id_=id15), line(id_=upgrade15(id15))]
    out = compute([write_csv(lines)])
    assert out.report.inputs[0].rows_duplicate == 1


def test_village_name_mismatch_warning(write_csv: Callable[..., Path]) -> None:
    out = compute([write_csv([line(id_=mid(seq=2)), line(id_=mid(seq=4), village="甲家村")])])
    assert [(f.row, f.code) for f in out.findings] == [(3, "village_name_mismatch")]


def test_names_instead_of_codes(write_csv: Callable[..., Path]) -> None:
    header = "乡镇,村名,母亲身份证号,出生日期,性别,孩次,政策属性"
    lines = [f"鸣凤镇,甲村,{mid(seq=2)},2023-01-05,男,1,政策内",
             f"鸣凤镇,乙村,{mid(seq=4)},2023-01-06,女,1,政策内",
             f"河口乡,甲村,{mid(seq=6)},2023-01-07,女,1,政策内",
             f"河口乡,,{mid(seq=8)},2023-01-07,女,1,政策内"]
    out = compute([write_csv(lines, header=header)], by=["township", "village"])
    assert out.report.inputs[0].rows_rejected == 1  # the village name is required then
    towns = [(r.group_code, r.group_name, r.value) for r in out.report.rows
             if r.indicator == "births_total" and r.group_level == "township"]
    assert towns == [(None, "河口乡", 1), (None, "鸣凤镇", 2)]
    villages = [(r.group_name, r.value) for r in out.report.rows
                if r.indicator == "births_total" and r.group_level == "village"]
    assert sorted(villages) == [("乙村", 1), ("甲村", 1), ("甲村", 1)]


# ---- the two paths agree: vectorised flags == Pydantic's errors, row by row ----------

CELLS = {
    "code": [V, "420525101201", "", "42052510", "４２０５２５１００２０１", "4.20525E+11"],
    "id": [mid(), mid(seq=4), "420525900101021", "", "4.20525E+17", mid()[:17] + "0",
           "42052519901301002X", "abc", mid().lower(), *cut_ids(1), *cut_ids(1, False)],
    "date": ["2023-01-05", "2023/1/5", "44931", "", "2023-02-30", "5/1/2023", "2030-01-01",
             "1949-01-01", "20230105", "2023年1月5日", "二〇二三年一月五日", "2023-01", "23-1-5",
             "25/1/2023"],
    "sex": ["男", "2", "9", "", "X", "女性"],
    "order": ["1", "2", "3", "", "0", "21", "二孩", "x"],
    "policy": ["政策内", "政策外", "符合", "", "?"],
}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in CELLS.items()}),
                min_size=1, max_size=25))
def test_vectorised_checks_agree_with_pydantic(
    write_csv: Callable[..., Path], rows: list[dict[str, str]]
) -> None:
    lines = [line(code=r["code"], id_=r["id"] or " ", date=r["date"], sex=r["sex"],
                  order=r["order"], policy=r["policy"]) for r in rows]
    path = write_csv(lines)
    from jisheng_cli.errors import InputError

    try:
        out = compute([path], compute=False)
    except InputError:
        return
    fast = sorted((f.row, f.column, f.code) for f in out.findings if f.severity == "error")
    slow = []
    context = {"as_of": AS_OF, "period_basis": "birth_date", "require_village_code": True}
    for n, r in enumerate(rows):
        cells = {"village_code": r["code"], "township_name": "鸣凤镇", "village_name": "甲村",
                 "mother_name": "张丽", "mother_id": r["id"] or " ",
                 "child_birth_date": r["date"], "child_sex": r["sex"],
                 "birth_order": r["order"], "policy_status": r["policy"]}
        try:
            BirthRecord.model_validate(cells, context=context)
        except ValidationError as e:
            slow.extend((n + 2, str(err["loc"][0]), err["type"]) for err in e.errors())
    assert fast == sorted(slow)


# Every spelling records/codes.py accepts is a known residence; only the rest is warned.
RESIDENCE = [("常住人口", None), ("local", None), ("户籍人口", None), ("流动人口", None),
             ("inflow", None), ("外星", "unknown_residence_code")]


@pytest.mark.parametrize(("text", "warned"), RESIDENCE, ids=[r[0] for r in RESIDENCE])
def test_residence_codes_follow_the_shared_parser(
    write_csv: Callable[..., Path], text: str, warned: str | None
) -> None:
    out = compute([write_csv([f"{line()},{text}"], header=f"{HEADER},户籍性质")])
    assert out.report.inputs[0].rows_used == 1  # a warning never rejects the row
    got = [(f.row, f.column, f.code, f.severity, f.value) for f in out.findings]
    assert got == ([] if warned is None else [(2, "residence", warned, "warning", text)])
    if warned:  # the code is the parser's own, defined once
        with pytest.raises(ParseError) as info:
            parse_residence(text)
        assert (info.value.code, info.value.variant) == (warned, out.findings[0].variant)
