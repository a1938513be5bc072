"""Fixtures of the command-line tests (their builders and constants are in helpers.py).

Every test runs the real command in a subprocess (`python -m jisheng_cli`), with
COLUMNS=100 and a temporary working directory that holds a copy of `sample_data/`
(and no `jisheng.toml`, so no config is picked up unless a test passes `--config`).
Runs whose output several tests read are made once per session and shared."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .helpers import (
    CONTRACT,
    CSV_RUN,
    Run,
    prepare,
    run_cli,
)


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepare(tmp_path_factory.mktemp("cli"))


@pytest.fixture(scope="session")
def sample(session_dir: Path) -> Callable[..., Run]:
    """Run the command in the shared directory; a run with the same arguments is made once.

    Only for runs that write nothing but stdout/stderr or files with names of their own.
    """
    cache: dict[tuple[str, ...], Run] = {}

    def runner(*args: str) -> Run:
        if args not in cache:
            cache[args] = run_cli(args, session_dir)
        return cache[args]

    return runner


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A private working directory with its own copy of sample_data/."""
    return prepare(tmp_path)


@pytest.fixture(scope="session")
def contract(sample: Callable[..., Run]) -> dict[str, Any]:
    run = sample(*CONTRACT)
    assert run.code == 0, str(run)
    return run.json()  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def xlsx_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same xlsx run twice (`-o a.xlsx`, then `-o b.xlsx` a second later)."""
    work = prepare(tmp_path_factory.mktemp("xlsx"))
    paths = []
    for name in ("a.xlsx", "b.xlsx"):
        if paths:
            time.sleep(1.1)  # a creation time written into the workbook would now differ
        run = run_cli((*CSV_RUN, "--format", "xlsx", "-o", name), work)
        assert run.code == 0, str(run)
        assert run.stdout == b""
        paths.append(work / name)
    return paths[0], paths[1]
