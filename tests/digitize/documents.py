"""Synthetic paper for the digitization tests: text pages, stamps, photos, bad files."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINE = "Cộng hoà xã hội chủ nghĩa Việt Nam – Độc lập, Tự do, Hạnh phúc 0123456789"


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if FONT.is_file():
        return ImageFont.truetype(str(FONT), size)
    return ImageFont.load_default(size)


def text_page(
    dpi: int = 300, *, skew: float = 0.0, lines: int = 40, paper: int = 240
) -> Image.Image:
    """An A4 page of typed text (greyscale), optionally turned by `skew` degrees."""
    w, h = round(8.27 * dpi), round(11.69 * dpi)
    page = Image.new("L", (w, h), paper)
    draw = ImageDraw.Draw(page)
    f = font(max(8, dpi // 9))
    step = (h - 2 * dpi) // max(1, lines)
    for i in range(lines):
        draw.text((dpi * 0.8, dpi + i * step), LINE[: 40 + (i * 7) % 30], fill=25, font=f)
    if skew:
        page = page.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=paper)
    return page


def stamped_page(dpi: int = 200) -> Image.Image:
    """A certificate with a red round seal (con dấu)."""
    page = text_page(dpi, lines=20).convert("RGB")
    draw = ImageDraw.Draw(page)
    cx, cy, r = page.width * 0.7, page.height * 0.8, dpi * 0.7
    for k in range(6):
        draw.ellipse((cx - r + k, cy - r + k, cx + r - k, cy + r - k), outline=(200, 20, 30))
    draw.text((cx - r * 0.6, cy - 10), "UBND XÃ", fill=(200, 20, 30), font=font(dpi // 8))
    return page


def photo_page(dpi: int = 200, seed: int = 1) -> Image.Image:
    """A greyscale page with a photo-like picture (smooth shapes and grain) and some text."""
    page = text_page(dpi, lines=12)
    rng = np.random.default_rng(seed)
    pw, ph = int(dpi * 4), int(dpi * 3)
    y, x = np.mgrid[0:ph, 0:pw].astype(np.float64)
    picture = 128 + 60 * np.sin(x / 37.0) * np.cos(y / 53.0) + 40 * np.sin((x + y) / 91.0)
    picture += rng.normal(0, 6, picture.shape)
    photo = Image.fromarray(np.clip(picture, 0, 255).astype(np.uint8), "L")
    page.paste(photo, (int(dpi * 2), int(dpi * 6)))
    return page


def on_dark_background(page: Image.Image, border: int = 120) -> Image.Image:
    """The sheet as a feeder scanner sees it: a dark frame around the paper."""
    canvas = Image.new(page.mode, (page.width + 2 * border, page.height + 2 * border), 30)
    canvas.paste(page, (border, border))
    return canvas


def save(image: Image.Image, path: Path, fmt: str | None = None, dpi: int | None = 300) -> Path:
    kwargs = {"dpi": (dpi, dpi)} if dpi else {}
    image.save(path, fmt, **kwargs)
    return path


def multipage_tiff(pages: list[Image.Image], path: Path, dpi: int = 300) -> Path:
    pages[0].save(
        path,
        "TIFF",
        save_all=True,
        append_images=pages[1:],
        dpi=(dpi, dpi),
        compression="tiff_deflate",
    )
    return path


def pdf_of(pages: list[Image.Image], dpi: int = 200) -> bytes:
    buf = io.BytesIO()
    rgb = [p.convert("RGB") for p in pages]
    rgb[0].save(buf, "PDF", save_all=True, append_images=rgb[1:], resolution=dpi)
    return buf.getvalue()


def png_bomb(width: int = 40_000, height: int = 40_000) -> bytes:
    """A tiny PNG that claims 1.6 billion pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
