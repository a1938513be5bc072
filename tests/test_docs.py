"""The README's generated sections (demo run, indicator table) match what the tool prints."""

from __future__ import annotations

from scripts.update_readme import render

from jisheng_cli.indicators.registry import REGISTRY
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_generated_sections_are_current() -> None:
    assert render(README) == README, "the README has drifted: run `make readme`"


def test_readme_lists_every_indicator_and_gives_the_commands() -> None:
    for ind in REGISTRY:
        assert f"| {ind} |" in README
    assert "make demo" in README and "make test" in README
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |", "| 130 |"):
        assert code in README
    assert "99.17" in README
