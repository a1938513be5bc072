"""The package's module graph, read with `ast` (nothing is imported): no cycle, the engines
below the pipeline and the CLI, and no module over 400 lines.

An edge is any `import` or `from … import` of a module of the package, wherever it stands:
at module level, under `if TYPE_CHECKING:`, or inside a function. `from pkg import name`
is an edge to the submodule `pkg.name` when there is one, else to `pkg`. The package
`__init__` a dotted import runs on the way is not counted as an edge.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "jisheng_cli"
MAX_LINES = 400

# Imports inside a function that may close a cycle, because they run only after both
# modules are loaded: each with why it stays.
LATE_EDGES = {
    # Config validation checks [targets] ids against the registry, whose families name
    # config.Definitions in their formulas' signatures.
    ("jisheng_cli.config", "jisheng_cli.indicators.registry"),
    # check_births hands text batches to the compiled kernel, which returns its CheckedBirths.
    ("jisheng_cli.checks.births", "jisheng_cli.kernel.births"),
}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    where: str  # "module", "type_checking" or "function"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _known(name: str) -> str | None:
    """The package module an imported dotted name lives in, or None (outside the package)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _targets(node: ast.Import | ast.ImportFrom, source: str) -> list[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = source.split(".")
            if not MODULES[source].name == "__init__.py":
                package.pop()
            package = package[: len(package) - node.level + 1]
            base = ".".join([*package, base] if base else package)
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                 for a in node.names]
    found = (_known(n) for n in names)
    return [t for t in found if t is not None and t != source]


def edges_of(source: str) -> set[Edge]:
    out: set[Edge] = set()

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = where
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                inner = "function"
            elif (isinstance(child, ast.If) and _is_type_checking(child.test)
                  and where == "module"):
                inner = "type_checking"
            if isinstance(child, ast.Import | ast.ImportFrom):
                out.update(Edge(source, t, inner) for t in _targets(child, source))
            visit(child, inner)

    visit(ast.parse(MODULES[source].read_text(encoding="utf-8")), "module")
    return out


EDGES = {e for m in MODULES for e in edges_of(m)}


def find_cycle(edges: set[tuple[str, str]]) -> list[str] | None:
    """One cycle of the graph as [a, b, …, a], or None (depth-first, three colours)."""
    graph: dict[str, list[str]] = {m: [] for m in MODULES}
    for a, b in sorted(edges):
        graph[a].append(b)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state:
                found = walk(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in graph:
        if start not in state:
            found = walk(start)
            if found:
                return found
    return None


def test_the_reader_sees_each_kind_of_import() -> None:
    """The graph is only as good as the parser: one known edge of each kind."""
    kinds = {(e.source, e.target): e.where for e in EDGES}
    assert kinds[("jisheng_cli.pipeline", "jisheng_cli.settings")] == "module"
    assert kinds[("jisheng_cli.engine.state", "jisheng_cli.settings")] == "type_checking"
    assert kinds[("jisheng_cli.pipeline", "jisheng_cli.engine.dask_engine")] == "function"
    # `from jisheng_cli.indicators import births, cube` names two submodules.
    assert ("jisheng_cli.engine.births", "jisheng_cli.indicators.cube") in kinds
    assert ("jisheng_cli.engine.births", "jisheng_cli.indicators.births") in kinds


def test_the_finder_finds_a_cycle() -> None:
    a, b, c = "jisheng_cli.errors", "jisheng_cli.levels", "jisheng_cli.periods"
    assert find_cycle({(a, b), (b, c)}) is None
    assert find_cycle({(a, b), (b, c), (c, a)}) == [a, b, c, a]


def test_no_cycle_at_import_or_type_checking_time() -> None:
    cycle = find_cycle({(e.source, e.target) for e in EDGES if e.where != "function"})
    assert cycle is None, " → ".join(cycle or [])


def test_no_cycle_counting_imports_inside_functions() -> None:
    late = {(e.source, e.target) for e in EDGES if e.where == "function"}
    assert LATE_EDGES <= late, f"stale LATE_EDGES: {sorted(LATE_EDGES - late)}"
    cycle = find_cycle({(e.source, e.target) for e in EDGES} - LATE_EDGES)
    assert cycle is None, " → ".join(cycle or [])


def test_engines_never_import_the_pipeline_or_the_cli() -> None:
    wrong = sorted(
        f"{e.source} → {e.target} ({e.where})" for e in EDGES
        if e.source.startswith("jisheng_cli.engine")
        and (e.target == "jisheng_cli.pipeline" or e.target.startswith("jisheng_cli.cli"))
    )
    assert wrong == []


def _long_modules() -> dict[str, int]:
    lines = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    return {m: n for m, n in sorted(lines.items()) if n > MAX_LINES}


def test_no_module_over_400_lines() -> None:
    long = [f"{m} ({n} lines)" for m, n in _long_modules().items()]
    assert long == [], f"modules over {MAX_LINES} lines: {', '.join(long)}"
