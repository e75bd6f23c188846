"""Looking at printed output as a machine can: rasterize, decode codes, extract text, boxes."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
import zxingcpp
from PIL import Image


def rasterize(pdf: bytes, dpi: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    finally:
        doc.close()


def decode(image: Image.Image) -> list[tuple[str, str]]:
    """(format, text) of every barcode a real decoder finds in the image."""
    return sorted((r.format.name, r.text) for r in zxingcpp.read_barcodes(image))


def page_texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def flat(text: str) -> str:
    """Wrapped lines joined: what a reader reads."""
    return " ".join(text.split())


def squashed(text: str) -> str:
    """No whitespace at all: a long word cut across lines still reads as one."""
    return "".join(text.split())


def has_decomposed(text: str) -> bool:
    return any(unicodedata.combining(ch) for ch in text)


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [tuple(round(v) for v in doc[i].get_size()) for i in range(len(doc))]  # type: ignore[misc]
    finally:
        doc.close()


@dataclass
class Glyphs:
    chars: list[str]
    index: np.ndarray  # position in the page's character stream
    boxes: np.ndarray  # n × 4 ink boxes: left, bottom, right, top (PDF points)
    loose: np.ndarray  # n × 4 font boxes: advance width × the font's ascent and descent


def glyphs(pdf: bytes, page: int) -> Glyphs:
    """Every drawn character with its boxes (generated spaces and line breaks skipped)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        tp = doc[page].get_textpage()
        chars, index, boxes, loose = [], [], [], []
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if not ch.strip():
                continue
            box = tp.get_charbox(i, loose=False)
            if box[2] - box[0] <= 0 or box[3] - box[1] <= 0:
                continue
            chars.append(ch)
            index.append(i)
            boxes.append(box)
            loose.append(tp.get_charbox(i, loose=True))
        return Glyphs(
            chars,
            np.array(index),
            np.array(boxes, dtype=float).reshape(-1, 4),
            np.array(loose, dtype=float).reshape(-1, 4),
        )
    finally:
        doc.close()


def _pairs(b: np.ndarray, tolerance: float) -> list[tuple[int, int]]:
    found = []
    for i in range(len(b)):
        rest = b[i + 1 :]
        ox = np.minimum(b[i, 2], rest[:, 2]) - np.maximum(b[i, 0], rest[:, 0])
        oy = np.minimum(b[i, 3], rest[:, 3]) - np.maximum(b[i, 1], rest[:, 1])
        found += [(i, i + 1 + int(j)) for j in np.nonzero((ox > tolerance) & (oy > tolerance))[0]]
    return found


def overlapping(g: Glyphs, tolerance: float = 0.3) -> list[tuple[str, str]]:
    """Characters laid over each other: their ink or font boxes overlap, other than a letter
    and the one right after it (a horn or a mark may reach over its neighbour, as the
    typeface draws it). Text placed over other text overlaps in many non-neighbour pairs."""
    pairs = set(_pairs(g.loose, tolerance)) | set(_pairs(g.boxes, tolerance))
    return [(g.chars[i], g.chars[j]) for i, j in sorted(pairs) if g.index[j] - g.index[i] > 1]
