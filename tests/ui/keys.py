"""Typing in tests the way a person or a scanner does, Vietnamese included.

`qtbot.keyClicks` aborts on characters outside Latin-1 (STACK.md, trap 1): send QKeyEvents
that carry the text instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

NO_MOD = Qt.KeyboardModifier.NoModifier


def _key_for(ch: str) -> int:
    if ch.isascii() and ch.isalnum():
        return int(getattr(Qt.Key, f"Key_{ch.upper()}"))
    return int(
        {" ": Qt.Key.Key_Space, "|": Qt.Key.Key_Bar, ".": Qt.Key.Key_Period}.get(
            ch, Qt.Key.Key_unknown
        )
    )


def press(widget: QWidget, key: int, text: str = "", mod: Qt.KeyboardModifier = NO_MOD) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, mod, text))


def type_text(widget: QWidget, text: str) -> None:
    """Key events with text, sent to `widget` (give it focus first)."""
    for ch in text:
        press(widget, _key_for(ch), ch)


def enter(widget: QWidget, mod: Qt.KeyboardModifier = NO_MOD) -> None:
    press(widget, int(Qt.Key.Key_Return), "\r", mod)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has focus"
    return widget


def type_focused(text: str) -> None:
    """Type into whatever has focus, as a scanner or a person at the keyboard would."""
    for ch in text:
        press(focused(), _key_for(ch), ch)
