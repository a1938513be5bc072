"""The README is generated from the same registry and commands it documents."""

from __future__ import annotations

import subprocess
import sys

from jisheng_cli.indicators.registry import REGISTRY
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_indicator_as_jisheng_list_prints_it() -> None:
    table = subprocess.run(
        [sys.executable, "-m", "jisheng_cli", "list", "--format", "markdown"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert table in README
    for ind in REGISTRY:
        assert f"| {ind} |" in README


def test_readme_gives_the_two_commands_and_the_exit_codes() -> None:
    assert "make demo" in README and "make test" in README
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |", "| 130 |"):
        assert code in README


def test_readme_demo_output_is_what_the_demo_prints() -> None:
    import os

    env = dict(os.environ, COLUMNS="100")
    demo = subprocess.run(
        [sys.executable, "-m", "jisheng_cli", "indicators", "sample_data/births.csv",
         "--config", "sample_data/jisheng.toml", "--year", "2012", "--by", "township",
         "--format", "table", "--as-of", "2026-11-22"],
        capture_output=True, text=True, check=True, cwd=ROOT, env=env,
    )
    for line in demo.stdout.splitlines():
        assert line.rstrip() in README
    assert "99.17" in demo.stdout
