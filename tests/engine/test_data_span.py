"""Periods people can trust (issue 10, item 8): each input's first and last period date,
the same on both engines; an asked period without a record; the `partial` note."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from jisheng_cli.errors import InputError
from jisheng_cli.periods import Period
from tests.helpers import HEADER, birth, compute, mid, row

A = "420525100201"
FEES_HEADER = ("案件编号,统计用区划代码,乡镇,村名,当事人身份证号,征收决定日期,"
               "应征金额(元),实征金额(元)")


def _register(dates: list[str]) -> list[str]:
    return [birth(A, mid(i), d) for i, d in enumerate(dates)]


@pytest.fixture
def spread(write_csv: Callable[..., Path]) -> list[Path]:
    """Two files. a.csv: valid births 2012-03-05 and 2011-11-20, a duplicate of the first
    (same mother, date, order, sex), a birth of 2013-02-01 (outside 2012) and a row
    rejected for its impossible date 2010-02-30, which must not count. b.csv: one birth
    of 2012-07-31 and one rejected (no mother ID) dated 2009-01-01."""
    a = [
        *_register(["2012-03-05", "2011-11-20"]),
        birth(A, mid(0), "2012-03-05"),  # duplicate of row 2
        birth(A, mid(7), "2013-02-01"),
        birth(A, mid(8), "2010-02-30"),
    ]
    b = [birth(A, mid(20), "2012-07-31"), birth(A, "", "2009-01-01")]
    return [write_csv(a, name="a.csv"), write_csv(b, name="b.csv")]


def _spans(out: object) -> list[tuple[str | None, str | None]]:
    return [(i.first_date, i.last_date) for i in out.report.inputs]  # type: ignore[attr-defined]


def test_first_and_last_dates_of_valid_rows(spread: list[Path]) -> None:
    out = compute(spread, year="2012")
    a, b = out.report.inputs
    # a.csv: valid dates 2012-03-05, 2011-11-20, 2012-03-05 (the duplicate), 2013-02-01
    # (out of period, still data): min 2011-11-20, max 2013-02-01; 2010-02-30 is rejected.
    assert (a.rows_used, a.rows_duplicate, a.rows_out_of_period, a.rows_rejected) == (2, 1, 1, 1)
    assert (b.rows_used, b.rows_rejected) == (1, 1)
    # b.csv: the only valid row is 2012-07-31; the rejected 2009-01-01 is not data.
    assert _spans(out) == [("2011-11-20", "2013-02-01"), ("2012-07-31", "2012-07-31")]
    assert out.report.to_dict()["inputs"][0]["first_date"] == "2011-11-20"


def test_the_span_does_not_depend_on_the_period(spread: list[Path]) -> None:
    assert _spans(compute(spread)) == _spans(compute(spread, year="2013"))


def test_validate_gives_the_span_too(spread: list[Path]) -> None:
    assert _spans(compute(spread, compute=False)) == [
        ("2011-11-20", "2013-02-01"), ("2012-07-31", "2012-07-31")]


def test_dask_gives_the_pandas_spans(spread: list[Path], scheduler: str) -> None:
    pandas = compute(spread, year="2012")
    # 200-byte partitions: a.csv is read in several ranges whose spans must merge.
    dask = compute(spread, year="2012", engine="dask", scheduler=scheduler,
                   partition_bytes=200)
    assert _spans(dask) == _spans(pandas) == [
        ("2011-11-20", "2013-02-01"), ("2012-07-31", "2012-07-31")]
    assert dask.report.to_dict() == pandas.report.to_dict()


def test_report_date_basis_spans_the_report_dates(write_csv: Callable[..., Path]) -> None:
    lines = [birth(A, mid(0), "2012-01-10") + ",2012-02-01",
             birth(A, mid(1), "2011-09-20") + ",2011-10-05"]
    path = write_csv(lines, header=HEADER + ",上报日期")
    out = compute([path], definitions={"period_basis": "report_date"})
    # The report dates 2012-02-01 and 2011-10-05, not the births (2011-09-20 is earlier).
    assert _spans(out) == [("2011-10-05", "2012-02-01")]


def test_fees_span_their_decision_dates(write_csv: Callable[..., Path]) -> None:
    from jisheng_cli.records.ids import calc_check_digit

    def case(n: int, when: str) -> str:
        first17 = f"42052519800101{n:03d}"
        return ",".join([f"C{n}", A, "鸣凤镇", "甲村", first17 + calc_check_digit(first17),
                         when, "100", "100"])

    path = write_csv([case(1, "2012-05-01"), case(2, "2011-12-31"), case(3, "2012-13-01")],
                     header=FEES_HEADER)
    out = compute([path])
    assert out.report.inputs[0].rows_rejected == 1  # month 13
    assert _spans(out) == [("2011-12-31", "2012-05-01")]


# ---- an asked period without a record ---------------------------------------------------

def test_a_year_without_records_is_an_input_error(spread: list[Path]) -> None:
    with pytest.raises(InputError) as e:
        compute(spread, year="2030")
    assert e.value.code == "no_records_in_period"
    assert e.value.exit_code == 3
    # 2030 is 2029-10-01 … 2030-09-30; the data of both files: 2011-11-20 … 2013-02-01.
    assert e.value.text("en") == (
        f"{spread[0]}, {spread[1]}: no records in 2029-10-01 … 2030-09-30; "
        "the data covers 2011-11-20 … 2013-02-01")


def test_an_open_period_without_records_is_an_error_too(spread: list[Path]) -> None:
    with pytest.raises(InputError, match=r"no records in 2014-01-01 …; the data covers"):
        compute(spread, period=Period(date(2014, 1, 1), None))


def test_a_period_with_one_record_is_no_error(spread: list[Path]) -> None:
    # Only 2013-02-01 is in statistical year 2013.
    out = compute(spread, year="2013")
    assert row(out, "births_total")["value"] == 1


def test_only_the_main_kind_decides(write_csv: Callable[..., Path]) -> None:
    """Fees of 2030 do not make a births register of 2012 fit --year 2030."""
    from jisheng_cli.records.ids import calc_check_digit

    first17 = "42052519800101001"
    fee = ",".join(["C1", A, "鸣凤镇", "甲村", first17 + calc_check_digit(first17),
                    "2026-01-05", "100", "100"])
    paths = [write_csv(_register(["2012-03-05"]), name="births.csv"),
             write_csv([fee], header=FEES_HEADER, name="fees.csv")]
    with pytest.raises(InputError, match="no records in 2025-10-01 … 2026-09-30"):
        compute(paths, year="2026")


# ---- the partial note ----------------------------------------------------------------

def _year_register(first: str, last: str) -> list[str]:
    return _register([first, "2012-03-01", last])


def test_a_year_starting_late_is_partial(write_csv: Callable[..., Path]) -> None:
    # 2011-12-15 is 75 days after 2011-10-01: more than 31.
    path = write_csv(_year_register("2011-12-15", "2012-09-20"))
    out = compute([path], year="2012")
    assert row(out, "births_total")["note"] == "partial"


def test_a_month_late_is_not_partial(write_csv: Callable[..., Path]) -> None:
    # 2011-11-01 is 31 days after 2011-10-01; 2012-08-30 is 31 days before 2012-09-30.
    path = write_csv(_year_register("2011-11-01", "2012-08-30"))
    assert row(compute([path], year="2012"), "births_total")["note"] is None


def test_a_year_ending_early_is_partial(write_csv: Callable[..., Path]) -> None:
    # 2012-08-29 is 32 days before 2012-09-30.
    path = write_csv(_year_register("2011-10-01", "2012-08-29"))
    assert row(compute([path], year="2012"), "births_total")["note"] == "partial"


def test_a_year_past_the_as_of_date_is_partial(write_csv: Callable[..., Path]) -> None:
    path = write_csv(_year_register("2011-10-01", "2012-06-30"))
    out = compute([path], year="2012", as_of=date(2012, 6, 30))
    assert row(out, "births_total")["note"] == "partial"
    # Data through 2012-09-15 is 15 days short of 2012-09-30 (within 31): whole as of
    # 2012-09-30, partial as of 2012-09-15 because the year extends past that date.
    path2 = write_csv(_year_register("2011-10-01", "2012-09-15"))
    assert row(compute([path2], year="2012", as_of=date(2012, 9, 15)),
               "births_total")["note"] == "partial"
    assert row(compute([path2], year="2012", as_of=date(2012, 9, 30)),
               "births_total")["note"] is None


def test_by_year_marks_only_the_partial_year(write_csv: Callable[..., Path]) -> None:
    """18 months, 2011-10-01 … 2013-03-31: 2012 whole, 2013 ends 183 days early."""
    path = write_csv(_register(["2011-10-01", "2012-05-01", "2012-11-01", "2013-03-31"]))
    out = compute([path], by=["year"])
    assert row(out, "births_total", year=2012)["note"] is None
    assert row(out, "births_total", year=2013)["note"] == "partial"
    # The pooled rows stand for 2012 and 2013, one of them partial.
    assert row(out, "births_total")["note"] == "partial"
    assert row(out, "births_total")["value"] == 4
    # Asked for 2012 alone, the pooled rows are whole.
    assert row(compute([path], year="2012"), "births_total")["note"] is None


def test_partial_joins_the_other_notes(write_csv: Callable[..., Path]) -> None:
    # 3 births, all boys: a rate's denominator 3 is below min_denominator (20), and a
    # sex ratio has no girls.
    out = compute([write_csv(_year_register("2011-12-15", "2012-09-20"))], year="2012")
    assert row(out, "policy_conformance_rate")["note"] == "small; partial"
    assert row(out, "sex_ratio_at_birth")["note"] == "no female births; partial"


def test_a_part_year_period_is_judged_inside_itself(write_csv: Callable[..., Path]) -> None:
    """--from 2012-01-01 --to 2012-06-30 on data of that half-year is not partial (the
    period, not the data, cuts the year); data from 2012-03-01 in it is."""
    half = Period(date(2012, 1, 1), date(2012, 6, 30))
    path = write_csv(_register(["2012-01-03", "2012-03-01", "2012-06-28"]))
    assert row(compute([path], period=half), "births_total")["note"] is None
    late = write_csv(_register(["2012-03-01", "2012-06-28"]))
    assert row(compute([late], period=half), "births_total")["note"] == "partial"
