"""Privacy audit (docs/quality.md "Privacy and safety", docs/data.md "Personal data").

Every command and format runs on the sample register (and its companion files, which
name the same mothers and fee payers); no ID number (18 or 15 digits, the first 17
digits, or a 15-digit number upgraded to 18) and no full name may appear in clear in
stdout, stderr or any file written. Parquet is read back with pyarrow, XLSX with
openpyxl, and the raw bytes (XLSX: every member of the zip) are searched too.
"""

from __future__ import annotations

import csv
import functools
import io
import shutil
from pathlib import Path

import pytest

from . import make_corpus
from .helpers import (
    AS_OF,
    ROOT,
    SAMPLE,
    corpus_copy,
    personal_data_in,
    read_rejects,
    run_cli,
    sample_ids,
    sample_names,
    sample_records,
    xlsx_text,
)

WRONG_CHECK_DIGIT_ID = "42052519771126238X"  # sample_data/README.md: row 558
COMPANIONS = ("fees.csv", "survey.csv", "checked.csv", "population.csv")
ALL_FILES = ("births.csv", "fees.csv", "survey:survey.csv", "checked:checked.csv",
             "population.csv")


@functools.cache
def _companion_ids() -> frozenset[str]:
    """Fee payers' and surveyed mothers' numbers (they are people too)."""
    forms: set[str] = set()
    for name, column in (("fees.csv", "当事人身份证号"), ("survey.csv", "母亲身份证号")):
        text = (ROOT / "sample_data" / name).read_bytes().decode("gb18030")
        lines = io.StringIO(text)
        next(lines)  # title line
        for r in csv.DictReader(lines):
            value = (r.get(column) or "").strip()
            if len(value) == 18:
                forms.update((value, value[:17]))
    return frozenset(forms)


@functools.cache
def _ids() -> frozenset[str]:
    return sample_ids() | _companion_ids()


@functools.cache
def _names() -> frozenset[str]:
    """Mothers' names, minus any that are also a place name the reports rightly print."""
    places = {r[c] for r in sample_records() for c in ("乡镇(街道)", "村(居)委会") if r[c]}
    return frozenset(n for n in sample_names() if not any(n in p for p in places))


def test_the_audit_knows_the_people() -> None:
    ids = sample_ids()
    assert WRONG_CHECK_DIGIT_ID in ids
    assert sum(len(i) == 15 for i in ids) == 5  # rows 195, 489, 678, 1633, 1717
    assert len([i for i in ids if len(i) == 18]) > 1700
    assert len(_names()) > 1600
    assert len(_companion_ids()) > 300


def test_the_audit_finds_clear_text() -> None:
    """Negative control: the detector does see IDs (all three forms) and names."""
    sample = SAMPLE.read_bytes().decode("gb18030")
    found = set(personal_data_in(sample, _ids(), _names()))
    assert WRONG_CHECK_DIGIT_ID[:17] in found
    assert any(len(f) == 15 for f in found)
    assert len(found & _names()) > 1600
    assert personal_data_in("masked 420525********238X 丁*", _ids(), _names()) == []


@pytest.fixture
def work(tmp_path: Path) -> Path:
    for name in ("births.csv", *COMPANIONS):
        shutil.copyfile(ROOT / "sample_data" / name, tmp_path / name)
    return tmp_path




def _parquet_text(path: Path) -> str:
    pq = pytest.importorskip("pyarrow.parquet")
    rows = pq.read_table(path).to_pylist()
    return repr(rows) + path.read_bytes().decode("utf-8", "replace")


def _file_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        return xlsx_text(path)
    if path.suffix == ".parquet":
        return _parquet_text(path)
    return path.read_bytes().decode("utf-8", "replace")


INDICATORS = ("indicators", "births.csv", "--by", "township,village", *AS_OF)

# id -> (arguments, expected exit code, files the run writes)
RUNS: dict[str, tuple[tuple[str, ...], int, tuple[str, ...]]] = {
    **{f"indicators {fmt}": ((*INDICATORS, "--format", fmt), 0, ())
       for fmt in ("table", "csv", "tsv", "json", "ndjson")},
    "indicators parquet": ((*INDICATORS, "-o", "out.parquet"), 0, ("out.parquet",)),
    "indicators xlsx": ((*INDICATORS, "-o", "out.xlsx", "--detail"), 0, ("out.xlsx",)),
    # The workbook's chart sheets (funnels by village, trends by year) and the HTML report.
    "indicators xlsx charts": ((*INDICATORS[:2], "--by", "township,village,year", *AS_OF,
                                "-o", "charts.xlsx"), 0, ("charts.xlsx",)),
    "report": (("report", "births.csv", "--by", "township", *AS_OF, "-o", "r.html"), 0,
               ("r.html",)),
    "indicators long detail": ((*INDICATORS, "--layout", "long", "--format", "csv",
                                "--by", "village,year"), 0, ()),
    "indicators all kinds": (("indicators", *ALL_FILES, "--year", "2012", "--format", "json",
                              "--rejects", "all.csv", *AS_OF), 0, ("all.csv",)),
    "indicators --rejects csv": ((*INDICATORS, "--rejects", "r.csv"), 0, ("r.csv",)),
    "indicators --rejects json": ((*INDICATORS, "--rejects", "r.json"), 0, ("r.json",)),
    "indicators --verbose": ((*INDICATORS, "-v", "--format", "table"), 0, ()),
    "indicators --debug": ((*INDICATORS, "--debug", "--strict"), 1, ()),
    **{f"validate {fmt}": (("validate", "births.csv", "--format", fmt, *AS_OF), 1, ())
       for fmt in ("table", "csv", "json")},
    "validate all kinds": (("validate", *ALL_FILES, "-v", "-o", "v.json", "--rejects", "v.csv",
                            *AS_OF), 1, ("v.json", "v.csv")),
    "validate --debug": (("validate", "births.csv", "--debug", "--format", "csv", *AS_OF), 1, ()),
    "schema": (("schema",), 0, ()),
    "schema markdown": (("schema", "births", "--format", "markdown"), 0, ()),
    "list": (("list", "--format", "csv"), 0, ()),
}


@pytest.mark.parametrize("case", list(RUNS))
def test_no_personal_data_in_clear(work: Path, case: str) -> None:
    args, code, files = RUNS[case]
    run = run_cli(args, work)
    assert run.code == code, str(run)
    assert "Traceback" not in run.stderr, str(run)
    texts: dict[str, str] = {
        "stdout": run.stdout.decode("utf-8", "replace"),
        "stderr": run.stderr,
    }
    for name in files:
        texts[name] = _file_text(work / name)
    if args[0] in ("indicators", "validate"):
        assert texts["stdout"] or files, "the run printed nothing: the audit would be empty"
    leaks = {where: personal_data_in(text, _ids(), _names())[:5] for where, text in texts.items()}
    assert not any(leaks.values()), leaks


def test_rejects_mask_the_wrong_check_digit_row(work: Path) -> None:
    run = run_cli((*INDICATORS, "--rejects", "r.csv", "-q"), work)
    assert run.code == 0, str(run)
    (row,) = [r for r in read_rejects(work / "r.csv") if r["row"] == "558"]
    assert row["code"] == "id_check_digit"
    assert row["value"] == "420525********238X"


@pytest.mark.parametrize("rejects", ["r.csv", "r.json"])
def test_show_personal_data_shows_the_clear_id(work: Path, rejects: str) -> None:
    run = run_cli((*INDICATORS, "--rejects", rejects, "--show-personal-data", "-q"), work)
    assert run.code == 0, str(run)
    text = (work / rejects).read_text(encoding="utf-8-sig")
    assert WRONG_CHECK_DIGIT_ID in text
    if rejects == "r.csv":
        (row,) = [r for r in read_rejects(work / rejects) if r["row"] == "558"]
        assert row["value"] == WRONG_CHECK_DIGIT_ID


@pytest.mark.parametrize("command", ["indicators", "validate"])
def test_id_in_the_wrong_column_is_masked(tmp_path: Path, command: str) -> None:
    """An ID number pasted into another column (here the birth date) is still personal
    data: the rejected value is masked, not echoed in clear."""
    corpus_copy("id_in_wrong_column.csv", tmp_path)
    mother_id = make_corpus.records(3)[2][make_corpus.COL["母亲身份证号"]]
    run = run_cli((command, "id_in_wrong_column.csv", "--rejects", "r.csv", "--format", "csv",
                   *AS_OF), tmp_path)
    assert run.code in (0, 1), str(run)
    everything = run.stdout.decode() + run.stderr + (tmp_path / "r.csv").read_text("utf-8")
    assert mother_id[:17] not in everything
