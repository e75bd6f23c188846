"""Ghi nhận nộp phí: cash or a bank transfer (with the bank's reference), for one dossier."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import Banner, fmt_money

if TYPE_CHECKING:
    from counter_app.services.payments import FeeState
    from ui.session import Session


class PaymentDialog(QDialog):
    """Amount pre-filled with what is outstanding; `state` holds the result once accepted."""

    def __init__(self, session: Session, state: FeeState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("Ghi nhận nộp phí"))
        self.session = session
        self.owed = state
        self.state: FeeState | None = None
        self.banner = Banner()
        summary = QLabel(
            self.tr("Hồ sơ {0}: phải nộp {1}, đã nộp {2}, còn {3}.").format(
                state.code,
                fmt_money(state.owed),
                fmt_money(state.paid),
                fmt_money(state.outstanding),
            )
        )
        summary.setWordWrap(True)
        self.cash = QRadioButton(self.tr("Tiền &mặt"))
        self.transfer = QRadioButton(self.tr("Chuyển &khoản (VietQR)"))
        self.cash.setChecked(True)
        self.methods = QButtonGroup(self)
        self.methods.addButton(self.cash)
        self.methods.addButton(self.transfer)
        self.amount = QLineEdit(str(state.outstanding))
        self.amount.setObjectName("paymentAmount")
        self.amount.setAccessibleName(self.tr("Số tiền (đồng)"))
        self.reference = QLineEdit()
        self.reference.setObjectName("paymentReference")
        self.reference.setAccessibleName(self.tr("Mã giao dịch ngân hàng"))
        self.reference.setPlaceholderText(self.tr("Mã giao dịch trên ứng dụng ngân hàng"))
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Ghi chú"))
        self.partial = QCheckBox(self.tr("Nộp một &phần (ít hơn số còn phải nộp)"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Ghi &nhận"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Huỷ"))
        methods = QHBoxLayout()
        methods.addWidget(self.cash)
        methods.addWidget(self.transfer)
        methods.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Hình thức:"), methods)
        form.addRow(self.tr("&Số tiền (đồng):"), self.amount)
        form.addRow(self.tr("Mã giao &dịch:"), self.reference)
        form.addRow(self.tr("Ghi c&hú:"), self.note)
        form.addRow("", self.partial)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.transfer.toggled.connect(self._method_changed)
        self._method_changed()
        self.amount.setFocus(Qt.FocusReason.OtherFocusReason)

    def _method_changed(self) -> None:
        self.reference.setEnabled(self.transfer.isChecked())

    def method(self) -> str:
        return "transfer" if self.transfer.isChecked() else "cash"

    def submit(self) -> None:
        from counter_app.errors import ValidationError
        from counter_app.services import payments

        text = self.amount.text().replace(".", "").replace(" ", "").strip()
        if not text.isdigit():
            self.banner.show_error(
                ValidationError(
                    "E_PAYMENT_AMOUNT",
                    self.tr("Số tiền phải là số nguyên đồng, ví dụ 50000."),
                )
            )
            self.amount.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        request = payments.RecordRequest(
            code=self.owed.code,
            method=self.method(),
            amount_vnd=int(text),
            reference=self.reference.text() if self.transfer.isChecked() else "",
            note=self.note.text(),
            partial=self.partial.isChecked(),
        )
        self.ok_button.setEnabled(False)
        self.session.run(self.session.call(payments.record, request), self._done, self._failed)

    def _done(self, state: FeeState) -> None:
        self.state = state
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.banner.show_error(exc)
        target = {
            "E_PAYMENT_REFERENCE": self.reference,
            "E_PAYMENT_DUPLICATE": self.reference,
            "E_PAYMENT_NOTE": self.note,
        }.get(getattr(exc, "code", ""), self.amount)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
