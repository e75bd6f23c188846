"""One dossier as the supervisor sees it: the facts, the whole history, what can be done."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.status import OPEN_STATUSES, Status
from counter_app.services.dossier_history import DossierDetail
from counter_app.services.views import CHANNEL_LABELS
from ui.supervisor.models import local

KIND_LABELS = {
    "status": "Trạng thái",
    "supplement": "Bổ sung",
    "form": "In biểu mẫu",
    "attachment": "Số hoá",
    "apology": "Xin lỗi",
    "handover": "Bàn giao",
    "reassign": "Phân công",
    "sync": "Đồng bộ",
}


class DetailPanel(QWidget):
    """Shows a `DossierDetail`; its buttons ask the desk to act on the dossier shown."""

    apologize = Signal()
    reassign = Signal()
    handover = Signal()
    print_form = Signal(str)  # "04" | "05"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: DossierDetail | None = None
        self.title = QLabel(self.tr("Chọn một hồ sơ trong danh sách để xem chi tiết."))
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600;")
        self.fields: dict[str, QLabel] = {}
        facts = QFormLayout()
        for key, label in (
            ("holder", self.tr("Người nộp")),
            ("procedure", self.tr("Thủ tục")),
            ("status", self.tr("Trạng thái")),
            ("received", self.tr("Tiếp nhận")),
            ("appointment", self.tr("Hẹn trả")),
            ("deadline", self.tr("Hạn (tính cả chờ bổ sung)")),
            ("officer", self.tr("Cán bộ xử lý")),
            ("sync", self.tr("Đồng bộ")),
        ):
            value = QLabel()
            value.setObjectName(f"detail_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            facts.addRow(label + ":", value)
        self.history = QTableWidget(0, 4)
        self.history.setObjectName("detailHistory")
        self.history.setHorizontalHeaderLabels(
            [self.tr("Thời điểm"), self.tr("Việc"), self.tr("Nội dung"), self.tr("Người thực hiện")]
        )
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setWordWrap(True)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.buttons = {
            "apologize": QPushButton(self.tr("Xin lỗi, hẹn lại (Mẫu 04)…")),
            "reassign": QPushButton(self.tr("Chuyển cán bộ…")),
            "handover": QPushButton(self.tr("Bàn giao (Mẫu 05)…")),
            "print04": QPushButton(self.tr("In Mẫu 04…")),
            "print05": QPushButton(self.tr("In Mẫu 05…")),
        }
        for name, button in self.buttons.items():
            button.setObjectName(f"action_{name}")
        self.buttons["apologize"].clicked.connect(self.apologize)
        self.buttons["reassign"].clicked.connect(self.reassign)
        self.buttons["handover"].clicked.connect(self.handover)
        self.buttons["print04"].clicked.connect(lambda: self.print_form.emit("04"))
        self.buttons["print05"].clicked.connect(lambda: self.print_form.emit("05"))
        actions = QGridLayout()
        for i, button in enumerate(self.buttons.values()):
            actions.addWidget(button, i // 3, i % 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(facts)
        layout.addLayout(actions)
        layout.addWidget(self.history, 1)
        self.show_detail(None)

    def show_detail(self, detail: DossierDetail | None) -> None:
        self.detail = detail
        for button in self.buttons.values():
            button.setEnabled(detail is not None)
        if detail is None:
            for value in self.fields.values():
                value.clear()
            self.history.setRowCount(0)
            return
        v = detail.view
        self.title.setText(f"{v.code} – {v.procedure_name}")
        deadline = local(v.deadline.due_at)
        if detail.apologies:
            deadline += self.tr(" (hẹn lại: %1)").replace(
                "%1", local(detail.apologies[-1].new_appointment_at)
            )
        texts = {
            "holder": f"{v.holder_name} ({v.holder_id_masked})",
            "procedure": f"{v.procedure_code} · {CHANNEL_LABELS.get(v.channel, '')}",
            "status": f"{int(v.status)} – {v.status.label} · {v.timeliness.label}",
            "received": local(v.received_at),
            "appointment": local(v.appointment_at),
            "deadline": deadline,
            "officer": detail.assignee_name,
            "sync": detail.sync_state,
        }
        for key, text in texts.items():
            self.fields[key].setText(text)
        is_open = v.status in OPEN_STATUSES
        self.buttons["apologize"].setEnabled(is_open)
        self.buttons["print04"].setEnabled(is_open and bool(detail.apologies))
        self.buttons["reassign"].setEnabled(is_open or v.status is Status.DONE)
        entries = detail.timeline()
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (
                local(entry.at),
                KIND_LABELS.get(entry.kind, entry.kind),
                entry.text,
                entry.who,
            )
            for column, text in enumerate(cells):
                self.history.setItem(row, column, QTableWidgetItem(text))
        self.history.resizeRowsToContents()
