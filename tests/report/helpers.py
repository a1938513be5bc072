"""A small births register over two statistical years (2022, 2023) with a village built
to lie outside the 99.8% funnel limits, and the HTML report read back."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from jisheng_cli.pipeline import Outcome
from tests.clirun import Run, run_cli
from tests.helpers import HEADER, mother

AS_OF = ("--as-of", "2026-11-22")

# (code, township, village): two villages of 鸣凤镇 and one of 花林寺镇.
EAST = ("420525100201", "鸣凤镇", "东村")
WEST = ("420525100202", "鸣凤镇", "西村")
SOUTH = ("420525101201", "花林寺镇", "南村")
VILLAGES = (EAST, WEST, SOUTH)
# Births per village: 40 each in statistical year 2023, 30 each in 2022. In 2023 南村 has
# 20 births out of policy: 20/40 = 50% against a target of at least 90%.
BIRTHS = {2023: 40, 2022: 30}
OUT_OF_POLICY_SOUTH = 20
MOTHER_NAME = "张丽"
TARGET_SOURCE = "test target"
CONFIG = ('[targets]\npolicy_conformance_rate = { min = 90, source = "test target" }\n')


def births_lines() -> tuple[list[str], list[str]]:
    """(data lines, the mothers' ID numbers). Dates fall in January–September of the
    calendar year, so in the statistical year of the same number. Every other birth is
    a girl; all are first births."""
    lines, ids = [], []
    n = 0
    for year, count in BIRTHS.items():
        for code, town, village in VILLAGES:
            for i in range(count):
                out = year == 2023 and village == SOUTH[2] and i < OUT_OF_POLICY_SOUTH
                id_ = mother(n)
                ids.append(id_)
                lines.append(",".join([
                    code, town, village, MOTHER_NAME, id_,
                    f"{year}-{1 + n % 9:02d}-{1 + n % 28:02d}", "女" if n % 2 else "男", "1",
                    "政策外" if out else "政策内"]))
                n += 1
    return lines, ids


def run_report(directory: Path, *args: str) -> Run:
    """`jisheng report births.csv --config jisheng.toml --as-of … <args>` in `directory`."""
    return run_cli(("report", "births.csv", "--config", "jisheng.toml", *AS_OF, *args),
                   directory)


def write_register(directory: Path) -> Path:
    lines, _ = births_lines()
    (directory / "births.csv").write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    (directory / "jisheng.toml").write_text(CONFIG, encoding="utf-8")
    return directory


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)

    def find(self, tag: str, **attrs: str) -> list[Node]:
        """Every descendant `tag` whose attributes have these values (class_ for class:
        one of its classes)."""
        out = []
        for c in self.children:
            if c.tag == tag and all(_matches(c, k, v) for k, v in attrs.items()):
                out.append(c)
            out += c.find(tag, **attrs)
        return out


def _matches(node: Node, key: str, value: str) -> bool:
    if key == "class_":
        return value in node.attrs.get("class", "").split()
    return node.attrs.get(key.replace("_", "-")) == value


_VOID = {"meta", "br", "link", "img", "input", "hr"}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.at = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in _VOID:
            self.at = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.at.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.at))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"unbalanced </{tag}>"
        self.at = node.parent

    def handle_data(self, data: str) -> None:
        self.at.text += data


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.at is tree.root, "an element was left open"
    return tree.root


@dataclass(frozen=True)
class Mapping:
    """The linear mapping an <svg> declares in its data-* attributes, inverted."""

    x_min: float
    x_max: float
    y_min: float
    y_max: float
    left: float
    right: float
    top: float
    bottom: float

    @classmethod
    def of(cls, svg: Node) -> Mapping:
        a = svg.attrs
        return cls(*(float(a[f"data-{k}"]) for k in (
            "x-min", "x-max", "y-min", "y-max", "plot-left", "plot-right", "plot-top",
            "plot-bottom")))

    def x(self, px: float) -> float:
        return self.x_min + (px - self.left) / (self.right - self.left) * (self.x_max - self.x_min)

    def y(self, py: float) -> float:
        span = self.y_max - self.y_min
        return self.y_min + (self.bottom - py) / (self.bottom - self.top) * span

    @property
    def x_unit(self) -> float:
        """Data units per 0.01 px (the coordinates' rounding): the tolerance of a reading."""
        return 0.01 * (self.x_max - self.x_min) / (self.right - self.left)

    @property
    def y_unit(self) -> float:
        return 0.01 * (self.y_max - self.y_min) / (self.bottom - self.top)


def vertices(d: str) -> list[tuple[float, float]]:
    parts = d.split()
    assert parts[0] == "M" and len(parts) % 3 == 0, d
    return [(float(parts[i + 1]), float(parts[i + 2])) for i in range(0, len(parts), 3)]


def report_outcome(directory: Path, by: list[str], year: str | None = None) -> Outcome:
    """The run `jisheng report` makes of the register written in `directory` (its Settings
    from cli.run_settings, comparing each year with the one before)."""
    from jisheng_cli.cli.run_settings import run_settings
    from jisheng_cli.pipeline import run
    from jisheng_cli.readers.sources import parse_sources
    from jisheng_cli.report.document import report_levels

    settings = run_settings(
        by=report_levels(by), year=year, date_from=None, date_to=None, as_of=AS_OF[1],
        config=directory / "jisheng.toml", targets=None, only=None, show_personal_data=False,
        encoding=None, delimiter=None, header_row=None, skip_rows=0, engine="pandas",
        scheduler=None, keep_findings=True, compare_previous=True)
    return run(parse_sources([str(directory / "births.csv")]), settings)
