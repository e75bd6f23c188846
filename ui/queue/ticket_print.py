"""Printing the kiosk's ticket: printing/ticket.py draws it, QPrinter sends it.

The ticket is drawn on the worker as the 80 mm raster (576 dots at 203 dpi, text as pixels:
thermal printers have no Vietnamese code page) and painted on the Qt thread onto a page
exactly as long as the ticket, on `queue.ticket_printer` or the system's default printer.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from counter_app.services import office
from counter_app.services.context import Core
from counter_app.services.tickets import Taken
from printing import ticket
from printing.blocks import THERMAL_DPI

log = logging.getLogger(__name__)

ROLL_MM = 80.0  # the paper; the 72 mm image is centred on it


def render_png(core: Core, taken: Taken) -> bytes:
    """On the worker: the ticket as the thermal printer's PNG, with the office's name."""
    found = office.get_office(core)
    return ticket.render_taken(taken, found.name if found else "", "png")


def paint(printer: QPrinter, png: bytes) -> bool:
    """Paint the ticket image on `printer` at its true size; False when it cannot print."""
    image = QImage.fromData(png)
    if image.isNull():
        return False
    width_mm = image.width() / THERMAL_DPI * 25.4
    height_mm = image.height() / THERMAL_DPI * 25.4
    size = QPageSize(QSizeF(ROLL_MM, height_mm), QPageSize.Unit.Millimeter, "ticket")
    printer.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dots_per_mm = printer.resolution() / 25.4
        left = (ROLL_MM - width_mm) / 2 * dots_per_mm
        target = QRectF(left, 0, width_mm * dots_per_mm, height_mm * dots_per_mm)
        painter.drawImage(target, image)
    finally:
        painter.end()
    return True


class TicketPrinterJob:
    """`job(png)` prints one ticket; False when this machine has no usable printer."""

    def __init__(self, printer_name: str = "") -> None:
        self.printer_name = printer_name

    def printer_to_use(self) -> str:
        known = QPrinterInfo.availablePrinterNames()
        if self.printer_name and self.printer_name in known:
            return self.printer_name
        return QPrinterInfo.defaultPrinterName()

    def __call__(self, png: bytes) -> bool:
        name = self.printer_to_use()
        if not name:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(name)
        printer.setDocName("ticket")
        return paint(printer, png)
