"""Exit codes (docs/cli.md "Exit codes"): data findings (1), usage errors (2)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import (
    AS_OF,
    CSV_RUN,
    DEFECTS,
    EN,
    REJECT_FIELDS,
    SAMPLE,
    Run,
    assert_one_error_line,
    run_cli,
)

YEAR = ("indicators", SAMPLE, "--year", "2012", *AS_OF, "-q")


def test_strict_exits_1_on_rejected_rows(sample: Callable[..., Run]) -> None:
    run = sample(*CSV_RUN, "--strict")
    assert run.code == 1, str(run)
    assert run.stdout == sample(*CSV_RUN).stdout  # the report is still written


def test_without_strict_exits_0(sample: Callable[..., Run]) -> None:
    run = sample(*CSV_RUN)
    assert run.code == 0, str(run)
    assert run.stdout


@pytest.mark.parametrize(("minimum", "code"), [("99.5", 1), ("92", 0)])
def test_check_targets(work: Path, minimum: str, code: int) -> None:
    (work / "targets.toml").write_text(
        f"policy_conformance_rate = {{ min = {minimum} }}\n", encoding="utf-8"
    )
    run = run_cli((*YEAR, "--by", "township", "--targets", "targets.toml", "--check-targets"), work)
    assert run.code == code, str(run)
    assert "Traceback" not in run.stderr


def test_check_targets_names_each_missed_target(work: Path) -> None:
    # Sample, statistical year 2012: 1549/1562 = 99.17% in the county; of the townships
    # 鸣凤镇 99.23% and 嫘祖镇, 河口乡 100% meet 99.2, the other four do not.
    (work / "targets.toml").write_text(
        'policy_conformance_rate = { min = 99.2, source = "county plan" }\n', encoding="utf-8")
    run = run_cli((*YEAR, "--by", "township", "--targets", "targets.toml", "--check-targets",
                   *EN), work)
    assert run.code == 1, str(run)
    missed = [line for line in run.err_lines if line.startswith("target missed: ")]
    assert missed == [
        "target missed: Total, Policy conformance rate 99.17% (target ≥ 99.2; source: "
        "county plan)",
        *(f"target missed: {town}, Policy conformance rate {value}% (target ≥ 99.2; source: "
          "county plan)" for town, value in (("花林寺镇", "98.49"), ("旧县镇", "99.16"),
                                             ("洋坪镇", "98.78"), ("茅坪场镇", "98.91"))),
    ]
    run = run_cli((*YEAR, "--by", "township", "--targets", "targets.toml", "--check-targets"),
                  work)
    assert "未达目标:合计 出生政策符合率 99.17%(目标 ≥ 99.2;来源:county plan)" in run.err_lines


def test_validate_lists_the_four_defects(sample: Callable[..., Run]) -> None:
    run = sample("validate", SAMPLE, *AS_OF, "--format", "csv")
    assert run.code == 1, str(run)
    table = list(csv.reader(io.StringIO(run.text)))
    assert table[0] == REJECT_FIELDS
    findings = [dict(zip(REJECT_FIELDS, r, strict=True)) for r in table[1:]]
    assert all(f["file"] == SAMPLE for f in findings)
    problems = {int(f["row"]): f["code"] for f in findings if f["severity"] != "warning"}
    assert problems == DEFECTS
    by_row = {int(f["row"]): f for f in findings}
    assert by_row[558]["column"] == "mother_id"
    assert by_row[558]["severity"] == "error"
    assert by_row[1123]["column"] == "child_birth_date"
    assert by_row[1719]["severity"] == "duplicate"
    assert "1420" in by_row[1719]["message"]  # the row that is kept
    # row 65: a first birth written 不符合 (README: triggers a warning)
    assert by_row[65]["code"] == "first_birth_out_of_policy"
    assert by_row[65]["severity"] == "warning"
    # rows are in file order
    assert [int(f["row"]) for f in findings] == sorted(int(f["row"]) for f in findings)


def test_unknown_option_is_a_usage_error(sample: Callable[..., Run]) -> None:
    run = sample(*CSV_RUN, "--no-such-option")
    assert_one_error_line(run, 2, "--no-such-option")
    assert run.stdout == b""


def test_bad_by_is_a_usage_error(sample: Callable[..., Run]) -> None:
    run = sample(*CSV_RUN, "--by", "nonsense")
    assert_one_error_line(run, 2, "nonsense")
    assert run.stdout == b""


def test_wide_layout_with_json_is_a_usage_error(sample: Callable[..., Run]) -> None:
    run = sample(*CSV_RUN, "--layout", "wide", "--format", "json")
    assert_one_error_line(run, 2, "wide")
    assert run.stdout == b""


@pytest.fixture(scope="module")
def output_is_input(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, bytes, Path]:
    from .helpers import prepare

    work = prepare(tmp_path_factory.mktemp("overwrite"))
    path = work / SAMPLE
    before = path.read_bytes()
    run = run_cli((*CSV_RUN, "-o", "./sample_data/../" + SAMPLE), work)
    return run, before, path


def test_output_equal_to_input_leaves_the_input_alone(
    output_is_input: tuple[Run, bytes, Path],
) -> None:
    run, before, path = output_is_input
    assert run.code != 0, str(run)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "births.csv", "claims.csv", "jisheng.toml"]


def test_output_equal_to_input_is_a_usage_error(
    output_is_input: tuple[Run, bytes, Path],
) -> None:
    run, _, _ = output_is_input
    assert_one_error_line(run, 2, "births.csv")
