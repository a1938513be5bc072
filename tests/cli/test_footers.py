"""Footers and totals as a clerk's spreadsheet saves them (docs/data.md "Rows that are not
records"): skipped and counted as blank/totals, never findings, so `validate` passes."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import HEADER, birth, mid, mother_id

from .helpers import AS_OF, EN, ROOT, run_cli, summary_counts

FIXTURE = ROOT / "tests" / "fixtures" / "footers" / "births_footers.csv"


def _copy(work: Path) -> str:
    shutil.copyfile(FIXTURE, work / FIXTURE.name)
    return FIXTURE.name


def test_validate_passes_on_a_register_with_footers(tmp_path: Path) -> None:
    name = _copy(tmp_path)
    run = run_cli(("validate", name, "--format", "json", *AS_OF), tmp_path)
    assert run.code == 0, str(run)
    assert run.json() == []  # no finding for rows 10–15
    # Rows 3–15 follow the header (13 read): 7 births, then 合计, 总计:7人, a blank line,
    # the 填表人/审核人/制表日期 footer, 联系电话 and 备注 (6 blank/totals).
    assert summary_counts(run.err_lines[0], name) == [13, 7, 0, 0, 0, 6, 0]


def test_indicators_count_the_footers_as_blank_or_totals(tmp_path: Path) -> None:
    name = _copy(tmp_path)
    run = run_cli(("indicators", name, "--year", "2012", "--format", "json", *AS_OF), tmp_path)
    assert run.code == 0, str(run)
    doc = run.json()
    (inp,) = doc["inputs"]
    assert (inp["rows_read"], inp["rows_used"], inp["rows_rejected"],
            inp["rows_skipped_blank"]) == (13, 7, 0, 6)
    rows = {r["indicator"]: r for r in doc["rows"]}
    # The seven births: 女 男 男 女 男 女 男.
    assert (rows["births_total"]["numerator"], rows["births_male"]["numerator"],
            rows["births_female"]["numerator"]) == (7, 4, 3)


def _register(tmp_path: Path, *middle: str, end: tuple[str, ...] = ()) -> str:
    lines = [HEADER, birth("420525100201", mid(1), "2012-03-05"), *middle,
             birth("420525100201", mid(2), "2012-03-06"), *end]
    (tmp_path / "r.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "r.csv"


def test_a_footer_like_row_with_data_cells_in_the_middle_is_data(tmp_path: Path) -> None:
    """Row 3 opens with 填表人 but has a name in the mother_name column and a record after
    it: a record, rejected for its empty required cells. At the end of the file the same
    row is a footer."""
    signed = "填表人：,,,张三,,,,,"
    name = _register(tmp_path, signed)
    run = run_cli(("validate", name, "--format", "json", *AS_OF, *EN), tmp_path)
    assert run.code == 1, str(run)
    assert {f["row"] for f in run.json()} == {3}
    assert summary_counts(run.err_lines[0], name) == [3, 2, 1, 0, 0, 0, 0]
    name = _register(tmp_path, end=(signed, "备注：,本表含流入人口,,,,,,,"))
    run = run_cli(("validate", name, "--format", "json", *AS_OF), tmp_path)
    assert run.code == 0, str(run)
    assert summary_counts(run.err_lines[0], name) == [4, 2, 0, 0, 0, 2, 0]


def test_a_footer_between_records_is_skipped(tmp_path: Path) -> None:
    """Labels only (two exports pasted one below the other): skipped wherever it stands."""
    name = _register(tmp_path, "填 表 人:张**,,,审核人：李**,,,,,", ",,总计：1人,,,,,,")
    run = run_cli(("validate", name, "--format", "json", *AS_OF), tmp_path)
    assert run.code == 0, str(run)
    assert summary_counts(run.err_lines[0], name) == [4, 2, 0, 0, 0, 2, 0]


def test_footer_words_from_the_config(tmp_path: Path) -> None:
    name = _register(tmp_path, "编制单位：鸣凤镇计生办,,,,,,,,")
    (tmp_path / "reading.toml").write_text('[reading]\nfooter_words = ["编 制 单 位"]\n',
                                           encoding="utf-8")
    run = run_cli(("validate", name, "--format", "json", "--config", "reading.toml", *AS_OF),
                  tmp_path)
    assert run.code == 0, str(run)
    assert summary_counts(run.err_lines[0], name) == [3, 2, 0, 0, 0, 1, 0]
    run = run_cli(("validate", name, "--format", "json", *AS_OF), tmp_path)
    assert run.code == 1 and {f["row"] for f in run.json()} == {3}, str(run)


def test_a_short_footer_line_of_a_hand_typed_csv_is_skipped(tmp_path: Path) -> None:
    # Typed by hand, the footer and totals lines have fewer cells than the header (a
    # spreadsheet would pad them): 填表人 and 合计 lines are skipped wherever they stand, and
    # the rows after them keep their numbers; a short line that is not a footer is still
    # a ragged row.
    lines = [HEADER, birth("420525100201", mother_id(seq=2), "2012-03-05"),
             "填表人：张三", birth("420525100201", mother_id(seq=4), "2012-04-05"),
             "合计,2", "420525100201,鸣凤镇", "填 表 人：李四"]
    (tmp_path / "typed.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_cli(("validate", "typed.csv", "--format", "json", *AS_OF, *EN), tmp_path)
    assert run.code == 1, str(run)
    # Row 6 (the village code and a township, nothing else) is the only finding.
    assert [(f["row"], f["code"]) for f in run.json()] == [(6, "ragged_row")]
    # 6 rows after the header: 2 used, 1 rejected, 3 footers/totals (rows 3, 5, 7).
    assert summary_counts(run.err_lines[0], "typed.csv") == [6, 2, 1, 0, 0, 3, 0]
