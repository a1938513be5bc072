"""Builders and constants shared by the tests of this folder (fixtures are in conftest.py)."""

from __future__ import annotations

import csv
import functools
import io
import shutil
from pathlib import Path

from tests.clirun import EN as EN
from tests.clirun import Run as Run
from tests.clirun import cli_argv as cli_argv
from tests.clirun import cli_env as cli_env
from tests.clirun import run_cli as run_cli
from tests.clirun import summary_counts as summary_counts

ROOT = Path(__file__).resolve().parents[2]


SAMPLE_DIR = ROOT / "sample_data"


SAMPLE = "sample_data/births.csv"


CONFIG = "sample_data/jisheng.toml"


AS_OF = ("--as-of", "2026-11-22")


# The run of the JSON contract (docs/cli.md "The JSON document"), statistical year 2012 by township.
CONTRACT = (
    "indicators", SAMPLE, "--year", "2012", "--by", "township",
    "--format", "json", "--config", CONFIG, *AS_OF,
)


# The same run with the default output format (csv, because stdout is a pipe).
CSV_RUN = ("indicators", SAMPLE, "--year", "2012", "--by", "township", "--config", CONFIG, *AS_OF)


# sample_data/README.md: the four defective rows (spreadsheet row -> finding code).
DEFECTS = {
    558: "id_check_digit",
    578: "id_scientific_notation",
    1123: "unparseable_date",
    1719: "duplicate",
}


WRONG_CHECK_DIGIT_ID = "42052519771126238X"  # row 558


TOWNSHIPS = {
    "420525100": "鸣凤镇",
    "420525101": "花林寺镇",
    "420525102": "旧县镇",
    "420525103": "洋坪镇",
    "420525104": "茅坪场镇",
    "420525105": "嫘祖镇",
    "420525200": "河口乡",
}


ROW_FIELDS = [
    "group_level", "group_code", "group_name", "year", "indicator", "numerator",
    "denominator", "value", "unit", "ci_low", "ci_high", "target_min", "target_max",
    "target_source", "gap", "status", "note",
]


REJECT_FIELDS = ["file", "row", "column", "code", "severity", "value", "message"]


def prepare(directory: Path) -> Path:
    """Copy the sample register, its config and the sample report's claims (docs/audit.md)
    into `directory/sample_data/`."""
    (directory / "sample_data").mkdir(parents=True, exist_ok=True)
    for name in ("births.csv", "jisheng.toml", "claims.csv"):
        shutil.copyfile(SAMPLE_DIR / name, directory / "sample_data" / name)
    return directory


@functools.cache
def sample_text() -> str:
    return (SAMPLE_DIR / "births.csv").read_bytes().decode("gb18030")


@functools.cache
def sample_records() -> list[dict[str, str]]:
    """The records of the sample (the title line dropped; blank and 合计 rows kept)."""
    lines = io.StringIO(sample_text())
    next(lines)  # 远安县…出生登记表 title, above the header
    return list(csv.DictReader(lines))


def assert_one_error_line(run: Run, exit_code: int, *needles: str) -> str:
    """The documented form of an error: the exit code, one line on stderr in the run's
    language (`jisheng: 错误: …`, `jisheng: error: …` with --lang en), no traceback."""
    assert run.code == exit_code, str(run)
    assert "Traceback" not in run.stderr, str(run)
    assert len(run.err_lines) == 1, str(run)
    line = run.err_lines[0]
    assert line.startswith(run.error_prefix), str(run)
    for needle in needles:
        assert needle in line, f"{needle!r} not in {line!r}"
    return line
