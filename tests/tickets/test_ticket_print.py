"""The printed queue ticket: 80 mm thermal raster (PNG and ESC/POS) and a PDF, read back."""

from __future__ import annotations

import io
import unicodedata
from datetime import UTC, date, datetime

import numpy as np
import pytest
from PIL import Image

from counter_app.errors import AppError
from counter_app.services.tickets import Taken, TicketView
from printing import ticket
from printing.layout import TextOp
from tests.printing.pdfcheck import flat, has_decomposed, page_sizes, page_texts

OFFICE_NFD = unicodedata.normalize("NFD", "Bộ phận Một cửa xã Thử Nghiệm")


def _taken(number: int = 12, ahead: int = 3, group: str = "Hộ tịch") -> Taken:
    view = TicketView(
        id=7,
        day=date(2026, 11, 23),
        number=number,
        label=f"{number:04d}",
        group_code="B",
        group_name=unicodedata.normalize("NFD", group),
        state="waiting",
        taken_at=datetime(2026, 11, 23, 1, 5, tzinfo=UTC),  # 08:05 in Việt Nam
        called_at=None,
        ended_at=None,
        counter="",
        officer_id=None,
        call_count=0,
        dossier_code="",
    )
    return Taken(view, ahead)


def _decode_escpos(data: bytes) -> Image.Image:
    """Read `GS v 0` bands back into one 1-bit image (what the printer burns)."""
    assert data.startswith(b"\x1b@")
    rows: list[np.ndarray] = []
    pos, width = 2, None
    while (start := data.find(b"\x1dv0\x00", pos)) != -1:
        xl, xh, yl, yh = data[start + 4 : start + 8]
        xbytes, n = xl + (xh << 8), yl + (yh << 8)
        width = xbytes * 8
        body = np.frombuffer(data[start + 8 : start + 8 + xbytes * n], dtype=np.uint8)
        rows.append(np.unpackbits(body.reshape(n, xbytes), axis=1).astype(bool))
        pos = start + 8 + xbytes * n
    assert width is not None and b"\x1dVB\x00" in data[pos:]  # fed and cut after the raster
    black = np.vstack(rows)
    return Image.fromarray(~black)


def test_the_thermal_ticket_is_80_mm_wide_at_203_dpi() -> None:
    png = ticket.render_taken(_taken(), OFFICE_NFD, "png")
    img = Image.open(io.BytesIO(png))
    assert img.width == 576
    assert round(img.info["dpi"][0]) == 203
    assert img.mode == "1"
    # ESC/POS carries exactly the same dots as the PNG preview.
    printed = _decode_escpos(ticket.render_taken(_taken(), OFFICE_NFD, "escpos"))
    assert printed.size == img.size
    assert np.array_equal(np.asarray(printed, dtype=bool), np.asarray(img, dtype=bool))


def test_the_number_is_the_biggest_thing_on_the_ticket() -> None:
    img = Image.open(io.BytesIO(ticket.render_taken(_taken(), OFFICE_NFD, "png")))
    ink_rows = (~np.asarray(img, dtype=bool)).any(axis=1)
    runs, run = [], 0
    for inked in ink_rows:
        run = run + 1 if inked else 0
        runs.append(run)
    assert max(runs) >= 100  # digits over 12 mm tall: readable at arm's length


def test_what_the_thermal_ticket_says() -> None:
    flow = ticket.thermal_flow(ticket.TicketPrint.of(_taken(), OFFICE_NFD))
    ops = [op for op in flow.pages[0] if isinstance(op, TextOp)]
    text = " ".join(op.text for op in ops)
    for expected in (
        "BỘ PHẬN MỘT CỬA XÃ THỬ NGHIỆM",
        "PHIẾU SỐ THỨ TỰ",
        "0012",
        "B – Hộ tịch",
        "Số người chờ trước: 3",
        "08:05 ngày 23/11/2026",
        "Vui lòng chờ",
    ):
        assert expected in text
    assert not has_decomposed(text)  # NFC: marks never print beside their letters
    number = next(op for op in ops if op.text == "0012")
    assert number.size == max(op.size for op in ops)
    assert all(op.x >= 0 and op.x + op.width <= flow.frame_width + 0.01 for op in ops)


def test_nobody_ahead_is_said_plainly() -> None:
    lines = dict(ticket.TicketPrint.of(_taken(ahead=0), "Bộ phận Một cửa").lines())
    assert lines["ahead"] == "Không có ai chờ trước quý khách"


def test_the_pdf_ticket_for_an_ordinary_printer() -> None:
    pdf = ticket.render_taken(_taken(number=1234, group="Chứng thực"), OFFICE_NFD, "pdf")
    assert page_sizes(pdf) == [(298, 420)]  # A6
    (text,) = page_texts(pdf)
    read = flat(text)
    assert "1234" in read
    assert "BỘ PHẬN MỘT CỬA XÃ THỬ NGHIỆM" in read
    assert "B – Chứng thực" in read
    assert "Số người chờ trước: 3" in read
    assert not has_decomposed(text)


def test_an_unknown_medium_is_refused() -> None:
    with pytest.raises(AppError) as err:
        ticket.render_taken(_taken(), OFFICE_NFD, "bmp")
    assert err.value.code == "E_TICKET_MEDIA"
