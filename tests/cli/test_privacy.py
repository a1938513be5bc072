"""Privacy (docs/quality.md "Privacy and safety"): ID numbers and names are masked in every
output, message and rejects file unless --show-personal-data; and the rejects file itself
(docs/cli.md `--rejects`), as CSV and as JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .helpers import (
    AS_OF,
    CONFIG,
    CONTRACT,
    CSV_RUN,
    DEFECTS,
    REJECT_FIELDS,
    SAMPLE,
    SAMPLE_DIR,
    WRONG_CHECK_DIGIT_ID,
    Run,
    run_cli,
    sample_records,
)

ID_FORM = re.compile(r"\d{15}|\d{17}[\dX]")


def _mother_ids() -> list[str]:
    ids = [
        r["母亲身份证号"] for r in sample_records() if ID_FORM.fullmatch(r["母亲身份证号"] or "")
    ]
    assert len(ids) > 1700
    step = len(ids) // 20
    chosen = ids[::step][:20]
    assert WRONG_CHECK_DIGIT_ID in ids
    return [*chosen, WRONG_CHECK_DIGIT_ID]


def _mother_names() -> set[str]:
    names = {r["母亲姓名"] for r in sample_records() if r["母亲姓名"]}
    assert len(names) > 1600
    return names


def _read_rejects_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == REJECT_FIELDS
        return list(reader)


@pytest.fixture(scope="module")
def outputs(
    sample: Callable[..., Run], session_dir: Path
) -> dict[str, str]:
    """Every text the sample runs show: stdout and stderr of each run, and rejects files."""
    runs = {
        "json": sample(*CONTRACT, "--rejects", "privacy.json"),
        "csv": sample(*CSV_RUN, "--rejects", "privacy.csv"),
        "table": sample(*CSV_RUN, "--format", "table", "--detail", "-v"),
        "validate": sample("validate", SAMPLE, *AS_OF, "--format", "csv"),
        "report": sample("report", SAMPLE, "--config", CONFIG, "--by", "township", *AS_OF,
                         "-o", "privacy.html"),
        # The audit of the sample report's figures against the registers (docs/audit.md).
        "audit": sample("audit", "sample_data/claims.csv", SAMPLE,
                        str(SAMPLE_DIR / "fees.csv"), "--config", CONFIG, *AS_OF,
                        "--format", "json"),
        "audit table": sample("audit", "sample_data/claims.csv", SAMPLE, "--config", CONFIG,
                              *AS_OF, "--format", "table", "--lang", "en"),
    }
    texts: dict[str, str] = {}
    for name, run in runs.items():
        # validate lists rejected rows; the audit finds the sample report's two mismatches.
        assert run.code == (1 if name in ("validate", "audit", "audit table") else 0), str(run)
        texts[f"{name} stdout"] = run.text
        texts[f"{name} stderr"] = run.stderr
        assert run.stderr  # the summary line at least
    for name in ("privacy.json", "privacy.csv", "privacy.html"):
        texts[name] = (session_dir / name).read_text(encoding="utf-8")
    return texts


def test_no_mother_id_anywhere(outputs: dict[str, str]) -> None:
    for mother_id in _mother_ids():
        for where, text in outputs.items():
            assert mother_id not in text, f"{mother_id} in {where}"
            if len(mother_id) == 18:
                assert mother_id[:17] not in text, f"{mother_id} in {where}"


def test_no_mother_name_anywhere(outputs: dict[str, str]) -> None:
    leaked = {
        (name, where) for name in _mother_names() for where, text in outputs.items()
        if name in text
    }
    assert not leaked


def test_rejects_masks_the_id_of_row_558(session_dir: Path, outputs: dict[str, str]) -> None:
    rows = {int(r["row"]): r for r in _read_rejects_csv(session_dir / "privacy.csv")}
    assert rows[558]["code"] == "id_check_digit"
    assert rows[558]["value"] != WRONG_CHECK_DIGIT_ID
    assert rows[558]["value"]  # masked, not dropped


def test_show_personal_data_prints_the_id_in_clear(work: Path) -> None:
    run = run_cli(
        ("validate", SAMPLE, *AS_OF, "--show-personal-data", "--rejects", "clear.csv"), work
    )
    assert run.code == 1, str(run)
    rows = {int(r["row"]): r for r in _read_rejects_csv(work / "clear.csv")}
    assert rows[558]["value"] == WRONG_CHECK_DIGIT_ID
    assert WRONG_CHECK_DIGIT_ID in (work / "clear.csv").read_text(encoding="utf-8")


# ---- the rejects file ---------------------------------------------------------------------

def _normalise_json(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {k: "" if v is None else str(v) for k, v in item.items()} for item in items
    ]


def test_rejects_csv_lists_the_defects(session_dir: Path, outputs: dict[str, str]) -> None:
    findings = _read_rejects_csv(session_dir / "privacy.csv")
    problems = {int(f["row"]): f["code"] for f in findings if f["severity"] != "warning"}
    assert problems == DEFECTS
    assert {f["file"] for f in findings} == {SAMPLE}


def test_rejects_json_matches_rejects_csv(session_dir: Path, outputs: dict[str, str]) -> None:
    items = json.loads((session_dir / "privacy.json").read_text(encoding="utf-8"))
    assert isinstance(items, list)
    for item in items:
        assert list(item) == REJECT_FIELDS
        assert isinstance(item["row"], int)
    assert _normalise_json(items) == _read_rejects_csv(session_dir / "privacy.csv")


def test_validate_output_matches_the_rejects_file(
    session_dir: Path, outputs: dict[str, str]
) -> None:
    listed = list(csv.DictReader(io.StringIO(outputs["validate stdout"])))
    assert listed == _read_rejects_csv(session_dir / "privacy.csv")


# ---- population files ---------------------------------------------------------------------

POPULATION_ID = "42052519880101123X"  # an ID number pasted into 年平均人口 (the X: no count)
ID_AS_COUNT = "420525198801011234"  # all digits: it parses, as 4.2 × 10¹⁷ people


def _population_run(work: Path, *extra: str) -> tuple[Run, list[dict[str, Any]], str]:
    """A township population file with ID numbers for populations, beside the sample."""
    (work / "pop.csv").write_text(
        "统计用区划代码,乡镇(街道),统计年度,年平均人口\n"
        "420525100000,鸣凤镇,2012,53412\n"
        f"420525101000,花林寺镇,2012,{POPULATION_ID}\n"
        f"420525102000,旧县镇,2012,{ID_AS_COUNT}\n",
        encoding="utf-8",
    )
    run = run_cli(
        ("indicators", SAMPLE, "pop.csv", "--year", "2012", *AS_OF, "--format", "json",
         "--rejects", "r.json", *extra),
        work,
    )
    assert run.code == 0, str(run)
    text = (work / "r.json").read_text(encoding="utf-8")
    return run, [f for f in json.loads(text) if f["file"] == "pop.csv"], text


def test_an_id_number_in_a_population_file_is_masked(work: Path) -> None:
    run, findings, text = _population_run(work)
    assert [{k: v for k, v in f.items() if k != "message"} for f in findings] == [
        {"file": "pop.csv", "row": 3, "column": "population", "code": "invalid_population",
         "severity": "error", "value": "420525********123X"},
        {"file": "pop.csv", "row": 4, "column": "population", "code": "implausible_population",
         "severity": "error", "value": "420525********1234"},
    ]
    for where in (text, run.text, run.stderr):
        for clear in (POPULATION_ID, ID_AS_COUNT):
            assert clear not in where and clear[:17] not in where


def test_show_personal_data_prints_the_population_cell_in_clear(work: Path) -> None:
    _, findings, _ = _population_run(work, "--show-personal-data")
    assert [(f["row"], f["value"]) for f in findings] == [(3, POPULATION_ID), (4, ID_AS_COUNT)]
