"""Barcode / QR scanners that type like a keyboard: tell a scan from typing, route it.

A 2D scanner "types" its payload in a fast burst (a few ms between keys) ending in Enter, into
whatever field has focus. The router is an application-wide event filter that *holds* printable
key presses while they arrive faster than `gap_ms` apart:

- the burst ends in Enter and `accepts(text)` says it is a scan (a chip-card QR, a dossier
  code) → the keys are swallowed and `scanned(text)` is emitted: no field receives stray text,
  no checkbox is toggled by the spaces in a name;
- anything else (a pause, a non-text key, a click, an input-method commit, a burst nobody
  wants) → the held keys are replayed, in order, to the widget they were meant for.

People type with gaps far above `gap_ms`, so each key is delayed by at most `gap_ms`: not
noticeable. Replay (rather than undoing what a field received) keeps every widget's own
behaviour intact, whatever the widget.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Scanners (and xdotool) press Shift for capitals: a modifier alone never ends a burst.
MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
}
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
# Events after which held keys must be delivered first, to keep the order people see.
_FLUSH_BEFORE = {
    QEvent.Type.InputMethod,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.FocusOut,
    QEvent.Type.WindowDeactivate,
}


def _monotonic_ms() -> float:
    return time.monotonic() * 1000.0


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.nativeScanCode(),
        event.nativeVirtualKey(),
        event.nativeModifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )


class ScanRouter(QObject):
    """Install with `app.installEventFilter(router)`; set `accepts` to recognise scans."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        gap_ms: float = 40.0,
        min_length: int = 6,
        clock: Callable[[], float] = _monotonic_ms,
    ) -> None:
        super().__init__(parent)
        self.gap_ms = gap_ms
        self.min_length = min_length
        self.accepts: Callable[[str], bool] = lambda _text: False
        self._clock = clock
        self._held: list[tuple[QWidget, QKeyEvent]] = []
        self._last = 0.0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(gap_ms))
        self._timer.timeout.connect(self.flush)

    # -- the filter -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying:
            return False
        kind = event.type()
        if kind in _FLUSH_BEFORE:
            if self._held:
                self.flush()
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(watched, QWidget) or not self._is_target(watched):
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() in MODIFIER_KEYS:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # A shortcut would act before held keys reach their field: deliver them first.
            if self._held and not self._holdable(event) and event.key() not in ENTER_KEYS:
                self.flush()
            return False
        now = self._moment(event)
        if self._held and now - self._last > self.gap_ms:
            self.flush()  # the timer was late (busy thread): that burst already ended
        if event.key() in ENTER_KEYS and self._held and not self._command(event):
            return self._end_of_burst(watched, event)
        if self._holdable(event):
            self._held.append((watched, _copy(event)))
            self._last = now
            self._timer.start()
            return True
        if self._held:
            self.flush()
        return False

    def _end_of_burst(self, watched: QWidget, event: QKeyEvent) -> bool:
        text = "".join(e.text() for _, e in self._held)
        if len(text) >= self.min_length and self.accepts(text):
            self._held.clear()
            self._timer.stop()
            # Act after the filter returns: the handler may open a dialog (nested loop).
            QTimer.singleShot(0, lambda: self.scanned.emit(text))
            return True
        self._held.append((watched, _copy(event)))
        self.flush()
        return True

    # -- helpers --------------------------------------------------------------------------

    def flush(self) -> None:
        """Deliver the held keys, in order, to the widgets they were typed into."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for widget, event in held:
                if shiboken6.isValid(widget):
                    QApplication.sendEvent(widget, event)
        finally:
            self._replaying = False

    @property
    def pending(self) -> str:
        return "".join(e.text() for _, e in self._held)

    @staticmethod
    def _is_target(widget: QWidget) -> bool:
        # Key events propagate to parents when a child ignores them: act once, at the focus
        # (the window's own focus widget when the application has no active window).
        focus = QApplication.focusWidget() or widget.window().focusWidget()
        return focus is None or widget is focus

    @staticmethod
    def _command(event: QKeyEvent) -> bool:
        return bool(event.modifiers() & _COMMAND_MODIFIERS)

    def _holdable(self, event: QKeyEvent) -> bool:
        text = event.text()
        return (
            bool(text)
            and text.isprintable()
            and not self._command(event)
            and not event.isAutoRepeat()
        )

    def _moment(self, event: QKeyEvent) -> float:
        # The window system's timestamp is when the key was pressed, even if the Qt thread was
        # busy; synthetic events carry 0, so fall back to the clock.
        stamp = event.timestamp()
        return float(stamp) if stamp else self._clock()
