"""The tests are laid out like the code, and share builders through helpers modules."""

from __future__ import annotations

import ast

from tests.helpers import ROOT

TESTS = ROOT / "tests"
PACKAGE = ROOT / "src" / "jisheng_cli"


def test_every_subpackage_has_a_test_folder() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    folders = {p.name for p in TESTS.iterdir() if (p / "__init__.py").is_file()}
    assert packages <= folders, f"no tests/ folder for: {sorted(packages - folders)}"


def _imported_modules(path: object) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(("." * node.level) + node.module)
        elif isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
    return names


def test_no_test_module_imports_another() -> None:
    offenders = []
    for path in TESTS.rglob("*.py"):
        for name in _imported_modules(path):
            last = name.split(".")[-1]
            if (last.startswith("test_") or last == "conftest") and (
                name.startswith(("tests.", "."))
            ):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == [], "; ".join(offenders) + " (shared builders belong in a helpers module)"
