"""The findings the women's engine raises (not the row checks): each on its row and column,
with its catalogue message in both languages and the severity of its kind."""

from __future__ import annotations

from pathlib import Path

from jisheng_cli.findings import Finding
from jisheng_cli.messages.findings import CODES
from tests.helpers import compute
from tests.women_helpers import (
    BIRTHS_HEADER,
    ID,
    PROCEDURES_HEADER,
    VILLAGE_CELLS,
    sources,
    woman_id,
    write_village,
    write_women,
)


def _found(findings: list[Finding], code: str) -> list[tuple[str, int | None, str | None, str]]:
    out = [(Path(f.file).name, f.row, f.column, f.variant) for f in findings if f.code == code]
    for f in findings:
        if f.code == code:
            kind = {"births.csv": "births", "women.csv": "women",
                    "procedures.csv": "procedures"}[Path(f.file).name]
            assert f.severity == CODES[code].severity_of(kind)
            assert f.message("zh") and f.message("en")
    return out


def test_stale_record(tmp_path: Path) -> None:
    path = write_women(tmp_path / "women.csv", [
        {"woman_id": woman_id("19800101", 2), "record_date": "2011-09-30"},  # 366 days before S
        {"woman_id": woman_id("19800102", 4), "record_date": "2011-10-01"},  # 365: not stale
    ])
    out = compute([f"women:{path}"], year="2012")
    assert _found(out.findings, "stale_record") == [("women.csv", 2, "record_date", "")]
    out = compute([f"women:{path}"], year="2012", definitions={"stale_record_days": 364})
    assert len(_found(out.findings, "stale_record")) == 2


def test_mother_not_in_women_register(tmp_path: Path) -> None:
    out = compute(sources(write_village(tmp_path)), year="2012")
    # W11's birth (the births file's row 7) is in the period; her mother is not registered.
    assert _found(out.findings, "mother_not_in_women_register") == [
        ("births.csv", 7, "mother_id", "")]


def test_sterilised_without_children_from_the_births_register(tmp_path: Path) -> None:
    mother, childless = woman_id("19800101", 2), woman_id("19800102", 4)
    women = write_women(tmp_path / "women.csv", [
        {"woman_id": mother, "contraceptive_method": "女扎", "method_date": "2012-03-01"},
        {"woman_id": childless, "contraceptive_method": "女扎", "method_date": "2012-03-01"},
        # Before the births register's first birth: it cannot vouch for her.
        {"woman_id": woman_id("19800103", 6), "contraceptive_method": "女扎",
         "method_date": "2010-01-01"},
    ])
    births = tmp_path / "births.csv"
    births.write_text(f"{BIRTHS_HEADER}\n"
                      f"{VILLAGE_CELLS},甲,{mother},2011-06-01,女,2,政策内\n"
                      f"{VILLAGE_CELLS},乙,{woman_id('19850101', 8)},2012-06-01,男,1,政策内\n",
                      encoding="utf-8")
    out = compute([births, f"women:{women}"], year="2012")
    assert _found(out.findings, "sterilised_without_children") == [
        ("women.csv", 3, "method_date", "births")]


def test_procedure_duplicates_and_repeats(tmp_path: Path) -> None:
    cells = f"{ID['W2']},{VILLAGE_CELLS},人流,2012-03-01,"
    with_ids = tmp_path / "procedures.csv"
    with_ids.write_text(f"{PROCEDURES_HEADER}\nP1,{cells}\nP1,{cells}\nP2,{cells}\n",
                        encoding="utf-8")
    out = compute([with_ids], year="2012")
    assert _found(out.findings, "duplicate") == [("procedures.csv", 3, "procedure_id",
                                                  "procedure_id")]
    # P2 is another id on the same woman, type and date: counted, and warned.
    assert _found(out.findings, "procedure_repeated") == [("procedures.csv", 4,
                                                           "procedure_id", "")]
    summary = out.report.inputs[0]
    assert (summary.rows_used, summary.rows_duplicate) == (2, 1)

    without = tmp_path / "no_ids" / "procedures.csv"
    without.parent.mkdir()
    header = PROCEDURES_HEADER.removeprefix("手术编号,")
    without.write_text(f"{header}\n{cells}\n{cells}\n", encoding="utf-8")
    out = compute([without], year="2012")
    assert _found(out.findings, "duplicate") == [("procedures.csv", 3, "woman_id",
                                                  "procedure")]
