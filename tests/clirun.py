"""Running the real command in a subprocess, shared by the CLI and hardening suites."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Run:
    """One finished run of the command."""

    args: tuple[str, ...]
    code: int
    stdout: bytes
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.stdout)

    @property
    def err_lines(self) -> list[str]:
        return self.stderr.splitlines()

    def __str__(self) -> str:  # shown by pytest when an assert fails
        return (
            f"jisheng {' '.join(self.args)} -> exit {self.code}\n"
            f"stderr: {self.stderr[-2000:]}\nstdout: {self.stdout[:500]!r}"
        )


def cli_env() -> dict[str, str]:
    """A fixed terminal width and no colour settings from the caller's environment."""
    env = {**os.environ, "COLUMNS": "100"}
    for name in ("FORCE_COLOR", "NO_COLOR", "PYTHONWARNINGS"):
        env.pop(name, None)
    return env


def cli_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "jisheng_cli", *args]


def run_cli(args: tuple[str, ...] | list[str], cwd: Path, stdin: bytes | None = None,
            timeout: float = 120) -> Run:
    proc = subprocess.run(
        cli_argv(*args),
        cwd=cwd,
        env=cli_env(),
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    return Run(tuple(args), proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace"))
