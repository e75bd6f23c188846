"""Thumbnails of the pages: drag to reorder, drop files from the desktop to import them."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QImage,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from counter_app.digitize.pages import Page

PAGE_ID = Qt.ItemDataRole.UserRole
THUMB = 150


def to_qimage(image: Image.Image) -> QImage:
    rgb = image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    qimage = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888)
    return qimage.copy()  # own the pixels: `data` goes away with this function


class PageList(QListWidget):
    """One icon per page, in order. Emits `orderChanged` after a drag and `filesDropped`
    (paths, row) when files come from outside."""

    orderChanged = Signal(list)  # page ids in the new order
    filesDropped = Signal(list, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 30, THUMB + 46))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Snap)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAcceptDrops(True)
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Các trang đã quét"))
        self._icons: dict[int, tuple[int, QIcon]] = {}
        self.model().rowsMoved.connect(self._moved)

    def show_pages(self, pages: list[Page], selected: list[int] | None = None) -> None:
        self.blockSignals(True)
        self.clear()
        wanted = set(selected or [])
        for number, page in enumerate(pages, start=1):
            item = QListWidgetItem(self._icon(page), self._caption(number, page))
            item.setData(PAGE_ID, page.id)
            item.setToolTip("\n".join([page.source, *page.warnings()]))
            flags = item.flags() | Qt.ItemFlag.ItemIsDragEnabled
            item.setFlags(flags & ~Qt.ItemFlag.ItemIsDropEnabled)
            if page.blank:
                item.setBackground(QColor("#fff4e5"))
            self.addItem(item)
            item.setSelected(page.id in wanted)
        self._icons = {k: v for k, v in self._icons.items() if k in {p.id for p in pages}}
        self.blockSignals(False)

    def _caption(self, number: int, page: Page) -> str:
        text = self.tr("Trang %1").replace("%1", str(number))
        if page.blank:
            text += "\n" + self.tr("⚠ trang trắng?")
        elif page.stamp:
            text += "\n" + self.tr("con dấu đỏ")
        elif page.low_dpi:
            text += "\n" + self.tr("⚠ độ phân giải thấp")
        return text

    def _icon(self, page: Page) -> QIcon:
        cached = self._icons.get(page.id)
        if cached and cached[0] == id(page.image):
            return cached[1]
        icon = QIcon(QPixmap.fromImage(to_qimage(page.thumbnail(THUMB))))
        self._icons[page.id] = (id(page.image), icon)
        return icon

    def page_ids(self) -> list[int]:
        return [int(self.item(i).data(PAGE_ID)) for i in range(self.count())]

    def selected_rows(self) -> list[int]:
        return sorted(self.row(item) for item in self.selectedItems())

    def _moved(self, *_args: object) -> None:
        self.orderChanged.emit(self.page_ids())

    # -- files from the desktop -----------------------------------------------------------

    @staticmethod
    def _files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if event.source() is not None or not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._files(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._files(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._files(event)
        if not files:
            super().dropEvent(event)
            self.orderChanged.emit(self.page_ids())  # some styles move without rowsMoved
            return
        index: QModelIndex = self.indexAt(event.position().toPoint())
        self.filesDropped.emit(files, index.row() if index.isValid() else self.count())
        event.acceptProposedAction()
