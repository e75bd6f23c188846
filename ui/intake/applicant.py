"""The applicant (chủ hồ sơ) and, when someone else brings the papers, the submitter.

The ID number is checked as it is typed (shape, province code, digits 4–6 against the birth
date and gender); problems are shown as warnings that never block. A chip-card scan fills
every field at once; a known ID brings back the details of the applicant's earlier visit.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.identity import Gender, QrCard, birth_warnings, check_id
from counter_app.errors import ValidationError
from ui.widgets import add_row

if TYPE_CHECKING:
    from counter_app.services.intake import PersonInput

_DATE_FORMATS = ("%d/%m/%Y", "%d%m%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


def parse_birth(text: str) -> date | None:
    """dd/mm/yyyy (or ddmmyyyy as a scanner gives it); None when empty or not a date."""
    text = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def digits_of(text: str) -> str:
    return re.sub(r"[\s.\-]", "", text)


class ApplicantPanel(QGroupBox):
    """Holder fields; `changed` on any edit, `id_completed(number)` when an ID is whole."""

    changed = Signal()
    id_completed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Người nộp hồ sơ (chủ hồ sơ)"))
        self.id_edit = QLineEdit()
        self.id_edit.setMaxLength(1000)  # room for a QR typed by a slow scanner (see view)
        self.id_edit.setPlaceholderText(self.tr("12 số căn cước, hoặc quét mã QR trên thẻ"))
        self.id_status = QLabel()
        self.id_status.setObjectName("idStatus")
        self.id_status.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.birth_edit = QLineEdit()
        self.birth_edit.setPlaceholderText(self.tr("ngày/tháng/năm"))
        self.birth_edit.setMaxLength(10)
        self.gender_combo = QComboBox()
        self.gender_combo.addItem("", "")
        self.gender_combo.addItem(self.tr("Nam"), Gender.MALE.value)
        self.gender_combo.addItem(self.tr("Nữ"), Gender.FEMALE.value)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(40)
        self.address_edit = QLineEdit()
        self.address_edit.setMaxLength(500)
        self.email_edit = QLineEdit()
        self.email_edit.setMaxLength(200)
        self.old_id = ""
        self.warnings = QLabel()
        self.warnings.setObjectName("applicantWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color:#7a4a00;")
        self.notice = QLabel()
        self.notice.setObjectName("applicantNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color:#0b5e2b;")
        self._card_warnings: tuple[str, ...] = ()
        self._quiet = False

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(
            form,
            self.tr("&Số định danh:"),
            self.id_edit,
            self.tr("Số căn cước 12 chữ số (hoặc CMND 9 số). Quét mã QR trên thẻ để điền tất cả."),
        )
        form.addRow("", self.id_status)
        add_row(form, self.tr("&Họ và tên: *"), self.name_edit)
        add_row(form, self.tr("Ngày &sinh:"), self.birth_edit, self.tr("Ví dụ 15/03/1990"))
        add_row(form, self.tr("&Giới tính:"), self.gender_combo)
        add_row(form, self.tr("Điện t&hoại:"), self.phone_edit)
        add_row(form, self.tr("Đị&a chỉ:"), self.address_edit)
        add_row(form, self.tr("&Email:"), self.email_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(self.notice)

        self.id_edit.textChanged.connect(self._id_changed)
        for edit in (self.name_edit, self.phone_edit, self.address_edit, self.email_edit):
            edit.textChanged.connect(self.changed)
        self.birth_edit.textChanged.connect(self._recheck)
        self.gender_combo.currentIndexChanged.connect(self._recheck)
        self._recheck()

    # -- checking as you type -----------------------------------------------------------------

    def id_number(self) -> str:
        return digits_of(self.id_edit.text())

    def _id_changed(self) -> None:
        if self._quiet:
            return
        self._card_warnings = ()
        self.notice.clear()
        self._recheck()
        self._announce_id()

    def _announce_id(self) -> None:
        number = self.id_number()
        if len(number) in (9, 12) and check_id(number).valid:
            self.id_completed.emit(number)

    def _recheck(self) -> None:
        number = digits_of(self.id_edit.text())
        warnings = list(self._card_warnings)
        if not number:
            self.id_status.setText("")
        else:
            result = check_id(number)
            if result.valid and result.kind == "cccd":
                gender = self.tr("nam") if result.gender is Gender.MALE else self.tr("nữ")
                self.id_status.setText(
                    self.tr("✓ Căn cước: nơi đăng ký khai sinh {0}, {1}, sinh năm {2}").format(
                        result.province_name, gender, result.birth_year
                    )
                )
                self.id_status.setStyleSheet("color:#0b5e2b;")
            elif result.valid:
                self.id_status.setText(self.tr("✓ Số CMND cũ (9 chữ số)"))
                self.id_status.setStyleSheet("color:#0b5e2b;")
            else:
                self.id_status.setText("⚠ " + "; ".join(result.problems))
                self.id_status.setStyleSheet("color:#8a1c12;")
            birth = parse_birth(self.birth_edit.text())
            for w in birth_warnings(number, birth, self.gender()):
                if w not in warnings:
                    warnings.append(w)
        if self.birth_edit.text().strip() and parse_birth(self.birth_edit.text()) is None:
            warnings.append(self.tr("Ngày sinh chưa đúng dạng ngày/tháng/năm."))
        self.warnings.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))
        self.changed.emit()

    # -- filling --------------------------------------------------------------------------

    def fill_from_card(self, card: QrCard) -> None:
        """Every field from the card; then `id_completed` so a known person's phone comes back."""
        self._quiet = True
        try:
            self.id_edit.setText(card.id_number)
            self.name_edit.setText(card.full_name)
            self.birth_edit.setText(card.birth_date.strftime("%d/%m/%Y"))
            self.set_gender(card.gender)
            self.address_edit.setText(card.address)
            self.email_edit.clear()
            self.phone_edit.clear()
            self.old_id = card.old_id
        finally:
            self._quiet = False
        self._card_warnings = card.warnings
        self.notice.setText(self.tr("Đã điền từ mã QR của thẻ căn cước."))
        self._recheck()
        self._announce_id()

    def fill_known(self, person: PersonInput) -> list[str]:
        """Fill what is still empty from an earlier visit; returns the fields filled."""
        filled: list[str] = []
        pairs = (
            (self.name_edit, person.full_name, self.tr("họ tên")),
            (self.address_edit, person.address, self.tr("địa chỉ")),
            (self.phone_edit, person.phone, self.tr("điện thoại")),
            (self.email_edit, person.email, self.tr("email")),
        )
        for edit, value, label in pairs:
            if value and not edit.text().strip():
                edit.setText(value)
                filled.append(label)
        if person.birth_date and not self.birth_edit.text().strip():
            self.birth_edit.setText(person.birth_date.strftime("%d/%m/%Y"))
            filled.append(self.tr("ngày sinh"))
        if person.gender and not self.gender_combo.currentData():
            self.set_gender(person.gender)
            filled.append(self.tr("giới tính"))
        if person.old_id and not self.old_id:
            self.old_id = person.old_id
        known = (
            self.tr("Người nộp đã đến trước đây: đã điền lại {0}.").format(", ".join(filled))
            if filled
            else self.tr("Người nộp đã đến trước đây.")
        )
        self.notice.setText(" ".join(t for t in (self.notice.text(), known) if t))
        return filled

    def set_gender(self, gender: Gender | None) -> None:
        index = self.gender_combo.findData(gender.value if gender else "")
        self.gender_combo.setCurrentIndex(max(index, 0))

    def gender(self) -> Gender | None:
        value = self.gender_combo.currentData()
        return Gender(value) if value else None

    # -- reading --------------------------------------------------------------------------

    def person(self) -> PersonInput:
        from counter_app.services.intake import PersonInput

        birth_text = self.birth_edit.text().strip()
        birth = parse_birth(birth_text)
        if birth_text and birth is None:
            self.birth_edit.setFocus()
            raise ValidationError(
                "E_DATE",
                self.tr("Ngày sinh “{0}” không đúng dạng ngày/tháng/năm.").format(birth_text),
                hint=self.tr("Nhập ví dụ 15/03/1990, hoặc để trống."),
            )
        return PersonInput(
            full_name=self.name_edit.text(),
            id_number=self.id_edit.text(),
            birth_date=birth,
            gender=self.gender(),
            address=self.address_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            old_id=self.old_id,
        )

    def state(self) -> dict[str, Any]:
        return {
            "id": self.id_edit.text(),
            "old_id": self.old_id,
            "name": self.name_edit.text(),
            "birth": self.birth_edit.text(),
            "gender": self.gender_combo.currentData() or "",
            "phone": self.phone_edit.text(),
            "address": self.address_edit.text(),
            "email": self.email_edit.text(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self._quiet = True
        try:
            self.id_edit.setText(str(state.get("id", "")))
            self.old_id = str(state.get("old_id", ""))
            self.name_edit.setText(str(state.get("name", "")))
            self.birth_edit.setText(str(state.get("birth", "")))
            gender = str(state.get("gender", ""))
            self.set_gender(Gender(gender) if gender in ("male", "female") else None)
            self.phone_edit.setText(str(state.get("phone", "")))
            self.address_edit.setText(str(state.get("address", "")))
            self.email_edit.setText(str(state.get("email", "")))
        finally:
            self._quiet = False
        self._recheck()

    def clear(self) -> None:
        self.restore({})
        self._card_warnings = ()
        self.notice.clear()
        self._recheck()

    def is_empty(self) -> bool:
        return not any(v for v in self.state().values())

    def fields(self) -> list[QWidget]:
        return [
            self.id_edit,
            self.name_edit,
            self.birth_edit,
            self.gender_combo,
            self.phone_edit,
            self.address_edit,
            self.email_edit,
        ]


class SubmitterPanel(QGroupBox):
    """Người đi nộp, when not the holder: name, ID, phone and relation to the holder."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Người đi nộp"))
        self.toggle = QCheckBox(self.tr("Người đi nộp &khác chủ hồ sơ"))
        self.toggle.setAccessibleName(self.tr("Người đi nộp khác chủ hồ sơ"))
        self.body = QWidget()
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.id_edit = QLineEdit()
        self.id_edit.setMaxLength(20)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(40)
        self.relation_edit = QLineEdit()
        self.relation_edit.setMaxLength(100)
        self.relation_edit.setPlaceholderText(self.tr("ví dụ: con, vợ, người được ủy quyền"))
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        add_row(form, self.tr("Họ và tên:"), self.name_edit)
        add_row(form, self.tr("Số định danh:"), self.id_edit)
        add_row(form, self.tr("Điện thoại:"), self.phone_edit)
        add_row(form, self.tr("Quan hệ với chủ hồ sơ:"), self.relation_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toggle)
        layout.addWidget(self.body)
        self.body.setVisible(False)
        self.toggle.toggled.connect(self._toggled)
        for edit in (self.name_edit, self.id_edit, self.phone_edit, self.relation_edit):
            edit.textChanged.connect(self.changed)

    def _toggled(self, on: bool) -> None:
        self.body.setVisible(on)
        if on:
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def person(self) -> PersonInput | None:
        from counter_app.services.intake import PersonInput

        if not self.toggle.isChecked() or not self.name_edit.text().strip():
            return None
        return PersonInput(
            full_name=self.name_edit.text(),
            id_number=self.id_edit.text(),
            phone=self.phone_edit.text(),
        )

    def relation(self) -> str:
        return self.relation_edit.text() if self.toggle.isChecked() else ""

    def state(self) -> dict[str, Any]:
        return {
            "on": self.toggle.isChecked(),
            "name": self.name_edit.text(),
            "id": self.id_edit.text(),
            "phone": self.phone_edit.text(),
            "relation": self.relation_edit.text(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.name_edit.setText(str(state.get("name", "")))
        self.id_edit.setText(str(state.get("id", "")))
        self.phone_edit.setText(str(state.get("phone", "")))
        self.relation_edit.setText(str(state.get("relation", "")))
        self.toggle.setChecked(bool(state.get("on", False)))

    def clear(self) -> None:
        self.restore({})
