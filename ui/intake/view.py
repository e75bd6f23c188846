"""Tiếp nhận hồ sơ: the screen counter staff live in.

Left: the applicant (one QR scan fills it) and who brought the papers; the channel and how the
result goes back. Right: the procedure, its checklist, fees, processing time and the live
appointment. Ctrl+Enter registers; the form is kept as a draft until then.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.identity import looks_like_card_qr, parse_card_qr
from counter_app.domain.procedures import ProcedureSpec
from counter_app.errors import AppError, ValidationError
from counter_app.services import result_notice
from ui.intake.applicant import ApplicantPanel, SubmitterPanel
from ui.intake.draft import DraftStore
from ui.intake.options import OptionsPanel
from ui.intake.procedure_box import ProcedureBox
from ui.ready import when_idle
from ui.widgets import Banner, confirm

if TYPE_CHECKING:
    from counter_app.services.intake import PersonInput, Registered, RegisterRequest
    from ui.session import Session

log = logging.getLogger(__name__)


class IntakeView(QWidget):
    """Emits `registered(Registered)` after a dossier is saved, `code_entered(code)` when a
    receipt's code lands in the ID field (a scanner too slow for the router, or typed)."""

    registered = Signal(object)
    code_entered = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeView")
        self.session = session
        self.is_code: Callable[[str], bool] = lambda _text: False
        self.busy = False
        self.draft = DraftStore(session.data_dir, session.user.username, session.core.protector)
        self._restoring = False

        self.banner = Banner()
        self.applicant = ApplicantPanel()
        self.submitter = SubmitterPanel()
        self.procedure = ProcedureBox(session)
        # Its parts, by name (the tab order, the error focus and the tests use them).
        self.picker = self.procedure.picker
        self.checklist = self.procedure.checklist
        self.checklist_view = self.procedure.checklist_view
        self.custom_edit = self.procedure.custom_edit
        self.fee_label = self.procedure.fee_label
        self.registered.connect(lambda r: self.procedure.payment.load(r.code))  # its VietQR
        self.duration_label = self.procedure.duration_label
        self.appointment_label = self.procedure.appointment_label
        self.options = OptionsPanel()
        # The options' fields, by name (the request and the tab order use them).
        self.channel = self.options.channel
        self.return_method = self.options.return_method
        self.return_address = self.options.return_address
        self.sets = self.options.sets
        self.notes = self.options.notes
        self.options.set_notify_available(result_notice.unavailable_reason(session.core.settings))
        self.register_button = QPushButton(self.tr("&Tiếp nhận hồ sơ"))
        self.register_button.setObjectName("registerButton")
        self.register_button.setToolTip(self.tr("Lưu hồ sơ và in giấy tiếp nhận (Ctrl+Enter)"))
        self.register_button.setStyleSheet("font-weight:bold; padding:6px 18px;")
        self.new_button = QPushButton(self.tr("Hồ sơ &mới"))
        self.new_button.setToolTip(self.tr("Xoá biểu mẫu để tiếp nhận hồ sơ mới (F2)"))
        self._layout()

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(600)
        self._save_timer.timeout.connect(self.save_draft_async)
        self._connect()
        self.restore_draft()

    # -- layout ---------------------------------------------------------------------------

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.applicant)
        left.addWidget(self.submitter)
        left.addWidget(self.options)
        left.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.register_button)
        right = QVBoxLayout()
        right.addWidget(self.procedure, 1)
        right.addLayout(buttons)

        columns = QHBoxLayout()
        columns.addLayout(left, 45)
        columns.addLayout(right, 55)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.addWidget(self.banner)
        outer.addLayout(columns, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(scroll)

        # Tab goes down the applicant, then to the procedure, its checklist, the options,
        # and ends on the register button.
        order: list[QWidget] = [
            *self.applicant.fields(),
            self.picker.search,
            self.checklist_view,
            self.custom_edit,
            self.submitter.toggle,
            self.submitter.name_edit,
            self.submitter.id_edit,
            self.submitter.phone_edit,
            self.submitter.relation_edit,
            *self.options.fields(),
            self.register_button,
            self.new_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        for signal in (
            self.applicant.changed,
            self.submitter.changed,
            self.procedure.changed,
            self.options.changed,
        ):
            signal.connect(self._changed)
        self.applicant.id_completed.connect(self.look_up_applicant)
        self.applicant.id_edit.returnPressed.connect(self._maybe_card_in_field)
        self.applicant.name_edit.returnPressed.connect(self._maybe_card_in_field)
        self.picker.picked.connect(self.choose)
        self.register_button.clicked.connect(self.register)
        self.new_button.clicked.connect(self.new_dossier)

    # -- applicant ------------------------------------------------------------------------

    def fill_card(self, text: str) -> bool:
        """A chip-card QR (from the scanner or pasted): fill the applicant, then go on."""
        try:
            card = parse_card_qr(text)
        except AppError as exc:
            self.banner.show_error(exc)
            return False
        self.banner.clear()
        self.applicant.fill_from_card(card)
        self.picker.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.picker.search.selectAll()
        when_idle("card_filled")
        return True

    def _maybe_card_in_field(self) -> None:
        # A scanner too slow for the router typed into a field: still a scan.
        edit = self.sender()
        if not isinstance(edit, QLineEdit):
            return
        text = edit.text().strip()
        if looks_like_card_qr(text):
            edit.clear()
            self.fill_card(text)
        elif self.is_code(text):
            edit.clear()
            self.code_entered.emit(text.upper())

    def look_up_applicant(self, number: str) -> None:
        from counter_app.services import intake

        def found(person: PersonInput | None) -> None:
            if person is not None and self.applicant.id_number() == number:
                self.applicant.fill_known(person)

        self.session.run(
            self.session.call(intake.find_applicant, number),
            found,
            lambda exc: log.warning("applicant look-up failed: %s", exc),
        )

    # -- procedure ------------------------------------------------------------------------

    @property
    def spec(self) -> ProcedureSpec | None:
        return self.procedure.spec

    def choose(self, spec: ProcedureSpec, rows: list[dict[str, Any]] | None = None) -> None:
        self.procedure.show_spec(spec, rows)
        if not self._restoring:
            self.checklist_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._changed()

    # -- registering ----------------------------------------------------------------------

    def request(self) -> RegisterRequest:
        from counter_app.services.intake import RegisterRequest

        if self.spec is None:
            self.picker.search.setFocus()
            raise ValidationError(
                "E_PROCEDURE_REQUIRED",
                self.tr("Chưa chọn thủ tục hành chính."),
                hint=self.tr("Gõ mã hoặc tên thủ tục vào ô Tìm thủ tục rồi nhấn Enter."),
            )
        return RegisterRequest(
            procedure_code=self.spec.code,
            holder=self.applicant.person(),
            components=self.checklist.components(),
            submitter=self.submitter.person(),
            submitter_relation=self.submitter.relation(),
            channel=int(self.channel.currentData()),
            return_method=int(self.return_method.currentData()),
            return_address=self.return_address.text(),
            sets_count=self.sets.value(),
            notes=self.notes.toPlainText(),
            notify=self.options.notify_request(),
        )

    def register(self) -> None:
        from counter_app.services import intake

        if self.busy:
            return
        try:
            request = self.request()
        except AppError as exc:
            self.banner.show_error(exc)
            return
        missing = self.checklist.missing_required()
        if missing and not confirm(
            self,
            self.tr("Thiếu thành phần hồ sơ"),
            self.tr("Chưa đánh dấu thành phần bắt buộc:\n• {0}\n\nVẫn tiếp nhận hồ sơ?").format(
                "\n• ".join(missing)
            ),
        ):
            self.checklist_view.setFocus()
            return
        self.busy = True
        self.register_button.setEnabled(False)
        self.banner.show_message(self.tr("Đang lưu hồ sơ…"), "info")
        self.session.run(self.session.call(intake.register, request), self._saved, self._failed)

    def _saved(self, result: Registered) -> None:
        self.busy = False
        self.register_button.setEnabled(True)
        self.clear()
        self.draft.clear()
        self.banner.show_message(self.tr("Đã tiếp nhận hồ sơ {0}.").format(result.code), "info")
        self.registered.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.register_button.setEnabled(True)
        self.banner.show_error(exc)
        field = {
            "E_NAME_REQUIRED": self.applicant.name_edit,
            "E_ID_INVALID": self.applicant.id_edit,
            "E_PHONE": self.applicant.phone_edit,
            "E_EMAIL": self.applicant.email_edit,
            "E_BIRTH_DATE": self.applicant.birth_edit,
            "E_RETURN_ADDRESS": self.return_address,
            "E_PROCEDURE_UNKNOWN": self.picker.search,
            "E_NOTIFY_PHONE": self.options.notify_phone,
            "E_NOTIFY_PHONE_REQUIRED": self.options.notify_phone,
        }.get(getattr(exc, "code", ""))
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- new dossier, draft ---------------------------------------------------------------

    def new_dossier(self) -> None:
        if not self.is_empty() and not confirm(
            self, self.tr("Hồ sơ mới"), self.tr("Bỏ nội dung đang nhập để tiếp nhận hồ sơ mới?")
        ):
            return
        self.clear()
        self.draft.clear()
        self.banner.clear()

    def clear(self) -> None:
        self._restoring = True
        try:
            self.applicant.clear()
            self.submitter.clear()
            self.procedure.clear()
            self.options.clear()
        finally:
            self._restoring = False
        self._save_timer.stop()
        self.applicant.id_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def is_empty(self) -> bool:
        return (
            self.applicant.is_empty()
            and self.spec is None
            and not self.submitter.toggle.isChecked()
            and not self.notes.toPlainText().strip()
        )

    def state(self) -> dict[str, Any]:
        return {
            "version": 1,
            "applicant": self.applicant.state(),
            "submitter": self.submitter.state(),
            "procedure": self.spec.code if self.spec else "",
            "checklist": self.checklist.rows if self.spec else [],
            **self.options.state(),
        }

    def _changed(self) -> None:
        if not self._restoring:
            self._save_timer.start()

    def save_draft_async(self) -> None:
        if self.is_empty():
            self.session.run(self.draft.clear)
            return
        state, draft = self.state(), self.draft
        self.session.run(
            lambda: draft.save(state), None, lambda exc: log.warning("draft not saved: %s", exc)
        )

    def save_draft_now(self) -> None:
        """On close: write synchronously, the process is about to end."""
        self._save_timer.stop()
        try:
            if self.is_empty():
                self.draft.clear()
            else:
                self.draft.save(self.state())
        except OSError as exc:
            log.warning("draft not saved: %s", exc)

    def restore_draft(self) -> None:
        state = self.draft.load()
        if not state:
            return
        self._restoring = True
        try:
            self.applicant.restore(state.get("applicant", {}))
            self.submitter.restore(state.get("submitter", {}))
            self.options.restore(state)
        finally:
            self._restoring = False
        code = str(state.get("procedure", ""))
        if code:
            self._restore_procedure(code, list(state.get("checklist", [])))
        self.banner.show_message(self.tr("Đã khôi phục hồ sơ đang nhập dở lần trước."), "info")

    def _restore_procedure(self, code: str, rows: list[dict[str, Any]]) -> None:
        from counter_app.services import catalog

        core = self.session.core

        def restored(spec: ProcedureSpec | None) -> None:
            if spec is None:
                return
            self._restoring = True
            try:
                self.choose(spec, rows)
            finally:
                self._restoring = False

        self.session.run(lambda: catalog.get_procedure(core, code), restored)
