"""Every error the library raises names a code of the one place of error messages.

An `ast` walk over src/jisheng_cli finds each call of the error classes: its first
argument is a literal code of `messages.errors.ERRORS` given exactly the parameters its
message uses, or a code forwarded whole from a caught error (`e.code, …, **e.params`).
Every code of the catalogue is raised somewhere: no dead entries.
"""

from __future__ import annotations

import ast
import pickle
import string
from dataclasses import dataclass
from pathlib import Path

import pytest

from jisheng_cli.errors import ConfigError, InputError, JishengError, OutputError, UsageError
from jisheng_cli.messages.errors import ERRORS
from tests.helpers import ROOT

ERROR_CLASSES = {"UsageError", "InputError", "ConfigError", "OutputError", "JishengError"}
# Printed by cli/__init__.py itself, not raised.
CLI_LINES = {"internal", "interrupted", "see_help"}  # printed by cli/__init__.py


@dataclass(frozen=True)
class Site:
    where: str  # file:line
    code: str | None  # the literal code; None when forwarded
    problem: str  # "" when the call is well-formed


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _check(call: ast.Call) -> tuple[str | None, str]:
    if not call.args:
        return None, "no code"
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        code = first.value
        if code not in ERRORS:
            return code, f"{code!r} is not a key of ERRORS"
        if any(k.arg is None for k in call.keywords):
            return code, "a literal code takes named parameters, not **kwargs"
        given = {k.arg for k in call.keywords} - {"path"}
        needed = fields(ERRORS[code][1])
        if given != needed:
            return code, f"{code!r} needs {sorted(needed)}, given {sorted(given)}"
        return code, ""
    if isinstance(first, ast.Attribute) and first.attr == "code" and isinstance(
            first.value, ast.Name):
        caught = first.value.id
        forwarded = any(
            k.arg is None and isinstance(k.value, ast.Attribute) and k.value.attr == "params"
            and isinstance(k.value.value, ast.Name) and k.value.value.id == caught
            for k in call.keywords)
        return None, "" if forwarded else f"{caught}.code forwarded without **{caught}.params"
    return None, f"not a code: {ast.unparse(first)}"


def sites_in(source: str, filename: str) -> list[Site]:
    out = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Call) and _name(node.func) in ERROR_CLASSES:
            code, problem = _check(node)
            out.append(Site(f"{filename}:{node.lineno}", code, problem))
    return out


def all_sites() -> list[Site]:
    package = ROOT / "src" / "jisheng_cli"
    out = []
    for path in sorted(package.rglob("*.py")):
        out += sites_in(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    return out


def test_every_raise_names_a_code_with_its_parameters() -> None:
    sites = all_sites()
    # About 75 sites when this test was written; far fewer means the walk went wrong.
    assert len(sites) > 60
    bad = [f"{s.where}: {s.problem}" for s in sites if s.problem]
    assert not bad, "\n".join(bad)


def test_every_code_is_raised_somewhere() -> None:
    used = {s.code for s in all_sites() if s.code}
    dead = set(ERRORS) - used - CLI_LINES
    assert not dead, f"codes of ERRORS no raise uses: {sorted(dead)}"


@pytest.mark.parametrize(("source", "problem"), [
    ('raise InputError(f"cannot read: {e}", path=p)', "not a code"),
    ("raise InputError(e.message, path=p)", "not a code"),
    ('raise UsageError("no_such_code")', "not a key of ERRORS"),
    ('raise InputError("file_empty", path=p, row=3)', "needs []"),
    ('raise InputError("nul_bytes_row", path=p)', "needs ['row']"),
    ('raise InputError("nul_bytes_row", **kw)', "named parameters"),
    ("raise InputError(e.code, path=p)", "without **e.params"),
    ("raise InputError(e.code, path=p, **other.params)", "without **e.params"),
    ("raise errors.ConfigError()", "no code"),
])
def test_the_walk_finds_each_kind_of_bad_site(source: str, problem: str) -> None:
    # The checker itself must fail on what it is there to catch.
    (site,) = sites_in(source, "x.py")
    assert problem in site.problem


def test_the_walk_accepts_the_two_good_forms() -> None:
    source = ('raise InputError("nul_bytes_row", path=p, row=3)\n'
              "raise ConfigError(e.code, path=p, **e.params)\n")
    assert [(s.code, s.problem) for s in sites_in(source, "x.py")] == [
        ("nul_bytes_row", ""), (None, "")]


def test_an_unknown_code_fails_loudly() -> None:
    # An English sentence is no longer taken as the message.
    with pytest.raises(LookupError, match="no such file"):
        InputError("no such file", path="a.csv")
    # A parameter the message needs and did not get.
    with pytest.raises(KeyError, match="row"):
        InputError("nul_bytes_row", path="a.csv")


def test_an_error_in_each_language() -> None:
    e = InputError("nul_bytes_row", path="a.csv", row=12)
    assert (e.code, e.params, e.exit_code) == ("nul_bytes_row", {"row": 12}, 3)
    assert e.message == ("NUL bytes in more than 10 rows (the first: row 12): a damaged copy; "
                         "export it again, or delete the NUL bytes: "
                         "`tr -d '\\000' < FILE > NEW.csv`")
    assert str(e) == f"a.csv: {e.message}"
    assert e.text("zh") == (
        "a.csv: 超过 10 行含有 NUL 字节(第一处在第 12 行):是损坏的副本;请重新导出,"
        "或删去 NUL 字节:`tr -d '\\000' < 文件 > 新文件.csv`")
    assert e.text("id") == str(e)  # no id form of a message: English
    assert UsageError("to_before_from").text("zh") == "--to 早于 --from"


@pytest.mark.parametrize("cls", [UsageError, InputError, ConfigError, OutputError, JishengError])
def test_errors_pickle_with_their_code(cls: type[JishengError]) -> None:
    # A Dask worker's error reaches the client with its code, parameters and path.
    e = pickle.loads(pickle.dumps(cls("cannot_write", path="out.csv", detail="disk full")))
    assert (type(e), e.code, e.params, e.path) == (cls, "cannot_write", {"detail": "disk full"},
                                                   "out.csv")
    assert str(e) == "out.csv: cannot write: disk full"


@pytest.mark.parametrize("code", sorted(ERRORS))
def test_each_error_code_formats_in_both_languages(code: str) -> None:
    params: dict[str, object] = {f: 7 for f in fields(ERRORS[code][1])}
    e = JishengError(code, **params)
    for lang in ("zh", "en"):
        text = e.text(lang)
        assert text and "{" not in text and "\n" not in text, (code, lang, text)


def test_the_test_reads_the_package_it_tests() -> None:
    # PYTHONPATH must point at this worktree's src: the walk reads ROOT's sources.
    import jisheng_cli

    assert Path(jisheng_cli.__file__).resolve().parent == (ROOT / "src" / "jisheng_cli").resolve()
