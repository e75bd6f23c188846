"""Phí, lệ phí of one dossier on screen: owed / paid / outstanding, the VietQR for the rest,
and "Ghi nhận nộp phí". At intake, before the dossier exists, it shows what will be asked
(the code's content is the dossier code, known once the dossier is registered)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.payment.dialog import PaymentDialog
from ui.payment.qr_widget import VietQrWidget
from ui.widgets import Banner, fmt_money

if TYPE_CHECKING:
    from counter_app.services.payments import FeeState, PaymentQr
    from ui.session import Session


class PaymentPanel(QGroupBox):
    """Hidden when nothing is charged. `recorded(code)` after a payment is saved."""

    recorded = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentPanel")
        self.setTitle(self.tr("Phí, lệ phí"))
        self.session = session
        self.code = ""
        self.fee: FeeState | None = None
        self.banner = Banner()
        self.summary = QLabel()
        self.summary.setObjectName("paymentSummary")
        self.summary.setWordWrap(True)
        self.qr = VietQrWidget()
        self.record_button = QPushButton(self.tr("Ghi nhận &nộp phí…"))
        self.record_button.setToolTip(self.tr("Tiền mặt hoặc chuyển khoản (kèm mã giao dịch)"))
        self.record_button.clicked.connect(self.record)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(row)
        layout.addWidget(self.qr)
        self.hide()

    # -- intake: before the dossier exists ---------------------------------------------------

    def preview(self, amount: int) -> None:
        """The fee of the chosen procedure: the account it goes to; the code comes with the
        dossier code (its transfer content) once registered."""
        from counter_app.services import payments

        self.code, self.fee = "", None
        self.qr.clear()
        self.banner.clear()
        self.record_button.hide()
        settings = self.session.core.settings.payment
        if amount <= 0 or not payments.configured(settings):
            self.hide()
            return
        self.summary.setText(
            self.tr(
                "Phí {0}: người nộp có thể chuyển khoản bằng mã VietQR, hiện ở đây và in trên "
                "giấy tiếp nhận ngay khi tiếp nhận (nội dung chuyển khoản là mã hồ sơ)."
            ).format(fmt_money(amount))
        )
        self.show()

    def clear(self) -> None:
        self.code, self.fee = "", None
        self.qr.clear()
        self.summary.clear()
        self.banner.clear()
        self.hide()

    # -- one dossier ----------------------------------------------------------------------

    def load(self, code: str) -> None:
        from counter_app.services import payments

        self.code = code

        def fetch() -> tuple[FeeState, PaymentQr | None]:
            core, actor = self.session.core, self.session.actor
            state = payments.fee_state(core, actor, code)
            return state, payments.dossier_qr(core, actor, code)

        self.session.run(fetch, self._show, self._failed)

    def _show(self, result: tuple[FeeState, PaymentQr | None]) -> None:
        state, qr = result
        if state.code != self.code:
            return  # another dossier was opened meanwhile
        self.fee = state
        self.banner.clear()
        if state.owed == 0:
            self.hide()
            return
        self.summary.setText(
            self.tr("{0} — phải nộp {1}, đã nộp {2}, còn {3}.").format(
                self._state_label(state.state),
                fmt_money(state.owed),
                fmt_money(state.paid),
                fmt_money(state.outstanding),
            )
        )
        self.qr.set_qr(qr, self.tr("Hồ sơ {0}: quét để nộp phí").format(state.code))
        self.record_button.show()
        self.record_button.setEnabled(state.outstanding > 0)
        self.show()

    def _state_label(self, state: str) -> str:
        return {
            "unpaid": self.tr("Chưa nộp phí"),
            "partial": self.tr("Đã nộp một phần"),
            "paid": self.tr("Đã nộp đủ"),
        }.get(state, "")

    def _failed(self, exc: BaseException) -> None:
        self.qr.clear()
        self.banner.show_error(exc)
        self.show()

    def record(self) -> None:
        if self.fee is None or self.fee.outstanding == 0:
            return
        dialog = PaymentDialog(self.session, self.fee, self)
        if dialog.exec() == PaymentDialog.DialogCode.Accepted and dialog.state is not None:
            self._show((dialog.state, None))
            self.load(self.fee.code)  # the code for what is still owed, if anything
            self.recorded.emit(self.fee.code)
