"""Trả kết quả và xử lý hồ sơ: one dossier, opened by scanning its receipt (or from the list).

Shows what was stored and what happened since; offers exactly the steps the status allows:
hand over the result (status 10) and print the hand-over record, record that the result is
ready, request or receive a supplement, refuse, withdraw, each with its reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.status import Status, can_transition
from ui.dossier_actions import HandOverDialog, ReasonDialog
from ui.payment import PaymentPanel
from ui.receipt import HAND_OVER_FORM, RECEIPT_FORM, open_form, summary_html
from ui.widgets import Banner

if TYPE_CHECKING:
    from counter_app.services.views import DossierView
    from ui.session import Session

STATUS_COLOURS = {
    Status.DONE: "#0b5e2b",
    Status.RETURNED: "#555555",
    Status.SUPPLEMENT_REQUESTED: "#7a4a00",
    Status.NOT_RECEIVED: "#8a1c12",
    Status.WITHDRAWN: "#8a1c12",
    Status.STOPPED: "#8a1c12",
}


class ReturnView(QWidget):
    """`changed(code)` after any step, so lists can refresh; `shown(code)` once it is on screen."""

    changed = Signal(str)
    shown = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnView")
        self.session = session
        self.view: DossierView | None = None
        self.title = QLabel(self.tr("Quét mã vạch trên giấy tiếp nhận để mở hồ sơ."))
        self.title.setObjectName("dossierTitle")
        self.title.setStyleSheet("font-size:16pt; font-weight:bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("dossierStatus")
        self.status.setStyleSheet("font-size:12pt; font-weight:bold;")
        self.banner = Banner()
        self.details = QTextBrowser()
        self.details.setObjectName("dossierDetails")
        self.details.setAccessibleName(self.tr("Chi tiết hồ sơ"))

        self.hand_over_button = self._button(
            self.tr("&Trả kết quả"),
            self.tr("Ghi nhận trả kết quả cho người dân (Ctrl+T)"),
            "Ctrl+T",
            self.hand_over,
        )
        self.print_hand_over_button = self._button(
            self.tr("In &phiếu trả kết quả"),
            self.tr("In phiếu kiểm soát có dòng giao trả kết quả (Ctrl+P)"),
            "",
            self.print_hand_over,
        )
        self.finish_button = self._button(
            self.tr("Đã có &kết quả"),
            self.tr("Ghi nhận hồ sơ đã xử lý xong, chờ trả"),
            "",
            self.finish,
        )
        self.supplement_button = self._button(
            self.tr("Yêu cầu &bổ sung"),
            self.tr("Yêu cầu người nộp bổ sung giấy tờ (Mẫu 02)"),
            "",
            self.request_supplement,
        )
        self.received_button = self._button(
            self.tr("Đã nhận bổ s&ung"),
            self.tr("Người nộp đã mang giấy tờ bổ sung đến"),
            "",
            self.receive_supplement,
        )
        self.refuse_button = self._button(
            self.tr("Từ &chối"),
            self.tr("Từ chối tiếp nhận hồ sơ trực tuyến (Mẫu 03)"),
            "",
            self.refuse,
        )
        self.withdraw_button = self._button(
            self.tr("&Rút hồ sơ"),
            self.tr("Người dân xin rút hồ sơ"),
            "",
            self.withdraw,
        )
        self.print_receipt_button = self._button(
            self.tr("In &giấy tiếp nhận"),
            self.tr("In lại giấy tiếp nhận (Mẫu 01)"),
            "",
            self.print_receipt,
        )
        self.digitize_button = self._button(
            self.tr("&Số hoá thành phần…"),
            self.tr("Quét hoặc nhập tệp, mỗi thành phần một tệp PDF (Ctrl+D)"),
            "Ctrl+D",
            self.digitize,
        )
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status)
        grid = QGridLayout()
        buttons = [
            self.hand_over_button,
            self.print_hand_over_button,
            self.finish_button,
            self.print_receipt_button,
            self.supplement_button,
            self.received_button,
            self.withdraw_button,
            self.refuse_button,
            self.digitize_button,
        ]
        for i, button in enumerate(buttons):
            grid.addWidget(button, i // 4, i % 4)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.details, 1)
        self.payment = PaymentPanel(session)  # fees, VietQR, "Ghi nhận nộp phí" (ui/payment)
        self.shown.connect(self.payment.load)
        self.payment.recorded.connect(self.changed)
        layout.addWidget(self.payment)
        layout.addLayout(grid)
        self._update_buttons()

    def _button(self, text: str, tip: str, shortcut: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        button.setAccessibleDescription(tip)
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
        button.clicked.connect(slot)
        return button

    # -- loading --------------------------------------------------------------------------

    def open(self, code: str, notice: str = "") -> None:
        from counter_app.services import dossiers

        self.banner.clear()
        self.session.run(
            self.session.call(dossiers.show, code),
            lambda view: self._show(view, notice),
            self._failed_to_open,
        )

    def _failed_to_open(self, exc: BaseException) -> None:
        self.view = None
        self.payment.clear()
        self.title.setText(self.tr("Không mở được hồ sơ"))
        self.status.clear()
        self.details.clear()
        self.banner.show_error(exc)
        self._update_buttons()

    def _show(self, view: DossierView, notice: str = "") -> None:
        self.view = view
        self.title.setText(view.code)
        self.title.setAccessibleName(self.tr("Hồ sơ {0}").format(view.code))
        colour = STATUS_COLOURS.get(view.status, "#0b3d6e")
        if view.timeliness.value == "overdue" and view.status not in (Status.RETURNED,):
            colour = "#8a1c12"
        self.status.setText(f"{view.status.label} · {view.timeliness.label}")
        self.status.setStyleSheet(f"font-size:12pt; font-weight:bold; color:{colour};")
        self.details.setHtml(summary_html(view))
        if notice:
            self.banner.show_message(notice, "info")
        self._update_buttons()
        focus = self.hand_over_button if self.hand_over_button.isEnabled() else None
        if view.status is Status.RETURNED:
            focus = self.print_hand_over_button
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.shown.emit(view.code)

    def _update_buttons(self) -> None:
        status = self.view.status if self.view else None

        def allowed(target: Status) -> bool:
            return status is not None and can_transition(status, target)

        self.hand_over_button.setEnabled(allowed(Status.RETURNED))
        self.print_hand_over_button.setEnabled(status is Status.RETURNED)
        self.finish_button.setEnabled(
            status in (Status.RECEIVED, Status.PROCESSING, Status.FINANCIAL_OBLIGATION)
        )
        self.supplement_button.setEnabled(allowed(Status.SUPPLEMENT_REQUESTED))
        self.received_button.setEnabled(status is Status.SUPPLEMENT_REQUESTED)
        self.refuse_button.setEnabled(allowed(Status.NOT_RECEIVED))
        self.withdraw_button.setEnabled(allowed(Status.WITHDRAWN))
        self.print_receipt_button.setEnabled(status is not None)
        self.digitize_button.setEnabled(status is not None)

    def digitize(self) -> None:
        """The digitize screen for this dossier; the details reload when it closes."""
        if self.view is None:
            return
        from ui.digitize import DigitizeDialog

        code = self.view.code
        dialog = DigitizeDialog(
            self.session.core, self.session.actor, code, self.session.runner, self
        )
        dialog.exec()
        self.open(code)

    # -- steps ----------------------------------------------------------------------------

    def _after(self, dialog: QDialog, notice: str) -> None:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.window().activateWindow()
        if accepted and self.view is not None:
            code = self.view.code
            self.open(code, notice)
            self.changed.emit(code)

    def hand_over(self) -> None:
        if self.view is None or not self.hand_over_button.isEnabled():
            return
        dialog = HandOverDialog(self.session, self.view, self)
        self._after(dialog, self.tr("Đã trả kết quả. Nhấn Ctrl+P để in phiếu."))
        if dialog.result_moved is not None:  # the citizen rates the service (ui/rating)
            from ui.rating import after_hand_over

            after_hand_over(self, self.session, dialog.result_moved.code)

    def finish(self) -> None:
        from counter_app.services import lifecycle

        self._reason_step(
            self.tr("Hồ sơ đã có kết quả"),
            self.tr("Nội dung kết quả (không bắt buộc):"),
            lifecycle.finish,
            self.tr("Đã ghi nhận hồ sơ có kết quả, chờ trả."),
        )

    def request_supplement(self) -> None:
        from counter_app.services import lifecycle

        view = self.view
        components = [
            {"name": c.name, "copy_type": c.copy_type.value, "count": c.count}
            for c in (view.components if view else [])
        ]
        self._reason_step(
            self.tr("Yêu cầu bổ sung hồ sơ"),
            self.tr("&Lý do, nội dung cần bổ sung: *"),
            lifecycle.request_supplement,
            self.tr("Đã yêu cầu bổ sung; thời hạn tạm dừng đến khi nhận đủ."),
            components=components,
        )

    def receive_supplement(self) -> None:
        from counter_app.services import lifecycle

        self._reason_step(
            self.tr("Nhận hồ sơ bổ sung"),
            self.tr("Ghi chú (không bắt buộc):"),
            lifecycle.receive_supplement,
            self.tr("Đã nhận hồ sơ bổ sung; thời hạn tiếp tục."),
        )

    def refuse(self) -> None:
        from counter_app.services import lifecycle

        self._reason_step(
            self.tr("Từ chối tiếp nhận hồ sơ"),
            self.tr("&Lý do từ chối: *"),
            lifecycle.refuse,
            self.tr("Đã từ chối tiếp nhận hồ sơ."),
        )

    def withdraw(self) -> None:
        from counter_app.services import lifecycle

        self._reason_step(
            self.tr("Rút hồ sơ"),
            self.tr("&Lý do rút hồ sơ: *"),
            lifecycle.withdraw,
            self.tr("Đã ghi nhận người dân rút hồ sơ."),
        )

    def _reason_step(
        self,
        title: str,
        prompt: str,
        service: Any,
        notice: str,
        components: list[dict[str, Any]] | None = None,
    ) -> None:
        if self.view is None:
            return
        code, session = self.view.code, self.session

        def run(reason: str, items: list[dict[str, Any]]) -> Any:
            if components is not None:
                return session.call(service, code, reason, items)
            return session.call(service, code, reason)

        dialog = ReasonDialog(session, title, prompt, run, components=components, parent=self)
        self._after(dialog, notice)

    def print_receipt(self) -> None:
        if self.view is not None:
            open_form(self, self.session, self.view.code, RECEIPT_FORM)

    def print_hand_over(self) -> None:
        if self.view is not None and self.view.status is Status.RETURNED:
            open_form(self, self.session, self.view.code, HAND_OVER_FORM)

    def print_current(self) -> None:
        """Ctrl+P: the hand-over record once returned, else the receipt."""
        if self.view is None:
            return
        if self.view.status is Status.RETURNED:
            self.print_hand_over()
        else:
            self.print_receipt()
