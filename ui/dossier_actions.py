"""Dialogs for what happens to a dossier after intake: hand over the result, request or record
a supplement, refuse, withdraw, record that the result is ready.

Each dialog runs its use case itself when confirmed, so a refusal from the core (a wrong
status, a missing reason) is shown inside the dialog and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.identity import parse_card_qr
from counter_app.errors import AppError
from ui.widgets import Banner, add_row

if TYPE_CHECKING:
    from counter_app.services.lifecycle import Moved
    from counter_app.services.views import DossierView
    from ui.session import Session

Task = Callable[[], "Moved"]


class _ActionDialog(QDialog):
    """Shared shape: a form, an inline error banner, OK/Cancel; runs `task()` on OK."""

    def __init__(self, session: Session, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.session = session
        self.result_moved: Moved | None = None
        self.setWindowTitle(title)
        self.banner = Banner()
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def task(self) -> Task:
        raise NotImplementedError

    def submit(self) -> None:
        try:
            task = self.task()
        except AppError as exc:
            self.banner.show_error(exc)
            return
        self.buttons.setEnabled(False)
        self.session.run(task, self._done, self._failed)

    def _done(self, moved: Moved) -> None:
        self.result_moved = moved
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.banner.show_error(exc)


class HandOverDialog(_ActionDialog):
    """Trả kết quả: who received it and their ID (a scan of their card fills both)."""

    def __init__(self, session: Session, view: DossierView, parent: QWidget | None = None) -> None:
        super().__init__(session, "", parent)
        self.setWindowTitle(self.tr("Trả kết quả hồ sơ {0}").format(view.code))
        self.setObjectName("handOverDialog")
        self.code = view.code
        self.name_edit = QLineEdit(view.submitted_by)
        self.name_edit.setMaxLength(200)
        self.id_edit = QLineEdit()
        self.id_edit.setMaxLength(20)
        self.id_edit.setPlaceholderText(self.tr("quét mã QR thẻ căn cước của người nhận"))
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(500)
        hint = QLabel(self.tr("Quét thẻ căn cước của người nhận để điền họ tên và số định danh."))
        hint.setWordWrap(True)
        self.form.addRow(hint)
        add_row(self.form, self.tr("Người &nhận:"), self.name_edit)
        add_row(self.form, self.tr("Số &định danh người nhận:"), self.id_edit)
        add_row(self.form, self.tr("Ghi &chú:"), self.note_edit)
        self.id_edit.setFocus()

    def fill_card(self, text: str) -> bool:
        try:
            card = parse_card_qr(text)
        except AppError as exc:
            self.banner.show_error(exc)
            return False
        self.name_edit.setText(card.full_name)
        self.id_edit.setText(card.id_number)
        self.banner.show_message(self.tr("Đã điền từ thẻ căn cước của người nhận."), "info")
        return True

    def task(self) -> Task:
        from counter_app.services import lifecycle

        return self.session.call(
            lifecycle.hand_over,
            self.code,
            receiver_name=self.name_edit.text(),
            receiver_id=self.id_edit.text(),
            note=self.note_edit.text(),
        )


class ReasonDialog(_ActionDialog):
    """An action that needs (or allows) a reason; for a supplement, also what is missing."""

    def __init__(
        self,
        session: Session,
        title: str,
        prompt: str,
        run: Callable[[str, list[dict[str, Any]]], Task],
        *,
        components: list[dict[str, Any]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, title, parent)
        self.setObjectName("reasonDialog")
        self._run = run
        self.items: QListWidget | None = None
        if components is not None:
            self.items = QListWidget()
            self.items.setAccessibleName(self.tr("Giấy tờ cần bổ sung"))
            for c in components:
                item = QListWidgetItem(c["name"])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setData(Qt.ItemDataRole.UserRole, c)
                self.items.addItem(item)
            self.items.setMaximumHeight(140)
            add_row(self.form, self.tr("Giấy tờ cần &bổ sung:"), self.items)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        add_row(self.form, prompt, self.reason)
        self.reason.setFocus()

    def chosen_items(self) -> list[dict[str, Any]]:
        if self.items is None:
            return []
        chosen = []
        for i in range(self.items.count()):
            item = self.items.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(dict(item.data(Qt.ItemDataRole.UserRole)))
        return chosen

    def task(self) -> Task:
        return self._run(self.reason.toPlainText(), self.chosen_items())
