"""A small births register over two statistical years (2022, 2023) with a village built
to lie outside the 99.8% funnel limits, and the HTML report read back."""

from __future__ import annotations

from pathlib import Path

from jisheng_cli.pipeline import Outcome
from tests.clirun import Run, run_cli
from tests.helpers import HEADER, mother

AS_OF = ("--as-of", "2026-11-22")

# (code, township, village): two villages of 鸣凤镇 and one of 花林寺镇.
EAST = ("420525100201", "鸣凤镇", "东村")
WEST = ("420525100202", "鸣凤镇", "西村")
SOUTH = ("420525101201", "花林寺镇", "南村")
VILLAGES = (EAST, WEST, SOUTH)
# Births per village: 40 each in statistical year 2023, 30 each in 2022. In 2023 南村 has
# 20 births out of policy: 20/40 = 50% against a target of at least 90%.
BIRTHS = {2023: 40, 2022: 30}
OUT_OF_POLICY_SOUTH = 20
MOTHER_NAME = "张丽"
TARGET_SOURCE = "test target"
CONFIG = ('[targets]\npolicy_conformance_rate = { min = 90, source = "test target" }\n')


def births_lines() -> tuple[list[str], list[str]]:
    """(data lines, the mothers' ID numbers). Dates fall in January–September of the
    calendar year, so in the statistical year of the same number. Every other birth is
    a girl; all are first births."""
    lines, ids = [], []
    n = 0
    for year, count in BIRTHS.items():
        for code, town, village in VILLAGES:
            for i in range(count):
                out = year == 2023 and village == SOUTH[2] and i < OUT_OF_POLICY_SOUTH
                id_ = mother(n)
                ids.append(id_)
                lines.append(",".join([
                    code, town, village, MOTHER_NAME, id_,
                    f"{year}-{1 + n % 9:02d}-{1 + n % 28:02d}", "女" if n % 2 else "男", "1",
                    "政策外" if out else "政策内"]))
                n += 1
    return lines, ids


def run_report(directory: Path, *args: str) -> Run:
    """`jisheng report births.csv --config jisheng.toml --as-of … <args>` in `directory`."""
    return run_cli(("report", "births.csv", "--config", "jisheng.toml", *AS_OF, *args),
                   directory)


def write_register(directory: Path) -> Path:
    lines, _ = births_lines()
    (directory / "births.csv").write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    (directory / "jisheng.toml").write_text(CONFIG, encoding="utf-8")
    return directory


def report_outcome(directory: Path, by: list[str], year: str | None = None) -> Outcome:
    """The run `jisheng report` makes of the register written in `directory` (its Settings
    from cli.run_settings, comparing each year with the one before)."""
    from jisheng_cli.cli.run_settings import run_settings
    from jisheng_cli.pipeline import run
    from jisheng_cli.readers.sources import parse_sources
    from jisheng_cli.report.document import report_levels

    settings = run_settings(
        by=report_levels(by), year=year, date_from=None, date_to=None, as_of=AS_OF[1],
        config=directory / "jisheng.toml", targets=None, only=None, show_personal_data=False,
        encoding=None, delimiter=None, header_row=None, skip_rows=0, engine="pandas",
        scheduler=None, keep_findings=True, compare_previous=True)
    return run(parse_sources([str(directory / "births.csv")]), settings)
