"""Picking the procedure (by code or by name typed without accents) and its checklist.

The list under the search field follows what is typed ("chung thuc" finds "Chứng thực…");
↑/↓ move, Enter picks. With the field empty it offers the procedures this user picked last,
so the usual case of a counter takes one key. The checklist comes from the catalogue:
required components ticked, copy type and count editable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.procedures import COPY_TYPE_LABELS, ComponentSpec, CopyType, ProcedureSpec
from ui.table_model import ListTableModel

if TYPE_CHECKING:
    from counter_app.services.intake import ComponentInput
    from ui.session import Session

RECENT_MAX = 8
Index = QModelIndex | QPersistentModelIndex


class ProcedurePicker(QWidget):
    """Search field + result list; `picked(spec)` when the clerk chooses one."""

    picked = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.search = QLineEdit()
        self.search.setObjectName("procedureSearch")
        self.search.setPlaceholderText(self.tr("Mã hoặc tên thủ tục, gõ không dấu được"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("procedureResults")
        self.results.setAccessibleName(self.tr("Danh sách thủ tục tìm được"))
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # ↑/↓ from the field move it
        self.results.setMaximumHeight(132)
        self.results.setUniformItemSizes(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self.refresh)
        self._token = 0
        self._shown = 0
        self._pick_when_ready = False
        self._specs: dict[str, ProcedureSpec] = {}
        self.search.textEdited.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.pick_current)
        self.search.installEventFilter(self)
        self.results.itemActivated.connect(lambda _i: self.pick_current())
        self.results.itemClicked.connect(lambda _i: self.pick_current())

    # -- searching ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask the catalogue for what matches the field (on the worker); newest answer wins."""
        from counter_app.services import catalog

        self._debounce.stop()
        self._token += 1
        token, query, core = self._token, self.search.text().strip(), self.session.core
        self.session.run(
            lambda: catalog.list_procedures(core, query, limit=50),
            lambda specs: self._show(token, query, specs),
            lambda exc: self._show(token, query, []),
        )

    def _show(self, token: int, query: str, specs: list[ProcedureSpec]) -> None:
        if token != self._token:
            return  # a later keystroke already asked again
        self._shown = token
        if not query:
            recent = self.recent_codes()
            specs = sorted(specs, key=lambda s: recent.index(s.code) if s.code in recent else 99)
        self.results.clear()
        self._specs = {s.code: s for s in specs}
        for spec in specs:
            item = QListWidgetItem(f"{spec.code} — {spec.name}")
            item.setData(Qt.ItemDataRole.UserRole, spec.code)
            item.setToolTip(spec.name)
            self.results.addItem(item)
        recent_first = not query and bool(specs) and specs[0].code in self.recent_codes()
        if specs and (query or recent_first):
            self.results.setCurrentRow(0)  # Enter takes it (with nothing typed: the last used)
        elif query:
            self.results.addItem(self.tr("Không có thủ tục nào khớp với “{0}”.").format(query))
            self.results.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        if self._pick_when_ready:
            self._pick_when_ready = False
            self.pick_current()

    def current(self) -> ProcedureSpec | None:
        item = self.results.currentItem()
        code = item.data(Qt.ItemDataRole.UserRole) if item else None
        return self._specs.get(code) if code else None

    def pick_current(self) -> None:
        if self._debounce.isActive() or self._shown != self._token:
            # Enter came before the list caught up with the typing: pick from the answer to
            # the latest text, not from a stale list.
            self._pick_when_ready = True
            if self._debounce.isActive():
                self.refresh()
            return
        spec = self.current()
        if spec is not None:
            self.remember(spec.code)
            self.picked.emit(spec)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()), 0)
            if step and self.results.count():
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        if watched is self.search and event.type() == QEvent.Type.FocusIn and not self._specs:
            self.refresh()
        return super().eventFilter(watched, event)

    def clear(self) -> None:
        self._debounce.stop()
        self._token += 1
        self._shown = self._token
        self._pick_when_ready = False
        self.search.clear()
        self.results.clear()
        self._specs = {}

    # -- recent picks (per user, on this machine) -------------------------------------------

    def _recent_key(self) -> str:
        return f"recent_procedures/{self.session.user.username}"

    def recent_codes(self) -> list[str]:
        value = QSettings().value(self._recent_key(), [])
        if isinstance(value, str):  # an INI file gives one item back as a plain string
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def remember(self, code: str) -> None:
        codes = [code] + [c for c in self.recent_codes() if c != code]
        QSettings().setValue(self._recent_key(), codes[:RECENT_MAX])


# -- the component checklist ---------------------------------------------------------------


class ChecklistModel(ListTableModel):
    """Rows: the procedure's components (and any the clerk adds). Columns: ✓, name, copy, n."""

    changed = Signal()
    CHECK, NAME, COPY, COUNT = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def items(self) -> list[dict[str, Any]]:
        return self.rows

    def headers(self) -> list[str]:
        return [self.tr("Nộp"), self.tr("Thành phần hồ sơ"), self.tr("Loại bản"), self.tr("Số")]

    def load(self, components: tuple[ComponentSpec, ...]) -> None:
        self.beginResetModel()
        self.rows = [
            {
                "checked": c.required,
                "name": c.name,
                "copy_type": c.copy_type.value,
                "count": c.count,
                "required": c.required,
                "must_digitize": c.must_digitize,
                "code": c.code,
                "from_catalog": True,
            }
            for c in components
        ]
        self.endResetModel()
        self.changed.emit()

    def restore(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = [dict(r) for r in rows]
        self.endResetModel()

    def add_custom(self, name: str) -> None:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(
            {
                "checked": True,
                "name": name,
                "copy_type": CopyType.ORIGINAL.value,
                "count": 1,
                "required": False,
                "must_digitize": False,
                "code": "",
                "from_catalog": False,
            }
        )
        self.endInsertRows()
        self.changed.emit()

    def toggle(self, row: int) -> None:
        self.setData(
            self.index(row, self.CHECK),
            Qt.CheckState.Unchecked if self.rows[row]["checked"] else Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def components(self) -> list[ComponentInput]:
        from counter_app.services.intake import ComponentInput

        return [
            ComponentInput(
                name=r["name"],
                copy_type=CopyType(r["copy_type"]),
                count=int(r["count"]),
                required=bool(r["required"]),
                must_digitize=bool(r["must_digitize"]),
                code=r["code"],
                from_catalog=bool(r["from_catalog"]),
            )
            for r in self.rows
            if r["checked"]
        ]

    def missing_required(self) -> list[str]:
        return [r["name"] for r in self.rows if r["required"] and not r["checked"]]

    # -- Qt model API ---------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.CHECK:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (self.COPY, self.COUNT):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == self.CHECK:
            return Qt.CheckState.Checked if row["checked"] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                return row["name"] + ("" if row["required"] else self.tr(" (nếu có)"))
            if col == self.COPY:
                return COPY_TYPE_LABELS[CopyType(row["copy_type"])]
            if col == self.COUNT:
                return row["count"]
        if role == Qt.ItemDataRole.EditRole:
            return {self.COPY: row["copy_type"], self.COUNT: row["count"]}.get(col)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.NAME:
            return row["name"]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = self.tr("đã nộp") if row["checked"] else self.tr("chưa nộp")
            return f"{row['name']}: {state}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == self.CHECK:
            row["checked"] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and col == self.COPY:
            row["copy_type"] = CopyType(str(value)).value
        elif role == Qt.ItemDataRole.EditRole and col == self.COUNT:
            row["count"] = min(max(int(value), 1), 99)
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 3))
        self.changed.emit()
        return True


class CopyTypeDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for copy_type, label in COPY_TYPE_LABELS.items():
            combo.addItem(label, copy_type.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ChecklistView(QTableView):
    """Space ticks the current row whatever column it is in; F2 edits copy type or count."""

    def __init__(self, model: ChecklistModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("checklist")
        self.setAccessibleName(self.tr("Thành phần hồ sơ"))
        self.setToolTip(self.tr("Dấu cách: đánh dấu đã nộp · F2: sửa loại bản hoặc số lượng"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table: the form's order goes on
        self.setItemDelegateForColumn(ChecklistModel.COPY, CopyTypeDelegate(self))
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(ChecklistModel.CHECK, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ChecklistModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ChecklistModel.COPY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ChecklistModel.COUNT, QHeaderView.ResizeMode.ResizeToContents)
        model.modelReset.connect(self._after_reset)

    def _after_reset(self) -> None:
        self.resizeRowsToContents()
        if self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, ChecklistModel.NAME))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.model()
        if event.key() == Qt.Key.Key_Space and self.currentIndex().isValid():
            assert isinstance(model, ChecklistModel)
            model.toggle(self.currentIndex().row())
            return
        super().keyPressEvent(event)
