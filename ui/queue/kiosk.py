"""The ticket kiosk (máy lấy số): one big button per group; a tap takes a number.

Touch-friendly, no login, no personal data: it shows the number, the group and how many
people are ahead, and prints the 80 mm ticket on `queue.ticket_printer` (or the default
printer) when printing/ticket.py and a printer are there; otherwise the number stays on
screen longer so the citizen can note it. Taps while a ticket is being taken are ignored, so
a double tap never takes two numbers. Run alone with `python main.py kiosk`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import VN_TZ
from counter_app.services import tickets
from counter_app.services.context import Core
from counter_app.services.tickets import Taken, TicketGroupView
from ui.queue.ticket_print import TicketPrinterJob, render_png
from ui.tasks import Runner
from ui.widgets import describe

log = logging.getLogger(__name__)

SHOW_MS = 8000  # the number stays this long, then the buttons come back
SHOW_UNPRINTED_MS = 20000  # longer when nothing was printed: time to write it down

# print_ticket(png) → True when the ticket went to a printer.
TicketPrinter = Callable[[bytes], bool]


def _font(widget: QWidget, pixels: int, bold: bool = True) -> None:
    font = QFont(widget.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    widget.setFont(font)


class KioskWindow(QWidget):
    """Emits `taken(Taken)` when a number was taken and shown."""

    taken = Signal(object)

    def __init__(
        self,
        core: Core,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        printer: TicketPrinter | None = None,
    ) -> None:
        super().__init__(parent)
        self.core, self.runner = core, runner
        self.setObjectName("kioskWindow")
        self.setWindowTitle(self.tr("Lấy số thứ tự"))
        self.setAccessibleName(self.tr("Lấy số thứ tự"))
        self.print_ticket = printer or TicketPrinterJob(core.settings.queue.ticket_printer)
        self.busy = False
        self.last: Taken | None = None
        self.last_png: bytes | None = None
        self.buttons: dict[str, QPushButton] = {}
        self._build()
        self.back_timer = QTimer(self)
        self.back_timer.setSingleShot(True)
        self.back_timer.timeout.connect(self.show_groups)
        self.load_groups()

    def _build(self) -> None:
        self.setStyleSheet(
            "#kioskWindow { background: #f4f7fb; }"
            " QPushButton[group='true'] { background: #0b5cad; color: white;"
            " border-radius: 14px; padding: 18px; }"
            " QPushButton[group='true']:pressed { background: #08447f; }"
            " QPushButton[group='true']:disabled { background: #8aa9c9; }"
        )
        self.pages = QStackedWidget()
        # Page 0: the groups.
        choose = QWidget()
        self.heading = QLabel(self.tr("Chạm vào lĩnh vực cần giải quyết để lấy số"))
        self.heading.setObjectName("kioskHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        _font(self.heading, 34)
        self.grid = QGridLayout()
        self.grid.setSpacing(18)
        self.message = QLabel()
        self.message.setObjectName("kioskMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        _font(self.message, 24, bold=False)
        column = QVBoxLayout(choose)
        column.setContentsMargins(40, 30, 40, 30)
        column.addWidget(self.heading)
        column.addSpacing(20)
        column.addLayout(self.grid, 1)
        column.addWidget(self.message)
        # Page 1: the ticket just taken.
        ticket = QWidget()
        self.your_number = QLabel(self.tr("Số của bạn"))
        self.number = QLabel()
        self.number.setObjectName("kioskNumber")
        self.group = QLabel()
        self.group.setObjectName("kioskGroup")
        self.ahead = QLabel()
        self.ahead.setObjectName("kioskAhead")
        self.when = QLabel()
        self.when.setObjectName("kioskTime")
        self.print_note = QLabel()
        self.print_note.setObjectName("kioskPrintNote")
        for label, size, bold in (
            (self.your_number, 36, False),
            (self.number, 160, True),
            (self.group, 36, True),
            (self.ahead, 34, False),
            (self.when, 24, False),
            (self.print_note, 26, False),
        ):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            _font(label, size, bold)
        self.done_button = QPushButton(self.tr("Xong"))
        self.done_button.setObjectName("kioskDone")
        self.done_button.setAccessibleName(self.tr("Xong, quay lại màn hình lấy số"))
        self.done_button.setProperty("group", True)
        self.done_button.setMinimumHeight(90)
        _font(self.done_button, 32)
        self.done_button.clicked.connect(self.show_groups)
        shown = QVBoxLayout(ticket)
        shown.setContentsMargins(40, 30, 40, 30)
        for widget in (self.your_number, self.number, self.group, self.ahead, self.when):
            shown.addWidget(widget)
        shown.addWidget(self.print_note)
        shown.addStretch(1)
        shown.addWidget(self.done_button)
        self.pages.addWidget(choose)
        self.pages.addWidget(ticket)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    # -- groups ---------------------------------------------------------------------------

    def load_groups(self) -> None:
        core = self.core
        self.runner.run(lambda: tickets.groups(core), self._show_buttons, self._failed)

    def _show_buttons(self, groups: list[TicketGroupView]) -> None:
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.deleteLater()
        self.buttons.clear()
        columns = 2 if len(groups) > 3 else 1
        for i, group in enumerate(groups):
            button = QPushButton()
            button.setObjectName(f"kioskGroup{group.code}")
            button.setProperty("group", True)
            button.setAccessibleName(self.tr("Lấy số nhóm {0}").format(group.name))
            button.setMinimumHeight(110)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            # A long field name wraps inside the button instead of widening the window.
            caption = QLabel(f"{group.code} — {group.name}", button)
            caption.setWordWrap(True)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setStyleSheet("color: white; background: transparent;")
            caption.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            _font(caption, 30)
            QHBoxLayout(button).addWidget(caption)
            button.clicked.connect(lambda _c=False, code=group.code: self.take(code))
            self.grid.addWidget(button, i // columns, i % columns)
            self.buttons[group.code] = button
        for column in range(columns):
            self.grid.setColumnStretch(column, 1)
        self.message.setText("" if groups else self.tr("Chưa có nhóm số thứ tự nào."))

    # -- taking a number ------------------------------------------------------------------

    def take(self, group_code: str) -> None:
        if self.busy:
            return
        self.busy = True
        for button in self.buttons.values():
            button.setEnabled(False)
        self.message.setText(self.tr("Đang lấy số…"))
        core = self.core

        def work() -> tuple[Taken, bytes | None]:
            taken = tickets.take(core, group_code)
            try:
                return taken, render_png(core, taken)
            except Exception as exc:  # the number is taken: show it even if drawing failed
                log.warning("ticket drawing failed", exc_info=exc)
                return taken, None

        self.runner.run(work, self._taken, self._take_failed)

    def _taken(self, found: tuple[Taken, bytes | None]) -> None:
        taken, png = found
        self.busy = False
        self.last = taken
        self.last_png = png
        t = taken.ticket
        self.number.setText(t.label)
        self.number.setAccessibleName(self.tr("Số của bạn: {0}").format(t.label))
        self.group.setText(t.group_name)
        self.ahead.setText(
            self.tr("Trước bạn còn {0} người").format(taken.ahead)
            if taken.ahead
            else self.tr("Bạn là người tiếp theo")
        )
        self.when.setText(f"{t.taken_at.astimezone(VN_TZ):%H:%M %d/%m/%Y}")
        try:
            printed = png is not None and self.print_ticket(png)
        except Exception as exc:  # a jammed printer must not lose the number on screen
            log.warning("ticket print failed", exc_info=exc)
            printed = False
        self.print_note.setText(
            self.tr("Mời nhận phiếu ở khe máy in và chờ gọi số.")
            if printed
            else self.tr("Không in được phiếu: xin ghi nhớ số của bạn và chờ gọi số.")
        )
        self.message.clear()
        self.pages.setCurrentIndex(1)
        self.back_timer.start(SHOW_MS if printed else SHOW_UNPRINTED_MS)
        self.taken.emit(taken)

    def _take_failed(self, exc: BaseException) -> None:
        self.busy = False
        self._failed(exc)
        for button in self.buttons.values():
            button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(describe(exc)[0])

    def show_groups(self) -> None:
        self.back_timer.stop()
        for button in self.buttons.values():
            button.setEnabled(True)
        self.pages.setCurrentIndex(0)
