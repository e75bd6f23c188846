"""The supervisor's waiting and serving times of queue numbers (thời gian chờ, phục vụ).

Waiting is ticket → first call, serving is call → dossier receipt (or the end of serving
without a dossier), from `counter_app.services.ticket_stats` for the desk's period; one table
per view: by group, by officer, by day. Loads on the desk's worker like everything else.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.services import ticket_stats
from counter_app.services.context import Actor, Core
from counter_app.services.queue_terms import Period
from counter_app.services.ticket_stats import ServiceLine, ServiceTimes, minutes
from ui.table_model import Index, ListTableModel
from ui.tasks import Runner
from ui.widgets import describe


class ServiceTimesModel(ListTableModel):
    """One line per group / officer / day, then the total."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[ServiceLine] = []
        self.first_header = ""

    def items(self) -> list[ServiceLine]:
        return self.lines

    def headers(self) -> list[str]:
        return [
            self.first_header,
            self.tr("Số phát"),
            self.tr("Đã phục vụ"),
            self.tr("Vắng mặt"),
            self.tr("Chưa gọi"),
            self.tr("Có hồ sơ"),
            self.tr("Chờ TB (phút)"),
            self.tr("Chờ 90% (phút)"),
            self.tr("Phục vụ TB (phút)"),
            self.tr("Phục vụ 90% (phút)"),
        ]

    def set_lines(self, first_header: str, lines: list[ServiceLine]) -> None:
        self.beginResetModel()
        self.first_header = first_header
        self.lines = lines
        self.endResetModel()

    @staticmethod
    def cells(line: ServiceLine) -> tuple[str, ...]:
        return (
            line.label,
            str(line.tickets),
            str(line.served),
            str(line.no_shows),
            str(line.unserved),
            str(line.with_dossier),
            minutes(line.waiting.mean),
            minutes(line.waiting.p90),
            minutes(line.serving.mean),
            minutes(line.serving.p90),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(line)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return line
        return None

    def row_texts(self) -> list[tuple[str, ...]]:
        return [self.cells(line) for line in self.lines]


class ServiceTimesPanel(QWidget):
    """Call `refresh(period)`; emits `refreshed` when fresh figures are shown."""

    refreshed = Signal()

    GROUP, OFFICER, DAY = "group", "officer", "day"

    def __init__(
        self, core: Core, actor: Actor, runner: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.core, self.actor, self.runner = core, actor, runner
        self.setObjectName("serviceTimes")
        self.times: ServiceTimes | None = None
        self._busy = False
        self._again: Period | None = None
        self._stale = False
        self.period: Period | None = None
        title = QLabel(self.tr("Thời gian chờ và phục vụ (số thứ tự)"))
        title.setStyleSheet("font-weight: 600;")
        self.view_by = QComboBox()
        self.view_by.setObjectName("serviceTimesBy")
        self.view_by.setAccessibleName(self.tr("Xem thời gian theo"))
        self.view_by.addItem(self.tr("Theo nhóm"), self.GROUP)
        self.view_by.addItem(self.tr("Theo cán bộ"), self.OFFICER)
        self.view_by.addItem(self.tr("Theo ngày"), self.DAY)
        self.view_by.currentIndexChanged.connect(self._show)
        self.summary = QLabel()
        self.summary.setObjectName("serviceTimesSummary")
        self.summary.setWordWrap(True)
        self.model = ServiceTimesModel(self)
        self.table = QTableView()
        self.table.setObjectName("serviceTimesTable")
        self.table.setAccessibleName(self.tr("Bảng thời gian chờ và phục vụ"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.view_by)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def refresh(self, period: Period) -> None:
        """Load the period's figures on the worker; calls while busy fold into one. A hidden
        panel (the desk behind another tab) only notes the period and loads when shown."""
        self.period = period
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if self._busy:
            self._again = period
            return
        self._busy = True
        core, actor = self.core, self.actor
        self.runner.run(
            lambda: ticket_stats.service_times(core, actor, period), self._loaded, self._failed
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.period is not None:
            self.refresh(self.period)

    def _loaded(self, times: ServiceTimes) -> None:
        self._busy = False
        self.times = times
        self._show()
        self.refreshed.emit()
        self._run_again()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.summary.setText(describe(exc)[0])
        self._run_again()

    def _run_again(self) -> None:
        if self._again is not None:
            period, self._again = self._again, None
            self.refresh(period)

    def _show(self) -> None:
        times = self.times
        if times is None:
            return
        by = self.view_by.currentData()
        headers = {
            self.GROUP: (self.tr("Nhóm"), times.by_group),
            self.OFFICER: (self.tr("Cán bộ gọi số"), times.by_officer),
            self.DAY: (self.tr("Ngày"), times.by_day),
        }
        first, lines = headers[by]
        self.model.set_lines(first, [*lines, times.total] if lines else [])
        t = times.total
        self.summary.setText(
            self.tr(
                "{0}: {1} số phát, {2} đã phục vụ; chờ trung bình {3} phút, "
                "phục vụ trung bình {4} phút."
            ).format(
                times.period.label,
                t.tickets,
                t.served,
                minutes(t.waiting.mean),
                minutes(t.serving.mean),
            )
            if t.tickets
            else self.tr("{0}: chưa có số thứ tự nào.").format(times.period.label)
        )

    def line_for(self, label: str) -> tuple[str, ...] | None:
        """The shown row whose first cell is `label` (tests and screen readers)."""
        for row in range(self.model.rowCount(QModelIndex())):
            cells = self.model.row_texts()[row]
            if cells[0] == label:
                return cells
        return None
