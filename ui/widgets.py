"""Small pieces every screen shares: error display, message boxes, formatting, labelled rows.

Errors: an `AppError` shows its Vietnamese message and its hint ("what to do next"); anything
else is a bug, logged with its traceback and shown as a plain sentence, never a traceback.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QWidget,
)

log = logging.getLogger("ui")


def describe(exc: BaseException) -> tuple[str, str]:
    """(message, hint) for people: the core's own words for AppError, a plain sentence else."""
    from counter_app.errors import AppError  # light module; imported here to keep start-up lean

    if isinstance(exc, AppError):
        return exc.message, exc.hint
    log.error("unexpected error", exc_info=exc)
    return (
        QCoreApplication.translate(
            "Common", "Đã xảy ra lỗi không mong muốn; thao tác chưa được thực hiện."
        ),
        QCoreApplication.translate(
            "Common", "Thử lại. Nếu vẫn lỗi, báo bộ phận CNTT (chi tiết đã ghi vào nhật ký)."
        ),
    )


def error_text(exc: BaseException) -> str:
    message, hint = describe(exc)
    return (
        f"{message}\n\n{QCoreApplication.translate('Common', 'Cách xử lý:')} {hint}"
        if hint
        else message
    )


def show_error(parent: QWidget | None, exc: BaseException, title: str = "") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("Common", "Không thực hiện được"))
    message, hint = describe(exc)
    box.setText(message)
    if hint:
        box.setInformativeText(f"{QCoreApplication.translate('Common', 'Cách xử lý:')} {hint}")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("errorBox")
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


class Banner(QFrame):
    """An inline message above a form: errors in red, notices in blue; hidden when empty."""

    STYLES = {
        "error": "background:#fdecea; color:#8a1c12; border:1px solid #f5c2bd;",
        "warning": "background:#fff4e5; color:#7a4a00; border:1px solid #ffd699;",
        "info": "background:#e8f1fb; color:#0b3d6e; border:1px solid #b8d4f0;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label)
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = "info") -> None:
        # Here, not in __init__: the login window (which has a Banner) must not build the
        # Python types of the whole `Qt` namespace (13 ms of start-up, bench/bench_startup.py).
        from PySide6.QtCore import Qt

        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = kind
        self.setStyleSheet(f"Banner {{{self.STYLES[kind]} border-radius:4px;}}")
        self.label.setText(text)
        self.setAccessibleName(text)
        self.show()

    def show_error(self, exc: BaseException) -> None:
        self.show_message(error_text(exc).replace("\n\n", "\n"), "error")

    def clear(self) -> None:
        self.kind = ""
        self.label.clear()
        self.hide()

    def text(self) -> str:
        return self.label.text()


def add_row(form: QFormLayout, label: str, field: QWidget, tip: str = "") -> QLabel:
    """A labelled row whose label is the field's buddy (Alt+letter) and accessible name."""
    caption = QLabel(label)
    caption.setBuddy(field)
    field.setAccessibleName(label.replace("&", "").rstrip(": *"))
    if tip:
        field.setToolTip(tip)
        field.setAccessibleDescription(tip)
    form.addRow(caption, field)
    return caption


def local(moment: datetime) -> datetime:
    from counter_app.domain.calendar import VN_TZ

    return moment.astimezone(VN_TZ)


def fmt_datetime(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return local(moment).strftime("%d/%m/%Y %H:%M")


def fmt_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def fmt_money(vnd: int) -> str:
    return f"{vnd:,}".replace(",", ".") + " đ"
