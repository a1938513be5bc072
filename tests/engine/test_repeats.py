"""A file whose records repeat more than half of another file's valid records, or more than
half of its own (docs/data.md "Files given twice"), gets `repeats` in its summary; its
rows are still duplicates. The same on both engines, and for fees, survey and population."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jisheng_cli.errors import UsageError
from jisheng_cli.pipeline import Outcome
from jisheng_cli.results import Repeat
from tests.helpers import HEADER, A, B, C, birth, compute, day, mother, row

WriteCsv = Callable[..., Path]


def records(numbers: range | list[int]) -> list[str]:
    """The n-th distinct birth for each n (its mother, date and village follow from n)."""
    return [birth(A if n % 2 else B, mother(n), day(n)) for n in numbers]


def repeats(out: Outcome) -> list[list[tuple[str, int]]]:
    return [[(Path(r.path).name, r.rows) for r in i.repeats] for i in out.report.inputs]


def test_a_copy_with_rows_changed(write_csv: WriteCsv) -> None:
    a = write_csv(records(range(10)), name="a.csv")
    # Records 0–6 again, and 3 others: 7 of a's 10 valid records, > 10 / 2.
    b = write_csv(records([*range(7), 20, 21, 22]), name="b.csv")
    out = compute([a, b])
    assert repeats(out) == [[], [("a.csv", 7)]]
    assert out.report.inputs[1].repeats == [Repeat(str(a), 7)]
    # Still duplicates: 7 of 10 + 10 records (births 10 + 3 = 13, duplicates 7).
    assert [i.rows_duplicate for i in out.report.inputs] == [0, 7]
    assert row(out, "duplicate_records")["value"] == 7
    assert row(out, "births_total")["value"] == 13


def test_half_is_not_more_than_half(write_csv: WriteCsv) -> None:
    a = write_csv(records(range(10)), name="a.csv")
    b = write_csv(records([*range(5), 20, 21, 22, 23, 24]), name="b.csv")  # 5 of 10, 5 of 10
    assert repeats(compute([a, b])) == [[], []]


def test_a_small_file_wholly_in_a_large_one(write_csv: WriteCsv) -> None:
    # 3 of its own 4 valid records are a's (3 > 4 / 2), though only 3 of a's 40.
    a = write_csv(records(range(40)), name="a.csv")
    small = write_csv(records([5, 6, 7, 50]), name="small.csv")
    out = compute([a, small])
    assert repeats(out) == [[], [("a.csv", 3)]]
    # Given first, the small file's records are the kept ones: a repeats 3 of small's 4.
    assert repeats(compute([small, a])) == [[], [("small.csv", 3)]]


def test_repeats_within_a_file_and_of_each_of_two_files(write_csv: WriteCsv) -> None:
    a = write_csv(records(range(6)), name="a.csv")
    b = write_csv(records(range(10, 16)), name="b.csv")
    # 4 of a's 6 and 4 of b's 6, record 30 twice in itself (its own duplicate, no repeat);
    # valid 4 + 4 + 2 = 10: 4 > 6 / 2 for each.
    merged = write_csv(records([0, 1, 2, 3, 10, 11, 12, 13, 30, 30]), name="merged.csv")
    out = compute([a, b, merged])
    assert repeats(out) == [[], [], [("a.csv", 4), ("b.csv", 4)]]
    assert out.report.inputs[2].rows_duplicate == 9


def test_rejected_rows_are_not_valid_records(write_csv: WriteCsv) -> None:
    # b: 3 of a's records and 4 rejected rows (no ID): valid 3, of which 3 repeat a's 8.
    a = write_csv(records(range(8)), name="a.csv")
    bad = birth(A, "", day(1))
    b = write_csv([*records(range(3)), bad, bad, bad, bad], name="b.csv")
    out = compute([a, b])
    assert out.report.inputs[1].valid_rows == 3
    assert repeats(out) == [[], [("a.csv", 3)]]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(n_a=st.integers(1, 12), shared=st.sets(st.integers(0, 11)),
       new=st.integers(0, 12))
def test_noted_exactly_when_more_than_half(tmp_path_factory: pytest.TempPathFactory,
                                           n_a: int, shared: set[int], new: int) -> None:
    # b holds k of a's n_a records and `new` others: noted iff 2k > min(n_a, k + new).
    d = tmp_path_factory.mktemp("repeats")
    k_records = sorted(i for i in shared if i < n_a)
    k = len(k_records)
    if k + new == 0:
        return
    a, b = d / "a.csv", d / "b.csv"
    a.write_text("\n".join([HEADER, *records(range(n_a))]) + "\n", encoding="utf-8")
    b.write_text("\n".join([HEADER, *records([*k_records, *range(100, 100 + new)])]) + "\n",
                 encoding="utf-8")
    if k == n_a and new == 0:  # b is a, byte for byte: refused before it is read
        with pytest.raises(UsageError, match="the same bytes as"):
            compute([a, b])
        return
    got = repeats(compute([a, b]))
    assert got == [[], [("a.csv", k)] if 2 * k > min(n_a, k + new) else []]


def test_both_engines_give_the_same_notes(write_csv: WriteCsv) -> None:
    a = write_csv(records(range(10)), name="a.csv")
    b = write_csv(records([*range(7), 20, 21, 22]), name="b.csv")
    c = write_csv(records([20, 30, 31, 32]), name="c.csv")  # 1 of b's: not noted
    pandas = compute([a, b, c])
    dask = compute([a, b, c], engine="dask")
    assert repeats(pandas) == [[], [("a.csv", 7)], []]
    assert dask.report.to_dict() == pandas.report.to_dict()


def test_fee_ledgers(write_csv: WriteCsv) -> None:
    header = "统计用区划代码,乡镇,村名,案件编号,决定日期,应征金额,实征金额"

    def case(n: int) -> str:
        return f"{A},鸣凤镇,村201,远计征〔2023〕第{n:03d}号,2023-05-05,1000,800"

    a = write_csv([case(n) for n in range(1, 5)], header=header, name="fees_a.csv")
    # The same 4 cases, 1 amount changed (still the same case id), and 1 new case.
    b = write_csv([case(n) for n in range(1, 4)] + [case(4).replace("800", "900"), case(9)],
                  header=header, name="fees_b.csv")
    out = compute([write_csv(records(range(3)), name="births.csv"), a, b])
    assert repeats(out) == [[], [], [("fees_a.csv", 4)]]


def test_survey_files(write_csv: WriteCsv) -> None:
    register = write_csv(records(range(8)), name="births.csv")
    s1 = write_csv(records(range(6)), name="s1.csv")
    s2 = write_csv(records([0, 1, 2, 3, 40]), name="s2.csv")  # 4 of s1's 6
    out = compute([register, f"survey:{s1}", f"survey:{s2}"])
    assert repeats(out) == [[], [], [("s1.csv", 4)]]


def test_population_files(write_csv: WriteCsv) -> None:
    header = "统计用区划代码,乡镇,村名,人口数,年度"
    p1 = write_csv([f"{A},鸣凤镇,村201,2000,2023", f"{B},鸣凤镇,村202,1500,2023"],
                   header=header, name="pop1.csv")
    # Both of pop1's areas again (a figure changed) and one more: 2 of pop1's 2 records.
    # (A file of duplicates only is refused: no usable population row.)
    p2 = write_csv([f"{A},鸣凤镇,村201,2100,2023", f"{B},鸣凤镇,村202,1500,2023",
                    f"{C},洋坪镇,村201,900,2023"], header=header, name="pop2.csv")
    out = compute([write_csv(records(range(3)), name="births.csv"), p1, p2])
    assert repeats(out) == [[], [], [("pop1.csv", 2)]]
