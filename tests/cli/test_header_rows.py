"""--header-row N and --skip-rows N on the command line (docs/cli.md): the remedy the
unknown-kind message suggests works when run, for every FILE of indicators and validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import HEADER, birth, mid

from .helpers import AS_OF, EN, assert_one_error_line, run_cli, summary_counts

# 12 title lines (a county's cover block), the header on row 13, then three births, the
# second without a mother ID (row 15).
TITLE_LINES = [f"远安县2012年度出生登记表 说明第{i}条,,,,,,,," for i in range(1, 13)]


def _register(work: Path, name: str = "births.csv", mothers: int = 0) -> str:
    rows = [birth("420525100201", mid(mothers + 1), "2012-03-05"),
            birth("420525100201", "", "2012-03-06"),
            birth("420525100202", mid(mothers + 3), "2012-05-01", sex="女")]
    (work / name).write_text("\n".join([*TITLE_LINES, HEADER, *rows]) + "\n", encoding="utf-8")
    return name


def test_the_suggested_remedy_works(tmp_path: Path) -> None:
    name = _register(tmp_path)
    run = run_cli(("indicators", name, "--format", "json", *AS_OF, *EN), tmp_path)
    assert_one_error_line(run, 3, "cannot tell what kind of file this is", "--header-row N")
    run = run_cli(("indicators", "--header-row", "13", name, "--year", "2012",
                   "--format", "json", *AS_OF), tmp_path)
    assert run.code == 0, str(run)
    doc = run.json()
    # Rows 14–16: two births used (男, 女), row 15 rejected.
    assert (doc["inputs"][0]["rows_read"], doc["inputs"][0]["rows_used"]) == (3, 2)
    rows = {r["indicator"]: r for r in doc["rows"]}
    assert (rows["births_total"]["numerator"], rows["births_female"]["numerator"]) == (2, 1)


@pytest.mark.parametrize("option", [("--header-row", "13"), ("--skip-rows", "4")])
def test_validate_keeps_spreadsheet_rows(tmp_path: Path, option: tuple[str, str]) -> None:
    """After 4 skipped lines the search covers rows 5–14 and finds the header on 13."""
    name = _register(tmp_path)
    run = run_cli(("validate", name, *option, "--format", "json", *AS_OF), tmp_path)
    assert run.code == 1, str(run)
    assert {(f["row"], f["column"], f["code"]) for f in run.json()} == {
        (15, "mother_id", "missing_value")}
    assert summary_counts(run.err_lines[0], name) == [3, 2, 1, 0, 0, 0, 0]


def test_the_options_apply_to_every_file(tmp_path: Path) -> None:
    one, two = _register(tmp_path, "a.csv"), _register(tmp_path, "b.csv", mothers=10)
    run = run_cli(("indicators", one, two, "--header-row", "13", "--year", "2012",
                   "--format", "json", *AS_OF), tmp_path)
    assert run.code == 0, str(run)
    assert [i["rows_used"] for i in run.json()["inputs"]] == [2, 2]


def test_a_given_row_that_is_no_header(tmp_path: Path) -> None:
    name = _register(tmp_path)
    run = run_cli(("validate", name, "--header-row", "12", *EN), tmp_path)
    line = assert_one_error_line(run, 3, f"{name}: --header-row 12: row 12 is not a header")
    assert line.endswith("it holds: 远安县2012年度出生登记表 说明第12条")
    run = run_cli(("validate", name, "--header-row", "100", *EN), tmp_path)
    assert_one_error_line(run, 3, "--header-row 100: the file has only 16 rows")


def test_both_options_or_row_zero_are_usage_errors(tmp_path: Path) -> None:
    name = _register(tmp_path)
    run = run_cli(("indicators", name, "--header-row", "13", "--skip-rows", "2", *EN), tmp_path)
    assert_one_error_line(run, 2, "use either --header-row or --skip-rows, not both")
    run = run_cli(("validate", name, "--header-row", "0"), tmp_path)
    assert_one_error_line(run, 2, "--header-row")


@pytest.mark.parametrize("command", ["indicators", "validate"])
def test_help_shows_the_options_and_an_example(tmp_path: Path, command: str) -> None:
    text = run_cli((command, "--help"), tmp_path).text
    assert "--header-row N" in text and "--skip-rows N" in text
    assert f"    jisheng {command} --header-row " in text
    assert "every FILE" in text
