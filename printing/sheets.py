"""Sheets of paper: copies placed on them (two A5 halves of one A4, or page after page), page
decorations in the margins ("BẢN IN LẠI", "(tiếp theo)", "Trang 2/3"), and the PDF painter.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing import fonts
from printing.fonts import BOLD, ITALIC, REGULAR
from printing.layout import DESCENT, BarsOp, Flow, LineOp, Op, QrOp, TextOp

MM = 72 / 25.4
REPRINT = "BẢN IN LẠI"
_BARS = re.compile(r"1+")
_MODULES = re.compile(rb"\x01+")


@dataclass(frozen=True)
class Placed:
    """One page of one copy, its frame's top-left corner at (x, y) on the sheet."""

    x: float
    y: float
    ops: Sequence[Op]


@dataclass(frozen=True)
class Sheet:
    width: float
    height: float
    pages: tuple[Placed, ...]
    cut_x: float | None = None  # a dashed line where the A4 is cut into two A5 copies


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def decorate(flow: Flow, *, reprint: bool, running: str, size: float = 8.0) -> None:
    """Marks in the margins of every page of one copy: nothing in the flow's area moves."""
    left, top, right, bottom = flow.margins
    total = len(flow.pages)
    x_right = flow.frame_width - right
    for i, ops in enumerate(flow.pages):
        band_right = x_right
        if reprint:
            w = stringWidth(REPRINT, BOLD, size + 1)
            pad = 2.5
            y0, y1 = top - 1.5 * MM - (size + 1) * 1.6, top - 1.5 * MM
            band_right = x_right - w - 2 * pad - 3 * MM
            x0 = x_right - w - 2 * pad
            for a, b, c, d in (
                (x0, y0, x_right, y0),
                (x0, y1, x_right, y1),
                (x0, y0, x0, y1),
                (x_right, y0, x_right, y1),
            ):
                ops.append(LineOp(a, b, c, d, 0.9))
            ops.append(
                TextOp(
                    x0 + pad,
                    y1 - (size + 1) * 0.45 - DESCENT * (size + 1),
                    REPRINT,
                    BOLD,
                    size + 1,
                    w,
                )
            )
        if i > 0 and running:
            text = _fit(f"{running} (tiếp theo)", ITALIC, size, band_right - left)
            w = stringWidth(text, ITALIC, size)
            ops.append(TextOp(left, top - 3 * MM, text, ITALIC, size, w))
        if total > 1 and bottom > size * 2:
            text = f"Trang {i + 1}/{total}"
            w = stringWidth(text, REGULAR, size)
            baseline = flow.frame_height - bottom / 2 + size / 3
            ops.append(TextOp(x_right - w, baseline, text, REGULAR, size, w))


def side_by_side(flows: Sequence[Flow]) -> list[Sheet]:
    """Copies on one sheet each (two A5 halves of a landscape A4): sheet n holds page n of each."""
    width = sum(f.frame_width for f in flows)
    height = max(f.frame_height for f in flows)
    sheets = []
    for n in range(max(len(f.pages) for f in flows)):
        placed, x = [], 0.0
        for f in flows:
            if n < len(f.pages):
                placed.append(Placed(x, 0.0, f.pages[n]))
            x += f.frame_width
        cut = flows[0].frame_width if len(flows) > 1 else None
        sheets.append(Sheet(width, height, tuple(placed), cut))
    return sheets


def one_after_another(flows: Sequence[Flow]) -> list[Sheet]:
    return [
        Sheet(f.frame_width, f.frame_height, (Placed(0.0, 0.0, page),))
        for f in flows
        for page in f.pages
    ]


COMPRESS_FROM = 5  # sheets: zlib costs a receipt ~2 ms and saves only ~50 kB


def to_pdf(sheets: Sequence[Sheet], *, title: str, author: str, subject: str = "") -> bytes:
    """Paint the sheets; `invariant` output: the same form and data give the same bytes.
    Long documents (the tracking book) are compressed, a one- or two-sheet form is not."""
    fonts.register()
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=(sheets[0].width, sheets[0].height),
        invariant=True,
        pageCompression=len(sheets) >= COMPRESS_FROM,
    )
    c.setTitle(title)
    c.setAuthor(author)
    c.setSubject(subject)
    c.setCreator("counter-app")
    painter = Painter(c)
    for sheet in sheets:
        c.setPageSize((sheet.width, sheet.height))
        for placed in sheet.pages:
            painter.paint(placed.ops, placed.x, sheet.height - placed.y)
        if sheet.cut_x is not None:
            c.setLineWidth(0.3)
            c.setDash(3, 3)
            c.line(sheet.cut_x, 4 * MM, sheet.cut_x, sheet.height - 4 * MM)
            c.setDash()
        c.showPage()
    c.save()
    return buf.getvalue()


class Painter:
    """Draws ops on a canvas. A barcode or QR is drawn once as a form XObject and placed on
    every copy: the two copies of a receipt share it (half the work, a smaller file)."""

    def __init__(self, c: Canvas) -> None:
        self.c = c
        self.forms: dict[object, str] = {}

    def paint(self, ops: Iterable[Op], ox: float, top: float) -> None:
        """Draw ops whose frame's top-left corner is at (ox, top) in PDF coordinates (y up).

        All text goes into one text object (one BT…ET): a `drawString` per fragment would
        build an object each time and cost a third of a page's time."""
        c = self.c
        text = c.beginText()
        font: tuple[str, float] | None = None
        line: tuple[float, bool] | None = None
        for op in ops:
            if isinstance(op, TextOp):
                if font != (op.font, op.size):
                    font = (op.font, op.size)
                    text.setFont(op.font, op.size)
                text.setTextOrigin(ox + op.x, top - op.baseline)
                text.textOut(op.text)
            elif isinstance(op, LineOp):
                if line != (op.width, op.dash):
                    line = (op.width, op.dash)
                    c.setLineWidth(op.width)
                    if op.dash:
                        c.setDash(2, 2)
                    else:
                        c.setDash()
                c.line(ox + op.x1, top - op.y1, ox + op.x2, top - op.y2)
            else:
                x0, _, _, y1 = op.box()
                c.saveState()
                c.translate(ox + x0, top - y1)
                c.doForm(self._form(op))
                c.restoreState()
        if font is not None:
            c.drawText(text)

    def _form(self, op: BarsOp | QrOp) -> str:
        """The op drawn at the origin (bottom-left of its box) as a reusable form."""
        key = (
            (op.modules, op.module, op.height, op.rotated)
            if isinstance(op, BarsOp)
            else (op.matrix, op.module)
        )
        name = self.forms.get(key)
        if name is not None:
            return name
        name = f"code{len(self.forms)}"
        c = self.c
        x0, y0, x1, y1 = op.box()
        c.beginForm(name, 0, 0, x1 - x0, y1 - y0)
        path = c.beginPath()
        m = op.module
        if isinstance(op, BarsOp):
            length = len(op.modules) * m
            for run in _BARS.finditer(op.modules):
                a, n = run.start(), run.end() - run.start()
                if op.rotated:
                    path.rect(0, length - (a + n) * m, op.height, n * m)
                else:
                    path.rect(a * m, 0, n * m, op.height)
        else:
            side = len(op.matrix) * m
            for a, n, r0, r1 in qr_rects(op.matrix):
                path.rect(a * m, side - r1 * m, n * m, (r1 - r0) * m)
        c.drawPath(path, stroke=0, fill=1)
        c.endForm()
        self.forms[key] = name
        return name


def qr_rects(matrix: Sequence[bytes]) -> list[tuple[int, int, int, int]]:
    """Dark runs of a QR as (column, width, first row, end row): a run repeated on the rows
    below becomes one taller rectangle (about a third fewer path operators)."""
    rects: list[tuple[int, int, int, int]] = []
    open_runs: dict[tuple[int, int], int] = {}
    for r, row in enumerate([*matrix, b""]):
        runs = {(d.start(), d.end() - d.start()) for d in _MODULES.finditer(row)}
        for run in list(open_runs):
            if run not in runs:
                rects.append((*run, open_runs.pop(run), r))
        for run in runs:
            open_runs.setdefault(run, r)
    return rects
