"""The ticket kiosk: a tap takes the next number, shows it with the people ahead, prints it."""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from counter_app.services import tickets
from counter_app.services.context import Core
from printing import ticket
from ui.queue.kiosk import KioskWindow
from ui.queue.ticket_print import paint
from ui.tasks import SyncRunner


class Printer:
    def __init__(self, works: bool = True) -> None:
        self.works = works
        self.jobs: list[bytes] = []

    def __call__(self, png: bytes) -> bool:
        self.jobs.append(png)
        return self.works


def kiosk_for(qtbot: QtBot, core: Core, printer: Printer) -> KioskWindow:
    kiosk = KioskWindow(core, SyncRunner(), printer=printer)
    qtbot.addWidget(kiosk)
    kiosk.resize(1024, 768)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    return kiosk


def test_a_tap_shows_the_number_and_the_people_ahead_and_prints_that_ticket(
    qtbot: QtBot, office_core: Core, group_codes: list[str]
) -> None:
    printer = Printer()
    kiosk = kiosk_for(qtbot, office_core, printer)
    a, b = group_codes[:2]
    assert set(kiosk.buttons) == set(group_codes)
    qtbot.mouseClick(kiosk.buttons[a], Qt.MouseButton.LeftButton)
    assert kiosk.number.text() == "0001"
    assert kiosk.ahead.text() == "Bạn là người tiếp theo"
    kiosk.done_button.click()
    qtbot.mouseClick(kiosk.buttons[a], Qt.MouseButton.LeftButton)
    assert kiosk.number.text() == "0002"
    assert kiosk.ahead.text() == "Trước bạn còn 1 người"
    assert kiosk.last is not None and kiosk.last.ticket.group_code == a
    assert kiosk.pages.currentIndex() == 1 and "Mời nhận phiếu" in kiosk.print_note.text()
    # What went to the printer is this very ticket, as printing/ticket.py draws it.
    expected = ticket.render_taken(kiosk.last, "Bộ phận Một cửa xã Thử Nghiệm", "png")
    assert printer.jobs[-1] == expected and len(printer.jobs) == 2
    kiosk.done_button.click()
    qtbot.mouseClick(kiosk.buttons[b], Qt.MouseButton.LeftButton)
    assert kiosk.number.text() == "0003"  # one sequence for the whole office
    assert kiosk.ahead.text() == "Bạn là người tiếp theo"  # nobody waits in group b
    assert tickets.waiting_counts(office_core)[a] == 2


def test_without_a_printer_the_number_stays_on_screen_with_a_note(
    qtbot: QtBot, office_core: Core, group_codes: list[str]
) -> None:
    kiosk = kiosk_for(qtbot, office_core, Printer(works=False))
    qtbot.mouseClick(kiosk.buttons[group_codes[0]], Qt.MouseButton.LeftButton)
    assert kiosk.number.text() == "0001"
    assert "ghi nhớ số" in kiosk.print_note.text()
    assert kiosk.back_timer.interval() > 10_000  # longer, to write the number down
    kiosk.back_timer.timeout.emit()
    assert kiosk.pages.currentIndex() == 0


def test_a_tap_while_a_number_is_being_taken_takes_nothing_more(
    qtbot: QtBot, office_core: Core, group_codes: list[str]
) -> None:
    class Slow(SyncRunner):
        """Holds the first task back, as a busy database would."""

        def __init__(self) -> None:
            self.held: list[tuple[object, object]] = []

        def run(self, fn, on_done=None, on_error=None):  # type: ignore[no-untyped-def]
            if self.held or getattr(fn, "__name__", "") != "work":
                return super().run(fn, on_done, on_error)
            self.held.append((fn, on_done))

    kiosk = kiosk_for(qtbot, office_core, Printer())
    slow = Slow()
    kiosk.runner = slow
    code = group_codes[0]
    kiosk.take(code)
    kiosk.take(code)  # a second, impatient tap
    assert len(slow.held) == 1 and not kiosk.buttons[code].isEnabled()
    fn, on_done = slow.held[0]
    on_done(fn())  # type: ignore[operator]
    assert kiosk.number.text() == "0001"
    assert tickets.waiting_counts(office_core)[code] == 1


def test_an_unknown_group_is_explained_not_crashed(
    qtbot: QtBot, office_core: Core, group_codes: list[str]
) -> None:
    kiosk = kiosk_for(qtbot, office_core, Printer())
    kiosk.take("ZZ")
    assert "ZZ" in kiosk.message.text() and kiosk.pages.currentIndex() == 0
    assert all(b.isEnabled() for b in kiosk.buttons.values())


def test_the_ticket_prints_at_its_true_80_mm_width(
    qtbot: QtBot, office_core: Core, group_codes: list[str], tmp_path: object
) -> None:
    from pathlib import Path

    taken = tickets.take(office_core, group_codes[0])
    png = ticket.render_taken(taken, "UBND xã Thử Nghiệm", "png")
    out = Path(str(tmp_path)) / "ticket.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert paint(printer, png)
    doc = pdfium.PdfDocument(str(out))
    width, _height = doc[0].get_size()
    assert abs(width / 72 * 25.4 - 80) < 1  # points → mm
    image = doc[0].render(scale=1).to_pil().convert("L")
    assert image.getextrema()[0] < 64  # black ink on the page, not a blank sheet
    doc.close()
