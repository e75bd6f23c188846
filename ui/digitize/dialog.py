"""The digitize screen: the dossier's components on the left (which must still be digitized),
the pages of the current component as thumbnails on the right, sources and page tools above.

All heavy work (reading files, scanning, building the PDF, signing) runs on the runner's worker
thread; the window only draws. Pages are cleaned as they arrive (deskew, crop); pages that look
blank are flagged in orange and the clerk is asked before saving them, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counter_app.digitize import scanners
from counter_app.digitize.pages import Page, PageDeck
from counter_app.services import attachments
from counter_app.services.attachments import AttachmentView, ComponentStatus
from counter_app.services.context import Actor, Core
from ui.digitize.page_list import PageList
from ui.digitize.sources import SourceBar
from ui.tasks import Runner
from ui.widgets import Banner, confirm, fmt_datetime


class DigitizeDialog(QDialog):
    """Số hoá hồ sơ `dossier_code`: one PDF per component."""

    def __init__(
        self,
        core: Core,
        actor: Actor,
        dossier_code: str,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        scanner: scanners.ScannerBackend | None = None,
    ) -> None:
        super().__init__(parent)
        self.core, self.actor, self.code, self.runner = core, actor, dossier_code, runner
        self.deck = PageDeck()
        self.status: list[ComponentStatus] = []
        self.busy = False
        # Questions to the clerk; tests answer them without modal dialogs.
        self.ask: Callable[[str, str], bool] = lambda title, text: confirm(self, title, text)
        self.ask_secret: Callable[[], str | None] = self._ask_secret
        self.setWindowTitle(self.tr("Số hoá hồ sơ %1").replace("%1", dossier_code))
        self.resize(1180, 740)
        backend = scanner or scanners.backend_for(core.settings.digitize)
        self.sources = SourceBar(core, runner, backend, self)
        self._build()
        self.sources.pagesArrived.connect(self._place)
        self.sources.failed.connect(self._failed)
        self.sources.started.connect(lambda text, _c: self._set_busy(True, text))
        self.pages_view.orderChanged.connect(self._reorder)
        self.pages_view.filesDropped.connect(self.sources.import_files)
        self.pages_view.itemSelectionChanged.connect(self._update_buttons)
        self.components.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.refresh_status()
        self.sources.refresh_devices()
        self._update_buttons()

    # -- layout -------------------------------------------------------------------------------

    def _button(
        self, text: str, slot: Callable[[], Any], tip: str = "", key: str = ""
    ) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        if tip:
            button.setToolTip(tip)
        if key:
            button.setShortcut(QKeySequence(key))
        return button

    def _build(self) -> None:
        self.banner = Banner(self)
        self.components = QListWidget()
        self.components.setAccessibleName(self.tr("Thành phần hồ sơ"))
        self.components.setWordWrap(True)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        left = QWidget()
        left.setMinimumWidth(260)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("<b>Thành phần hồ sơ</b>")))
        left_layout.addWidget(self.components, 1)
        left_layout.addWidget(self.missing_label)
        self.sign_button = self._button(self.tr("Ký số…"), self.sign, self.tr("Ký số tệp PDF"))
        left_layout.addWidget(self.sign_button)

        self.placement = QComboBox()
        self.placement.addItem(self.tr("Trang mới: thêm vào cuối"), "end")
        self.placement.addItem(self.tr("Trang mới: chèn trước trang chọn"), "before")
        self.placement.addItem(self.tr("Trang mới: thay trang chọn"), "replace")
        self.rotate_left = self._button(
            self.tr("⟲ Xoay trái"), lambda: self.rotate(-1), key="Ctrl+L"
        )
        self.rotate_right = self._button(
            self.tr("⟳ Xoay phải"), lambda: self.rotate(1), key="Ctrl+R"
        )
        self.delete_button = self._button(self.tr("Xoá trang"), self.delete_pages, key="Delete")
        self.blank_button = self._button(
            self.tr("Trang trắng?"),
            self.toggle_blank,
            self.tr("Đánh dấu / bỏ đánh dấu trang trắng"),
        )
        tools = QHBoxLayout()
        for widget in (
            self.placement,
            self.rotate_left,
            self.rotate_right,
            self.delete_button,
            self.blank_button,
        ):
            tools.addWidget(widget)
        tools.addStretch(1)

        self.pages_view = PageList()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.sources)
        right_layout.addLayout(tools)
        right_layout.addWidget(self.pages_view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([280, 900])

        self.progress_label = QLabel()
        self.save_button = self._button(self.tr("&Lưu PDF cho thành phần"), self.save, key="Ctrl+S")
        self.save_button.setDefault(True)
        close = self._button(self.tr("Đóng"), self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress_label, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

    # -- state --------------------------------------------------------------------------------

    def selected_component(self) -> ComponentStatus | None:
        row = self.components.currentRow()
        return self.status[row] if 0 <= row < len(self.status) else None

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.progress_label.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_pages = len(self.deck) > 0
        selected = bool(self.pages_view.selectedItems())
        comp = self.selected_component()
        for button in (self.rotate_left, self.rotate_right, self.delete_button, self.blank_button):
            button.setEnabled(selected and not self.busy)
        self.save_button.setEnabled(has_pages and comp is not None and not self.busy)
        attached = comp.attachment if comp else None
        self.sign_button.setEnabled(bool(attached and not attached.signed_by) and not self.busy)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.banner.show_error(exc)

    # -- components ---------------------------------------------------------------------------

    def refresh_status(self) -> None:
        core, actor, code = self.core, self.actor, self.code
        self.runner.run(
            lambda: attachments.component_status(core, actor, code), self._show_status, self._failed
        )

    def _show_status(self, rows: list[ComponentStatus]) -> None:
        keep = self.components.currentRow()
        self.status = rows
        self.components.clear()
        for s in rows:
            item = QListWidgetItem(f"{s.position}. {s.name}\n{self._state(s)}")
            if s.missing:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.components.addItem(item)
        missing = [s for s in rows if s.missing]
        self.missing_label.setText(
            self.tr("Còn thiếu số hoá: %1").replace(
                "%1", "; ".join(f"{s.position}. {s.name}" for s in missing)
            )
            if missing
            else self.tr("Đã số hoá đủ các thành phần bắt buộc.")
        )
        first_missing = next((i for i, s in enumerate(rows) if s.missing), 0)
        self.components.setCurrentRow(keep if 0 <= keep < len(rows) else first_missing)
        self._update_buttons()

    def _state(self, s: ComponentStatus) -> str:
        a = s.attachment
        if a is None:
            return (
                self.tr("✗ Cần số hoá – còn thiếu") if s.must_digitize else self.tr("Chưa số hoá")
            )
        text = self.tr("✓ Đã số hoá – %1 trang, %2 KB").replace("%1", str(a.pages))
        text = text.replace("%2", str(max(1, a.size // 1024)))
        if a.signed_by:
            signed = self.tr("ký bởi %1 lúc %2").replace("%1", a.signed_by)
            text += ", " + signed.replace("%2", fmt_datetime(a.signed_at))
        return text

    def _place(self, pages: list[Page], row: int | None = None) -> None:
        self._set_busy(False)
        selected = self.pages_view.selected_rows()
        mode = str(self.placement.currentData())
        if row is not None:
            self.deck.insert(min(row, len(self.deck)), pages)
        elif mode == "before" and selected:
            self.deck.insert(selected[0], pages)
        elif mode == "replace" and selected:
            self.deck.replace(selected[0], pages)
        else:
            self.deck.append(pages)
        self._show_pages([p.id for p in pages])
        blank = [str(i + 1) for i in self.deck.blank_pages()]
        if blank:
            self.banner.show_message(
                self.tr("Trang %1 có vẻ là trang trắng: kiểm tra, xoá nếu không cần.").replace(
                    "%1", ", ".join(blank)
                ),
                "warning",
            )
        else:
            self.banner.clear()

    # -- page tools ---------------------------------------------------------------------------

    def _show_pages(self, selected_ids: list[int] | None = None) -> None:
        self.pages_view.show_pages(self.deck.pages, selected_ids)
        total = len(self.deck)
        self.progress_label.setText(self.tr("%1 trang").replace("%1", str(total)) if total else "")
        self._update_buttons()

    def _selected_ids(self) -> list[int]:
        return [self.deck[r].id for r in self.pages_view.selected_rows()]

    def rotate(self, turns: int) -> None:
        ids = self._selected_ids()
        for row in self.pages_view.selected_rows():
            self.deck.rotate(row, turns)
        self._show_pages(ids)

    def delete_pages(self) -> None:
        for row in reversed(self.pages_view.selected_rows()):
            self.deck.delete(row)
        self._show_pages()

    def toggle_blank(self) -> None:
        ids = self._selected_ids()
        for row in self.pages_view.selected_rows():
            self.deck.set_blank(row, not self.deck[row].blank)
        self._show_pages(ids)

    def _reorder(self, ids: list[int]) -> None:
        if ids != [p.id for p in self.deck]:
            self.deck.reorder(ids)
            self._show_pages(self._selected_ids() or None)

    # -- saving and signing -------------------------------------------------------------------

    def save(self) -> None:
        comp = self.selected_component()
        if comp is None or not len(self.deck):
            return
        blank = [str(i + 1) for i in self.deck.blank_pages()]
        if blank and not self.ask(
            self.tr("Trang trắng"),
            self.tr("Trang %1 có vẻ là trang trắng. Vẫn lưu cả những trang này?").replace(
                "%1", ", ".join(blank)
            ),
        ):
            return
        if comp.attachment and not self.ask(
            self.tr("Thay bản số hoá"),
            self.tr("Thành phần này đã có bản số hoá. Thay bằng %1 trang mới?").replace(
                "%1", str(len(self.deck))
            ),
        ):
            return
        core, actor, code, pages = self.core, self.actor, self.code, self.deck.pages
        prof = self.sources.profile()
        self._set_busy(True, self.tr("Đang tạo tệp PDF…"))
        self.runner.run(
            lambda: attachments.attach_pages(core, actor, code, comp.position, pages, prof),
            self._saved,
            self._failed,
        )

    def _saved(self, view: AttachmentView) -> None:
        self._set_busy(False)
        self.deck = PageDeck()
        self._show_pages()
        self.banner.show_message(
            self.tr("Đã lưu %1: %2 trang, %3 KB.")
            .replace("%1", view.component_name)
            .replace("%2", str(view.pages))
            .replace("%3", str(max(1, view.size // 1024))),
            "info",
        )
        self.refresh_status()

    def _ask_secret(self) -> str | None:
        text, ok = QInputDialog.getText(
            self,
            self.tr("Ký số"),
            self.tr("Mã PIN của USB token (hoặc mật khẩu tệp chứng thư):"),
            QLineEdit.EchoMode.Password,
        )
        return text if ok else None

    def sign(self) -> None:
        comp = self.selected_component()
        if comp is None or comp.attachment is None:
            return
        secret = self.ask_secret()
        if secret is None:
            return
        core, actor, attachment_id = self.core, self.actor, comp.attachment.id
        self._set_busy(True, self.tr("Đang ký số…"))

        def signed(view: AttachmentView) -> None:
            self._set_busy(False)
            self.banner.show_message(
                self.tr("Đã ký số: %1 lúc %2.")
                .replace("%1", view.signed_by)
                .replace("%2", fmt_datetime(view.signed_at)),
                "info",
            )
            self.refresh_status()

        self.runner.run(
            lambda: attachments.sign(core, actor, attachment_id, secret), signed, self._failed
        )

    def done(self, result: int) -> None:  # closing: stop the folder watch and any scan
        self.sources.stop()
        super().done(result)
