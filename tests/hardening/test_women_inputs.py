"""The women's kinds in the bad-input corpus (docs/women.md; make_women_corpus.py writes the
files). Each file runs through `jisheng indicators --year 2012 --format json --rejects`
(S = 2012-09-30) and its row counts, findings and a few indicators are checked against
values worked out by hand from the file's rows (spreadsheet rows: header = 1, or 2 under a
title line)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from . import make_corpus
from . import make_women_corpus as wc
from .helpers import (
    AS_OF,
    EN,
    Run,
    assert_counts_reconcile,
    assert_one_error_line,
    corpus_copy,
    read_rejects,
    run_cli,
)

YEAR = ("--year", "2012")


def _indicators(work: Path, *inputs: str, extra: tuple[str, ...] = ()) -> tuple[Run, Any]:
    """Copy the corpus files the inputs name (a `women_survey:` prefix kept) and run."""
    for spec in inputs:
        corpus_copy(spec.split(":")[-1], work)
    run = run_cli(("indicators", *inputs, *YEAR, *AS_OF, "--format", "json",
                   "--rejects", "r.csv", *extra), work)
    assert run.code == 0, str(run)
    assert "Traceback" not in run.stderr, str(run)
    return run, run.json()


def _input(doc: Any, name: str) -> dict[str, Any]:
    (inp,) = [i for i in doc["inputs"] if i["path"] == name]
    assert_counts_reconcile(inp)
    return inp  # type: ignore[no-any-return]


def _counts(inp: dict[str, Any]) -> tuple[int, ...]:
    """read, skipped (blank/合计), rejected, duplicate, out of period, used."""
    return tuple(inp[k] for k in ("rows_read", "rows_skipped_blank", "rows_rejected",
                                  "rows_duplicate", "rows_out_of_period", "rows_used"))


def _total(doc: Any, indicator: str) -> tuple[Any, Any, Any]:
    (row,) = [r for r in doc["rows"] if r["group_level"] == "total"
              and r["indicator"] == indicator]
    return row["numerator"], row["denominator"], row["value"]


def _findings(work: Path, name: str) -> list[tuple[str, str, str, str]]:
    """(row, column, code, severity) of one file's findings in the rejects file."""
    return [(r["row"], r["column"], r["code"], r["severity"])
            for r in read_rejects(work / "r.csv") if r["file"] == name]


# ---------------------------------------------------------------- women's registers


def test_gb18030_register_with_title_and_footer(tmp_path: Path) -> None:
    _, doc = _indicators(tmp_path, "women_gb18030.csv")
    inp = _input(doc, "women_gb18030.csv")
    assert inp["kind"] == "women" and inp["encoding"] == "gb18030"
    # 12 records + the blank row + the 合计 row; the title and header are not rows.
    assert _counts(inp) == (14, 2, 0, 0, 0, 12)
    assert _findings(tmp_path, "women_gb18030.csv") == []
    assert _total(doc, "married_women")[2] == 12
    # Records 2 (无) and 3 (未避孕, 现孕) use no method: 10 IUD users of 12 married women.
    assert _total(doc, "contraceptive_prevalence") == (10, 12, pytest.approx(100 * 10 / 12))
    assert _total(doc, "long_acting_rate") == (10, 12, pytest.approx(100 * 10 / 12))


def test_excel_damaged_ids_and_village_codes(tmp_path: Path) -> None:
    _, doc = _indicators(tmp_path, "women_excel_damaged.csv")
    text = (make_corpus.CORPUS / "women_excel_damaged.csv").read_bytes().decode("gb18030")
    ids = [line.split(",")[0] for line in text.splitlines()[1:]]
    expected = {("", "woman_id", "id_column_stored_as_numbers", "warning")}
    for row, value in enumerate(ids, start=2):
        if "E+" in value:
            expected.add((str(row), "woman_id", "id_scientific_notation", "error"))
        elif make_corpus.check_char(value[:17]) == value[17]:
            # Ends in 000 and passes its check: kept, but never trusted as an identity.
            expected.add((str(row), "woman_id", "id_maybe_precision_lost", "warning"))
        else:
            expected.add((str(row), "woman_id", "id_precision_lost", "error"))
    for row in ("8", "10"):  # 4.20525E+11, 4.20525100201E+11
        expected.add((row, "village_code", "village_code_malformed", "error"))
    # The writer put the two numbers that pass on rows 2 and 3; the rest fail.
    assert {f[0] for f in expected if f[2] == "id_maybe_precision_lost"} == {"2", "3"}
    assert set(_findings(tmp_path, "women_excel_damaged.csv")) == expected
    inp = _input(doc, "women_excel_damaged.csv")
    assert _counts(inp) == (10, 0, 8, 0, 0, 2)  # rows 4–11 rejected, rows 2 and 3 used
    assert _total(doc, "married_women")[2] == 2


def test_codes_in_full_width_and_with_spaces(tmp_path: Path) -> None:
    _, doc = _indicators(tmp_path, "women_full_width_codes.csv")
    assert _counts(_input(doc, "women_full_width_codes.csv")) == (9, 0, 0, 0, 0, 9)
    assert _findings(tmp_path, "women_full_width_codes.csv") == []
    # Every marital spelling is married; every method a real one: 9 users of 9.
    assert _total(doc, "married_women")[2] == 9
    assert _total(doc, "contraceptive_prevalence")[:2] == (9, 9)
    # Long-acting: 上环, 女扎, ＩＵＤ, 皮埋, 宫内节育器, Ｖａｓｅｃｔｏｍｙ = 6 (口服药, 避孕套,
    # ＣＯＮＤＯＭ are not).
    assert _total(doc, "long_acting_rate")[:2] == (6, 9)
    # Outflow: 流出, 外出 = 2; inflow: 流入, 流动人口, Ｉｎｆｌｏｗ = 3 (none has a date).
    assert _total(doc, "outflow_certificate_rate")[:2] == (0, 2)
    assert _total(doc, "inflow_check_rate")[:2] == (0, 3)


UNKNOWN_CODE_FINDINGS = {
    "婚姻状况": ("marital_status", "unknown_marital_code"),
    "节育措施": ("contraceptive_method", "unknown_method_code"),
    "丈夫节育措施": ("husband_method", "unknown_method_code"),
    "未避孕原因": ("exclusion_reason", "unknown_reason_code"),
    # An error in the women's register (a warning in births): the floating rates need it.
    "人口类别": ("residence", "unknown_residence_code"),
    "重点对象": ("key_target", "unknown_yes_no_code"),
    "现有子女数": ("children_count", "invalid_children_count"),
}


def test_unknown_code_in_every_coded_column(tmp_path: Path) -> None:
    _, doc = _indicators(tmp_path, "women_unknown_codes.csv")
    expected = {(str(row), *UNKNOWN_CODE_FINDINGS[column], "error")
                for row, (column, _) in wc.UNKNOWN_CODES.items()}
    assert set(_findings(tmp_path, "women_unknown_codes.csv")) == expected
    values = {r["row"]: r["value"] for r in read_rejects(tmp_path / "r.csv")}
    assert values == {str(row): cell for row, (_, cell) in wc.UNKNOWN_CODES.items()}
    # 12 records, rows 3–11 rejected (one defect each): 3 used.
    assert _counts(_input(doc, "women_unknown_codes.csv")) == (12, 0, 9, 0, 0, 3)


def test_male_id_check_character_and_dates(tmp_path: Path) -> None:
    _, doc = _indicators(tmp_path, "women_ids_and_dates.csv")
    assert set(_findings(tmp_path, "women_ids_and_dates.csv")) == {
        ("3", "woman_id", "woman_id_male", "error"),
        ("4", "woman_id", "id_check_digit", "error"),
        ("5", "method_date", "date_in_future", "error"),  # 2027-03-08 > --as-of
        ("6", "marriage_date", "date_before_1950", "error"),  # 1949-05-01
    }
    # Row 7's legacy 15-digit number is valid (upgraded): 10 − 4 = 6 used.
    assert _counts(_input(doc, "women_ids_and_dates.csv")) == (10, 0, 4, 0, 0, 6)
    assert _total(doc, "married_women")[2] == 6


def test_a_woman_twice_keeps_her_latest_dated_record(tmp_path: Path) -> None:
    _, doc = _indicators(tmp_path, "women_twice.csv")
    # docs/women.md "Duplicates": A 2012-03-15 < 2012-08-20 → row 2 dropped; B dated beats
    # undated → row 11; C both undated → the second, row 12; D equal dates → row 13;
    # E undated (row 6) loses to the later dated row 14.
    assert sorted(_findings(tmp_path, "women_twice.csv")) == [
        (row, "woman_id", "duplicate", "duplicate") for row in ("11", "12", "13", "2", "6")
    ]
    assert _counts(_input(doc, "women_twice.csv")) == (13, 0, 0, 5, 0, 8)
    # Every dropped record said 无 and every kept one 上环: 8 users of 8 married.
    assert _total(doc, "contraceptive_prevalence")[:2] == (8, 8)


def test_women_register_with_only_a_header(tmp_path: Path) -> None:
    corpus_copy("women_header_only.csv", tmp_path)
    run = run_cli(("indicators", "women_header_only.csv", *AS_OF, *EN), tmp_path)
    assert_one_error_line(run, 3, "women_header_only.csv: ", "no data rows")


def test_headers_in_another_order_with_units(tmp_path: Path) -> None:
    _, doc = _indicators(tmp_path, "women_reordered_headers.csv")
    inp = _input(doc, "women_reordered_headers.csv")
    assert inp["kind"] == "women"
    assert _counts(inp) == (8, 0, 0, 0, 0, 8)
    # 节育措施[代码] is read as the method: 7 IUDs and row 6's 避孕套 → long-acting 7 of 8.
    assert _total(doc, "long_acting_rate")[:2] == (7, 8)
    assert _total(doc, "contraceptive_prevalence")[:2] == (8, 8)


def test_id_in_the_wrong_column_is_rejected(tmp_path: Path) -> None:
    _, doc = _indicators(tmp_path, "women_id_in_wrong_column.csv")
    codes = {"结婚日期": ("marriage_date", "unparseable_date"),
             "信息截止日期": ("record_date", "unparseable_date"),
             **{k: v for k, v in UNKNOWN_CODE_FINDINGS.items() if k != "婚姻状况"}}
    assert set(_findings(tmp_path, "women_id_in_wrong_column.csv")) == {
        (str(row), *codes[column], "error") for row, column in wc.PASTED_IDS.items()
    }
    assert _counts(_input(doc, "women_id_in_wrong_column.csv")) == (10, 0, 6, 0, 0, 4)


# ---------------------------------------------------------------- procedures ledgers


def test_procedures_ledger(tmp_path: Path) -> None:
    _, doc = _indicators(tmp_path, "procedures_ledger.csv", extra=(
        "--indicators", "procedures_iud_insertion,procedures_vasectomy,procedures_tubal,"
        "procedures_abortion,four_operations,complication_rate"))
    assert set(_findings(tmp_path, "procedures_ledger.csv")) == {
        # row 3: 男扎 on the husband's own ID is fine; row 4: 女扎 on a man's is not.
        ("4", "woman_id", "procedure_male_id", "error"),
        ("5", "procedure_type", "unknown_procedure_type", "error"),  # 节育复查
        ("7", "procedure_id", "duplicate", "duplicate"),  # row 6's 手术编号 again
        # Rows 8 and 9: two 手术编号 on one woman, 人工流产, 2012-05-06: both count.
        ("9", "procedure_id", "procedure_repeated", "warning"),
    }
    # 10 read = 2 rejected + 1 duplicate + 1 out of period (row 11, 2011-09-30) + 6 used.
    assert _counts(_input(doc, "procedures_ledger.csv")) == (10, 0, 2, 1, 1, 6)
    # Used: 放环 rows 2, 6, 10; 男扎 row 3; 人工流产 rows 8, 9.
    assert _total(doc, "procedures_iud_insertion")[2] == 3
    assert _total(doc, "procedures_vasectomy")[2] == 1
    assert _total(doc, "procedures_tubal")[2] == 0  # row 4's was rejected
    assert _total(doc, "procedures_abortion")[2] == 2
    assert _total(doc, "four_operations")[2] == 3 + 1 + 2
    # One complication (row 10) of 6 operations: 1000 × 1 / 6 = 166.67‰.
    assert _total(doc, "complication_rate") == (1, 6, pytest.approx(1000 / 6))


def test_procedures_ledger_without_ids(tmp_path: Path) -> None:
    _, doc = _indicators(tmp_path, "procedures_no_id.csv",
                         extra=("--indicators", "procedures_iud_insertion"))
    # Row 4 repeats row 2's woman, 放环 and 2012-03-01; row 5 is the next day: not one.
    assert _findings(tmp_path, "procedures_no_id.csv") == [
        ("4", "woman_id", "duplicate", "duplicate")]
    assert _counts(_input(doc, "procedures_no_id.csv")) == (6, 0, 0, 1, 0, 5)
    assert _total(doc, "procedures_iud_insertion")[2] == 5


def test_asking_for_a_women_indicator_without_the_register(tmp_path: Path) -> None:
    corpus_copy("procedures_ledger.csv", tmp_path)
    run = run_cli(("indicators", "procedures_ledger.csv", "--indicators", "abortion_rate",
                   *AS_OF, *EN), tmp_path)
    line = assert_one_error_line(run, 2, "abortion_rate", "women")
    assert "births" not in line  # abortion_rate = A ÷ stock women: no births needed


# ---------------------------------------------------------------- the women's field check


def test_women_survey_without_the_register(tmp_path: Path) -> None:
    corpus_copy("women_survey_empty_cells.csv", tmp_path)
    corpus_copy("gb18030_register.csv", tmp_path, "births.csv")
    for inputs in (("women_survey:women_survey_empty_cells.csv",),
                   ("births.csv", "women_survey:women_survey_empty_cells.csv")):
        run = run_cli(("indicators", *inputs, *AS_OF, *EN), tmp_path)
        # docs/cli.md: women_survey_needs_women is an input error, exit 3.
        assert_one_error_line(run, 3, "women_survey_empty_cells.csv: ", "women's register")


def test_women_survey_with_empty_cells(tmp_path: Path) -> None:
    _, doc = _indicators(tmp_path, "women_gb18030.csv",
                         "women_survey:women_survey_empty_cells.csv")
    inp = _input(doc, "women_survey_empty_cells.csv")
    assert inp["kind"] == "women_survey"
    assert _counts(inp) == (6, 0, 0, 0, 0, 6)
    # All 6 found in the register; an empty cell is left out of its item only.
    assert _total(doc, "computerised_management_rate")[:2] == (6, 6)
    assert _total(doc, "women_missing_from_register")[2] == 0
    # Marital filled on rows 2, 4, 5, 7 (已婚 = the register's 20): 0 of 4 differ.
    assert _total(doc, "marital_error_rate")[:2] == (0, 4)
    # Method filled on rows 2, 3, 5, 7; row 7's 女扎 against 上环: 1 of 4.
    assert _total(doc, "method_error_rate") == (1, 4, 25.0)
    # Residence filled on rows 2, 3, 4, 7: 0 of 4; method dates empty everywhere.
    assert _total(doc, "residence_error_rate")[:2] == (0, 4)
    assert _total(doc, "method_date_error_rate")[:2] == (0, 0)
    # Pairs with no differing item: all but row 7 → 5 of 6.
    assert _total(doc, "record_accuracy_rate")[:2] == (5, 6)
    # The 6 found women sit in the 4 corpus villages, which hold all 12 register women.
    assert _total(doc, "women_unconfirmed")[2] == 12 - 6


# ---------------------------------------------------------------- detection, no prefixes


def test_kinds_detected_without_a_prefix(tmp_path: Path) -> None:
    """Neutral names, so only the headers can tell the kinds apart."""
    for source, name in (("gb18030_register.csv", "a.csv"), ("women_gb18030.csv", "b.csv"),
                         ("procedures_ledger.csv", "c.csv")):
        corpus_copy(source, tmp_path, name)
    run = run_cli(("indicators", "a.csv", "b.csv", "c.csv", *YEAR, *AS_OF, "--format", "json"),
                  tmp_path)
    assert run.code == 0, str(run)
    doc = run.json()
    assert {i["path"]: i["kind"] for i in doc["inputs"]} == {
        "a.csv": "births", "b.csv": "women", "c.csv": "procedures"}
    for inp in doc["inputs"]:
        assert_counts_reconcile(inp)
    # The births register is still read as births: its 30 records, all in SY2012.
    assert _counts(_input(doc, "a.csv")) == (30, 0, 0, 0, 0, 30)


# ---------------------------------------------------------------- validate and reconciling

REJECTING = ["women_excel_damaged.csv", "women_unknown_codes.csv", "women_ids_and_dates.csv",
             "women_twice.csv", "women_id_in_wrong_column.csv", "procedures_ledger.csv",
             "procedures_no_id.csv"]


@pytest.mark.parametrize("name", REJECTING)
def test_validate_lists_the_rejected_rows(tmp_path: Path, name: str) -> None:
    """`jisheng validate --rejects` (no period: S = --as-of) rejects and de-duplicates the
    same rows as the indicators run of 2012; it exits 1 when it rejected a row (docs/cli.md;
    a duplicate is not a rejection)."""
    _indicators(tmp_path, name)
    expected = {f for f in _findings(tmp_path, name) if f[3] != "warning"}
    run = run_cli(("validate", name, *AS_OF, "--rejects", "v.csv", "--format", "json"),
                  tmp_path)
    assert run.code == (1 if any(f[3] == "error" for f in expected) else 0), str(run)
    assert expected, "nothing to list: the file is in the wrong group"
    listed = json.loads(run.stdout)
    found = {(r["row"], r["column"], r["code"], r["severity"])
             for r in read_rejects(tmp_path / "v.csv") if r["severity"] != "warning"}
    assert found == expected
    assert len(listed) == len(read_rejects(tmp_path / "v.csv"))


@pytest.mark.parametrize("name", [n for n in wc.SMALL if n != "women_header_only.csv"
                                  and not n.startswith("women_survey")])
def test_every_file_reconciles(tmp_path: Path, name: str) -> None:
    _, doc = _indicators(tmp_path, name)
    inp = _input(doc, name)  # asserts rows_read = the five buckets
    assert inp["rows_read"] > 0
