"""`[reading] date_order` in a real jisheng.toml, through the real command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import HEADER, birth, mid

from .helpers import EN, Run, run_cli

V = "420525100201"
AS_OF = ("--as-of", "2026-11-22")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    # 10/1/2012: 10 January (statistical year 2012) day-first, 1 October (2013) month-first;
    # 5 May 2012 is in 2012 and 1 December 2012 in 2013 either way.
    lines = [HEADER, birth(V, mid(1), "10/1/2012"), birth(V, mid(2), "二〇一二年五月五日"),
             birth(V, mid(3), "2012-12-01")]
    (tmp_path / "births.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def births_total(run: Run) -> Any:
    assert run.code == 0, run
    rows = [r for r in run.json()["rows"] if r["indicator"] == "births_total"]
    assert len(rows) == 1, run
    return rows[0]["value"]


def indicators(folder: Path, year: str, *extra: str) -> Run:
    return run_cli(["indicators", "births.csv", "--year", year, "--format", "json", *AS_OF,
                    *extra], folder)


@pytest.mark.parametrize(("order", "in_2012", "in_2013"), [("dmy", 2, 1), ("mdy", 1, 2)])
def test_jisheng_toml_sets_the_order(folder: Path, order: str, in_2012: int,
                                     in_2013: int) -> None:
    (folder / "jisheng.toml").write_text(f'[reading]\ndate_order = "{order}"\n',
                                         encoding="utf-8")
    assert births_total(indicators(folder, "2012")) == in_2012
    assert births_total(indicators(folder, "2013")) == in_2013


def test_config_option_sets_the_order(folder: Path) -> None:
    (folder / "day_first.toml").write_text("[reading]\ndate_order = 'dmy'\n", encoding="utf-8")
    assert births_total(indicators(folder, "2012", "--config", "day_first.toml")) == 2


def test_without_the_order_the_message_says_how_to_set_it(folder: Path) -> None:
    run = run_cli(["validate", "births.csv", "--format", "json", *EN], folder)
    assert run.code == 1, run
    [found] = run.json()
    assert (found["row"], found["column"], found["code"]) == (2, "child_birth_date",
                                                              "ambiguous_date")
    assert "date_order = 'dmy'" in found["message"] and "[reading]" in found["message"]
    zh = run_cli(["validate", "births.csv", "--format", "json"], folder)
    assert "请在配置文件 'jisheng.toml' 的 [reading] 中设 date_order = 'dmy'" in (
        zh.json()[0]["message"])
    # the message is a remedy that works: the setting it names makes the row valid
    (folder / "jisheng.toml").write_text("[reading]\ndate_order = 'dmy'\n", encoding="utf-8")
    fixed = run_cli(["validate", "births.csv", "--format", "json"], folder)
    assert (fixed.code, fixed.json()) == (0, [])


def test_an_unknown_order_is_a_config_error(folder: Path) -> None:
    (folder / "jisheng.toml").write_text('[reading]\ndate_order = "ymd"\n', encoding="utf-8")
    run = indicators(folder, "2012", *EN)
    assert run.code == 3, run
    assert run.stdout == b""
    assert run.err_lines[-1].startswith(run.error_prefix + "jisheng.toml: reading.date_order")
