"""The desk's satisfaction panel: citizens' ratings for the desk's period (counts per level,
the satisfaction rate, per officer and per procedure).

It follows the desk: every time the desk has refreshed, the panel loads the same period on
the runner's worker, so it never freezes the desk and never shows another period's figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.ratings import GroupFigures, Level, SatisfactionFigures

if TYPE_CHECKING:
    from counter_app.services.queue_terms import Period
    from ui.supervisor.desk import SupervisorDesk


class SatisfactionPanel(QWidget):
    """Mức độ hài lòng của người dân, for the period the desk shows."""

    def __init__(self, desk: SupervisorDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("satisfactionPanel")
        self.desk = desk
        self.figures: SatisfactionFigures | None = None
        self._busy = self._again = False
        self._stale = True
        self.level_labels = {
            Level.VERY_SATISFIED: self.tr("Rất hài lòng"),
            Level.SATISFIED: self.tr("Hài lòng"),
            Level.NOT_SATISFIED: self.tr("Không hài lòng"),
        }
        self.title = QLabel()
        self.title.setObjectName("satisfactionTitle")
        self.title.setStyleSheet("font-weight:600;")
        self.counts: dict[Level, QLabel] = {}
        row = QHBoxLayout()
        for level, text in self.level_labels.items():
            label = QLabel()
            label.setObjectName(f"satisfaction_{level.value}")
            label.setAccessibleName(text)
            self.counts[level] = label
            row.addWidget(label)
        self.rate = QLabel()
        self.rate.setObjectName("satisfactionRate")
        self.rate.setStyleSheet("font-size:14pt; font-weight:bold; color:#1b6e35;")
        row.addStretch(1)
        row.addWidget(self.rate)
        self.by_officer = self._table("satisfactionByOfficer", self.tr("Cán bộ"))
        self.by_procedure = self._table("satisfactionByProcedure", self.tr("Thủ tục"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.by_officer, self.tr("Theo cán bộ"))
        self.tabs.addTab(self.by_procedure, self.tr("Theo thủ tục"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.tabs, 1)
        desk.refreshed.connect(self.refresh)

    def _table(self, name: str, first: str) -> QTableWidget:
        columns = [first, *self.level_labels.values(), self.tr("Tổng"), self.tr("Tỷ lệ hài lòng")]
        table = QTableWidget(0, len(columns))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(columns)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the desk's period off the Qt thread: only while on screen (a hidden panel
        marks itself stale and loads when shown), one load at a time (calls fold into one)."""
        if not self.isVisible():
            self._stale = True
            return
        if self._busy:
            self._again = True
            return
        from counter_app.services import ratings

        self._busy, self._stale = True, False
        period = self.desk.period()
        core, actor = self.desk.core, self.desk.actor
        self.desk.runner.run(
            lambda: ratings.figures(core, actor, period),
            lambda result: self._done(period, result),
            self._failed,
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _done(self, period: Period, result: SatisfactionFigures) -> None:
        self._busy = False
        self.show_figures(period, result)
        self._next()

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False
        self.title.setText(self.tr("Không tải được số liệu đánh giá."))
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def show_figures(self, period: Period, result: SatisfactionFigures) -> None:
        if period != self.desk.period():  # the desk moved on meanwhile: the next load wins
            self._stale = True
            return
        self.figures = result
        totals = result.totals
        self.title.setText(
            self.tr("Mức độ hài lòng – %1: %2 lượt đánh giá")
            .replace("%1", period.label)
            .replace("%2", str(totals.total))
        )
        for level, label in self.counts.items():
            label.setText(f"{self.level_labels[level]}: {totals.counts[level]}")
        self.rate.setText(self.tr("Tỷ lệ hài lòng: %1").replace("%1", totals.rate_text))
        self._fill(self.by_officer, result.by_officer)
        self._fill(self.by_procedure, result.by_procedure)

    def _fill(self, table: QTableWidget, groups: list[GroupFigures]) -> None:
        table.setRowCount(len(groups))
        for r, g in enumerate(groups):
            f = g.figures
            cells = [g.label, *(str(f.counts[level]) for level in Level), str(f.total), f.rate_text]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(r, c, item)
