"""`--help` of the app and of every command, `--version`, and the lazy imports."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest

from .conftest import Run

COMMANDS = ["indicators", "validate", "schema", "list"]


def _example_lines(text: str, command: str) -> list[int]:
    return [
        i for i, line in enumerate(text.splitlines())
        if line.strip().startswith(f"jisheng {command}")
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_shows_an_example(sample: Callable[..., Run], command: str) -> None:
    run = sample(command, "--help")
    assert run.code == 0, str(run)
    assert "Example" in run.text
    assert _example_lines(run.text, command), run.text
    assert "Traceback" not in run.stderr


def test_app_help_shows_an_example(sample: Callable[..., Run]) -> None:
    run = sample("--help")
    assert run.code == 0, str(run)
    assert "Example" in run.text
    assert _example_lines(run.text, "indicators"), run.text
    for command in COMMANDS:
        assert command in run.text


@pytest.mark.parametrize("command", COMMANDS)
def test_help_example_is_one_line(sample: Callable[..., Run], command: str) -> None:
    """docs/cli.md: every --help shows one copy-paste example, so the command is one line."""
    lines = sample(command, "--help").text.splitlines()
    (i,) = _example_lines("\n".join(lines), command)
    assert i + 1 == len(lines) or not lines[i + 1].strip(), "\n".join(lines[i : i + 2])


def test_version(sample: Callable[..., Run]) -> None:
    run = sample("--version")
    assert run.code == 0, str(run)
    assert run.text == "jisheng 0.1.0\n"


def test_cli_import_does_not_load_pandas_or_pyarrow() -> None:
    code = "import jisheng_cli.cli, sys; print('pandas' in sys.modules, 'pyarrow' in sys.modules)"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "False False\n"
