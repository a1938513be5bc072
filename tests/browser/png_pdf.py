"""What a browser test reads back from Chromium's files without an imaging library: a PNG's
size and pixels (its IDAT chunks inflated and unfiltered), a PDF's pages and media boxes."""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # colour type -> samples per pixel (8-bit only)


@dataclass(frozen=True)
class Png:
    width: int
    height: int
    pixels: npt.NDArray[np.uint8]  # height × width × channels

    def colours(self) -> int:
        """The number of distinct pixel values."""
        return int(self._counts.size)

    def commonest_share(self) -> float:
        """The share of the pixels that have the commonest value (the background)."""
        return float(self._counts.max() / (self.height * self.width))

    @cached_property
    def _counts(self) -> npt.NDArray[np.int64]:
        """How many pixels have each value present, the channels packed into one integer."""
        flat = self.pixels.reshape(self.height * self.width, -1)
        if flat.shape[1] <= 3:  # at most 2²⁴ values: counting beats sorting a full page
            small = np.zeros(len(flat), dtype=np.uint32)
            for c in range(flat.shape[1]):
                small = (small << np.uint32(8)) | flat[:, c]
            counts = np.bincount(small)
            return counts[counts > 0]
        packed = np.zeros(len(flat), dtype=np.uint64)
        for c in range(flat.shape[1]):
            packed = (packed << np.uint64(8)) | flat[:, c]
        return np.unique(packed, return_counts=True)[1]


def read_png(data: bytes) -> Png:
    """Decode an 8-bit, non-interlaced PNG (what Chromium writes)."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    pos, idat = len(PNG_SIGNATURE), bytearray()
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or interlace or colour not in CHANNELS:
                raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, "
                                 f"interlace {interlace}")
            channels = CHANNELS[colour]
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = np.frombuffer(zlib.decompress(bytes(idat)), dtype=np.uint8)
    stride = width * channels
    rows = raw.reshape(height, stride + 1)
    return Png(width, height, _unfilter(rows, channels).reshape(height, width, channels))


def _unfilter(rows: npt.NDArray[np.uint8], bpp: int) -> npt.NDArray[np.uint8]:
    """Undo the five PNG filters (PNG spec, 9.2) row by row."""
    height, stride = rows.shape[0], rows.shape[1] - 1
    out = np.zeros((height, stride), dtype=np.uint8)
    prior = np.zeros(stride, dtype=np.uint8)
    for y in range(height):
        kind = int(rows[y, 0])
        if kind == 2:  # Up, every row when Chromium encodes for speed: uint8 sums wrap
            np.add(rows[y, 1:], prior, out=out[y])
        elif kind == 0:
            out[y] = rows[y, 1:]
        elif kind == 1:  # Sub: a running sum of each channel along the row
            line = rows[y, 1:].reshape(-1, bpp)
            out[y] = np.cumsum(line, axis=0, dtype=np.uint8).reshape(-1)
        elif kind in (3, 4):
            out[y] = _left_dependent(kind, rows[y, 1:].astype(np.int64),
                                     prior.astype(np.int64), bpp).astype(np.uint8)
        else:
            raise ValueError(f"PNG filter type {kind} in row {y}")
        prior = out[y]
    return out


def _left_dependent(kind: int, line: npt.NDArray[np.int64], prior: npt.NDArray[np.int64],
                    bpp: int) -> npt.NDArray[np.int64]:
    """Average (3) and Paeth (4): each byte depends on the one reconstructed to its left."""
    cur, up = line.tolist(), prior.tolist()
    for i in range(len(cur)):
        a = cur[i - bpp] if i >= bpp else 0
        b = up[i]
        if kind == 3:
            cur[i] = (cur[i] + (a + b) // 2) & 0xFF
            continue
        c = up[i - bpp] if i >= bpp else 0
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
        cur[i] = (cur[i] + pred) & 0xFF
    return np.array(cur, dtype=np.int64)


PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.\s]+?)\s*\]")


def pdf_pages(data: bytes) -> int:
    """Page objects (`/Type /Page`, not the `/Pages` tree). Chromium writes its page
    dictionaries uncompressed, outside object streams."""
    return len(PAGE_OBJECT.findall(data))


def pdf_media_boxes(data: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every /MediaBox."""
    boxes = []
    for match in MEDIA_BOX.finditer(data):
        x0, y0, x1, y1 = (float(v) for v in match.group(1).split())
        boxes.append((x1 - x0, y1 - y0))
    return boxes
