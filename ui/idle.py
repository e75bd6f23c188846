"""Lock the counter after an idle period (settings.counter.idle_lock_minutes; 0: never).

A counter PC faces the public: a clerk who steps away must not leave the applicant list open.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    """Install app-wide; emits `idle` once per idle period, then waits for activity."""

    idle = Signal()

    def __init__(
        self,
        minutes: int,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        poll_ms: int = 15_000,
    ) -> None:
        super().__init__(parent)
        self.limit = max(0, minutes) * 60.0
        self.clock = clock
        self.last_activity = clock()
        self.fired = False
        self.paused = False
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.check)
        if self.limit:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.touch()
        return False

    def touch(self) -> None:
        self.last_activity = self.clock()
        self.fired = False

    def check(self) -> bool:
        if not self.limit or self.fired or self.paused:
            return False
        if self.clock() - self.last_activity >= self.limit:
            self.fired = True
            self.idle.emit()
            return True
        return False
