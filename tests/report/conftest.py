"""Fixtures of the report tests: the two-year register, written once per session, and
the report's HTML of a few runs of `jisheng report` on it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import run_report, write_register


@pytest.fixture(scope="session")
def register_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_register(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="session")
def report_html(register_dir: Path) -> Callable[..., str]:
    """The HTML of `jisheng report births.csv --config jisheng.toml <args>` (made once)."""
    cache: dict[tuple[str, ...], str] = {}

    def make(*args: str) -> str:
        if args not in cache:
            name = f"r{len(cache)}.html"
            run = run_report(register_dir, *args, "-o", name)
            assert run.code == 0, str(run)
            cache[args] = (register_dir / name).read_text(encoding="utf-8")
        return cache[args]

    return make
