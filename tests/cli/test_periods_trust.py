"""Periods people can trust on the command line (issue 10, item 8): the data's span on
stderr without a period, exit 3 for an asked period without a record, the dates in
`-v` and in the JSON inputs, the `partial` note and its table marker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import HEADER, birth, mid

from .helpers import AS_OF, EN, SAMPLE, Run, assert_one_error_line, run_cli

A = "420525100201"
# 18 months, 2011-10-01 … 2013-03-31: statistical year 2012 whole, 2013 ends 183 days
# before its last day (2013-09-30), so it is incomplete.
EIGHTEEN_MONTHS = ["2011-10-01", "2012-01-15", "2012-05-01", "2012-09-30", "2012-11-01",
                   "2013-03-31"]


@pytest.fixture
def eighteen(work: Path) -> Path:
    lines = [birth(A, mid(i), d) for i, d in enumerate(EIGHTEEN_MONTHS)]
    (work / "births18.csv").write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return work


def _json_run(cwd: Path, *args: str) -> Run:
    return run_cli(("indicators", "births18.csv", "--format", "json", *AS_OF, *args), cwd)


def test_without_a_period_stderr_names_the_span_and_its_years(eighteen: Path) -> None:
    run = _json_run(eighteen)
    assert run.code == 0, str(run)
    assert run.err_lines[-1] == "数据日期 2011-10-01 至 2013-03-31,涉及统计年度 2012、2013(不完整)"
    run = _json_run(eighteen, *EN)
    assert run.err_lines[-1] == (
        "data span 2011-10-01 to 2013-03-31: statistical years 2012, 2013 (incomplete)")


def test_the_span_line_comes_before_the_hint(sample: Callable[..., Run]) -> None:
    """The sample: valid births 2011-07-02 … 2012-12-31 (sample_data/README.md: every
    defective record is dated inside 2012). 2011 starts 274 days after 2010-10-01 and
    2013 ends 273 days before 2013-09-30: both incomplete."""
    run = sample("indicators", SAMPLE, "--format", "json", *AS_OF, *EN)
    assert run.code == 0, str(run)
    assert run.err_lines[1:] == [
        "data span 2011-07-02 to 2012-12-31: statistical years 2011 (incomplete), 2012, "
        "2013 (incomplete)",
        "list them: jisheng validate sample_data/births.csv --rejects rejects.csv",
    ]


def test_validate_names_the_span_too(sample: Callable[..., Run]) -> None:
    run = sample("validate", SAMPLE, "--format", "csv", *AS_OF, *EN)
    assert run.err_lines[-1].startswith("data span 2011-07-02 to 2012-12-31: "), str(run)


def test_an_asked_period_has_no_span_line(eighteen: Path) -> None:
    for args in (("--year", "2012"), ("--from", "2012-01-01")):
        run = _json_run(eighteen, *args, *EN)
        assert run.code == 0, str(run)
        assert not any(line.startswith("data span") for line in run.err_lines), str(run)


def test_a_year_without_records_exits_3(sample: Callable[..., Run]) -> None:
    run = sample("indicators", SAMPLE, "--year", "2030", "--format", "json", *AS_OF, *EN)
    line = assert_one_error_line(run, 3)
    assert line == ("jisheng: error: sample_data/births.csv: no records in 2029-10-01 … "
                    "2030-09-30; the data covers 2011-07-02 … 2012-12-31")
    assert run.stdout == b""
    zh = sample("indicators", SAMPLE, "--year", "2030", "--format", "json", *AS_OF)
    assert assert_one_error_line(zh, 3) == (
        "jisheng: 错误: sample_data/births.csv: 统计期 2029-10-01 … 2030-09-30 内没有记录;"
        "数据的日期为 2011-07-02 … 2012-12-31")


def test_a_period_after_the_data_exits_3(eighteen: Path) -> None:
    run = _json_run(eighteen, "--from", "2013-04-01", *EN)
    assert_one_error_line(run, 3, "no records in 2013-04-01 …",
                          "the data covers 2011-10-01 … 2013-03-31")


def test_verbose_gives_each_files_dates(eighteen: Path) -> None:
    run = _json_run(eighteen, "-v", *EN)
    assert run.code == 0, str(run)
    assert run.err_lines[0].startswith("births18.csv: births, encoding utf-8"), str(run)
    assert run.err_lines[0].endswith("; dates 2011-10-01 to 2013-03-31"), str(run)
    zh = _json_run(eighteen, "-v")
    assert zh.err_lines[0].endswith(";数据日期 2011-10-01 至 2013-03-31"), str(zh)


def test_json_inputs_carry_the_dates(eighteen: Path) -> None:
    (inp,) = _json_run(eighteen, "--year", "2012").json()["inputs"]
    # Out-of-period rows (2012-11-01, 2013-03-31) still belong to the data's span.
    assert (inp["rows_used"], inp["rows_out_of_period"]) == (4, 2)
    assert (inp["first_date"], inp["last_date"]) == ("2011-10-01", "2013-03-31")


def test_partial_rows_by_year_and_the_table_marker(eighteen: Path) -> None:
    doc = _json_run(eighteen, "--by", "year").json()
    notes = {r["year"]: r["note"] for r in doc["rows"] if r["indicator"] == "births_total"}
    assert notes == {None: "partial", 2012: None, 2013: "partial"}
    table = run_cli(("indicators", "births18.csv", "--by", "year", "--format", "table",
                     "--indicators", "births_total", *AS_OF, *EN), eighteen)
    assert table.code == 0, str(table)
    lines = table.text.splitlines()
    # births: 6 pooled, 4 in 2012, 2 in 2013; § on the partial ones only.
    assert [line.split()[-2:] for line in lines if line.startswith("Total")] == [
        ["6", "§"], ["2012", "4"], ["2", "§"]]
    assert "§ the data cover part of the statistical year" in lines[-1]
