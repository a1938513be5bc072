"""Builders and constants shared by the tests of this folder (fixtures are in conftest.py)."""

from __future__ import annotations

import csv
import functools
import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

from tests.clirun import EN as EN
from tests.clirun import Run as Run
from tests.clirun import cli_argv as cli_argv
from tests.clirun import cli_env as cli_env
from tests.clirun import run_cli as run_cli
from tests.clirun import summary_counts as summary_counts

from . import make_corpus

HERE = Path(__file__).resolve().parent


ROOT = HERE.parents[1]


CORPUS = HERE / "corpus"


SAMPLE = ROOT / "sample_data" / "births.csv"


AS_OF = ("--as-of", "2026-11-22")


REJECT_FIELDS = ["file", "row", "column", "code", "severity", "value", "message"]


COUNT_FIELDS = ("rows_skipped_blank", "rows_rejected", "rows_duplicate", "rows_out_of_period",
                "rows_used")


def assert_one_error_line(run: Run, exit_code: int, *needles: str) -> str:
    """The documented form of a file-level error: the exit code, exactly one error line
    on stderr (`jisheng: 错误: `, or `jisheng: error: ` with --lang en) holding every needle
    (case-insensitive), no traceback, nothing on stdout. Needles that are English words
    need a run with `--lang en` (EN)."""
    assert "Traceback" not in run.stderr, str(run)
    assert run.code == exit_code, str(run)
    assert len(run.err_lines) == 1, str(run)
    line = run.err_lines[0]
    assert line.startswith(run.error_prefix), str(run)
    for needle in needles:
        assert needle.lower() in line.lower(), f"{needle!r} not in {line!r}"
    assert run.stdout == b"", str(run)
    return line


def assert_counts_reconcile(inp: dict[str, Any]) -> None:
    """docs/cli.md: rows_read = blank/totals + rejected + duplicate + out of period + used."""
    assert inp["rows_read"] == sum(inp[k] for k in COUNT_FIELDS), inp


def read_rejects(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == REJECT_FIELDS
        return list(reader)


def corpus_copy(name: str, directory: Path, as_name: str | None = None) -> Path:
    """Copy a committed corpus file into a test's own directory."""
    target = directory / (as_name or name)
    shutil.copyfile(CORPUS / name, target)
    return target


ID_FORM = re.compile(r"\d{15}|\d{17}[\dX]")


@functools.cache
def sample_records() -> list[dict[str, str]]:
    """The sample's records (title dropped; blank and 合计 rows kept), decoded from GB18030."""
    text = SAMPLE.read_bytes().decode("gb18030")
    lines = io.StringIO(text)
    next(lines)  # the title line above the header
    return list(csv.DictReader(lines))


@functools.cache
def sample_ids() -> frozenset[str]:
    """Every clear-text form of the sample's ID numbers that must never be printed: the
    18- and 15-digit numbers, their first 17 digits, and the 15-digit ones upgraded."""
    forms: set[str] = set()
    for r in sample_records():
        value = (r["母亲身份证号"] or "").strip()
        if not ID_FORM.fullmatch(value):
            continue
        forms.add(value)
        if len(value) == 18:
            forms.add(value[:17])
        else:
            up = make_corpus.upgrade15(value)
            forms.update((up, up[:17]))
    return frozenset(forms)


@functools.cache
def sample_names() -> frozenset[str]:
    return frozenset(r["母亲姓名"].strip() for r in sample_records() if r["母亲姓名"].strip())


def personal_data_in(text: str, ids: frozenset[str], names: frozenset[str]) -> list[str]:
    """The ID numbers (any clear form) and full names found in `text`."""
    found = [m for m in re.findall(r"\d{15,}", text) if any(m[i:i + n] in ids
             for n in (15, 17, 18) for i in range(len(m) - n + 1))]
    # Every substring of a name's length looked up, not every name searched for: the
    # women's registers name some 50,000 people.
    lengths = {len(n) for n in names if len(n) >= 2}
    found += sorted({s for k in lengths for i in range(len(text) - k + 1)
                     if (s := text[i:i + k]) in names})
    return found


def xlsx_parts(path: Path) -> tuple[list[str], str]:
    """(every cell value of a workbook, its zip members' raw XML): what a privacy audit
    searches (a value may hide in shared strings or in the sheet XML)."""
    import pytest

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path)
    values = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row
              if c.value is not None]
    with zipfile.ZipFile(path) as z:
        raw = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return values, raw


def xlsx_text(path: Path) -> str:
    values, raw = xlsx_parts(path)
    return "\n".join(values) + raw

