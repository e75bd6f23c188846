"""Quản lý người dùng (administrators): add an account, disable or re-enable one, set a
temporary password. The service checks the role too, so hiding the menu is only a courtesy.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.context import Role
from ui.widgets import Banner, add_row

if TYPE_CHECKING:
    from counter_app.services.users import UserView
    from ui.session import Session


def temporary_password() -> str:
    """Readable on paper: no 0/O or 1/l to confuse, 10 characters."""
    alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class UsersDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.session = session
        self.users: list[UserView] = []
        self.setWindowTitle(self.tr("Quản lý người dùng"))
        self.banner = Banner()
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("usersTable")
        self.table.setAccessibleName(self.tr("Danh sách tài khoản"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Tên đăng nhập"),
                self.tr("Họ và tên"),
                self.tr("Vai trò"),
                self.tr("Quầy"),
                self.tr("Trạng thái"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("&Thêm tài khoản…"))
        self.toggle_button = QPushButton(self.tr("&Vô hiệu hoá / mở lại"))
        self.reset_button = QPushButton(self.tr("Đặt lại &mật khẩu…"))
        row = QHBoxLayout()
        for button in (self.add_button, self.toggle_button, self.reset_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(760, 420)
        self.add_button.clicked.connect(self.add_user)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.reload()

    def reload(self) -> None:
        from counter_app.services import users

        core = self.session.core
        self.session.run(lambda: users.list_users(core), self._show, self.banner.show_error)

    def _show(self, rows: list[UserView]) -> None:
        self.users = rows
        self.table.setRowCount(len(rows))
        for i, u in enumerate(rows):
            state = self.tr("Đang dùng") if u.active else self.tr("Đã vô hiệu hoá")
            if u.must_change_password and u.active:
                state += self.tr(" · phải đổi mật khẩu")
            for j, text in enumerate((u.username, u.full_name, u.role.label, u.counter, state)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        if rows and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def selected(self) -> UserView | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def _run(self, task: Any, notice: str) -> None:
        def done(_result: Any) -> None:
            self.banner.show_message(notice, "info")
            self.reload()

        self.session.run(task, done, self.banner.show_error)

    def add_user(self) -> None:
        dialog = NewUserDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        from counter_app.services import users

        values = dialog.values()
        core, actor = self.session.core, self.session.actor

        def create() -> UserView:
            user = users.add_user(
                core,
                actor,
                values["username"],
                values["full_name"],
                values["role"],
                values["password"],
                counter=values["counter"],
                title=values["title"],
            )
            # The administrator chose this password: the person sets their own at first sign-in.
            users.reset_password(core, actor, user.username, values["password"])
            return user

        self._run(
            create,
            self.tr("Đã tạo tài khoản {0}. Mật khẩu tạm: {1}").format(
                values["username"], values["password"]
            ),
        )

    def toggle_active(self) -> None:
        from counter_app.services import users

        user = self.selected()
        if user is None:
            return
        notice = (
            self.tr("Đã vô hiệu hoá tài khoản {0}.")
            if user.active
            else self.tr("Đã mở lại tài khoản {0}.")
        ).format(user.username)
        self._run(self.session.call(users.set_active, user.username, not user.active), notice)

    def reset_password(self) -> None:
        from counter_app.services import users

        user = self.selected()
        if user is None:
            return
        password = temporary_password()
        self._run(
            self.session.call(users.reset_password, user.username, password),
            self.tr("Mật khẩu tạm của {0}: {1} (phải đổi khi đăng nhập)").format(
                user.username, password
            ),
        )


class NewUserDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newUserDialog")
        self.setWindowTitle(self.tr("Thêm tài khoản"))
        self.username = QLineEdit()
        self.username.setMaxLength(60)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(200)
        self.role = QComboBox()
        for role in (Role.CLERK, Role.SUPERVISOR, Role.ADMIN):
            self.role.addItem(role.label, role.value)
        self.counter = QLineEdit()
        self.counter.setMaxLength(40)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.password = QLineEdit(temporary_password())
        self.password.setMaxLength(200)
        form = QFormLayout()
        add_row(form, self.tr("&Tên đăng nhập:"), self.username, self.tr("chữ thường, không dấu"))
        add_row(form, self.tr("&Họ và tên:"), self.full_name)
        add_row(form, self.tr("&Vai trò:"), self.role)
        add_row(form, self.tr("&Quầy số:"), self.counter)
        add_row(form, self.tr("&Chức danh:"), self.title)
        add_row(form, self.tr("&Mật khẩu tạm:"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)

    def values(self) -> dict[str, str]:
        return {
            "username": self.username.text(),
            "full_name": self.full_name.text(),
            "role": str(self.role.currentData()),
            "counter": self.counter.text(),
            "title": self.title.text(),
            "password": self.password.text(),
        }
