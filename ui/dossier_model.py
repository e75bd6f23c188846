"""The dossier list as a lazy Qt model: pages of rows fetched on the worker as the view scrolls.

The view only ever asks for what is on screen, rows arrive a page at a time (`before_id`
paging in `services.dossiers.search`), and every cell's text is prepared once when its page
arrives: scrolling through 100 000 dossiers costs the same as through 100. ID numbers and
phones arrive masked from the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from ui.table_model import ListTableModel
from ui.widgets import fmt_datetime

if TYPE_CHECKING:
    from counter_app.services.dossiers import DossierRow
    from ui.session import Session

PAGE = 100
Index = QModelIndex | QPersistentModelIndex
OVERDUE_BG = QColor("#fde2e1")
DUE_SOON_BG = QColor("#fff1d6")
_SEVERITY = {"overdue": 0, "due_soon": 1, "on_time": 2, "early": 3}


@dataclass(frozen=True)
class Line:
    """One row: the service's row plus its cell texts, computed once."""

    row: DossierRow
    cells: tuple[str, ...]
    timeliness: str


class DossierTableModel(ListTableModel):
    """`set_query(text)` starts a new search; `loaded(count, more)` after each page."""

    loaded = Signal(int, bool)
    failed = Signal(object)
    CODE, NAME, ID, PHONE, PROCEDURE, STATUS, RECEIVED, APPOINTMENT, TIMELINESS = range(9)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lines: list[Line] = []
        self.query = ""
        self.more = False
        self.loading = False
        self._token = 0
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def items(self) -> list[Any]:
        return self.lines

    def headers(self) -> list[str]:
        return [
            self.tr("Mã hồ sơ"),
            self.tr("Người nộp"),
            self.tr("Số định danh"),
            self.tr("Điện thoại"),
            self.tr("Thủ tục"),
            self.tr("Trạng thái"),
            self.tr("Ngày nhận"),
            self.tr("Hẹn trả"),
            self.tr("Tiến độ"),
        ]

    # -- loading --------------------------------------------------------------------------

    def set_query(self, query: str) -> None:
        self._token += 1
        self.query = query
        self.beginResetModel()
        self.lines = []
        self.more = False
        self.endResetModel()
        self._load(before_id=None)

    def reload(self) -> None:
        self.set_query(self.query)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.more and not self.loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._load(before_id=min(line.row.id for line in self.lines))

    def _load(self, before_id: int | None) -> None:
        from counter_app.services import dossiers

        self.loading = True
        token, query = self._token, self.query
        core, actor = self.session.core, self.session.actor

        def work() -> list[Line]:
            rows = dossiers.search(core, actor, query, limit=PAGE, before_id=before_id)
            return [_line(r) for r in rows]  # texts made on the worker, not while painting

        self.session.run(work, lambda lines: self._arrived(token, lines), self._failed)

    def _arrived(self, token: int, lines: list[Line]) -> None:
        if token != self._token:
            return  # the query changed while this page was loading
        self.loading = False
        self.more = len(lines) == PAGE
        if lines:
            start = len(self.lines)
            self.beginInsertRows(QModelIndex(), start, start + len(lines) - 1)
            self.lines.extend(lines)
            self.endInsertRows()
            if self._sort is not None:
                self.sort(*self._sort)
        self.loaded.emit(len(self.lines), self.more)

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.more = False
        self.failed.emit(exc)

    # -- Qt model API ---------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return line.cells[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.timeliness == "overdue":
                return QBrush(OVERDUE_BG)
            if line.timeliness == "due_soon":
                return QBrush(DUE_SOON_BG)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.PROCEDURE:
            return line.row.procedure_name
        if role == Qt.ItemDataRole.UserRole:
            return line.row.code
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts the rows loaded so far (later pages are merged into the same order)."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self.lines.sort(
            key=lambda line: _sort_key(line, column), reverse=order == Qt.SortOrder.DescendingOrder
        )
        self.layoutChanged.emit()

    def code_at(self, row: int) -> str:
        return self.lines[row].row.code


def _line(r: DossierRow) -> Line:
    procedure = f"{r.procedure_code} {r.procedure_name}"
    cells = (
        r.code,
        r.holder_name,
        r.holder_id_masked,
        r.phone_masked,
        procedure if len(procedure) <= 80 else procedure[:79] + "…",
        f"{int(r.status)}. {r.status.label}",
        fmt_datetime(r.received_at),
        fmt_datetime(r.due_at),
        r.timeliness.label,
    )
    return Line(r, cells, r.timeliness.value)


def _sort_key(line: Line, column: int) -> Any:
    r = line.row
    if column == DossierTableModel.STATUS:
        return int(r.status)
    if column == DossierTableModel.RECEIVED:
        return r.received_at
    if column == DossierTableModel.APPOINTMENT:
        return r.due_at
    if column == DossierTableModel.TIMELINESS:
        return _SEVERITY.get(line.timeliness, 9)
    if column == DossierTableModel.CODE:
        return r.id
    return line.cells[column].casefold()
