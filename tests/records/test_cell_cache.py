"""The per-field cell cache (records.fields) changes no finding: a cell's outcome depends
only on its text and the context values in the table's key."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from jisheng_cli.records import fields
from jisheng_cli.records.births import BirthRecord, SurveyRecord
from jisheng_cli.records.fees import FeeRecord
from jisheng_cli.records.money import FEN_PER_WAN_YUAN, FEN_PER_YUAN


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    fields.clear_cell_cache()
    yield
    fields.clear_cell_cache()


def outcome(
    model: type[BaseModel], cells: dict[str, str], context: dict[str, Any], fresh: bool
) -> Any:
    """What a validation gives: the record, or every error's location, code, context and
    text (the parts findings are made of). `fresh`: every cell parsed afresh, as without
    the cache."""
    if fresh:
        fields.clear_cell_cache()
    try:
        return ("ok", model.model_validate(cells, context=context).model_dump())
    except ValidationError as e:
        return ("errors", [(err["loc"], err["type"], err.get("ctx"), err["msg"])
                           for err in e.errors(include_url=False)])


def outcomes(
    model: type[BaseModel], cells: dict[str, str], context: dict[str, Any], fresh: bool = False
) -> Any:
    """The row's outcome, and each cell's alone in a row valid in every context: a row
    with one error shows nothing of what its other cells parsed to."""
    base = FEE_BASE if model is FeeRecord else BIRTH_BASE
    return [outcome(model, cells, context, fresh)] + [
        outcome(model, base | {name: text}, context, fresh) for name, text in cells.items()
    ]


ID = "420527198807192982"  # a valid number (its check digit is right)

# Small pools, so that cells repeat across rows and contexts.
TEXTS = st.sampled_from(["", " ", "张三", "１２", "\ufeff 7 ", "x", "常住", "流入", "4.20525E+17"])
DATES = st.sampled_from(["2020-01-10", "3/5/2012", "5/3/2012", "25/3/2012", "2012年三月五日",
                         "2030-01-01", "1949-12-31", "2012-02-30", "12/3/5", "2012-03", "",
                         "43831", "２０２０-０１-１０"])
CODES = st.sampled_from(["1", "2", "男", "女", "0", "9", "1.0", "", "3", "政策内", "政策外",
                         "是", "否", "第2孩", "二孩", "21", "x"])
IDS = st.sampled_from([ID, ID[:-1] + "3", "420527880719298", "4.20525E+17", "", "123",
                       " " + ID.lower() + " ", "42052719880719298x"])
VILLAGES = st.sampled_from(["420527200003", "4205272000", "4.20527E+11", "",
                            "４２０５２７２０００03"])
MONEY = st.sampled_from(["12,345.60", "¥1.5", "1.2345", "-1", "", "abc", "0.005", "1万"])

BIRTH_CELLS = st.fixed_dictionaries({
    "record_id": TEXTS, "village_code": VILLAGES, "village_name": TEXTS,
    "township_name": TEXTS, "mother_id": IDS, "mother_name": TEXTS,
    "child_birth_date": DATES, "child_sex": CODES, "birth_order": CODES,
    "policy_status": CODES, "report_date": DATES, "residence": TEXTS,
})
FEE_CELLS = st.fixed_dictionaries({
    "case_id": TEXTS, "village_code": VILLAGES, "payer_id": IDS,
    "decision_date": DATES, "assessed_amount": MONEY, "collected_amount": MONEY,
    "last_payment_date": DATES, "enforcement": CODES,
})
CONTEXTS = st.fixed_dictionaries({
    "as_of": st.sampled_from([date(2026, 11, 22), date(2012, 3, 4), None]),
    "period_basis": st.sampled_from(["birth_date", "report_date"]),
    "require_village_code": st.booleans(),
    "require_names": st.booleans(),
    "units": st.sampled_from([{}, {"assessed_amount": FEN_PER_WAN_YUAN},
                              {"collected_amount": FEN_PER_WAN_YUAN,
                               "assessed_amount": FEN_PER_YUAN}]),
    "date_order": st.sampled_from([None, "dmy", "mdy"]),
    "numeric": st.sampled_from([set(), {"mother_id"}, {"payer_id"}]),
})
# Valid under every context drawn below (the earliest as_of is 2012-03-04).
PLACE = {"village_code": "420527200003", "village_name": "柳白村", "township_name": "泰乐街道"}
BIRTH_BASE = PLACE | {"mother_id": ID, "child_birth_date": "2010-01-10", "child_sex": "1",
                      "birth_order": "1", "policy_status": "政策内", "report_date": "2010-02-01"}
FEE_BASE = PLACE | {"case_id": "A1", "decision_date": "2010-01-10", "assessed_amount": "1",
                    "collected_amount": "1"}
ROWS = st.lists(
    st.one_of(
        st.tuples(st.sampled_from([BirthRecord, SurveyRecord]), BIRTH_CELLS, CONTEXTS),
        st.tuples(st.just(FeeRecord), FEE_CELLS, CONTEXTS),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(rows=ROWS)
def test_cached_findings_are_the_uncached_ones(rows: list[Any]) -> None:
    uncached = [outcomes(model, cells, context, fresh=True) for model, cells, context in rows]
    fields.clear_cell_cache()
    # Twice through one warm cache: the second pass answers every cell from it, after
    # the same texts were seen under other contexts (date orders, units, numeric IDs).
    for _ in range(2):
        cached = [outcomes(model, cells, context) for model, cells, context in rows]
        assert cached == uncached


def birth(**cells: str) -> dict[str, str]:
    row = {"village_code": "420527200003", "mother_id": ID, "child_birth_date": "2020-01-10",
           "child_sex": "1", "birth_order": "1", "policy_status": "政策内"}
    return row | cells


def codes_of(cells: dict[str, str], **context: Any) -> list[tuple[str, str]]:
    try:
        BirthRecord.model_validate(cells, context={"as_of": date(2026, 11, 22), **context})
    except ValidationError as e:
        return [(str(err["loc"][0]), err["type"]) for err in e.errors()]
    return []


def test_one_date_text_under_each_order() -> None:
    row = birth(child_birth_date="3/5/2012")
    for _ in range(2):  # the second round is answered from the cache
        assert codes_of(row) == [("child_birth_date", "ambiguous_date")]
        dmy = BirthRecord.model_validate(row, context={"date_order": "dmy"})
        assert dmy.child_birth_date == date(2012, 5, 3)  # 3 May: day first
        mdy = BirthRecord.model_validate(row, context={"date_order": "mdy"})
        assert mdy.child_birth_date == date(2012, 3, 5)  # 5 March: month first


def test_one_date_under_each_as_of() -> None:
    row = birth(child_birth_date="2020-01-10")
    assert codes_of(row) == []
    # The parse is cached, the range check is not: 2020-01-10 is after 2019-12-31.
    assert codes_of(row, as_of=date(2019, 12, 31)) == [("child_birth_date", "date_in_future")]


def test_one_id_text_as_number_and_as_text() -> None:
    row = birth()
    assert codes_of(row) == []
    assert codes_of(row, numeric={"mother_id"}) == [("mother_id", "id_precision_lost")]
    assert codes_of(row) == []


def test_one_amount_in_each_unit() -> None:
    row = {"case_id": "A1", "village_code": "420527200003", "decision_date": "2020-01-10",
           "assessed_amount": "1.5", "collected_amount": "1.5"}
    ctx = {"as_of": date(2026, 11, 22)}
    yuan = FeeRecord.model_validate(row, context=ctx)
    wan_units = {"units": {"assessed_amount": FEN_PER_WAN_YUAN}}
    wan = FeeRecord.model_validate(row, context=ctx | wan_units)
    assert (yuan.assessed_amount, yuan.collected_amount) == (150, 150)  # 1.5 元 = 150 fen
    assert (wan.assessed_amount, wan.collected_amount) == (1_500_000, 150)  # 1.5 万元 = 15,000 元


def test_repeated_error_keeps_its_message_and_a_short_traceback() -> None:
    row = birth(child_sex="3")
    errors = []
    for _ in range(50):
        with pytest.raises(ValidationError) as info:
            BirthRecord.model_validate(row)
        errors.append(info.value.errors(include_url=False))
    assert all(e == errors[0] for e in errors)
    assert [(err["loc"], err["type"]) for err in errors[0]] == [
        (("child_sex",), "unknown_sex_code")
    ]
    cached = [v for t in fields._TABLES for v in t.values() if isinstance(v, Exception)]
    assert cached
    for err in cached:
        depth, tb = 0, err.__traceback__
        while tb is not None:
            depth, tb = depth + 1, tb.tb_next
        assert depth < 5  # one raise's frames, not fifty


def test_a_full_table_starts_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fields, "CACHE_SIZE", 3)
    for n in range(10):
        BirthRecord.model_validate(birth(record_id=f"R{n}"))
    assert max(len(t) for t in fields._TABLES) <= 3
