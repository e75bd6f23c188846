"""Print preview: the form as it will print, then the system's printer dialog or "Lưu PDF".

Pages are drawn by pypdfium2 (a 3 MB wheel) into images: Qt's own PDF viewer lives in
PySide6-Addons (400 MB more), not worth it for showing a one- or two-page form. Printing
sends those pages, rendered at the printer's resolution (300 dpi at most: barcode bars of
0.35 mm are four dots wide), through QPrinter, so any printer the system knows works.

The PDF of Mẫu 01 already holds both copies (Liên 1 and Liên 2, on one A4 or two pages, per
`printing.receipt_layout`): one print job gives the two receipts, so the dialog's copy count
starts at 1. The printer last used for each form is remembered (QSettings).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import shiboken6
from PySide6.QtCore import QMarginsF, QSettings, QSizeF, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import AppError
from counter_app.services.context import Actor, Core
from printing import render
from printing.files import write_atomic
from ui.tasks import Runner
from ui.widgets import show_error

PREVIEW_DPI = 96
MAX_PRINT_DPI = 300


def printer_key(form: str) -> str:
    return f"printing/printer/{form}"


def page_image(page: pdfium.PdfPage, dpi: float) -> QImage:
    """One PDF page as a greyscale image (forms are black and white)."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    pil = bitmap.to_pil().convert("L")
    data = pil.tobytes()
    image = QImage(data, pil.width, pil.height, pil.width, QImage.Format.Format_Grayscale8)
    return image.copy()  # own the pixels: `data` goes away with this frame


class PrintPreviewDialog(QDialog):
    """Shows a PDF's pages; prints it or saves it. `printed` says where it went."""

    printed = Signal(str)  # "printer" | "pdf": the form left the program (to be recorded)

    def __init__(
        self,
        pdf: bytes,
        *,
        form: str,
        title: str,
        note: str = "",
        default_printer: str = "",
        file_name: str = "",
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printPreviewDialog")
        self.form = form
        self.default_printer = default_printer
        self.file_name = file_name or "bieu-mau.pdf"
        self.settings = settings if settings is not None else QSettings()
        self.setWindowTitle(self.tr("Xem trước khi in – {0}").format(title))
        self.info = QLabel()
        self.info.setObjectName("pageCount")
        self.info.setWordWrap(True)
        self.pages_box = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_box)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.pages_box)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.print_button = QPushButton(self.tr("&In…"))
        self.print_button.setObjectName("printButton")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setToolTip(self.tr("In bằng máy in của hệ thống (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button = QPushButton(self.tr("&Lưu PDF…"))
        self.save_button.setObjectName("savePdfButton")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip(self.tr("Lưu thành tệp PDF (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_pdf)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.info, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.note = note
        self.pdf = b""
        self.page_count = 0
        self.set_document(pdf)
        self.resize(900, 760)
        self.print_button.setDefault(True)

    def set_document(self, pdf: bytes) -> None:
        """Show `pdf` (also after a print: the copy is re-rendered as "BẢN IN LẠI")."""
        self.pdf = pdf
        while (item := self.pages_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        doc = pdfium.PdfDocument(pdf)
        try:
            self.page_count = len(doc)
            for i in range(self.page_count):
                label = QLabel()
                label.setObjectName(f"page{i + 1}")
                label.setPixmap(QPixmap.fromImage(page_image(doc[i], PREVIEW_DPI)))
                label.setStyleSheet("background: white; border: 1px solid #999;")
                label.setAccessibleName(self.tr("Trang {0}").format(i + 1))
                self.pages_layout.addWidget(label)
        finally:
            doc.close()
        text = self.tr("{0} trang").format(self.page_count)
        self.info.setText(f"{text}. {self.note}" if self.note else text)

    # -- printing ---------------------------------------------------------------------------

    def remembered_printer(self) -> str:
        return str(self.settings.value(printer_key(self.form), "") or "")

    def preferred_printer(self) -> str:
        """The printer last used for this form, else the configured one, if still installed."""
        known = set(QPrinterInfo.availablePrinterNames())
        for name in (self.remembered_printer(), self.default_printer):
            if name and name in known:
                return name
        return ""

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if name := self.preferred_printer():
            printer.setPrinterName(name)
        printer.setCopyCount(1)
        printer.setDocName(self.windowTitle())
        return printer

    def print_with_dialog(self) -> bool:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("In"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Send every page to `printer`; remember it for this form; announce the print."""
        doc = pdfium.PdfDocument(self.pdf)
        painter = QPainter()
        try:
            width, height = doc[0].get_size()
            orientation = (
                QPageLayout.Orientation.Landscape
                if width > height
                else QPageLayout.Orientation.Portrait
            )
            size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point)
            printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
            printer.setFullPage(True)
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
            if not painter.begin(printer):
                show_error(
                    self,
                    AppError(
                        "E_PRINTER",
                        self.tr("Không mở được máy in {0}.").format(printer.printerName()),
                        hint=self.tr("Kiểm tra máy in đã bật và đã kết nối, rồi in lại."),
                    ),
                )
                return False
            first = True
            for _ in range(copies):
                for i in range(len(doc)):
                    if not first:
                        printer.newPage()
                    first = False
                    image = page_image(doc[i], dpi)
                    target = printer.paperRect(QPrinter.Unit.DevicePixel)
                    painter.drawImage(target, image)
        finally:
            if painter.isActive():
                painter.end()
            doc.close()
        if printer.printerName():
            self.settings.setValue(printer_key(self.form), printer.printerName())
        self.printed.emit("printer")
        return True

    def save_pdf(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Lưu PDF"),
            str(Path.home() / self.file_name),
            self.tr("Tệp PDF (*.pdf)"),
        )
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            write_atomic(path, self.pdf)
        except Exception as exc:
            show_error(self, exc, self.tr("Không lưu được tệp"))
            return False
        self.printed.emit("pdf")
        return True


def copies_note(rendered: render.Rendered, core: Core) -> str:
    if rendered.form != "01":
        return ""
    p = core.settings.printing
    sheet = "trên một tờ A4" if p.receipt_layout == "a5x2" else "trên các trang A4 riêng"
    return f"Giấy tiếp nhận gồm {p.copies} liên {sheet}: in một lần được đủ các liên."


def open_form(
    parent: QWidget,
    core: Core,
    actor: Actor,
    code: str,
    form: str,
    runner: Runner,
    *,
    on_open: Callable[[PrintPreviewDialog], None] | None = None,
) -> None:
    """Render the form in the background, then show the preview. Printing or saving it is
    recorded on the dossier (audit "print"), and the preview turns into "BẢN IN LẠI"."""

    def opened(rendered: render.Rendered) -> None:
        dialog = PrintPreviewDialog(
            rendered.data,
            form=form,
            title=f"{rendered.name} – {rendered.code}",
            note=copies_note(rendered, core),
            default_printer=core.settings.printing.printer,
            file_name=f"{rendered.code}-mau-{form}.pdf",
            parent=parent,
        )
        state = {"rendered": rendered}

        def record(where: str) -> None:
            shown = state["rendered"]

            def work() -> render.Rendered:
                render.record(core, actor, shown)
                return render.preview(core, actor, code, form)

            def done(again: render.Rendered) -> None:
                state["rendered"] = again
                if shiboken6.isValid(dialog):  # the clerk may have closed it meanwhile
                    dialog.set_document(again.data)

            def failed(exc: BaseException) -> None:
                show_error(dialog if shiboken6.isValid(dialog) else parent, exc)

            runner.run(work, done, failed)

        dialog.printed.connect(record)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if on_open is not None:
            on_open(dialog)

    runner.run(
        lambda: render.preview(core, actor, code, form),
        opened,
        lambda exc: show_error(parent, exc, parent.tr("Không in được biểu mẫu")),
    )
