"""Answering the modal dialogs a flow opens (message boxes, the hand-over dialog …)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

QR_AN = "001090012345|123456789|Nguyễn Văn An|15031990|Nam|Thôn Đông, xã Minh Khai, Hà Nội|01012021"
QR_NGOC = "079195001234||Trần Thị Bích Ngọc|12031995|Nữ|12 Lê Lợi, phường Bến Thành, TP.HCM|"


def on_modal(action: Callable[[QWidget], None], *, kind: type = QDialog) -> list[QWidget]:
    """Run `action(dialog)` as soon as a modal dialog of `kind` is up; returns what was seen."""
    seen: list[QWidget] = []

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget not in seen:
            seen.append(widget)
            action(widget)
        else:
            QTimer.singleShot(5, poll)

    QTimer.singleShot(0, poll)
    return seen


def answer(button: QMessageBox.StandardButton) -> list[QWidget]:
    """Click `button` in the next message box; returns it (its text can be checked after)."""

    def click(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(button).click()

    return on_modal(click, kind=QMessageBox)
