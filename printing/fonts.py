"""The bundled font: DejaVu Serif Condensed (every Vietnamese letter), registered once.

ReportLab does no shaping, so text must be NFC (precomposed letters): the font has a glyph for
each of them (see `missing_glyphs`). The files and their licence are in resources/fonts.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from counter_app.errors import ConfigError

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
FONT_DIR = RESOURCES / "fonts"

REGULAR = "VNSerif"
BOLD = "VNSerif-Bold"
ITALIC = "VNSerif-Italic"
FILES = {
    REGULAR: "DejaVuSerifCondensed.ttf",
    BOLD: "DejaVuSerifCondensed-Bold.ttf",
    ITALIC: "DejaVuSerifCondensed-Italic.ttf",
}

_lock = threading.Lock()
_registered = False


def font_path(name: str) -> Path:
    path = FONT_DIR / FILES[name]
    if not path.is_file():
        raise ConfigError(
            "E_FONT_MISSING",
            f"Thiếu phông chữ {path.name} trong {FONT_DIR}.",
            hint="Cài lại chương trình: phông chữ tiếng Việt đi kèm bộ cài.",
        )
    return path


def register() -> None:
    """Register the family with ReportLab once per process (parsing a TTF costs ~5 ms)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name in FILES:
            pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True


@cache
def _cmap(name: str) -> frozenset[int]:
    register()
    font = pdfmetrics.getFont(name)
    return frozenset(font.face.charToGlyph)


def missing_glyphs(text: str, name: str = REGULAR) -> set[str]:
    """Characters of `text` the font cannot draw (they would print as empty boxes)."""
    cmap = _cmap(name)
    return {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}
