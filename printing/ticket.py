"""The printed queue ticket (phiếu số thứ tự): office name, the big number, the service group,
people ahead, date and time, a short note.

Laid out once with the form engine (printing/layout.py) and painted three ways: a 1-bit image
576 dots wide (80 mm roll at 203 dpi) as PNG or as ESC/POS `GS v 0` raster (thermal printers
have no Vietnamese code page, so text goes as pixels), and a PDF on an A6 page for an ordinary
printer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.domain.calendar import VN_TZ
from counter_app.errors import ValidationError
from counter_app.services.tickets import Taken
from counter_app.text import clean
from printing import fonts, raster, sheets
from printing.blocks import DOT, MM, THERMAL_DOTS, THERMAL_DPI
from printing.fonts import BOLD, REGULAR
from printing.layout import Flow, Style

MEDIA = ("png", "escpos", "pdf")
DEFAULT_NOTE = "Vui lòng chờ đến khi số của quý khách được gọi. Phiếu chỉ có giá trị trong ngày."
A6 = (105 * MM, 148 * MM)


@dataclass(frozen=True)
class TicketPrint:
    """What the ticket says; NFC-normalized on the way in."""

    office_name: str
    label: str  # "0012"
    group_code: str
    group_name: str
    ahead: int
    taken_at: datetime
    note: str = DEFAULT_NOTE

    @classmethod
    def of(cls, taken: Taken, office_name: str, note: str | None = None) -> TicketPrint:
        t = taken.ticket
        return cls(
            office_name=clean(office_name) or "Bộ phận Một cửa",
            label=t.label,
            group_code=t.group_code,
            group_name=clean(t.group_name),
            ahead=taken.ahead,
            taken_at=t.taken_at,
            note=DEFAULT_NOTE if note is None else clean(note),
        )

    def lines(self) -> list[tuple[str, str]]:
        """(role, text) in print order; tests and previews read the same words."""
        local = self.taken_at.astimezone(VN_TZ)
        ahead = (
            "Không có ai chờ trước quý khách"
            if self.ahead == 0
            else f"Số người chờ trước: {self.ahead}"
        )
        out = [
            ("office", self.office_name.upper()),
            ("title", "PHIẾU SỐ THỨ TỰ"),
            ("number", self.label),
            ("group", f"{self.group_code} – {self.group_name}"),
            ("ahead", ahead),
            ("time", f"{local:%H:%M} ngày {local:%d/%m/%Y}"),
        ]
        if self.note:
            out.append(("note", self.note))
        return out


def lay_out(ticket: TicketPrint, width: float, *, margin: float, scale: float = 1.0) -> Flow:
    """One ticket on a frame `width` points wide (an endless roll: as tall as it needs)."""
    flow = Flow(width, 0.0, (margin, margin, margin, margin), endless=True)
    styles = {
        "office": Style(9 * scale, 12 * scale, BOLD),
        "title": Style(10 * scale, 14 * scale, REGULAR),
        "number": Style(54 * scale, 64 * scale, BOLD),
        "group": Style(12 * scale, 16 * scale, BOLD),
        "ahead": Style(10 * scale, 14 * scale, REGULAR),
        "time": Style(10 * scale, 14 * scale, REGULAR),
        "note": Style(8 * scale, 11 * scale, REGULAR),
    }
    for role, text in ticket.lines():
        if role == "note":
            flow.space(4 * scale)
            flow.rule(flow.x0, flow.width, dy=0.0, weight=0.6)
            flow.space(3 * scale)
        style = styles[role]
        flow.text([(text, style.font)], style, align="center")
    return flow


def thermal_flow(ticket: TicketPrint) -> Flow:
    return lay_out(ticket, THERMAL_DOTS * DOT, margin=3 * MM)


def render(ticket: TicketPrint, media: str) -> bytes:
    """The ticket as `png` (80 mm, 203 dpi), `escpos` (bytes for the printer) or `pdf` (A6)."""
    fonts.register()  # the layout measures text with the bundled faces
    if media == "pdf":
        width, height = A6
        flow = lay_out(ticket, width, margin=8 * MM, scale=1.3)
        sheet = sheets.Sheet(width, height, (sheets.Placed(0.0, 0.0, flow.pages[0]),))
        return sheets.to_pdf(
            [sheet],
            title=f"Phiếu số thứ tự {ticket.label}",
            author=ticket.office_name,
        )
    if media not in MEDIA:
        raise ValidationError(
            "E_TICKET_MEDIA", f"Không in được dạng '{media}': chọn png, escpos hoặc pdf."
        )
    image = raster.to_image(thermal_flow(ticket), THERMAL_DPI)
    if media == "png":
        return raster.png_bytes(image, THERMAL_DPI)
    return raster.escpos_job([image])


def render_taken(taken: Taken, office_name: str, media: str, note: str | None = None) -> bytes:
    """What the CLI and the kiosk call: the ticket just taken, in the chosen medium."""
    return render(TicketPrint.of(taken, office_name, note), media)
