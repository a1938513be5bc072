"""Privacy of the women's kinds (docs/women.md: woman_id and woman_name are personal data;
docs/quality.md "Privacy and safety"). The sample women's register, procedures ledger and
field check run beside the births register through every output format, the rejects
file (CSV and JSON), `validate` and the error messages: no woman's ID number (18 or 15
digits, its first 17 digits, a 15-digit one upgraded) and no name appears in clear; with
--show-personal-data the rejected IDs do. The hardening corpus's women's files too."""

from __future__ import annotations

import csv
import functools
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.hardening import make_corpus, make_women_corpus
from tests.hardening.helpers import personal_data_in, xlsx_parts

from .helpers import AS_OF, REJECT_FIELDS, SAMPLE_DIR, Run, run_cli, sample_records

WOMEN_FILES = ("women.csv", "procedures.csv", "women_survey.csv")
ALL = ("births.csv", "women.csv", "procedures.csv", "women_survey:women_survey.csv")
# sample_data/README.md, women.csv: row 5333 a man's number, row 21851 a wrong check
# character (both rejected, so echoed in the rejects file).
MALE_ID_ROW, CHECK_DIGIT_ROW = 5333, 21851
MALE_ID = "420525198002066556"
# validate has no period, so its stock date S is --as-of: 2026-11-22 would make every
# record stale (44,810 warnings, a 24 MB table). The data's last day keeps them to 57.
VALIDATE_AS_OF = ("--as-of", "2012-12-31")


@functools.cache
def _records(name: str) -> list[dict[str, str]]:
    """A sample file's records (GB18030, the title line above the header dropped)."""
    lines = io.StringIO((SAMPLE_DIR / name).read_bytes().decode("gb18030"))
    next(lines)
    return list(csv.DictReader(lines))


def _id_forms(value: str) -> set[str]:
    """Every clear form of one number: 18 characters and their first 17; 15 digits and the
    18-character number they upgrade to (and its first 17)."""
    value = value.strip()
    if len(value) == 18 and value[:17].isdigit():
        return {value, value[:17]}
    if len(value) == 15 and value.isdigit():
        up = make_corpus.upgrade15(value)
        return {value, up, up[:17]}
    return set()


@functools.cache
def _ids() -> frozenset[str]:
    forms: set[str] = set()
    for name in WOMEN_FILES:
        for r in _records(name):
            forms |= _id_forms(r["身份证号"] or "")
    for r in sample_records():
        forms |= _id_forms(r["母亲身份证号"] or "")
    return frozenset(forms)


@functools.cache
def _places() -> frozenset[str]:
    return frozenset(r[c] for name in WOMEN_FILES for r in _records(name)
                     for c in ("乡镇(街道)", "村(居)委会") if r.get(c))


@functools.cache
def _names() -> frozenset[str]:
    """Women's (and mothers') names, less any a place name holds: reports print places."""
    names = {(r["姓名"] or "").strip() for n in ("women.csv", "women_survey.csv")
             for r in _records(n)}
    names |= {r["母亲姓名"].strip() for r in sample_records()}
    # The 合计 row's count stands in the 姓名 column: only names of Chinese characters.
    return frozenset(n for n in names if len(n) >= 2 and _is_hanzi(n)
                     and not any(n in p for p in _places()))


def _is_hanzi(text: str) -> bool:
    return all("\u3400" <= c <= "\u9fff" or "\U00020000" <= c for c in text)


def test_the_audit_knows_the_women() -> None:
    """The sets are the files' people, and the detector sees each form in clear text."""
    women = _records("women.csv")
    assert len(women) > 44_000
    assert women[MALE_ID_ROW - 3]["身份证号"] == MALE_ID  # title = 1, header = 2
    legacy = [r["身份证号"] for r in women if len(r["身份证号"]) == 15]
    assert len(legacy) == 6  # rows 9346, 21294, 21352, 26723, 34361, 35150
    assert {make_corpus.upgrade15(v) for v in legacy} <= _ids()
    assert len([i for i in _ids() if len(i) == 18]) > 44_000
    assert len(_names()) > 30_000
    text = (SAMPLE_DIR / "women.csv").read_bytes().decode("gb18030")[:200_000]
    found = set(personal_data_in(text, _ids(), _names()))
    assert len(found & _names()) > 1000
    assert any(len(f) == 18 for f in personal_data_in(text, _ids(), _names()))
    upgraded = make_corpus.upgrade15(legacy[0])
    assert personal_data_in(f"x{upgraded[:17]}y {legacy[0]}", _ids(), frozenset()) != []
    assert personal_data_in("420525********6556 魏*", _ids(), _names()) == []


@pytest.fixture(scope="module")
def women_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("women_privacy")
    for name in ("births.csv", *WOMEN_FILES):
        shutil.copyfile(SAMPLE_DIR / name, work / name)
    return work


def _file_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        values, raw = xlsx_parts(path)
        assert values
        return "\n".join(values) + raw
    if path.suffix == ".parquet":
        pq = pytest.importorskip("pyarrow.parquet")
        rows = pq.read_table(path).to_pylist()
        assert rows
        return repr(rows) + path.read_bytes().decode("utf-8", "replace")
    return path.read_bytes().decode("utf-8", "replace")


INDICATORS = ("indicators", *ALL, "--year", "2012", "--by", "township,village", *AS_OF)

# id -> (arguments, expected exit code, files the run writes)
RUNS: dict[str, tuple[tuple[str, ...], int, tuple[str, ...]]] = {
    **{f"indicators {fmt}": ((*INDICATORS, "--format", fmt), 0, ())
       for fmt in ("table", "csv", "tsv", "json")},
    "indicators xlsx": ((*INDICATORS, "-o", "out.xlsx", "--detail"), 0, ("out.xlsx",)),
    "indicators parquet": ((*INDICATORS, "-o", "out.parquet"), 0, ("out.parquet",)),
    "indicators --rejects": ((*INDICATORS, "--rejects", "r.csv", "--format", "json"), 0,
                             ("r.csv",)),
    "indicators --rejects json": ((*INDICATORS, "--rejects", "r.json"), 0, ("r.json",)),
    "indicators -v": ((*INDICATORS, "-v", "--format", "table", "--detail"), 0, ()),
    "indicators --debug": ((*INDICATORS, "--debug", "--strict"), 1, ()),
    **{f"validate {fmt}": (("validate", *ALL, "--format", fmt, *VALIDATE_AS_OF), 1, ())
       for fmt in ("table", "csv", "json")},
    "validate files": (("validate", *ALL, "-v", "-o", "v.json", "--rejects", "v.csv",
                        *VALIDATE_AS_OF), 1, ("v.json", "v.csv")),
}


@pytest.mark.parametrize("case", list(RUNS))
def test_no_woman_in_clear(women_dir: Path, case: str) -> None:
    args, code, files = RUNS[case]
    run = run_cli(args, women_dir)
    assert run.code == code, str(run)
    assert "Traceback" not in run.stderr, str(run)
    texts = {"stdout": run.stdout.decode("utf-8", "replace"), "stderr": run.stderr}
    for name in files:
        texts[name] = _file_text(women_dir / name)
    assert texts["stdout"] or files, "the run printed nothing: the audit would be empty"
    if "--rejects" in args:
        rejects = texts[args[args.index("--rejects") + 1]]
        assert "woman_id_male" in rejects and "woman_id" in rejects  # the women's are there
    leaks = {where: personal_data_in(text, _ids(), _names())[:5] for where, text in texts.items()}
    assert not any(leaks.values()), leaks


def _rejects(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".json":
        items = json.loads(path.read_text(encoding="utf-8"))
        return [{k: "" if v is None else str(v) for k, v in item.items()} for item in items]
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == REJECT_FIELDS
        return list(reader)


def _women_row(rows: list[dict[str, Any]], row: int) -> dict[str, Any]:
    (found,) = [r for r in rows if r["file"] == "women.csv" and r["row"] == str(row)
                and r["column"] == "woman_id"]
    return found


@pytest.mark.parametrize("rejects", ["m.csv", "m.json"])
def test_rejected_women_ids_are_masked(women_dir: Path, rejects: str) -> None:
    run = run_cli(("validate", *ALL, *VALIDATE_AS_OF, "--rejects", rejects, "-q"), women_dir)
    assert run.code == 1, str(run)
    rows = _rejects(women_dir / rejects)
    male = _women_row(rows, MALE_ID_ROW)
    assert (male["code"], male["value"]) == ("woman_id_male", "420525********6556")
    wrong = _women_row(rows, CHECK_DIGIT_ROW)
    clear = _records("women.csv")[CHECK_DIGIT_ROW - 3]["身份证号"]
    assert wrong["code"] == "id_check_digit"
    assert wrong["value"] == clear[:6] + "*" * 8 + clear[14:]


@pytest.mark.parametrize("rejects", ["c.csv", "c.json"])
def test_show_personal_data_prints_the_women_ids(women_dir: Path, rejects: str) -> None:
    run = run_cli(("validate", *ALL, *VALIDATE_AS_OF, "--rejects", rejects, "-q",
                   "--show-personal-data"), women_dir)
    assert run.code == 1, str(run)
    rows = _rejects(women_dir / rejects)
    assert _women_row(rows, MALE_ID_ROW)["value"] == MALE_ID
    clear = _records("women.csv")[CHECK_DIGIT_ROW - 3]["身份证号"]
    assert _women_row(rows, CHECK_DIGIT_ROW)["value"] == clear
    assert MALE_ID in (women_dir / rejects).read_text(encoding="utf-8-sig")


# ---- the corpus's women's files -----------------------------------------------------------

CORPUS_WOMEN = [n for n in make_women_corpus.SMALL if n != "women_header_only.csv"]


@functools.cache
def _corpus_people() -> tuple[frozenset[str], frozenset[str]]:
    """Every ID form written into the women's corpus files (full-width digits and spaces
    undone), and the names of its women (make_women_corpus.women: one seed for all files)."""
    digits = str.maketrans("０１２３４５６７８９Ｘ", "0123456789X", " \u3000")
    ids: set[str] = set()
    for name in CORPUS_WOMEN:
        text = (make_corpus.CORPUS / name).read_bytes().decode("gb18030")
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                ids |= _id_forms(cell.translate(digits))
    names = {r[make_women_corpus.W["姓名"]] for r in make_women_corpus.women(12)}
    places = {v for _, t, v in make_corpus.VILLAGES} | {t for _, t, _ in make_corpus.VILLAGES}
    return frozenset(ids), frozenset(n for n in names if not any(n in p for p in places))


REGISTERS = [n for n in CORPUS_WOMEN if not n.startswith("women_survey")]


def _corpus_run(work: Path, registers: list[str], *extra: str) -> dict[str, str]:
    for name in CORPUS_WOMEN:
        shutil.copyfile(make_corpus.CORPUS / name, work / name)
    texts: dict[str, str] = {}
    for name in registers:
        inputs = (name, "women_survey:women_survey_empty_cells.csv") if name == (
            "women_gb18030.csv") else (name,)
        for command, rejects in (("indicators", f"{name}.r.csv"), ("validate", f"{name}.v.json")):
            args = [command, *inputs, *AS_OF, "--rejects", rejects, "--format", "json", *extra]
            if command == "indicators":
                args += ["--year", "2012", "--by", "village"]
            run = run_cli(args, work)
            assert run.code in (0, 1), str(run)
            texts[f"{command} {name} stdout"] = run.stdout.decode("utf-8", "replace")
            texts[f"{command} {name} stderr"] = run.stderr
            texts[f"{command} {name} rejects"] = (work / rejects).read_text(encoding="utf-8-sig")
    return texts


def test_corpus_women_in_clear_only_when_asked(tmp_path: Path) -> None:
    ids, names = _corpus_people()
    assert len(ids) > 40 and len(names) > 8
    (tmp_path / "masked").mkdir()
    (tmp_path / "clear").mkdir()
    masked = _corpus_run(tmp_path / "masked", REGISTERS)
    leaks = {where: personal_data_in(text, ids, names)[:5] for where, text in masked.items()}
    assert not any(leaks.values()), leaks
    # The IDs pasted into a date, a count and a code column are echoed in the rejects, masked
    # by default and in clear when asked for.
    pasted = {r[make_women_corpus.W["身份证号"]] for i, r in enumerate(make_women_corpus.women(10))
              if i + 2 in make_women_corpus.PASTED_IDS}
    clear = _corpus_run(tmp_path / "clear", ["women_id_in_wrong_column.csv",
                                             "women_ids_and_dates.csv"], "--show-personal-data")
    for command in ("indicators", "validate"):
        text = clear[f"{command} women_id_in_wrong_column.csv rejects"]
        assert all(p in text for p in pasted), command
        assert not any(p in masked[f"{command} women_id_in_wrong_column.csv rejects"]
                       for p in pasted)
    assert make_women_corpus.male_id(1) in clear["validate women_ids_and_dates.csv rejects"]


# ---- error messages -----------------------------------------------------------------------


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "--debug"])
def test_a_women_register_without_its_header_prints_no_one(tmp_path: Path, debug: bool) -> None:
    """The header line deleted: the first record is taken for one, and the error that lists
    the "headers seen" must not print her number or name."""
    text = (make_corpus.CORPUS / "women_gb18030.csv").read_bytes().decode("gb18030")
    lines = text.split("\r\n")
    (tmp_path / "w.csv").write_bytes(make_corpus.gb("\r\n".join(lines[2:])))
    run: Run = run_cli(("indicators", "w.csv", *AS_OF, *(["--debug"] if debug else [])),
                       tmp_path)
    assert run.code == 3, str(run)
    assert personal_data_in(run.stderr, *_corpus_people()) == [], str(run)
