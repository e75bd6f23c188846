"""Code128 of the dossier code and the look-up QR, as blocks of a flow.

The bar pattern comes from python-barcode's `build()` (modules, not a picture), so the same
symbol is drawn as vector rectangles in a PDF and as whole dots on a thermal printer. Bars are
never narrower than the profile's module (≥ 0.33 mm: decodes from a 150 dpi scan, STACK.md).
"""

from __future__ import annotations

from functools import lru_cache

import segno
from barcode.codex import Code128
from barcode.errors import BarcodeError

from counter_app.errors import ValidationError
from printing.fonts import REGULAR
from printing.layout import BarsOp, Flow, QrOp, Style, wrap

QUIET = 10  # modules of white each side (Code128 minimum)
QR_QUIET = 4
MM = 72 / 25.4


@lru_cache(maxsize=512)
def code128_modules(value: str) -> str:
    try:
        return str(Code128(value).build()[0])
    except (BarcodeError, ValueError, KeyError) as exc:
        raise ValidationError(
            "E_BARCODE", f"Không tạo được mã vạch cho {value!r}: ký tự không mã hoá được."
        ) from exc


@lru_cache(maxsize=512)
def qr_matrix(content: str) -> tuple[bytes, ...]:
    """QR rows (1 = dark). A fixed mask: segno's mask scoring costs ~4 ms and every mask is a
    valid symbol (ISO 18004); the decoding tests read it at 150 and 300 dpi."""
    qr = segno.make(content, error="m", mask=3, micro=False)
    return tuple(bytes(row) for row in qr.matrix)


def barcode(
    flow: Flow,
    value: str,
    *,
    module: float,
    height: float,
    text: Style,
    rotate_ok: bool = False,
) -> None:
    """The bars centred under the cursor, the human-readable code below them."""
    modules = code128_modules(value)
    length = len(modules) * module
    label = wrap([(value, REGULAR)], text.size, flow.width)
    label_h = len(label) * text.leading
    bleed = flow.margins[0] - 2 * MM  # bars may reach into the margins, not off the paper
    if length + 2 * QUIET * module <= flow.width + 2 * bleed:
        flow.ensure(height + label_h)
        x = flow.x0 + (flow.width - length) / 2
        flow.ops.append(BarsOp(x, flow.y, modules, module, height))
        flow.y += height
    elif rotate_ok:
        flow.ensure(length + 2 * QUIET * module + label_h)
        flow.y += QUIET * module
        x = flow.x0 + (flow.width - height) / 2
        flow.ops.append(BarsOp(x, flow.y, modules, module, height, rotated=True))
        flow.y += length + QUIET * module
    else:
        raise ValidationError(
            "E_BARCODE_TOO_LONG",
            f"Mã hồ sơ {value} quá dài để in mã vạch rõ nét (vạch ≥ 0,33 mm) trên khổ giấy này.",
            hint="Chọn khổ A4 (receipt_layout = a4x2) hoặc rút gọn mẫu mã hồ sơ.",
        )
    for line in label:
        flow.place_line(line, text, flow.x0, flow.width, "center", flow.y)
        flow.y += text.leading


def qr(flow: Flow, content: str, *, module: float, caption: Style, lines: list[str]) -> None:
    """The QR with its quiet zone and a caption beside it (below it on a narrow roll)."""
    matrix = qr_matrix(content)
    side = len(matrix) * module
    gap = QR_QUIET * module
    beside = flow.width - side - gap >= 25 * MM
    cap_w = flow.width - side - gap if beside else flow.width
    caption_lines = [ln for text in lines for ln in wrap([(text, REGULAR)], caption.size, cap_w)]
    text_h = len(caption_lines) * caption.leading
    height = max(side, text_h) if beside else side + gap / 2 + text_h
    flow.ensure(height + 2 * gap)
    flow.y += gap
    if beside:
        flow.ops.append(QrOp(flow.x0, flow.y, matrix, module))
        cap_x, top = flow.x0 + side + gap, flow.y + max(0.0, (side - text_h) / 2)
        align = "left"
    else:
        flow.ops.append(QrOp(flow.x0 + (flow.width - side) / 2, flow.y, matrix, module))
        cap_x, top, align = flow.x0, flow.y + side + gap / 2, "center"
    for i, line in enumerate(caption_lines):
        flow.place_line(line, caption, cap_x, cap_w, align, top + i * caption.leading)
    flow.y += height + gap


def codes_row(
    flow: Flow,
    value: str,
    content: str,
    *,
    module: float,
    height: float,
    text: Style,
    qr_module: float,
) -> bool:
    """Bars and, to their right, the QR on one row (saves a receipt's page); False (nothing
    placed) when the two do not fit side by side."""
    modules = code128_modules(value)
    length = len(modules) * module
    matrix = qr_matrix(content)
    side = len(matrix) * qr_module
    bleed = flow.margins[0] - 2 * MM
    left = flow.x0 - bleed + QUIET * module  # the left quiet zone may lie in the margin
    qr_x = flow.x0 + flow.width - side
    if left + length + QUIET * module > qr_x:
        return False
    label = wrap([(value, REGULAR)], text.size, qr_x - flow.x0)
    bars_h = height + len(label) * text.leading
    row_h = max(bars_h, side)
    gap = QR_QUIET * qr_module
    flow.ensure(row_h + 2 * gap)
    flow.y += gap
    x = left + (qr_x - QUIET * module - left - length) / 2
    top = flow.y + (row_h - bars_h) / 2
    flow.ops.append(BarsOp(x, top, modules, module, height))
    for i, line in enumerate(label):
        y = top + height + i * text.leading
        flow.place_line(line, text, x, length, "center", y)
    flow.ops.append(QrOp(qr_x, flow.y + (row_h - side) / 2, matrix, qr_module))
    flow.y += row_h + gap
    return True
