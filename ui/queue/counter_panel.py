"""The counter's queue panel (gọi số tại quầy): a one-line toolbar in the main window.

Shows the number this counter is serving, who waits per group, and four buttons:
F7 "Gọi số tiếp", F8 "Gọi lại", F9 "Bỏ qua" (no-show), F10 "Xong" (served without a
dossier). When a dossier is registered while a number is being served, that number ends
linked to the dossier (serving time = call → receipt). The counter is the signed-in
officer's own (users) or else this PC's `settings.counter.counter`, as in the status bar;
the groups it calls are `settings.queue.groups` ("" = all).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolBar, QWidget

from counter_app.services import tickets
from counter_app.services.tickets import TicketView
from ui.session import Session
from ui.widgets import describe

if TYPE_CHECKING:
    from counter_app.services.intake import Registered
    from ui.main_window import MainWindow
    from ui.queue.hall import HallWindow
    from ui.queue.kiosk import KioskWindow

REFRESH_MS = 5000  # waiting counts move as kiosks print and other counters call


def configured_groups(text: str) -> list[str] | None:
    """settings.queue.groups "A, B" → ["A", "B"]; "" → None (every group)."""
    codes = [part.strip().upper() for part in text.split(",") if part.strip()]
    return codes or None


class CounterPanel(QWidget):
    """Emits `changed(TicketView | None)` whenever the number being served changes."""

    changed = Signal(object)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        refresh_ms: int = REFRESH_MS,
        blocked: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queuePanel")
        self.setAccessibleName(self.tr("Gọi số thứ tự"))
        self.session = session
        settings = session.core.settings
        self.counter = session.user.counter or settings.counter.counter
        self.groups = configured_groups(settings.queue.groups)
        self.blocked = blocked  # the window is locked: no calls from the keyboard
        self.ticket: TicketView | None = None
        self.waiting: dict[str, int] = {}
        self.busy = False
        self._pending: list[tuple[Callable[[], Any], Callable[[Any], str]]] = []
        self.hall: HallWindow | None = None
        self.kiosk: KioskWindow | None = None
        self.hall_action: QAction | None = None
        self.kiosk_action: QAction | None = None
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def _build(self) -> None:
        self.serving = QLabel()
        self.serving.setObjectName("queueServing")
        self.serving.setStyleSheet("font-weight: 600; font-size: 13pt;")
        self.serving.setMinimumWidth(180)
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("queueWaiting")
        self.note = QLabel()
        self.note.setObjectName("queueNote")
        self.note.setMaximumWidth(420)
        self.next_button = self._button(
            "queueNext", self.tr("Gọi số tiếp"), "F7", self.tr("Gọi số đang chờ tiếp theo (F7)")
        )
        self.again_button = self._button(
            "queueAgain", self.tr("Gọi lại"), "F8", self.tr("Gọi lại số đang phục vụ (F8)")
        )
        self.skip_button = self._button(
            "queueSkip", self.tr("Bỏ qua"), "F9", self.tr("Công dân không có mặt: bỏ qua số (F9)")
        )
        self.done_button = self._button(
            "queueDone",
            self.tr("Xong"),
            "F10",
            self.tr("Phục vụ xong, không tiếp nhận hồ sơ (F10)"),
        )
        self.next_button.clicked.connect(self.call_next)
        self.again_button.clicked.connect(self.call_again)
        self.skip_button.clicked.connect(self.skip)
        self.done_button.clicked.connect(self.finish)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        caption = QLabel(self.tr("Quầy {0}:").format(self.counter))
        caption.setObjectName("queueCounter")
        for label in (caption, self.serving, self.waiting_label):
            layout.addWidget(label)
        layout.addStretch(1)
        for button in (self.next_button, self.again_button, self.skip_button, self.done_button):
            layout.addWidget(button)
        layout.addWidget(self.note)
        self._show()

    def _button(self, name: str, text: str, key: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setShortcut(QKeySequence(key))
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setAccessibleDescription(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never steal the intake form's focus
        return button

    # -- what is shown --------------------------------------------------------------------

    def _show(self) -> None:
        t = self.ticket
        if t is None:
            self.serving.setText(self.tr("Chưa phục vụ số nào"))
        else:
            self.serving.setText(self.tr("Đang phục vụ số {0} ({1})").format(t.label, t.group_name))
        self.serving.setAccessibleName(self.serving.text())
        parts = [f"{code}: {n}" for code, n in self.waiting.items() if n > 0]
        total = sum(self.waiting.values())
        self.waiting_label.setText(
            self.tr("Đang chờ {0} — {1}").format(total, ", ".join(parts))
            if parts
            else self.tr("Đang chờ 0")
        )
        self.waiting_label.setAccessibleName(self.waiting_label.text())
        serving = t is not None
        self.next_button.setEnabled(not self.busy)
        for button in (self.again_button, self.skip_button, self.done_button):
            button.setEnabled(serving and not self.busy)

    def title(self) -> str:
        return self.tr("Số thứ tự")

    def menu_title(self) -> str:
        return self.tr("&Số thứ tự")

    def hall_title(self) -> str:
        return self.tr("Màn hình &gọi số (phòng chờ)…")

    def kiosk_title(self) -> str:
        return self.tr("Máy &lấy số…")

    def open_hall(self) -> None:
        """The hall display from this PC (a second screen beside the counter's)."""
        from ui.queue.hall import HallWindow

        if self.hall is None:
            self.hall = HallWindow(self.session.core, self.session.runner)
            self.hall.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.hall.destroyed.connect(lambda: setattr(self, "hall", None))
            self.hall.show_on_hall_screen()
        self.hall.raise_()

    def open_kiosk(self) -> None:
        from ui.queue.kiosk import KioskWindow

        if self.kiosk is None:
            self.kiosk = KioskWindow(self.session.core, self.session.runner)
            self.kiosk.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.kiosk.destroyed.connect(lambda: setattr(self, "kiosk", None))
            self.kiosk.show()
        self.kiosk.raise_()

    def say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setToolTip(text)
        self.note.setAccessibleName(text)

    # -- loading (worker) and acting ------------------------------------------------------

    def refresh(self) -> None:
        """The current number and the waiting counts, from the database (off the Qt thread)."""
        if self.busy:
            return
        core, counter, groups = self.session.core, self.counter, self.groups

        def load() -> tuple[TicketView | None, dict[str, int]]:
            return tickets.current(core, counter), tickets.waiting_counts(core, groups)

        self.session.run(load, self._refreshed, self._failed)

    def _refreshed(self, found: tuple[TicketView | None, dict[str, int]]) -> None:
        if self.busy:  # an act finished in between: its answer is newer
            return
        before = self.ticket
        self.ticket, self.waiting = found
        self._show()
        if _id(before) != _id(self.ticket):
            self.changed.emit(self.ticket)

    def _act(
        self, work: Callable[[], Any], done: Callable[[Any], str], *, queued: bool = False
    ) -> None:
        """Run one act on the worker; a click while one runs is dropped (no double call),
        but a queued act (linking a dossier) waits for its turn."""
        if self.busy:
            if queued:
                self._pending.append((work, done))
            return
        if self.blocked() and not queued:
            return
        self.busy = True
        self._show()
        core, counter, groups = self.session.core, self.counter, self.groups

        def run() -> tuple[Any, TicketView | None, dict[str, int]]:
            result = work()
            return result, tickets.current(core, counter), tickets.waiting_counts(core, groups)

        def finished(found: tuple[Any, TicketView | None, dict[str, int]]) -> None:
            self.busy = False
            result, self.ticket, self.waiting = found
            self._show()
            self.say(done(result))
            self.changed.emit(self.ticket)
            self._next_pending()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self._failed(exc)
            if not self._next_pending():
                self.refresh()

        self.session.run(run, finished, failed)

    def _next_pending(self) -> bool:
        if not self._pending:
            return False
        work, done = self._pending.pop(0)
        self._act(work, done, queued=True)
        return True

    def _failed(self, exc: BaseException) -> None:
        self._show()
        self.say(describe(exc)[0])

    def call_next(self) -> None:
        groups = self.groups
        self._act(
            self.session.call(tickets.call_next, self.counter, groups),
            lambda t: (
                self.tr("Đã mời số {0} đến quầy {1}.").format(t.label, t.counter)
                if t is not None
                else self.tr("Không còn ai đang chờ.")
            ),
        )

    def call_again(self) -> None:
        if self.ticket is not None:
            self._act(
                self.session.call(tickets.call_again, self.ticket.id),
                lambda t: self.tr("Đã gọi lại số {0}.").format(t.label),
            )

    def skip(self) -> None:
        if self.ticket is not None:
            self._act(
                self.session.call(tickets.skip, self.ticket.id),
                lambda t: self.tr("Đã bỏ qua số {0} (vắng mặt).").format(t.label),
            )

    def finish(self) -> None:
        if self.ticket is not None:
            self._act(
                self.session.call(tickets.finish, self.ticket.id),
                lambda t: self.tr("Số {0} đã phục vụ xong.").format(t.label),
            )

    def link_dossier(self, result: Registered) -> None:
        """A dossier was registered here: the number being served ends, linked to it."""
        if self.ticket is None:
            return
        self._act(
            self.session.call(tickets.finish, self.ticket.id, result.code),
            lambda t: self.tr("Số {0} gắn với hồ sơ {1}.").format(t.label, t.dossier_code),
            queued=True,
        )


def _id(ticket: TicketView | None) -> int | None:
    return None if ticket is None else ticket.id


def attach(window: MainWindow) -> CounterPanel:
    """Put the panel in `window` (a toolbar under the menu), hook the dossier registration,
    and add the "Số thứ tự" menu (hall display, ticket kiosk) before Help."""
    panel = CounterPanel(window.session, window, blocked=lambda: window.locked)
    bar = QToolBar(panel.title(), window)
    bar.setObjectName("queueToolBar")
    bar.setMovable(False)
    bar.addWidget(panel)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.intake.registered.connect(panel.link_dossier)
    menu = QMenu(panel.menu_title(), window)
    menu.setObjectName("queueMenu")
    panel.hall_action = menu.addAction(panel.hall_title())
    panel.hall_action.triggered.connect(panel.open_hall)
    panel.kiosk_action = menu.addAction(panel.kiosk_title())
    panel.kiosk_action.triggered.connect(panel.open_kiosk)
    actions = window.menuBar().actions()
    window.menuBar().insertMenu(actions[-1], menu) if actions else window.menuBar().addMenu(menu)
    return panel
