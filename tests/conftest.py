"""Fixtures shared by every test; the builders they use are in tests/helpers.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers import HEADER

# No per-example deadline: on a shared two-core machine under xdist an example's time
# says nothing about the code (speed is measured by `make bench`, never by tests).
settings.register_profile("jisheng", deadline=None)
settings.load_profile("jisheng")


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write lines (header added unless given) as a UTF-8 file and return its path."""
    counter = iter(range(1000))

    def write(lines: list[str], header: str | None = HEADER, encoding: str = "utf-8",
              name: str | None = None) -> Path:
        path = tmp_path / (name or f"f{next(counter)}.csv")
        body = ([header] if header is not None else []) + lines
        path.write_bytes(("\n".join(body) + "\n").encode(encoding))
        return path

    return write
