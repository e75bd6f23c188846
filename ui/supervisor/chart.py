"""The week at a glance: received vs returned vs overdue per day, drawn with QPainter."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from counter_app.services.reports import DayPoint

SERIES = (
    ("received", QColor("#175cd3")),
    ("returned", QColor("#039855")),
    ("overdue", QColor("#d92d20")),
)
WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


class WeekChart(QWidget):
    """Grouped bars, one group per day; the legend names the three series."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[DayPoint] = []
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.labels = {
            "received": self.tr("Tiếp nhận"),
            "returned": self.tr("Đã trả"),
            "overdue": self.tr("Quá hạn"),
        }

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    def set_points(self, points: list[DayPoint]) -> None:
        self.points = points
        self.setToolTip(
            "\n".join(
                f"{p.day:%d/%m}: {self.labels['received']} {p.received}, "
                f"{self.labels['returned']} {p.returned}, {self.labels['overdue']} {p.overdue}"
                for p in points
            )
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        metrics = painter.fontMetrics()
        line = metrics.height()
        left, right, top, bottom = 8 + metrics.horizontalAdvance("0000"), 8, line + 12, 2 * line + 8
        area = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        self._legend(painter, line)
        if not self.points or area.width() <= 0 or area.height() <= 0:
            return
        highest = max(max(p.received, p.returned, p.overdue) for p in self.points)
        step = max(1, -(-highest // 4))  # whole dossiers per grid line
        peak = step * 4
        painter.setPen(QPen(QColor("#d0d5dd")))
        for k in range(5):  # light grid with the scale on the left
            y = area.bottom() - area.height() * k / 4
            painter.drawLine(int(area.left()), int(y), int(area.right()), int(y))
            painter.drawText(
                QRectF(0, y - line / 2, left - 4, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(step * k),
            )
        slot = area.width() / len(self.points)
        bar = max(2.0, slot / 4.5)
        for i, point in enumerate(self.points):
            x0 = area.left() + slot * i + (slot - 3 * bar) / 2
            for j, (name, color) in enumerate(SERIES):
                value = getattr(point, name)
                height = area.height() * value / peak
                painter.fillRect(
                    QRectF(x0 + j * bar, area.bottom() - height, bar - 1, height), color
                )
            painter.setPen(QPen(QColor("#344054")))
            label = f"{WEEKDAYS[point.day.weekday()]} {point.day:%d/%m}"
            painter.drawText(
                QRectF(area.left() + slot * i, area.bottom() + 4, slot, 2 * line),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                label,
            )
        painter.end()

    def _legend(self, painter: QPainter, line: int) -> None:
        x = 8.0
        for name, color in SERIES:
            painter.fillRect(QRectF(x, 6, line * 0.8, line * 0.8), color)
            x += line
            text = self.labels[name]
            painter.setPen(QPen(QColor("#344054")))
            painter.drawText(QRectF(x, 2, 200, line + 4), int(Qt.AlignmentFlag.AlignLeft), text)
            x += painter.fontMetrics().horizontalAdvance(text) + 16
