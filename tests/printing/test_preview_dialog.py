"""The preview dialog (offscreen Qt): opens with the pages, saves a PDF, prints through
QPrinter (to a PDF file here: no real printer), remembers the printer per form, records."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from counter_app.errors import AppError
from counter_app.services import forms
from counter_app.services.context import Actor, Core
from tests.printing import pdfcheck
from ui import print_preview
from ui.print_preview import PrintPreviewDialog, open_form
from ui.tasks import SyncRunner

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def qt_settings(tmp_path: Path, qapp: object) -> Iterator[None]:
    """QSettings in a per-test folder, never the user's."""
    QCoreApplication.setOrganizationName("MotCuaTest")
    QCoreApplication.setApplicationName("counter-app-printing-test")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    yield


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def opened(parent: QWidget, pcore: Core, clerk: Actor, code: str) -> PrintPreviewDialog:
    dialogs: list[PrintPreviewDialog] = []
    open_form(parent, pcore, clerk, code, "01", SyncRunner(), on_open=dialogs.append)
    assert len(dialogs) == 1
    return dialogs[0]


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_opens_with_the_pages(opened: PrintPreviewDialog) -> None:
    assert opened.isVisible()
    assert opened.page_count == 1
    assert opened.info.text().startswith("1 trang")
    assert "2 liên" in opened.info.text()
    page = opened.findChild(QWidget, "page1")
    assert page is not None and page.pixmap().width() > 1000  # an A4 sheet at 96 dpi


def test_save_as_pdf_writes_a_valid_file_and_records_it(
    opened: PrintPreviewDialog,
    pcore: Core,
    clerk: Actor,
    code: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "giay tiep nhan"  # no suffix typed: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    shown = opened.pdf
    opened.save_button.click()
    saved = target.with_suffix(".pdf")
    assert saved.read_bytes() == shown
    assert len(pdfium.PdfDocument(saved.read_bytes())) == 1
    history = forms.history(pcore, clerk, code)
    assert [(h.form, h.reprint, h.sha256) for h in history] == [
        ("01", False, forms.Output(shown, "", "").sha256)
    ]
    # Once out, the preview shows what a second print would be: a reprint.
    assert "BẢN IN LẠI" in " ".join(pdfcheck.page_texts(opened.pdf))


def test_cancelled_save_writes_and_records_nothing(
    opened: PrintPreviewDialog,
    pcore: Core,
    clerk: Actor,
    code: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert opened.save_pdf() is False
    assert forms.history(pcore, clerk, code) == []


def test_print_sends_every_page_to_the_printer(
    opened: PrintPreviewDialog, pcore: Core, clerk: Actor, code: str, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"
    assert opened.print_to(pdf_printer(out))
    printed = out.read_bytes()
    assert pdfcheck.page_sizes(printed) == [(842, 595)]  # the A4 sheet with two A5 copies
    found = pdfcheck.decode(pdfcheck.rasterize(printed, 150)[0])
    assert [f for f in found if f[0] == "Code128"] == [("Code128", code), ("Code128", code)]
    assert [h.form for h in forms.history(pcore, clerk, code)] == ["01"]


def test_print_dialog_starts_with_one_job_and_the_remembered_printer(
    opened: PrintPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class NamedPrinter(QPrinter):
        def printerName(self) -> str:
            return "Máy in quầy 2"

    assert opened.print_to(pdf_printer(tmp_path / "a.pdf")) is True
    assert opened.remembered_printer() == ""  # a PDF file is no printer to remember
    named = NamedPrinter(QPrinter.PrinterMode.HighResolution)
    named.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    named.setOutputFileName(str(tmp_path / "b.pdf"))
    assert opened.print_to(named)
    assert opened.remembered_printer() == "Máy in quầy 2"

    seen: list[QPrinter] = []

    class FakePrintDialog:
        def __init__(self, printer: QPrinter, parent: Any) -> None:
            seen.append(printer)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(tmp_path / "c.pdf"))

        def setWindowTitle(self, title: str) -> None:
            pass

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(print_preview, "QPrintDialog", FakePrintDialog)
    assert opened.print_with_dialog()
    assert seen[0].copyCount() == 1  # the PDF already holds Liên 1 and Liên 2
    assert (tmp_path / "c.pdf").stat().st_size > 0


def test_the_remembered_printer_is_per_form_and_only_if_it_exists(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", lambda: ["Máy in A", "Máy in B"])
    store = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    store.setValue(print_preview.printer_key("01"), "Máy in B")
    store.setValue(print_preview.printer_key("05"), "Máy in đã tháo")
    pdf = _blank_pdf()

    def dialog(form: str) -> PrintPreviewDialog:
        d = PrintPreviewDialog(
            pdf, form=form, title="x", default_printer="Máy in A", settings=store
        )
        qtbot.addWidget(d)
        return d

    assert dialog("01").preferred_printer() == "Máy in B"
    assert dialog("05").preferred_printer() == "Máy in A"  # remembered one is gone
    assert dialog("02").preferred_printer() == "Máy in A"


def _blank_pdf() -> bytes:
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_a_form_that_makes_no_sense_shows_the_reason(
    parent: QWidget, pcore: Core, clerk: Actor, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[BaseException] = []
    monkeypatch.setattr(print_preview, "show_error", lambda widget, exc, *a: errors.append(exc))
    opened: list[PrintPreviewDialog] = []
    open_form(parent, pcore, clerk, code, "03", SyncRunner(), on_open=opened.append)
    assert opened == []
    assert isinstance(errors[0], AppError) and errors[0].code == "E_FORM_STATUS"
