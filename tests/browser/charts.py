"""The report's charts read back from the rendered DOM, through the markup contract of
docs/report.md's charts: each `<figure class="chart">` with its data-* attributes, its
svg's axes (data-x/y-min/max, data-plot-*) and the marks inside, and the way back from
pixels to data units."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# HTML elements that never have an end tag; everything else (the svg's too) is closed.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element] = field(default_factory=list)
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> list[Element]:
        out = [self]
        for child in self.children:
            out += child.iter()
        return out

    def find_all(self, tag: str, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter() if e.tag == tag and (cls is None or cls in e.classes)]

    def find(self, tag: str, **attrs: str) -> list[Element]:
        """Every descendant `tag` whose attributes have these values: `class_` for one of
        its classes, `data_x` for `data-x`."""
        def matches(e: Element, key: str, value: str) -> bool:
            if key == "class_":
                return value in e.classes
            return e.attrs.get(key.replace("_", "-")) == value

        return [e for e in self.iter()[1:] if e.tag == tag
                and all(matches(e, k, v) for k, v in attrs.items())]

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        # Text after a child goes to the parent's text too: only all_text() reads it.
        self.stack[-1].text += data


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass(frozen=True)
class Axes:
    """The linear map of one svg between data units and its pixels."""

    x_min: float
    x_max: float
    y_min: float
    y_max: float
    left: float
    right: float
    top: float
    bottom: float

    @classmethod
    def of(cls, svg: Element) -> Axes:
        a = svg.attrs
        return cls(*(float(a[f"data-{name}"]) for name in (
            "x-min", "x-max", "y-min", "y-max",
            "plot-left", "plot-right", "plot-top", "plot-bottom")))

    def to_data(self, px: float, py: float) -> tuple[float, float]:
        x = self.x_min + (px - self.left) / (self.right - self.left) * (self.x_max - self.x_min)
        y = self.y_min + (self.bottom - py) / (self.bottom - self.top) * (self.y_max - self.y_min)
        return x, y

    def x(self, px: float) -> float:
        return self.to_data(px, self.bottom)[0]

    def y(self, py: float) -> float:
        return self.to_data(self.left, py)[1]

    @property
    def x_unit(self) -> float:
        """Data units per 0.01 px (the coordinates' rounding): the tolerance of a reading."""
        return 0.01 * (self.x_max - self.x_min) / (self.right - self.left)

    @property
    def y_unit(self) -> float:
        return 0.01 * (self.y_max - self.y_min) / (self.bottom - self.top)

    def to_px(self, x: float, y: float) -> tuple[float, float]:
        px = self.left + (x - self.x_min) / (self.x_max - self.x_min) * (self.right - self.left)
        py = self.bottom - (y - self.y_min) / (self.y_max - self.y_min) * (self.bottom - self.top)
        return px, py


@dataclass(frozen=True)
class Chart:
    figure: Element

    @property
    def kind(self) -> str:
        return self.figure.attrs["data-chart"]

    @property
    def indicator(self) -> str:
        return self.figure.attrs["data-indicator"]

    @property
    def level(self) -> str | None:
        return self.figure.attrs.get("data-level")

    @property
    def year(self) -> str | None:
        return self.figure.attrs.get("data-year")

    @property
    def svg(self) -> Element:
        svgs = self.figure.find_all("svg")
        assert len(svgs) == 1, f"{self}: {len(svgs)} svg elements"
        return svgs[0]

    @property
    def axes(self) -> Axes:
        return Axes.of(self.svg)

    def marks(self, tag: str, cls: str) -> list[Element]:
        return self.svg.find_all(tag, cls)

    def __str__(self) -> str:
        return f"{self.kind} of {self.indicator} ({self.level}, {self.year})"


def charts(root: Element) -> list[Chart]:
    return [Chart(f) for f in root.find_all("figure", "chart")
            if "data-chart" in f.attrs and "data-indicator" in f.attrs]


PATH_COMMAND = re.compile(r"([MLml])\s*(-?[\d.]+)[\s,]+(-?[\d.]+)")


def path_vertices(d: str) -> list[tuple[float, float]]:
    """The vertices of a path made of M and L commands (absolute, as the contract says)."""
    found = PATH_COMMAND.findall(d)
    rest = PATH_COMMAND.sub("", d)
    if not found or any(cmd in "ml" for cmd, _, _ in found) or rest.strip(" \n,Zz"):
        raise ValueError(f"not a path of absolute M/L commands: {d[:80]!r}")
    return [(float(x), float(y)) for _, x, y in found]
