"""Fixtures of the hardening suite (its builders and constants are in helpers.py).

Every command-line test runs the real command in a subprocess
(`python -m jisheng_cli`, COLUMNS=100, `--as-of 2026-11-22`) in its own temporary
directory, so the suite runs under `pytest -n 2` with no shared fixed paths. Large
inputs come from `make_corpus.py`, written once per session (per xdist worker) into
pytest's temporary directories; small ones are committed in `corpus/`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from . import make_corpus


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A per-session (per-worker) directory for large generated inputs."""
    return tmp_path_factory.mktemp("generated")


@pytest.fixture(scope="session")
def big_line(generated: Path) -> Iterator[Path]:
    """100 MB: removed at the end of the session (pytest keeps old temp directories)."""
    path = make_corpus.big_single_line(generated / "big_line.csv")
    yield path
    path.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def large_register(generated: Path) -> Iterator[Path]:
    """300,000 rows (27 MB)."""
    path = make_corpus.large_register(generated / "large_register.csv")
    yield path
    path.unlink(missing_ok=True)
