"""The counts as tiles: one per category, clicked to list its dossiers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from counter_app.services.queue import Category

ACCENT = {
    Category.OVERDUE: "#b42318",
    Category.DUE_SOON: "#b54708",
    Category.DUE: "#175cd3",
    Category.WAITING: "#6941c6",
    Category.READY: "#027a48",
}


class CountTile(QFrame):
    """A big number and its label; the selected tile is outlined."""

    clicked = Signal(object)  # Category

    def __init__(self, category: Category, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = category
        self.setObjectName(f"tile_{category.value}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.number = QLabel("–")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        color = ACCENT.get(category, "#344054")
        self.number.setStyleSheet(f"font-size: 24pt; font-weight: 600; color: {color};")
        self.caption = QLabel(category.label)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.set_selected(False)

    @property
    def value(self) -> int | None:
        text = self.number.text()
        return int(text) if text.isdigit() else None

    def set_value(self, value: int) -> None:
        self.number.setText(str(value))
        self.setAccessibleName(f"{self.category.label}: {value}")

    def set_selected(self, selected: bool) -> None:
        border = "2px solid #175cd3" if selected else "1px solid #d0d5dd"
        self.setStyleSheet(
            f"CountTile {{ background: #ffffff; border: {border}; border-radius: 6px; }}"
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.category)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        assert isinstance(event, QKeyEvent)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.category)
            return
        super().keyPressEvent(event)
