"""Running the real command in a subprocess, shared by the CLI and hardening suites."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# docs/cli.md "Exit codes": an error line starts with this in the run's --lang (zh by
# default; id has no words of its own, so English).
ERROR_PREFIX = {"zh": "jisheng: 错误: ", "en": "jisheng: error: ", "id": "jisheng: error: "}
EN = ("--lang", "en")  # for a test whose point is the English words of a message


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

    @property
    def lang(self) -> str:
        """The last `--lang` this run gave (`--lang en` or `--lang=en`), else zh."""
        lang = "zh"
        for i, arg in enumerate(self.args):
            if arg == "--lang" and i + 1 < len(self.args):
                lang = self.args[i + 1]
            elif arg.startswith("--lang="):
                lang = arg.split("=", 1)[1]
        return lang

    @property
    def error_prefix(self) -> str:
        """How this run's error line starts (a language the command refuses: zh)."""
        return ERROR_PREFIX.get(self.lang, ERROR_PREFIX["zh"])

    def __str__(self) -> str:  # shown by pytest when an assert fails
        return (
            f"jisheng {' '.join(self.args)} -> exit {self.code}\n"
            f"stderr: {self.stderr[-2000:]}\nstdout: {self.stdout[:500]!r}"
        )


def summary_counts(line: str, path: str) -> list[int]:
    """The numbers of an input's summary line after its path, in the same order in every
    language: read, used, rejected, duplicate, out of period, blank/totals, warnings."""
    assert line.startswith(path), line
    return [int(n) for n in re.findall(r"\d+", line[len(path):])]


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
