"""The browser test's own tools, checked on inputs whose answers are known: the driver sees a
console error, an exception and a request to another host; the PNG reader gets back the
pixels of a page drawn in known colours and of any image written with any PNG filter; the
PDF reader counts pages; the charts' axes map pixels to data both ways."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.browser.charts import Axes, charts, parse, path_vertices
from tests.browser.chromium import INSTALL_HINT, Rendered, find_chromium, render
from tests.browser.png_pdf import pdf_media_boxes, pdf_pages, read_png

KNOWN = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>known</title>
<style>body{margin:0;background:#fff} div{margin:0}
@page{size:A4;margin:10mm} .break{break-before:page}</style></head><body>
<div style="height:50px"></div>
<div style="margin-left:100px;width:200px;height:100px;background:#ff0000"></div>
<div style="height:1250px"></div>
<div style="height:40px;background:rgb(0,0,255)"></div>
<p class="break">出生政策符合率</p>
</body></html>"""

BROKEN = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<img src="https://example.invalid/logo.png">
<script>console.error("boom"); console.log("fine"); undefined_function();</script>
</body></html>"""


def browse(tmp_path: Path, html: str) -> Rendered:
    if find_chromium() is None:
        pytest.fail(f"the browser test needs Chromium and found none: {INSTALL_HINT}")
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    return render(page)


def test_a_known_page_comes_back_pixel_for_pixel(tmp_path: Path) -> None:
    shot = browse(tmp_path, KNOWN)
    png = read_png(shot.png)
    # Blocks of 50, 100 (red, from x = 100 to 300), 1,250 and 40 (blue) CSS px: the blue
    # bar spans rows 1,400 to 1,439; at scale 1 a CSS pixel is a pixel.
    assert png.width == 1280 and png.height >= 1440
    assert png.pixels[100, 150].tolist() == [255, 0, 0]  # row 100, column 150: red block
    assert png.pixels[10, 10].tolist() == [255, 255, 255]
    assert png.pixels[1420, 1279].tolist() == [0, 0, 255]
    assert png.pixels[1399, 5].tolist() == [255, 255, 255]  # just above the blue bar
    assert shot.problems == [] and shot.requests == (shot.url,)
    assert "出生政策符合率" in shot.text
    # A4 less 2 × 10 mm is 277 mm = 277 ÷ 25.4 × 96 ≈ 1,047 CSS px a page: the 1,440 px
    # before the paragraph fill two pages, and it breaks onto a third.
    assert pdf_pages(shot.pdf) == 3
    assert all(abs(w - 595.28) <= 1 and abs(h - 841.89) <= 1
               for w, h in pdf_media_boxes(shot.pdf))


def test_the_driver_reports_errors_exceptions_and_foreign_requests(tmp_path: Path) -> None:
    shot = browse(tmp_path, BROKEN)
    kinds = {(m.source, m.level) for m in shot.problems}
    assert ("console", "error") in kinds and ("exception", "error") in kinds
    assert any("boom" in m.text for m in shot.problems)
    assert any("undefined_function" in m.text for m in shot.problems)
    assert not any(m.text == "fine" for m in shot.problems)  # console.log is not a problem
    assert shot.foreign_requests == ["https://example.invalid/logo.png"]


def test_a_letter_page_is_not_taken_for_a4(tmp_path: Path) -> None:
    shot = browse(tmp_path, "<!doctype html><p>no @page size</p>")
    # Chromium's default paper, US Letter: 8.5 × 11 in = 612 × 792 pt.
    assert [(round(w), round(h)) for w, h in pdf_media_boxes(shot.pdf)] == [(612, 792)]


# ------------------------------------------------------------------------ PNG and PDF


def png_bytes(pixels: np.ndarray, filters: list[int]) -> bytes:
    """An 8-bit RGB or RGBA PNG with the given filter on each row (PNG spec, 9.2)."""
    height, width, channels = pixels.shape
    flat = pixels.reshape(height, width * channels).astype(np.int64)
    out = bytearray()
    for y, kind in enumerate(filters):
        row, up = flat[y], (flat[y - 1] if y else np.zeros_like(flat[0]))
        left = np.concatenate([np.zeros(channels, np.int64), row[:-channels]])
        upleft = np.concatenate([np.zeros(channels, np.int64), up[:-channels]])
        if kind == 0:
            pred = np.zeros_like(row)
        elif kind == 1:
            pred = left
        elif kind == 2:
            pred = up
        elif kind == 3:
            pred = (left + up) // 2
        else:
            p = left + up - upleft
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
            pred = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, up, upleft))
        out.append(kind)
        out += ((row - pred) % 256).astype(np.uint8).tobytes()

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    colour = {3: 2, 4: 6}[channels]
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(out))) + chunk(b"IEND", b""))


@st.composite
def images(draw: st.DrawFn) -> tuple[np.ndarray, list[int]]:
    height = draw(st.integers(1, 6))
    width = draw(st.integers(1, 7))
    channels = draw(st.sampled_from([3, 4]))
    values = draw(st.lists(st.integers(0, 255), min_size=height * width * channels,
                           max_size=height * width * channels))
    filters = draw(st.lists(st.integers(0, 4), min_size=height, max_size=height))
    return np.array(values, dtype=np.uint8).reshape(height, width, channels), filters


@given(images())
def test_the_png_reader_undoes_every_filter(image: tuple[np.ndarray, list[int]]) -> None:
    pixels, filters = image
    png = read_png(png_bytes(pixels, filters))
    assert (png.width, png.height) == (pixels.shape[1], pixels.shape[0])
    assert np.array_equal(png.pixels, pixels)


def test_colours_and_background_share() -> None:
    pixels = np.full((4, 5, 3), 255, dtype=np.uint8)
    pixels[0, 0] = (1, 2, 3)
    pixels[3, 4] = (3, 2, 1)
    png = read_png(png_bytes(pixels, [0, 1, 2, 4]))
    assert png.colours() == 3
    assert png.commonest_share() == pytest.approx(18 / 20)  # 20 pixels, 2 not white


def test_pdf_pages_skip_the_page_tree() -> None:
    pdf = (b"1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> endobj "
           b"2 0 obj << /Type /Page /MediaBox [0 0 594.96 841.92] >> endobj "
           b"3 0 obj <</Type/Page/MediaBox[0 0 612 792]>> endobj")
    assert pdf_pages(pdf) == 2
    assert pdf_media_boxes(pdf) == [(594.96, 841.92), (612.0, 792.0)]


# ------------------------------------------------------------------------------- charts

FIGURE = """<html><body><figure class="chart" data-chart="funnel" data-indicator="x"
data-level="village" data-year="2012"><svg viewBox="0 0 600 400" data-x-min="0"
data-x-max="200" data-y-min="90" data-y-max="100" data-plot-left="50" data-plot-right="550"
data-plot-top="20" data-plot-bottom="370"><path class="limit" data-coverage="0.95"
data-side="low" d="M 50.00 370.00 L 300.00 195.00 L 550.00 20.00"/></svg>
<figcaption>c</figcaption></figure><figure class="chart"><svg></svg></figure></body></html>"""


def test_axes_and_vertices_of_a_hand_written_figure() -> None:
    found = charts(parse(FIGURE))
    assert [str(c) for c in found] == ["funnel of x (village, 2012)"]  # the bare one is no chart
    axes = found[0].axes
    (path,) = found[0].marks("path", "limit")
    # x: 0 + (300 − 50) ÷ (550 − 50) × 200 = 100; y: 90 + (370 − 195) ÷ (370 − 20) × 10 = 95.
    points = [axes.to_data(px, py) for px, py in path_vertices(path.attrs["d"])]
    assert points == [(0.0, 90.0), (100.0, 95.0), (200.0, 100.0)]
    assert axes.to_px(100.0, 95.0) == (300.0, 195.0)


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_axes_go_there_and_back(x: float, y: float) -> None:
    axes = Axes(0.0, 2000.0, 80.0, 120.0, 60.0, 1180.0, 30.0, 530.0)
    px, py = axes.to_px(x, y)
    back = axes.to_data(px, py)
    assert back == (pytest.approx(x, abs=1e-6), pytest.approx(y, abs=1e-6))


@pytest.mark.parametrize("d", ["M 1 2 l 3 4", "M 1 2 C 3 4 5 6 7 8", "M 1 2 H 5", ""])
def test_a_path_of_other_commands_is_refused(d: str) -> None:
    with pytest.raises(ValueError):
        path_vertices(d)
