"""Inline SVG charts of the report: a funnel and a trend, in the markup a browser test
reads back (class and data-* attributes, docs/report.md "The report").

Both axes are linear and the <svg> carries its mapping: data-x-min/-max, data-y-min/-max
and the plot's pixel edges, so that px = left + (x − x_min)/(x_max − x_min)·(right − left)
and py = bottom − (y − y_min)/(y_max − y_min)·(bottom − top). Coordinates have 2 decimals;
text stays <text> (the reader's fonts draw Chinese); no script, no external resource.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from jisheng_cli import figures
from jisheng_cli.render.numbers import grouped

WIDTH, HEIGHT = 720, 400
LEFT, RIGHT, TOP, BOTTOM = 64.0, 700.0, 16.0, 352.0
UNIT_RADIUS = 3.5
OFF_SCALE_HALF, OFF_SCALE_HEIGHT = 4.5, 8.0  # the triangle of a unit above the axis
TICKS = 6  # about this many ticks per axis
SEX_RATIO_REACH = 3.0  # a sex ratio's limits widen its axis up to this times the centre


@dataclass(frozen=True)
class Axes:
    x_min: float
    x_max: float
    y_min: float
    y_max: float

    def px(self, x: float) -> float:
        return LEFT + (x - self.x_min) / (self.x_max - self.x_min) * (RIGHT - LEFT)

    def py(self, y: float) -> float:
        return BOTTOM - (y - self.y_min) / (self.y_max - self.y_min) * (BOTTOM - TOP)

    def holds(self, y: float) -> bool:
        return math.isfinite(y) and self.y_min <= y <= self.y_max


def c(v: float) -> str:
    """A pixel coordinate, 2 decimals."""
    return f"{v:.2f}"


def data_number(v: float) -> str:
    """A data value in an attribute: the float's shortest round-tripping text."""
    return repr(float(v)) if not float(v).is_integer() else str(int(v))


def nice_ticks(low: float, high: float) -> tuple[float, list[float]]:
    """(step, ticks) of round numbers (1, 2 or 5 × 10^k) covering [low, high]."""
    if not high > low:
        high = low + 1.0
    raw = (high - low) / TICKS
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    count = round((last - first) / step)
    return step, [first + i * step for i in range(count + 1)]


def _decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9))


def _axes_frame(axes: Axes, x_ticks: Sequence[float], x_decimals: int,
                y_ticks: Sequence[float], y_decimals: int, x_title: str) -> list[str]:
    out = [f'<rect class="frame" x="{c(LEFT)}" y="{c(TOP)}" width="{c(RIGHT - LEFT)}" '
           f'height="{c(BOTTOM - TOP)}"/>']
    for t in y_ticks:
        y = axes.py(t)
        out.append(f'<line class="grid" x1="{c(LEFT)}" y1="{c(y)}" x2="{c(RIGHT)}" y2="{c(y)}"/>')
        out.append(f'<text class="tick" x="{c(LEFT - 6)}" y="{c(y + 4)}" text-anchor="end">'
                   f'{grouped(t, y_decimals)}</text>')
    for t in x_ticks:
        x = axes.px(t)
        out.append(f'<line class="tick-mark" x1="{c(x)}" y1="{c(BOTTOM)}" x2="{c(x)}" '
                   f'y2="{c(BOTTOM + 5)}"/>')
        out.append(f'<text class="tick" x="{c(x)}" y="{c(BOTTOM + 18)}" text-anchor="middle">'
                   f'{grouped(t, x_decimals)}</text>')
    out.append(f'<text class="axis-title" x="{c((LEFT + RIGHT) / 2)}" y="{c(HEIGHT - 6)}" '
               f'text-anchor="middle">{escape(x_title)}</text>')
    return out


def _svg_open(axes: Axes, title: str) -> str:
    return (f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'role="img" aria-label="{escape(title)}" '
            f'data-x-min="{data_number(axes.x_min)}" data-x-max="{data_number(axes.x_max)}" '
            f'data-y-min="{data_number(axes.y_min)}" data-y-max="{data_number(axes.y_max)}" '
            f'data-plot-left="{c(LEFT)}" data-plot-right="{c(RIGHT)}" '
            f'data-plot-top="{c(TOP)}" data-plot-bottom="{c(BOTTOM)}">')


def _band(axes: Axes, low: float, high: float) -> str:
    lo, hi = max(low, axes.y_min), min(high, axes.y_max)
    return (f'<rect class="band" x="{c(LEFT)}" y="{c(axes.py(hi))}" width="{c(RIGHT - LEFT)}" '
            f'height="{c(axes.py(lo) - axes.py(hi))}"/>')


def _y_range(values: Iterable[float], unit: str) -> tuple[float, float, int, list[float]]:
    finite = [v for v in values if math.isfinite(v)]
    low, high = (min(finite), max(finite)) if finite else (0.0, 1.0)
    pad = (high - low) * 0.05 or max(abs(high) * 0.05, 1.0)
    low, high = low - pad, high + pad
    if unit in ("%", "‰", "女=100", "count", "yuan"):
        low = max(low, 0.0)  # none of these can be negative
    if unit == "%":
        high = min(high, 100.0) if low < 100.0 else high
    step, ticks = nice_ticks(low, high)
    return ticks[0], ticks[-1], _decimals(step), ticks


def off_scale(f: figures.Funnel) -> tuple[figures.FunnelUnit, ...]:
    """The units no y axis holds: an infinite value (a sex ratio with boys and no girls)."""
    return tuple(u for u in f.units if not math.isfinite(u.value))


def funnel_svg(f: figures.Funnel, title: str, x_title: str) -> str:
    """The funnel: limits as paths (95% dashed, 99.8% dotted), the centre, a target's band,
    a circle per unit (a triangle on the top edge for one above the axis) and the flagged
    units' names."""
    # The units, the centre and the funnel's narrowest limits decide the y axis; the
    # limits at small n run off it. A sex ratio's limits, even at the largest n of a few
    # births, reach thousands: beyond three times the centre they are left off the axis.
    limits = [v for v in f.limits_at(f.curve.n[-1])
              if f.unit != "女=100" or v <= SEX_RATIO_REACH * f.centre]
    extent = [u.value for u in f.units] + [f.centre, *limits]
    if f.band:
        extent += list(f.band)
    y_min, y_max, y_dec, y_ticks = _y_range(extent, f.unit)
    x_step, x_ticks = nice_ticks(0.0, max(f.curve.n[-1], 2.0))
    axes = Axes(0.0, x_ticks[-1], y_min, y_max)
    out = [_svg_open(axes, title)]
    out += _axes_frame(axes, x_ticks, _decimals(x_step), y_ticks, y_dec, x_title)
    if f.band:
        out.append(_band(axes, *f.band))
    curve = f.curve
    for coverage, side, ys in (("0.95", "low", curve.low95), ("0.95", "high", curve.high95),
                               ("0.998", "low", curve.low998), ("0.998", "high", curve.high998)):
        # Only the vertices inside the plot: a limit's value can be read back from any
        # vertex drawn (a limit beyond the axis, or a sex ratio's infinite one, is left out).
        points = [(axes.px(n), axes.py(y)) for n, y in zip(curve.n, ys, strict=True)
                  if axes.holds(y)]
        if len(points) >= 2:
            d = " ".join(f"{'M' if i == 0 else 'L'} {c(x)} {c(y)}"
                         for i, (x, y) in enumerate(points))
            out.append(f'<path class="limit" data-coverage="{coverage}" data-side="{side}" '
                       f'd="{d}"/>')
    y = axes.py(f.centre)
    out.append(f'<line class="centre" x1="{c(LEFT)}" y1="{c(y)}" x2="{c(RIGHT)}" y2="{c(y)}"/>')
    flagged, above = set(f.flagged), set(off_scale(f))
    for u in sorted(f.units, key=lambda u: (u in flagged, u.code or "", u.name or "")):
        flag = ' data-flagged="true"' if u in flagged else ""
        name = escape(u.name or u.code or "")
        if u in above:
            # Above every axis (a sex ratio with boys and no girls): a triangle pointing up
            # on the top edge at its n, so that the unit is seen and counted, not lost.
            x, base = axes.px(u.n), c(TOP + OFF_SCALE_HEIGHT)
            out.append(f'<path class="unit off-scale"{flag} data-code="{escape(u.code or "")}" '
                       f'data-n="{data_number(u.n)}" data-value="inf" '
                       f'd="M {c(x)} {c(TOP)} L {c(x + OFF_SCALE_HALF)} {base} '
                       f'L {c(x - OFF_SCALE_HALF)} {base} Z">'
                       f'<title>{name}: n = {data_number(u.n)}, ∞</title></path>')
        elif axes.holds(u.value):
            out.append(f'<circle class="unit"{flag} data-code="{escape(u.code or "")}" '
                       f'data-n="{data_number(u.n)}" data-value="{data_number(u.value)}" '
                       f'cx="{c(axes.px(u.n))}" cy="{c(axes.py(u.value))}" r="{UNIT_RADIUS}">'
                       f'<title>{name}: n = {data_number(u.n)}</title></circle>')
    for u in sorted(flagged, key=lambda u: (u.code or "", u.name or "")):
        if u in above:
            x, y = axes.px(u.n), TOP + OFF_SCALE_HEIGHT + 6  # below its triangle
        elif axes.holds(u.value):
            x, y = axes.px(u.n), axes.py(u.value)
        else:
            continue
        anchor = "end" if x > (LEFT + RIGHT) / 2 else "start"
        dx = -6 if anchor == "end" else 6
        out.append(f'<text class="unit-label" x="{c(x + dx)}" y="{c(y - 6)}" '
                   f'text-anchor="{anchor}">{escape(u.name or u.code or "")}</text>')
    out.append("</svg>")
    return "\n".join(out)


def trend_svg(t: figures.Trend, title: str, x_title: str) -> str:
    """A line by statistical year, a bar per year's interval and a target's band."""
    points = [p for p in t.points if p.value is not None]
    extent = [v for p in points for v in (p.value, p.ci_low, p.ci_high) if v is not None]
    extent += [v for v in (t.target_min, t.target_max) if v is not None]
    y_min, y_max, y_dec, y_ticks = _y_range(extent, t.unit)
    years = [p.year for p in t.points]
    axes = Axes(min(years) - 0.5, max(years) + 0.5, y_min, y_max)
    out = [_svg_open(axes, title)]
    out += _axes_frame(axes, years, 0, y_ticks, y_dec, x_title)
    if t.target_min is not None or t.target_max is not None:
        out.append(_band(axes, y_min if t.target_min is None else t.target_min,
                         y_max if t.target_max is None else t.target_max))
    for p in t.points:
        if p.ci_low is not None and p.ci_high is not None and p.value is not None:
            x = c(axes.px(p.year))
            lo, hi = max(p.ci_low, y_min), min(p.ci_high, y_max)
            out.append(f'<line class="ci" data-year="{p.year}" x1="{x}" y1="{c(axes.py(lo))}" '
                       f'x2="{x}" y2="{c(axes.py(hi))}"/>')
    d = " ".join(f"{'M' if i == 0 else 'L'} {c(axes.px(p.year))} {c(axes.py(p.value))}"
                 for i, p in enumerate(points) if p.value is not None)
    out.append(f'<path class="series" d="{d}"/>')
    for p in points:
        assert p.value is not None
        out.append(f'<circle class="point" data-year="{p.year}" '
                   f'data-value="{data_number(p.value)}" cx="{c(axes.px(p.year))}" '
                   f'cy="{c(axes.py(p.value))}" r="{UNIT_RADIUS}"><title>{p.year}</title>'
                   f'</circle>')
    out.append("</svg>")
    return "\n".join(out)
