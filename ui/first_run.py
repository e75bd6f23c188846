"""First run: the office (unit identifier, name, province and commune, tracking-book volume) and
the first administrator. Later starts go straight to the login window.

Province and commune lists are the post-2025 map from `vietnam-provinces` (34 provinces, no
districts). The sample catalogue is loaded so the counter can work at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import ValidationError
from ui.widgets import Banner, add_row

if TYPE_CHECKING:
    from counter_app.config import OfficeSettings
    from counter_app.services.context import Core
    from counter_app.services.users import UserView
    from ui.tasks import Runner


def provinces() -> list[tuple[str, str]]:
    from vietnam_provinces import Province

    return sorted(((p.name, str(int(p.code))) for p in Province.iter_all()), key=lambda x: x[0])


def communes(province_code: str) -> list[tuple[str, str]]:
    from vietnam_provinces import Ward
    from vietnam_provinces.codes import ProvinceCode

    code = ProvinceCode(int(province_code))
    return sorted(
        ((w.name, str(int(w.code))) for w in Ward.iter_by_province(code)), key=lambda x: x[0]
    )


class FirstRunDialog(QDialog):
    """`user` (the new administrator, signed in) is set when it is accepted."""

    def __init__(
        self,
        runner: Runner,
        core: Callable[[], Core],
        *,
        need_office: bool = True,
        need_admin: bool = True,
        preset: OfficeSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.runner = runner
        self.core = core
        self.need_office = need_office
        self.need_admin = need_admin
        self.user: UserView | None = None
        self.setWindowTitle(self.tr("Thiết lập lần đầu — Phần mềm Một cửa"))
        intro = QLabel(
            self.tr(
                "Chào mừng! Nhập thông tin cơ quan và tài khoản quản trị đầu tiên. "
                "Các lần sau chương trình mở thẳng màn hình đăng nhập."
            )
        )
        intro.setWordWrap(True)
        self.banner = Banner()

        self.unit_id = QLineEdit(preset.unit_id if preset else "")
        self.unit_id.setPlaceholderText("000.00.01.H22")
        self.unit_id.setMaxLength(40)
        self.name = QLineEdit(preset.name if preset else "")
        self.name.setMaxLength(300)
        self.agency = QLineEdit(preset.agency_name if preset else "")
        self.agency.setMaxLength(300)
        self.province = QComboBox()
        self.province.setEditable(True)  # type to jump: 34 names
        self.province.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.commune = QComboBox()
        self.commune.setEditable(True)
        self.commune.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.address = QLineEdit()
        self.address.setMaxLength(500)
        self.phone = QLineEdit()
        self.phone.setMaxLength(40)
        self.book_volume = QLineEdit(preset.book_volume if preset else "1")
        self.book_volume.setMaxLength(40)
        office = QGroupBox(self.tr("Cơ quan (Bộ phận Một cửa)"))
        form = QFormLayout(office)
        add_row(
            form,
            self.tr("&Mã đơn vị (QCVN 102:2016): *"),
            self.unit_id,
            self.tr("Mã định danh của đơn vị tiếp nhận, ví dụ 000.00.01.H22"),
        )
        add_row(form, self.tr("&Tên Bộ phận Một cửa: *"), self.name)
        add_row(
            form,
            self.tr("Cơ &quan chủ quản:"),
            self.agency,
            self.tr("Ví dụ: ỦY BAN NHÂN DÂN XÃ MINH KHAI"),
        )
        add_row(form, self.tr("&Tỉnh, thành phố:"), self.province)
        add_row(form, self.tr("&Xã, phường:"), self.commune)
        add_row(form, self.tr("Đị&a chỉ:"), self.address)
        add_row(form, self.tr("Điện t&hoại:"), self.phone)
        add_row(form, self.tr("Sổ theo dõi hồ sơ, &quyển số:"), self.book_volume)
        office.setVisible(need_office)

        self.username = QLineEdit("admin")
        self.username.setMaxLength(60)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(200)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        admin = QGroupBox(self.tr("Tài khoản quản trị đầu tiên"))
        form2 = QFormLayout(admin)
        add_row(form2, self.tr("Tên đăng &nhập: *"), self.username)
        add_row(form2, self.tr("Họ và &tên: *"), self.full_name)
        add_row(form2, self.tr("Mật khẩu (ít nhất 8 ký tự): *"), self.password)
        add_row(form2, self.tr("Nhập &lại mật khẩu: *"), self.repeat)
        admin.setVisible(need_admin)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addWidget(office)
        layout.addWidget(admin)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

        for name, code in provinces():
            self.province.addItem(name, code)
        self.province.currentIndexChanged.connect(self._province_changed)
        wanted = preset.province_code if preset and preset.province_code else ""
        index = self.province.findData(str(int(wanted))) if wanted.isdigit() else -1
        self.province.setCurrentIndex(max(index, 0))
        self._province_changed()
        if preset and preset.commune_code.isdigit():
            self.commune.setCurrentIndex(
                max(self.commune.findData(str(int(preset.commune_code))), 0)
            )
        (self.unit_id if need_office else self.full_name).setFocus(Qt.FocusReason.OtherFocusReason)

    def _province_changed(self) -> None:
        self.commune.clear()
        code = self.province.currentData()
        if code:
            for name, ward in communes(str(code)):
                self.commune.addItem(name, ward)

    def submit(self) -> None:
        from counter_app.services import office, setup, users
        from counter_app.services.context import SYSTEM, Role

        if self.need_admin and self.password.text() != self.repeat.text():
            self.banner.show_message(self.tr("Hai lần nhập mật khẩu không giống nhau."), "error")
            self.repeat.clear()
            self.repeat.setFocus()
            return
        if self.need_admin and len(self.password.text()) < users.MIN_PASSWORD:
            self.banner.show_error(
                ValidationError(
                    "E_PASSWORD_WEAK",
                    self.tr("Mật khẩu cần ít nhất {0} ký tự.").format(users.MIN_PASSWORD),
                )
            )
            self.password.setFocus()
            return
        data = office.OfficeInput(
            unit_id=self.unit_id.text(),
            name=self.name.text(),
            agency_name=self.agency.text(),
            province_code=str(self.province.currentData() or ""),
            province_name=self.province.currentText() if self.province.currentData() else "",
            commune_code=str(self.commune.currentData() or ""),
            commune_name=self.commune.currentText() if self.commune.currentData() else "",
            address=self.address.text(),
            phone=self.phone.text(),
            book_volume=self.book_volume.text(),
        )
        username, full_name, password = (
            self.username.text(),
            self.full_name.text(),
            self.password.text(),
        )
        need_office, need_admin, get_core = self.need_office, self.need_admin, self.core

        def work() -> UserView | None:
            core = get_core()
            if need_office:
                office.setup_office(core, SYSTEM, data)
            if need_admin:
                users.add_user(core, SYSTEM, username, full_name, Role.ADMIN, password)
            setup.init(core)  # the sample catalogue, if the catalogue is empty
            return users.authenticate(core, username, password) if need_admin else None

        self.buttons.setEnabled(False)
        self.banner.show_message(self.tr("Đang lưu…"), "info")
        self.runner.run(work, self._done, self._failed)

    def _done(self, user: UserView | None) -> None:
        self.buttons.setEnabled(True)
        self.user = user
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.banner.show_error(exc)
        code = getattr(exc, "code", "")
        if code in ("E_UNIT_ID",):
            self.unit_id.setFocus()
        elif code == "E_OFFICE_NAME":
            self.name.setFocus()
        elif code in ("E_USERNAME", "E_USERNAME_TAKEN"):
            self.username.setFocus()
        elif code == "E_NAME_REQUIRED":
            self.full_name.setFocus()
