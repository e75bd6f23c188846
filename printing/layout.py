"""A small, fast layout engine for forms.

Content is laid out top to bottom into a frame as drawing operations (text, lines, barcode
bars, QR modules) grouped by page, and painted afterwards onto a PDF canvas or a raster image.
Laying out first lets two copies share one sheet and makes overlap impossible by construction:
the cursor only moves down, text wraps to its column, a block that does not fit starts a new
page. ReportLab's Platypus does the same with far more machinery (about 4× slower here).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from printing.fonts import REGULAR

EPS = 0.01
# Measured on the bundled faces: capitals with two marks reach 1.145 em above the baseline
# (bold Ẳ), descenders 0.223 em below. Lines are 1.4 em: 1.15 above the baseline, 0.25 below,
# so the ink of one line never reaches the next.
ASCENT = 1.15
DESCENT = 0.25


@dataclass(frozen=True, slots=True)
class Style:
    size: float = 9.0
    leading: float = 12.6
    font: str = REGULAR


@dataclass(frozen=True, slots=True)
class TextOp:
    x: float
    baseline: float
    text: str
    font: str
    size: float
    width: float

    def box(self) -> tuple[float, float, float, float]:
        return (
            self.x,
            self.baseline - ASCENT * self.size,
            self.x + self.width,
            self.baseline + DESCENT * self.size,
        )


@dataclass(frozen=True, slots=True)
class LineOp:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    dash: bool = False

    def box(self) -> tuple[float, float, float, float]:
        return (
            min(self.x1, self.x2),
            min(self.y1, self.y2),
            max(self.x1, self.x2),
            max(self.y1, self.y2),
        )


@dataclass(frozen=True, slots=True)
class BarsOp:
    """A Code128 symbol: `modules` is its bar pattern ('1' = bar), quiet zones excluded."""

    x: float
    top: float
    modules: str
    module: float
    height: float
    rotated: bool = False  # bars horizontal, the symbol reading top to bottom

    def box(self) -> tuple[float, float, float, float]:
        length = len(self.modules) * self.module
        if self.rotated:
            return (self.x, self.top, self.x + self.height, self.top + length)
        return (self.x, self.top, self.x + length, self.top + self.height)


@dataclass(frozen=True, slots=True)
class QrOp:
    x: float
    top: float
    matrix: tuple[bytes, ...]  # rows of 0/1, quiet zone excluded
    module: float

    def box(self) -> tuple[float, float, float, float]:
        side = len(self.matrix) * self.module
        return (self.x, self.top, self.x + side, self.top + side)


Op = TextOp | LineOp | BarsOp | QrOp
Run = tuple[str, str]  # (text, font name)


@dataclass(slots=True)
class Frag:
    """Text in one font, `dx` from the start of its line."""

    text: str
    font: str
    dx: float
    width: float


@dataclass(slots=True)
class Line:
    frags: list[Frag] = field(default_factory=list)
    width: float = 0.0


_TOKEN = re.compile(r"\n|[^\S\n]+|\S+")


def wrap(runs: Sequence[Run], size: float, width: float) -> list[Line]:
    """Greedy word wrap of mixed-font runs; a word wider than the line is cut by letters.

    Cached: the copies of a receipt repeat the same paragraphs (the lines are never mutated
    once laid out)."""
    return _wrap(tuple(runs), size, width)


@lru_cache(maxsize=4096)
def _wrap(runs: tuple[Run, ...], size: float, width: float) -> list[Line]:
    lines: list[Line] = []
    line = Line()
    space = False
    for text, font in runs:
        for tok in _TOKEN.findall(text):
            if tok == "\n":
                lines.append(line)
                line, space = Line(), False
                continue
            if tok.isspace():
                space = bool(line.frags)
                continue
            w = stringWidth(tok, font, size)
            gap = stringWidth(" ", line.frags[-1].font, size) if space and line.frags else 0.0
            if line.width + gap + w <= width + EPS:
                _add(line, tok, font, w, gap)
            else:
                if line.frags:
                    lines.append(line)
                    line = Line()
                if w <= width + EPS:
                    _add(line, tok, font, w, 0.0)
                else:
                    for piece, pw in _cut(tok, font, size, width):
                        if line.frags:
                            lines.append(line)
                            line = Line()
                        _add(line, piece, font, pw, 0.0)
            space = False
    if line.frags or not lines:
        lines.append(line)
    return lines


def _add(line: Line, word: str, font: str, w: float, gap: float) -> None:
    last = line.frags[-1] if line.frags else None
    if last is not None and gap:
        last.text += " "
        last.width += gap
    if last is not None and last.font == font:
        last.text += word
        last.width += w
    else:
        line.frags.append(Frag(word, font, line.width + gap, w))
    line.width += gap + w


def _cut(word: str, font: str, size: float, width: float) -> list[tuple[str, float]]:
    pieces: list[tuple[str, float]] = []
    start, acc = 0, 0.0
    for i, ch in enumerate(word):
        cw = stringWidth(ch, font, size)
        if acc + cw > width + EPS and i > start:
            pieces.append((word[start:i], acc))
            start, acc = i, 0.0
        acc += cw
    pieces.append((word[start:], acc))
    return pieces


@dataclass(slots=True)
class Cell:
    """Wrapped text with its style and alignment, ready to place in a column."""

    lines: list[Line]
    style: Style
    align: str = "left"  # left | center | right

    @property
    def height(self) -> float:
        return len(self.lines) * self.style.leading


def cell(runs: Sequence[Run], style: Style, width: float, align: str = "left") -> Cell:
    return Cell(wrap(runs, style.size, width), style, align)


class Flow:
    """One copy of a document laid out into pages of one frame size (points, y downward)."""

    def __init__(
        self,
        width: float,
        height: float,
        margins: tuple[float, float, float, float],
        *,
        endless: bool = False,
    ) -> None:
        left, top, right, bottom = margins
        self.frame_width, self.frame_height = width, height
        self.margins = margins
        self.x0 = left
        self.width = width - left - right
        self.top = top
        self.bottom = float("inf") if endless else height - bottom
        self.pages: list[list[Op]] = [[]]
        self.y = top
        self.on_new_page: list[Callable[[], None]] = []  # e.g. a table repeating its header

    @property
    def ops(self) -> list[Op]:
        return self.pages[-1]

    @property
    def room(self) -> float:
        return self.bottom - self.y

    @property
    def used_height(self) -> float:
        """For an endless flow (a thermal roll): how long the paper must be."""
        return self.y + self.margins[3]

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top
        for hook in list(self.on_new_page):
            hook()

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` fits below the cursor (or the page is empty)."""
        if height > self.room + EPS and self.y > self.top + EPS:
            self.new_page()

    def space(self, height: float) -> None:
        self.y = min(self.y + height, self.bottom)

    def text(
        self,
        runs: Sequence[Run],
        style: Style,
        *,
        align: str = "left",
        indent: float = 0.0,
        keep: float = 0.0,
    ) -> None:
        """A paragraph; it continues on the next page line by line when it must."""
        lines = wrap(runs, style.size, self.width - indent)
        self.ensure(max(keep, style.leading))
        for line in lines:
            if self.y + style.leading > self.bottom + EPS:
                self.new_page()
            self.place_line(line, style, self.x0 + indent, self.width - indent, align, self.y)
            self.y += style.leading

    def place_line(
        self, line: Line, style: Style, x: float, width: float, align: str, top: float
    ) -> None:
        dx = 0.0
        if align == "center":
            dx = (width - line.width) / 2
        elif align == "right":
            dx = width - line.width
        baseline = top + style.leading - DESCENT * style.size
        for f in line.frags:
            self.ops.append(TextOp(x + dx + f.dx, baseline, f.text, f.font, style.size, f.width))

    def place_cell(self, c: Cell, x: float, width: float, top: float) -> None:
        for i, line in enumerate(c.lines):
            self.place_line(line, c.style, x, width, c.align, top + i * c.style.leading)

    def columns(self, cols: Sequence[tuple[float, float, Sequence[Cell]]]) -> float:
        """Side-by-side stacks of cells (x offset, width, cells), kept together on one page."""
        height = max((sum(c.height for c in cells) for _, _, cells in cols), default=0.0)
        self.ensure(height)
        for dx, width, cells in cols:
            top = self.y
            for c in cells:
                self.place_cell(c, self.x0 + dx, width, top)
                top += c.height
        self.y += height
        return height

    def rule(self, x: float, width: float, *, dy: float = 1.0, weight: float = 0.6) -> None:
        """A short horizontal line (under the header's names)."""
        self.ops.append(LineOp(x, self.y + dy, x + width, self.y + dy, weight))
