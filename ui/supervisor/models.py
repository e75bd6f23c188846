"""Qt models of the desk: the dossiers behind a count, and the counts per group."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.timeliness import Timeliness
from counter_app.services.queue import Category, GroupCount, QueueRow
from ui.table_model import ListTableModel

Index = QModelIndex | QPersistentModelIndex
LATE = QBrush(QColor("#b42318"))
SOON = QBrush(QColor("#b54708"))
LATE_BG = QBrush(QColor("#fde2e1"))


def local(moment: datetime | None) -> str:
    return moment.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y") if moment else ""


class QueueTableModel(ListTableModel):
    """The dossiers behind one count; personal data arrives masked from the service."""

    CODE, HOLDER, ID, PROCEDURE, STATUS, DUE, VERDICT, LATE_HOURS, OFFICER, COUNTER = range(10)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[QueueRow] = []
        self._cells: list[tuple[str, ...]] = []

    def items(self) -> list[QueueRow]:
        return self.rows

    def headers(self) -> list[str]:
        return [
            self.tr("Mã hồ sơ"),
            self.tr("Người nộp"),
            self.tr("Số định danh"),
            self.tr("Thủ tục"),
            self.tr("Trạng thái"),
            self.tr("Hạn"),
            self.tr("Đánh giá"),
            self.tr("Trễ (giờ)"),
            self.tr("Cán bộ"),
            self.tr("Quầy"),
        ]

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._cells = [self._texts(r) for r in rows]
        self.endResetModel()

    @staticmethod
    def _texts(r: QueueRow) -> tuple[str, ...]:
        hours = r.late_by / timedelta(hours=1)
        due = local(r.due_at)
        if r.new_appointment_at:
            due += f" → {local(r.new_appointment_at)}"
        return (
            r.code,
            r.holder_name,
            r.holder_id_masked,
            r.procedure_name,
            r.status.label,
            due,
            r.timeliness.label,
            f"{hours:.1f}".replace(".", ",") if hours else "",
            r.officer_name,
            r.counter,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.VERDICT:
            if row.timeliness is Timeliness.OVERDUE:
                return LATE
            if row.timeliness is Timeliness.DUE_SOON:
                return SOON
        if role == Qt.ItemDataRole.BackgroundRole and row.timeliness is Timeliness.OVERDUE:
            return LATE_BG
        return None


class GroupTableModel(ListTableModel):
    """Counts per counter / officer / procedure / field / channel: one column per category."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: list[GroupCount] = []
        self.categories: list[Category] = list(Category)
        self.title = ""

    def items(self) -> list[GroupCount]:
        return self.groups

    def headers(self) -> list[str]:
        return [self.title, *(c.label for c in self.categories)]

    def set_groups(self, title: str, groups: list[GroupCount]) -> None:
        self.beginResetModel()
        self.title, self.groups = title, groups
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = self.groups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return group.label if column == 0 else group.counts[self.categories[column - 1]]
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column
            and self.categories[column - 1] is Category.OVERDUE
            and group.counts[Category.OVERDUE]
        ):
            return LATE
        return None

    def cell(self, index: Index) -> tuple[GroupCount, Category | None]:
        """The group and category a click on `index` drills into (None: the label column)."""
        group = self.groups[index.row()]
        return group, (self.categories[index.column() - 1] if index.column() else None)
