"""How the dossier came and how its result goes back: channel, return method and address,
number of sets, notes, and the citizen's wish to get a message when the result is ready."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from counter_app.services.result_notice import NotifyRequest
from ui.widgets import add_row


class OptionsPanel(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Hình thức nộp và trả kết quả"))
        self.channel = QComboBox()
        for value, label in (
            (1, self.tr("Trực tiếp")),
            (2, self.tr("Trực tuyến")),
            (3, self.tr("Bưu chính công ích")),
        ):
            self.channel.addItem(label, value)
        self.return_method = QComboBox()
        self.return_method.addItem(self.tr("Tại Bộ phận Một cửa"), 0)
        self.return_method.addItem(self.tr("Qua dịch vụ bưu chính"), 1)
        self.return_address = QLineEdit()
        self.return_address.setMaxLength(500)
        self.return_address.setPlaceholderText(self.tr("để trống: địa chỉ của người nộp"))
        self.sets = QSpinBox()
        self.sets.setRange(1, 99)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(56)
        self.notify_box = QCheckBox(self.tr("Nhắn tin khi có kết quả"))
        self.notify_box.setObjectName("notifyBox")
        self.notify_phone = QLineEdit()
        self.notify_phone.setMaxLength(20)
        self.notify_phone.setPlaceholderText(self.tr("để trống: điện thoại của người nộp"))
        form = QFormLayout(self)
        add_row(form, self.tr("&Kênh nộp:"), self.channel)
        add_row(form, self.tr("T&rả kết quả:"), self.return_method)
        add_row(form, self.tr("Địa chỉ nhận kết quả:"), self.return_address)
        add_row(form, self.tr("Số &bộ hồ sơ:"), self.sets)
        add_row(form, self.tr("Ghi ch&ú:"), self.notes)
        form.addRow(self.notify_box)
        add_row(form, self.tr("Số &di động nhận tin:"), self.notify_phone)
        for signal in (
            self.channel.currentIndexChanged,
            self.return_method.currentIndexChanged,
            self.sets.valueChanged,
            self.notes.textChanged,
            self.return_address.textChanged,
            self.notify_box.toggled,
            self.notify_phone.textChanged,
        ):
            signal.connect(self.changed)
        self.return_method.currentIndexChanged.connect(self._return_method_changed)
        self._return_method_changed()
        self.notify_box.toggled.connect(self._notify_changed)
        self.set_notify_available("")

    def set_notify_available(self, reason: str) -> None:
        """`reason` why this machine sends no messages ("" when it does): the box is then
        off and says why, so nobody promises the citizen a message that never comes."""
        self.notify_box.setEnabled(not reason)
        if reason:
            self.notify_box.setChecked(False)
            tip = self.tr("Máy này không gửi tin nhắn: {0}").format(reason)
        else:
            tip = self.tr(
                "Gửi SMS/Zalo cho người nộp khi hồ sơ có kết quả: mã hồ sơ, ngày hẹn trả, "
                "địa chỉ và điện thoại của Bộ phận Một cửa; không gửi họ tên, số định danh."
            )
        self.notify_box.setToolTip(tip)
        self._notify_changed()

    def _notify_changed(self) -> None:
        self.notify_phone.setEnabled(self.notify_box.isChecked())

    def notify_request(self) -> NotifyRequest | None:
        if not self.notify_box.isChecked():
            return None
        return NotifyRequest(phone=self.notify_phone.text())

    def _return_method_changed(self) -> None:
        self.return_address.setEnabled(self.return_method.currentData() == 1)

    def fields(self) -> list[QWidget]:
        return [
            self.channel,
            self.return_method,
            self.return_address,
            self.sets,
            self.notes,
            self.notify_box,
            self.notify_phone,
        ]

    def state(self) -> dict[str, Any]:
        return {
            "channel": self.channel.currentData(),
            "return_method": self.return_method.currentData(),
            "return_address": self.return_address.text(),
            "sets": self.sets.value(),
            "notes": self.notes.toPlainText(),
            "notify": self.notify_box.isChecked(),
            "notify_phone": self.notify_phone.text(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        for combo, key in ((self.channel, "channel"), (self.return_method, "return_method")):
            combo.setCurrentIndex(max(combo.findData(state.get(key)), 0))
        self.return_address.setText(str(state.get("return_address", "")))
        self.sets.setValue(int(state.get("sets", 1) or 1))
        self.notes.setPlainText(str(state.get("notes", "")))
        self.notify_box.setChecked(bool(state.get("notify")) and self.notify_box.isEnabled())
        self.notify_phone.setText(str(state.get("notify_phone", "")))

    def clear(self) -> None:
        self.restore({})
