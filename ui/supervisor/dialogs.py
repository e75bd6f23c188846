"""The supervisor's small forms: apology with a new date (Mẫu 04), reassignment, paper
hand-over (Mẫu 05 row), and what to export. They only collect input; the services check it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import VN_TZ

DEPARTMENTS = (
    "Bộ phận Một cửa",
    "Phòng Tư pháp – Hộ tịch",
    "Phòng Kinh tế – Hạ tầng",
    "Phòng Văn hoá – Xã hội",
    "Lãnh đạo UBND",
    "Văn thư",
)


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("Huỷ"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class ApologyDialog(QDialog):
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả: why it is late, and the new date."""

    def __init__(self, code: str, deadline: str, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Xin lỗi và hẹn lại ngày trả (Mẫu 04)"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("apologyReason")
        self.reason.setPlaceholderText(self.tr("Lý do chậm trả kết quả…"))
        self.new_day = QDateEdit(QDate(today.year, today.month, today.day).addDays(1))
        self.new_day.setObjectName("apologyDate")
        self.new_day.setCalendarPopup(True)
        self.new_day.setDisplayFormat("dd/MM/yyyy")
        form = QFormLayout(self)
        form.addRow(self.tr("Hồ sơ:"), QLabel(code))
        form.addRow(self.tr("Hạn hiện tại:"), QLabel(deadline))
        form.addRow(self.tr("Lý do:"), self.reason)
        form.addRow(self.tr("Ngày hẹn mới:"), self.new_day)
        form.addRow(_buttons(self, self.tr("Ghi nhận")))

    def values(self) -> tuple[str, date]:
        d = self.new_day.date()
        return self.reason.toPlainText(), date(d.year(), d.month(), d.day())


class ReassignDialog(QDialog):
    """Chuyển hồ sơ cho cán bộ khác."""

    def __init__(
        self,
        code: str,
        current: str,
        officers: list[tuple[int, str]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Chuyển cán bộ xử lý"))
        self.officer = QComboBox()
        self.officer.setObjectName("reassignOfficer")
        for user_id, label in officers:
            self.officer.addItem(label, user_id)
        self.reason = QLineEdit()
        self.reason.setObjectName("reassignReason")
        form = QFormLayout(self)
        form.addRow(self.tr("Hồ sơ:"), QLabel(code))
        form.addRow(self.tr("Đang xử lý:"), QLabel(current or "—"))
        form.addRow(self.tr("Chuyển cho:"), self.officer)
        form.addRow(self.tr("Lý do:"), self.reason)
        form.addRow(_buttons(self, self.tr("Chuyển")))

    def values(self) -> tuple[int, str]:
        return int(self.officer.currentData()), self.reason.text()


class HandoverDialog(QDialog):
    """One row of the control slip: the paper goes from one department to the next."""

    def __init__(self, code: str, now: datetime, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bàn giao hồ sơ giấy (Mẫu 05)"))
        self.source = QComboBox()
        self.target = QComboBox()
        for box, name, first in (
            (self.source, "handoverFrom", 0),
            (self.target, "handoverTo", 1),
        ):
            box.setObjectName(name)
            box.setEditable(True)
            box.addItems(DEPARTMENTS)
            box.setCurrentIndex(first)
        local = now.astimezone(VN_TZ)
        self.moment = QDateTimeEdit(
            QDateTime(QDate(local.year, local.month, local.day), local.time().replace(second=0))
        )
        self.moment.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.moment.setCalendarPopup(True)
        self.note = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Hồ sơ:"), QLabel(code))
        form.addRow(self.tr("Bên giao:"), self.source)
        form.addRow(self.tr("Bên nhận:"), self.target)
        form.addRow(self.tr("Thời điểm:"), self.moment)
        form.addRow(self.tr("Ghi chú:"), self.note)
        form.addRow(_buttons(self, self.tr("Ghi nhận")))

    def values(self) -> tuple[str, str, datetime, str]:
        d, t = self.moment.date(), self.moment.time()
        at = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=VN_TZ)
        return self.source.currentText(), self.target.currentText(), at, self.note.text()


class ExportDialog(QDialog):
    """What to export and where; unmasking is offered only to those allowed to."""

    LIST, BOOK = "list", "book"

    def __init__(self, list_title: str, may_unmask: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Xuất ra Excel / CSV"))
        self.as_list = QRadioButton(self.tr("Danh sách đang xem: %1").replace("%1", list_title))
        self.as_book = QRadioButton(self.tr("Sổ theo dõi hồ sơ (Mẫu 06) của khoảng ngày"))
        self.as_list.setChecked(True)
        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        self.path.setPlaceholderText(self.tr("tệp .xlsx hoặc .csv"))
        choose = QPushButton(self.tr("Chọn…"))
        choose.clicked.connect(self._choose)
        self.unmasked = QCheckBox(self.tr("Ghi đầy đủ số định danh (sẽ ghi vào nhật ký kiểm toán)"))
        self.unmasked.setObjectName("exportUnmasked")
        self.unmasked.setEnabled(may_unmask)
        if not may_unmask:
            self.unmasked.setToolTip(
                self.tr("Tài khoản này không có quyền xuất số định danh đầy đủ.")
            )
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.as_list)
        layout.addWidget(self.as_book)
        layout.addLayout(row)
        layout.addWidget(self.unmasked)
        layout.addWidget(_buttons(self, self.tr("Xuất")))

    def _choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Lưu tệp"), self.path.text(), "Excel (*.xlsx);;CSV (*.csv)"
        )
        if name:
            self.path.setText(name)

    def values(self) -> tuple[str, Path, bool]:
        scope = self.BOOK if self.as_book.isChecked() else self.LIST
        return scope, Path(self.path.text().strip()), self.unmasked.isChecked()


def ask_save(parent: QWidget, title: str, suggested: str, pattern: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return Path(name) if name else None
