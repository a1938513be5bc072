"""`[reading] date_order` reaches every date column of every kind, and the vectorised
checks and the Pydantic models read every date alike in every order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from jisheng_cli.checks.common import NO_DAY, CheckContext, Errors, day_column
from jisheng_cli.records.births import BirthRecord
from jisheng_cli.records.dates import DateOrder
from jisheng_cli.records.fees import FeeRecord
from tests.helpers import AS_OF, HEADER, birth, chinese_date, compute, mid

V = "420525100201"
ORDERS: list[DateOrder | None] = [None, "dmy", "mdy"]
FEES_HEADER = ("village_code,township_name,village_name,case_id,decision_date,"
               "assessed_amount,collected_amount,last_payment_date")


def styles(d: date) -> list[str]:
    """`d` in every style a register may hold, the near misses included."""
    return [
        d.isoformat(), f"{d.year}/{d.month}/{d.day}", d.strftime("%Y%m%d"),
        f"{d.day}/{d.month}/{d.year}", f"{d.month}/{d.day}/{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year} 0:00", f"{d.month}.{d.day}.{d.year}",
        f"{d.year}年{d.month}月{d.day}日", chinese_date(d), chinese_date(d, "○", "号", True),
        chinese_date(d, "零", ""), f"{d.year}年{d.month}月", f"{d.year}-{d.month:02d}",
        f"{d.year % 100}-{d.month}-{d.day}", str((d - date(1899, 12, 30)).days),
    ]


# From before 1950 to after the as-of date (2026-11-22): the range checks fire too.
DATE_TEXT = st.one_of(
    st.dates(min_value=date(1945, 1, 1), max_value=date(2030, 12, 31)).flatmap(
        lambda d: st.sampled_from(styles(d))),
    st.sampled_from(["", "5/5/2012", "31/2/2012", "2/31/2012", "二〇一二年二月三十日", "x"]),
)
PROPERTY = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def fast_and_slow(path: Path, model: type[BaseModel], cells: list[dict[str, str]],
                  order: DateOrder | None, context: dict[str, object]
                  ) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    out = compute([path], compute=False, reading={"date_order": order} if order else {})
    fast = sorted((f.row, f.column, f.code, f.variant, f.params) for f in out.findings
                  if f.severity == "error")
    slow: list[tuple[object, ...]] = []
    for n, row_cells in enumerate(cells):
        try:
            model.model_validate(row_cells, context={**context, "date_order": order})
        except ValidationError as e:
            for err in e.errors():
                ctx = dict(err.get("ctx") or {})
                variant = ctx.pop("variant", "")
                slow.append((n + 2, str(err["loc"][0]), err["type"], variant,
                             tuple(sorted(ctx.items()))))
    return fast, sorted(slow)


@PROPERTY
@given(order=st.sampled_from(ORDERS),
       rows=st.lists(st.tuples(DATE_TEXT, DATE_TEXT), min_size=1, max_size=15))
def test_birth_dates_agree_in_every_order(
    write_csv: Callable[..., Path], order: DateOrder | None, rows: list[tuple[str, str]]
) -> None:
    lines = [f"{birth(V, mid(n), child)},{report}" for n, (child, report) in enumerate(rows)]
    path = write_csv(lines, header=f"{HEADER},上报日期")
    cells = [{"village_code": V, "township_name": "鸣凤镇", "village_name": f"村{V[-3:]}",
              "mother_name": "张丽", "mother_id": mid(n), "child_birth_date": child,
              "child_sex": "男", "birth_order": "1", "policy_status": "政策内",
              "report_date": report} for n, (child, report) in enumerate(rows)]
    fast, slow = fast_and_slow(path, BirthRecord, cells, order,
                               {"as_of": AS_OF, "period_basis": "birth_date",
                                "require_village_code": True})
    assert fast == slow


@PROPERTY
@given(order=st.sampled_from(ORDERS),
       rows=st.lists(st.tuples(DATE_TEXT, DATE_TEXT), min_size=1, max_size=15))
def test_fee_dates_agree_in_every_order(
    write_csv: Callable[..., Path], order: DateOrder | None, rows: list[tuple[str, str]]
) -> None:
    lines = [f"{V},鸣凤镇,甲村,{n},{decided},100,50,{paid}"
             for n, (decided, paid) in enumerate(rows)]
    path = write_csv(lines, header=FEES_HEADER)
    cells = [{"village_code": V, "township_name": "鸣凤镇", "village_name": "甲村",
              "case_id": str(n), "decision_date": decided, "assessed_amount": "100",
              "collected_amount": "50", "last_payment_date": paid}
             for n, (decided, paid) in enumerate(rows)]
    fast, slow = fast_and_slow(path, FeeRecord, cells, order,
                               {"as_of": AS_OF, "require_village_code": True, "units": {}})
    assert fast == slow


def test_the_fee_dates_get_the_order(write_csv: Callable[..., Path]) -> None:
    # 13/1/2023: 13 January day-first; month 13 month-first
    path = write_csv([f"{V},鸣凤镇,甲村,1,13/1/2023,100,50,13/1/2023"], header=FEES_HEADER)
    dmy = compute([path], compute=False, reading={"date_order": "dmy"})
    assert dmy.findings == [] and dmy.report.inputs[0].rows_used == 1
    mdy = compute([path], compute=False, reading={"date_order": "mdy"})
    assert [(f.column, f.code, f.variant, dict(f.params)) for f in mdy.findings] == [
        ("decision_date", "unparseable_date", "date_order", {"order": "mdy"}),
        ("last_payment_date", "unparseable_date", "date_order", {"order": "mdy"}),
    ]
    none = compute([path], compute=False)
    assert [(f.column, f.code) for f in none.findings] == [
        ("decision_date", "ambiguous_date"), ("last_payment_date", "ambiguous_date")]


def test_a_shared_memo_answers_each_order_apart() -> None:
    # The memos outlive a context in a run; one carried into a context of another order
    # must not hand back the other order's days.
    memos: dict[str, dict[str, tuple[object, str | None, str | None]]] = {}
    values = pa.array(["10/1/2012", "10/1/2012", "2012-01-10"])
    got = {}
    for order in ORDERS:
        ctx = CheckContext(path="f.csv", as_of=AS_OF, date_order=order, memos=memos)
        errors = Errors(3)
        got[order] = (day_column(values, True, ctx, errors).tolist(), errors.any.tolist())
    jan10 = 15340 + 9  # 2012-01-01 is day 15340
    oct1 = 15340 + 31 + 29 + 31 + 30 + 31 + 30 + 31 + 31 + 30  # Jan–Sep of a leap year: 15614
    assert got["dmy"] == ([jan10, jan10, jan10], [False, False, False])
    assert got["mdy"] == ([oct1, oct1, jan10], [False, False, False])
    assert got[None] == ([NO_DAY, NO_DAY, jan10], [True, True, False])


@pytest.mark.parametrize("order", ["dmy", "mdy"])
def test_validation_context_carries_the_order(order: DateOrder) -> None:
    ctx = CheckContext(path="f.csv", as_of=AS_OF, date_order=order)
    assert ctx.validation_context()["date_order"] == order
