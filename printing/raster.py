"""The 80 mm thermal receipt: the same laid-out ops painted as a 1-bit image (576 dots at
203 dpi) with the bundled font, so Vietnamese prints on any ESC/POS printer (their built-in
code pages have no Vietnamese), and the `GS v 0` raster byte stream that sends it.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, features

from printing.fonts import font_path
from printing.layout import BarsOp, Flow, LineOp, QrOp, TextOp

ESC_INIT = b"\x1b@"
_BARS = re.compile(r"1+")
_MODULES = re.compile(rb"\x01+")


# Raqm lays text out with fractional advances, as ReportLab measured it (the basic engine
# rounds each glyph to whole pixels and drifts by a few dots per phrase).
_ENGINE = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


@lru_cache(maxsize=32)
def _font(name: str, px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(name)), px, layout_engine=_ENGINE)


def to_image(flow: Flow, dpi: int) -> Image.Image:
    """One copy on a roll: every page of the flow stacked (a thermal flow has one)."""
    s = dpi / 72
    width = round(flow.frame_width * s)
    page_h = flow.used_height if flow.bottom == float("inf") else flow.frame_height
    height = math.ceil(page_h * s) * len(flow.pages)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    for n, ops in enumerate(flow.pages):
        oy = n * math.ceil(page_h * s)
        for op in ops:
            if isinstance(op, TextOp):
                font = _font(op.font, op.size * s)
                draw.text((op.x * s, oy + op.baseline * s), op.text, font=font, fill=0, anchor="ls")
            elif isinstance(op, LineOp):
                draw.line(
                    [(op.x1 * s, oy + op.y1 * s), (op.x2 * s, oy + op.y2 * s)],
                    fill=0,
                    width=max(1, round(op.width * s)),
                )
            elif isinstance(op, BarsOp):
                m = max(1, round(op.module * s))  # whole dots: bars stay exactly equal
                x0, y0, h = round(op.x * s), oy + round(op.top * s), round(op.height * s)
                for run in _BARS.finditer(op.modules):
                    a, b = run.start() * m, run.end() * m
                    if op.rotated:
                        draw.rectangle([x0, y0 + a, x0 + h - 1, y0 + b - 1], fill=0)
                    else:
                        draw.rectangle([x0 + a, y0, x0 + b - 1, y0 + h - 1], fill=0)
            elif isinstance(op, QrOp):
                m = max(1, round(op.module * s))
                x0, y0 = round(op.x * s), oy + round(op.top * s)
                for r, row in enumerate(op.matrix):
                    for dark in _MODULES.finditer(row):
                        draw.rectangle(
                            [
                                x0 + dark.start() * m,
                                y0 + r * m,
                                x0 + dark.end() * m - 1,
                                y0 + (r + 1) * m - 1,
                            ],
                            fill=0,
                        )
    # Thresholded, not dithered: text and bars stay crisp on a 1-bit head.
    return img.point([0 if v < 140 else 255 for v in range(256)], mode="1")


def stack(images: Sequence[Image.Image], gap: int = 48) -> Image.Image:
    """Copies one under the other with a dashed tear line between (the PNG preview)."""
    width = max(i.width for i in images)
    height = sum(i.height for i in images) + gap * (len(images) - 1)
    out = Image.new("1", (width, height), 1)
    y = 0
    draw = ImageDraw.Draw(out)
    for n, img in enumerate(images):
        out.paste(img, (0, y))
        y += img.height
        if n < len(images) - 1:
            for x in range(0, width, 16):
                draw.line([(x, y + gap // 2), (x + 8, y + gap // 2)], fill=0, width=2)
            y += gap
    return out


def png_bytes(img: Image.Image, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(dpi, dpi), optimize=False)
    return buf.getvalue()


def gs_v0(img: Image.Image, *, band: int = 256) -> bytes:
    """`GS v 0 m xL xH yL yH d1…dk` raster commands, `band` rows each (printers' buffers are
    small); bit 1 = a dot to burn, most significant bit leftmost."""
    # "1;I" packs a 1-bit image 8 dots a byte, black as 1, each row padded to whole bytes:
    # exactly the printer's layout (no NumPy needed).
    bw = img.convert("1")
    xbytes, rows = (bw.width + 7) // 8, bw.height
    packed = bw.tobytes("raw", "1;I")
    out = bytearray()
    for y0 in range(0, rows, band):
        n = min(band, rows - y0)
        out += b"\x1dv0\x00" + bytes((xbytes & 0xFF, xbytes >> 8, n & 0xFF, n >> 8))
        out += packed[y0 * xbytes : (y0 + n) * xbytes]
    return bytes(out)


def escpos_job(images: Sequence[Image.Image], *, feed: int = 4, cut: bool = True) -> bytes:
    """Initialize, then each copy: its raster, a few lines of feed, a partial cut."""
    out = bytearray(ESC_INIT)
    for img in images:
        out += gs_v0(img)
        out += b"\x1bd" + bytes((feed,))
        if cut:
            out += b"\x1dVB\x00"
    return bytes(out)
