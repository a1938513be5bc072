"""`--help` of the app and of every command, `--version`, and the lazy imports."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable

import pytest

from .helpers import SAMPLE, Run, assert_one_error_line

COMMANDS = ["indicators", "report", "validate", "audit", "schema", "list"]


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
    """docs/cli.md: every --help shows copy-paste examples, each command on one line."""
    lines = sample(command, "--help").text.splitlines()
    examples = _example_lines("\n".join(lines), command)
    assert examples
    for i in examples:
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        assert not after or i + 1 in examples, "\n".join(lines[i : i + 2])


def test_version(sample: Callable[..., Run]) -> None:
    run = sample("--version")
    assert run.code == 0, str(run)
    assert run.text == "jisheng 0.1.0\n"


def test_cli_import_does_not_load_pandas_pyarrow_or_numba() -> None:
    code = ("import jisheng_cli.cli, sys; "
            "print(*(m in sys.modules for m in ('pandas', 'pyarrow', 'numba')))")
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "False False False\n"


# cli.md: the values each enumerated option accepts, in the order --help lists them.
CHOICES = [
    ("indicators", "--format", "table|csv|tsv|json|ndjson|parquet|xlsx"),
    ("indicators", "--layout", "wide|long"),
    ("indicators", "--lang", "zh|en|id"),
    ("indicators", "--engine", "pandas|dask"),
    ("report", "--lang", "zh|en|id"),
    ("report", "--funnel-centre", "target|overall"),
    ("report", "--funnel-limits", "exact|wilson"),
    ("report", "--engine", "pandas|dask"),
    ("validate", "--format", "table|csv|json"),
    ("validate", "--lang", "zh|en|id"),
    ("list", "--format", "table|csv|json|markdown"),
    ("list", "--lang", "zh|en"),
    ("schema", "--format", "json|markdown"),
    ("audit", "--format", "table|csv|json|xlsx|toml"),
    ("audit", "--lang", "zh|en|id"),
    ("schema", "KIND",
     "births|fees|survey|population|checked|women|procedures|women_survey|claims|audit"),
]
# Anything that still needs a FILE gets the sample; the bad value must fail first.
NEEDS_FILE = {"indicators", "report", "validate"}


@pytest.mark.parametrize(("command", "name", "values"), CHOICES)
def test_help_lists_the_choices(sample: Callable[..., Run], command: str, name: str,
                                values: str) -> None:
    text = sample(command, "--help").text
    assert f"  {name} <{values}>" in text, text


@pytest.mark.parametrize(("command", "name", "values"), CHOICES)
def test_a_value_not_listed_is_a_usage_error(sample: Callable[..., Run], command: str,
                                             name: str, values: str) -> None:
    files = [SAMPLE] if command in NEEDS_FILE else []
    args = [command, *files, "nonesuch"] if name == "KIND" else [command, *files, name, "nonesuch"]
    run = sample(*args)
    line = assert_one_error_line(run, 2, "'nonesuch'", name)
    for value in values.split("|"):
        assert f"'{value}'" in line  # the message names every value accepted
    assert run.stdout == b""


def test_list_refuses_the_id_language(sample: Callable[..., Run]) -> None:
    """`id` (stable ids) is a language of reports only: an indicator has no formula in it."""
    assert_one_error_line(sample("list", "--lang", "id"), 2, "'id'", "--lang")
    assert sample("list", "--lang", "en", "--format", "csv").code == 0


TYPE_REPR = re.compile(r"<(str|int|float|path|bool|int range|list\[.*?\])>")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_values_never_python_types(sample: Callable[..., Run],
                                              command: str) -> None:
    text = sample(command, "--help").text
    assert not TYPE_REPR.findall(text), text
    arguments = {"indicators": "  FILE...  ", "report": "  FILE...  ", "validate": "  FILE...  ",
                 "schema": "  KIND <", "audit": "  CLAIMS  "}
    if command in arguments:
        assert arguments[command] in text.split("Arguments:")[1], text


def test_every_kind_listed_has_a_schema() -> None:
    from jisheng_cli.kinds import KINDS
    from jisheng_cli.records.schema import MODELS

    assert sorted(KINDS) == sorted(MODELS)
