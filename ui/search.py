"""Tra cứu hồ sơ: search-as-you-type over name, ID, phone, code and procedure, accents optional.

The list is lazy (pages load as it scrolls), sortable, and highlights overdue and due-soon
dossiers (colour and a words column, so it does not rely on colour alone). Enter or a
double-click opens the dossier.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.dossier_model import DossierTableModel
from ui.session import Session
from ui.widgets import Banner


class SearchView(QWidget):
    """Emits `open_dossier(code)` when the clerk opens a row."""

    open_dossier = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchView")
        self.session = session
        self.query = QLineEdit()
        self.query.setObjectName("searchQuery")
        self.query.setClearButtonEnabled(True)
        self.query.setPlaceholderText(
            self.tr("Tên, số định danh, điện thoại, mã hồ sơ hoặc thủ tục (gõ không dấu được)")
        )
        self.query.setAccessibleName(self.tr("Tìm hồ sơ"))
        self.query.setToolTip(self.tr("Gõ để tìm; ↓ xuống danh sách; Enter mở hồ sơ (F3)"))
        self.count = QLabel()
        self.count.setObjectName("searchCount")
        self.banner = Banner()
        self.model = DossierTableModel(session, self)
        self.table = QTableView()
        self.table.setObjectName("dossierTable")
        self.table.setAccessibleName(self.tr("Danh sách hồ sơ"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DossierTableModel.PROCEDURE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 190), (1, 170), (2, 110), (3, 95), (5, 150), (6, 120), (7, 120)):
            header.resizeSection(column, width)

        top = QHBoxLayout()
        caption = QLabel(self.tr("&Tìm:"))
        caption.setBuddy(self.query)
        top.addWidget(caption)
        top.addWidget(self.query, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)

        self._open_when_loaded = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.search_now)
        self.query.textChanged.connect(lambda _t: self._debounce.start())
        self.query.returnPressed.connect(self._enter_in_query)
        self.query.installEventFilter(self)
        self.table.activated.connect(
            lambda index: self.open_dossier.emit(self.model.code_at(index.row()))
        )
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self.banner.show_error)

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def search_now(self) -> None:
        self._debounce.stop()
        self.banner.clear()
        self.model.set_query(self.query.text().strip())

    def _loaded(self, count: int, more: bool) -> None:
        if count == 0:
            self.count.setText(self.tr("Không tìm thấy hồ sơ"))
        elif more:
            self.count.setText(self.tr("{0}+ hồ sơ").format(count))
        else:
            self.count.setText(self.tr("{0} hồ sơ").format(count))
        if count and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        if self._open_when_loaded:
            self._open_when_loaded = False
            self._open_current()

    def _enter_in_query(self) -> None:
        if self._debounce.isActive():
            self.search_now()
        if self.model.loading:
            self._open_when_loaded = True  # Enter came before the answer: open its first row
            return
        self._open_current()

    def _open_current(self) -> None:
        row = max(self.table.currentIndex().row(), 0)
        if row < self.model.rowCount():
            self.open_dossier.emit(self.model.code_at(row))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)
