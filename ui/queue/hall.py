"""The hall display (màn hình phòng chờ): "Mời số 0012 đến quầy 3", the last calls, who waits.

Meant for a second screen: full screen on the second QScreen when there is one, else a normal
window. It shows ticket numbers, group names and counters only, never personal data, so it
also runs without sign-in (`python main.py hall`). Every second it asks the office database
for calls newer than the last one it saw (`tickets.calls_since`): the call may come from any
counter PC sharing the database. Each new call chimes and, when `queue.speech` is on and the
machine has a Vietnamese voice, is spoken ("Mời số không không một hai đến quầy số ba").
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from counter_app.domain.calendar import VN_TZ
from counter_app.services import tickets
from counter_app.services.context import Core
from counter_app.services.tickets import CallEvent, TicketGroupView
from ui.queue.chime import Chime
from ui.queue.speech import Voice, call_sentence, find_voice
from ui.tasks import Runner
from ui.widgets import describe

RECENT = 5  # calls listed under the big one
CATCH_UP = 200  # calls read per query when catching up


@dataclass(frozen=True)
class HallData:
    """What one poll brought back from the worker."""

    calls: list[CallEvent]
    waiting: dict[str, int]
    groups: list[TicketGroupView] | None
    first: bool


def read_calls(core: Core, after_id: int) -> list[CallEvent]:
    """Every call after `after_id`, oldest first, in as many queries as it takes."""
    calls: list[CallEvent] = []
    while True:
        batch = tickets.calls_since(core, after_id, limit=CATCH_UP)
        calls += batch
        if len(batch) < CATCH_UP:
            return calls
        after_id = batch[-1].id


class HallWindow(QWidget):
    """Emits `announced(CallEvent)` for each new call it chimes for (and speaks)."""

    announced = Signal(object)

    def __init__(
        self,
        core: Core,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        poll_ms: int = 1000,
        chime: Chime | None = None,
        voice: Voice | None = None,
    ) -> None:
        super().__init__(parent)
        self.core, self.runner = core, runner
        self.setObjectName("hallWindow")
        self.setWindowTitle(self.tr("Màn hình gọi số"))
        self.setAccessibleName(self.tr("Màn hình gọi số"))
        settings = core.settings.queue
        self.chime = chime or Chime(parent=self)
        self.chime.enabled = settings.chime
        self.speech = settings.speech
        self.voice = voice if voice is not None else (find_voice() if self.speech else None)
        self.last_id: int | None = None  # None until the first poll has caught up
        self.recent: deque[CallEvent] = deque(maxlen=RECENT + 1)
        self.group_names: dict[str, str] = {}
        self._busy = False
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self.poll()

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.setStyleSheet(
            "#hallWindow { background: #0b2545; }"
            " QLabel { color: #ffffff; }"
            " #hallRecent, #hallWaiting { color: #d6e4f0; }"
            " #hallNotice { color: #ffd166; }"
        )
        self.setAutoFillBackground(True)
        self.heading = QLabel(self.tr("Mời công dân theo số thứ tự"))
        self.heading.setObjectName("hallHeading")
        self.number = QLabel(self.tr("Chưa gọi số nào"))
        self.number.setObjectName("hallNumber")
        self.number.setAccessibleName(self.tr("Số đang được mời"))
        self.counter_line = QLabel("")
        self.counter_line.setObjectName("hallCounter")
        self.group_line = QLabel("")
        self.group_line.setObjectName("hallGroup")
        for label in (self.heading, self.number, self.counter_line, self.group_line):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self.recent_title = QLabel(self.tr("Số vừa gọi"))
        self.recent_list = QLabel("")
        self.recent_list.setObjectName("hallRecent")
        self.recent_list.setAccessibleName(self.tr("Số vừa gọi"))
        self.waiting_title = QLabel(self.tr("Đang chờ"))
        self.waiting_list = QLabel("")
        self.waiting_list.setObjectName("hallWaiting")
        self.waiting_list.setAccessibleName(self.tr("Số người đang chờ theo nhóm"))
        self.notice = QLabel("")
        self.notice.setObjectName("hallNotice")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        bottom = QHBoxLayout()
        for title, body in (
            (self.recent_title, self.recent_list),
            (self.waiting_title, self.waiting_list),
        ):
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(body, 1)
            body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            bottom.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.heading)
        layout.addStretch(1)
        layout.addWidget(self.number)
        layout.addWidget(self.counter_line)
        layout.addWidget(self.group_line)
        layout.addStretch(1)
        layout.addWidget(line)
        layout.addLayout(bottom, 1)
        layout.addWidget(self.notice)
        self._scale_fonts()

    def _scale_fonts(self) -> None:
        """Readable from across the hall: sizes follow the window's height."""
        unit = max(8, self.height() // 40)
        for label, factor, bold in (
            (self.heading, 2.0, True),
            (self.number, 6.0, True),
            (self.counter_line, 3.2, True),
            (self.group_line, 1.8, False),
            (self.recent_title, 1.6, True),
            (self.waiting_title, 1.6, True),
            (self.recent_list, 1.5, False),
            (self.waiting_list, 1.5, False),
            (self.notice, 1.2, False),
        ):
            font = QFont(label.font())
            font.setPixelSize(int(unit * factor))
            font.setBold(bold)
            label.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_fonts()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A hall screen has no menu: F11 toggles full screen, Esc leaves it.
        if event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)

    def show_on_hall_screen(self) -> None:
        """Full screen on the second screen when there is one; a normal window otherwise."""
        screens = QGuiApplication.screens()
        primary = QGuiApplication.primaryScreen()
        others = [s for s in screens if s is not primary]
        if others:
            screen = others[0]
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.resize(1024, 640)
            self.show()

    # -- polling (worker) and showing (Qt thread) -----------------------------------------

    def poll(self) -> None:
        """Ask for calls newer than the last seen; a poll still running is not doubled."""
        if self._busy:
            return
        self._busy = True
        core, after = self.core, self.last_id
        need_groups = not self.group_names

        def load() -> HallData:
            if after is None:  # just opened: show the last few calls, announce none of them
                start = max(0, tickets.last_call_id(core) - RECENT - 1)
                calls = tickets.calls_since(core, start, limit=RECENT + 1)
            else:
                calls = read_calls(core, after)
            groups = tickets.groups(core) if need_groups else None
            return HallData(calls, tickets.waiting_counts(core), groups, after is None)

        self.runner.run(load, self._loaded, self._failed)

    def _loaded(self, data: HallData) -> None:
        self._busy = False
        self.notice.clear()
        if data.groups is not None:
            self.group_names = {g.code: g.name for g in data.groups}
        today = self.core.local_now().date()
        for call in data.calls:
            self.last_id = call.id if self.last_id is None else max(self.last_id, call.id)
            if _local_day(call) != today:
                continue  # yesterday's calls are not news
            self.recent.append(call)
            if not data.first:
                self.announce(call)
        if self.last_id is None:
            self.last_id = 0
        self._show_calls()
        self._show_waiting(data.waiting)

    def _failed(self, exc: BaseException) -> None:
        # The database may be away for a moment (a network blip to the office server):
        # keep the last screen, say so quietly, try again on the next tick.
        self._busy = False
        if not self.notice.text():  # said (and logged) once per outage, not every second
            self.notice.setText(
                self.tr("Mất kết nối tới cơ sở dữ liệu: {0}").format(describe(exc)[0])
            )

    def announce(self, call: CallEvent) -> None:
        self.chime.play()
        if self.speech and self.voice is not None:
            self.voice.say(call_sentence(call.label, call.counter))
        self.announced.emit(call)

    def _show_calls(self) -> None:
        if not self.recent:
            return
        latest = self.recent[-1]
        self.number.setText(self.tr("Mời số {0}").format(latest.label))
        self.counter_line.setText(self.tr("đến quầy {0}").format(latest.counter))
        self.group_line.setText(latest.group_name)
        self.number.setAccessibleName(self.shown_call())
        lines = [
            self.tr("Số {0} — quầy {1}").format(c.label, c.counter)
            for c in reversed(list(self.recent)[:-1])
        ]
        self.recent_list.setText("\n".join(lines))

    def _show_waiting(self, counts: dict[str, int]) -> None:
        lines = [
            self.tr("{0} ({1}): {2} người").format(self.group_names.get(code, code), code, n)
            for code, n in counts.items()
            if n > 0  # a long list of zeros hides the groups people wait in
        ]
        self.waiting_list.setText("\n".join(lines) or self.tr("Không có ai đang chờ"))

    def shown_call(self) -> str:
        """The big line as one sentence, e.g. "Mời số 0012 đến quầy 3"."""
        if not self.recent:
            return ""
        return f"{self.number.text()} {self.counter_line.text()}"

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        super().closeEvent(event)


def _local_day(call: CallEvent) -> date:
    return call.at.astimezone(VN_TZ).date()
