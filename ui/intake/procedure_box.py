"""The procedure side of the intake screen: search, the chosen procedure, its checklist,
processing time, fees and the appointment, kept live (it moves with the clock: a 15:00
cut-off, the end of office hours)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from counter_app.domain.procedures import ProcedureSpec
from ui.intake.procedure import ChecklistModel, ChecklistView, ProcedurePicker
from ui.payment import PaymentPanel
from ui.widgets import fmt_money, local

if TYPE_CHECKING:
    from ui.session import Session

APPOINTMENT_REFRESH_MS = 30_000


class ProcedureBox(QGroupBox):
    """`changed` when the checklist is edited; `spec` is the chosen procedure or None."""

    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Thủ tục hành chính"))
        self.session = session
        self.spec: ProcedureSpec | None = None
        self.picker = ProcedurePicker(session)
        self.picker.search.setAccessibleName(self.tr("Tìm thủ tục"))
        self.picker.search.setToolTip(
            self.tr("Gõ mã (1.001193) hoặc tên không dấu (chung thuc); ↑/↓ chọn, Enter lấy")
        )
        self.checklist = ChecklistModel(self)
        self.checklist_view = ChecklistView(self.checklist)
        self.chosen = QLabel(self.tr("Chưa chọn thủ tục."))
        self.chosen.setObjectName("chosenProcedure")
        self.chosen.setWordWrap(True)
        self.duration_label = QLabel()
        self.fee_label = QLabel()
        self.fee_label.setWordWrap(True)
        self.appointment_label = QLabel()
        self.appointment_label.setObjectName("appointment")
        self.appointment_label.setStyleSheet("font-weight:bold; color:#0b3d6e;")
        self.custom_edit = QLineEdit()
        self.custom_edit.setPlaceholderText(self.tr("Thêm thành phần khác rồi nhấn Enter"))
        self.custom_edit.setAccessibleName(self.tr("Thêm thành phần khác"))

        caption = QLabel(self.tr("Tìm &thủ tục:"))
        caption.setBuddy(self.picker.search)
        box = QVBoxLayout(self)
        box.addWidget(caption)
        box.addWidget(self.picker)
        box.addWidget(self.chosen)
        box.addWidget(self.checklist_view, 1)
        box.addWidget(self.custom_edit)
        info = QFormLayout()
        info.addRow(self.tr("Thời hạn giải quyết:"), self.duration_label)
        info.addRow(self.tr("Phí, lệ phí:"), self.fee_label)
        info.addRow(self.tr("Ngày hẹn trả:"), self.appointment_label)
        box.addLayout(info)
        self.payment = PaymentPanel(session)  # the fee's VietQR (ui/payment)
        box.addWidget(self.payment)

        self._timer = QTimer(self)
        self._timer.setInterval(APPOINTMENT_REFRESH_MS)
        self._timer.timeout.connect(self.refresh_appointment)
        self.checklist.changed.connect(self.changed)
        self.custom_edit.returnPressed.connect(self._add_custom)

    def show_spec(self, spec: ProcedureSpec, rows: list[dict[str, Any]] | None = None) -> None:
        """Show a procedure: its checklist from the catalogue, or the clerk's saved `rows`."""
        self.spec = spec
        self.chosen.setText(f"<b>{spec.code}</b> — {spec.name}")
        self.chosen.setToolTip(spec.name)
        if rows is None:
            self.checklist.load(spec.components)
        else:
            self.checklist.restore(rows)
        if spec.duration:
            days = spec.duration_unit.value == "days"
            unit = self.tr("ngày làm việc") if days else self.tr("giờ làm việc")
            self.duration_label.setText(f"{spec.duration} {unit}")
        else:
            self.duration_label.setText(self.tr("Trong ngày"))
        if spec.fees and spec.fee_total:
            self.fee_label.setText(
                "; ".join(f"{f.name}: {fmt_money(f.amount_vnd)}" for f in spec.fees if f.amount_vnd)
            )
        else:
            self.fee_label.setText(self.tr("Không thu phí"))
        self.fee_label.setToolTip("\n".join(f.note for f in spec.fees if f.note))
        self.payment.preview(spec.fee_total)
        self.refresh_appointment()
        self._timer.start()

    def clear(self) -> None:
        self.spec = None
        self.checklist.load(())
        self.chosen.setText(self.tr("Chưa chọn thủ tục."))
        for label in (self.duration_label, self.fee_label, self.appointment_label):
            label.clear()
        self.payment.clear()
        self._timer.stop()
        self.picker.clear()
        self.custom_edit.clear()

    def refresh_appointment(self) -> None:
        from counter_app.services import intake

        spec, core = self.spec, self.session.core
        if spec is None:
            self.appointment_label.clear()
            return
        self.session.run(
            lambda: intake.preview_appointment(core, spec.code),
            lambda when: self._show_appointment(spec.code, when),
            lambda exc: self.appointment_label.setText("—"),
        )

    def _show_appointment(self, code: str, when: datetime) -> None:
        if self.spec is None or self.spec.code != code:
            return  # another procedure was chosen meanwhile
        moment = local(when)
        days = [
            self.tr("thứ Hai"),
            self.tr("thứ Ba"),
            self.tr("thứ Tư"),
            self.tr("thứ Năm"),
            self.tr("thứ Sáu"),
            self.tr("thứ Bảy"),
            self.tr("Chủ nhật"),
        ]
        self.appointment_label.setText(
            self.tr("{0}, {1} ngày {2}").format(
                moment.strftime("%H:%M"), days[moment.weekday()], moment.strftime("%d/%m/%Y")
            )
        )

    def _add_custom(self) -> None:
        name = self.custom_edit.text().strip()
        if name:
            self.checklist.add_custom(name)
            self.custom_edit.clear()
