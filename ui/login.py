"""Signing in, the idle lock, and changing one's password.

The login window is the first thing on screen: it imports nothing heavy (not even Qt's `Qt`
namespace, whose Python types take 13 ms to build), so it appears almost as fast as a bare
window while the database opens in the background; the sign-in itself
queues behind that on the same worker. The same dialog locks an idle counter: the same user
re-enters the password, or "Đổi người dùng" lets a colleague sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import Banner, add_row

if TYPE_CHECKING:
    from counter_app.services.users import UserView
    from ui.session import Session
    from ui.tasks import Runner

Authenticate = Callable[[str, str], Callable[[], "UserView"]]


class LoginDialog(QDialog):
    """`user` is set when it is accepted. With `locked_user`, it is the idle lock."""

    def __init__(
        self,
        runner: Runner,
        authenticate: Authenticate,
        *,
        office_name: str = "",
        username: str = "",
        locked_user: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockDialog" if locked_user else "loginDialog")
        self.runner = runner
        self.authenticate = authenticate
        self.user: UserView | None = None
        self.locked_user = locked_user
        self.lock_mode = bool(locked_user)
        self.quitting = False
        self.busy = False
        self.setWindowTitle(self.tr("Máy đã khoá") if locked_user else self.tr("Đăng nhập"))
        heading = QLabel(
            self.tr("Máy đã khoá vì lâu không sử dụng. Nhập mật khẩu để tiếp tục.")
            if locked_user
            else self.tr("Bộ phận Tiếp nhận và Trả kết quả")
        )
        heading.setWordWrap(True)
        heading.setStyleSheet("font-size:13pt; font-weight:bold;")
        self.office = QLabel(office_name)
        self.office.setWordWrap(True)
        self.banner = Banner()
        self.username = QLineEdit(locked_user or username)
        self.username.setObjectName("username")
        self.username.setMaxLength(60)
        self.username.setReadOnly(bool(locked_user))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(200)
        form = QFormLayout()
        add_row(form, self.tr("&Tên đăng nhập:"), self.username)
        add_row(form, self.tr("&Mật khẩu:"), self.password)
        self.buttons = QDialogButtonBox()
        self.sign_in = QPushButton(self.tr("Mở khoá") if locked_user else self.tr("Đăng nhập"))
        self.sign_in.setObjectName("signIn")
        self.sign_in.setDefault(True)
        self.buttons.addButton(self.sign_in, QDialogButtonBox.ButtonRole.AcceptRole)
        self.switch = QPushButton(self.tr("Đổi người &dùng"))
        self.switch.setObjectName("switchUser")
        self.switch.setVisible(bool(locked_user))
        self.buttons.addButton(self.switch, QDialogButtonBox.ButtonRole.ActionRole)
        quit_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        quit_button.setToolTip(self.tr("Thoát chương trình"))
        quit_button.clicked.connect(self._quit)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.switch.clicked.connect(self.switch_user)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.office)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        (self.password if self.username.text() else self.username).setFocus()

    def _quit(self) -> None:
        self.quitting = True
        self.reject()

    def reject(self) -> None:
        # Esc must not dismiss the lock: only "Close" (quit the program) or a sign-in.
        if self.lock_mode and not self.quitting:
            return
        super().reject()

    def set_office(self, name: str) -> None:
        self.office.setText(name)

    def switch_user(self) -> None:
        self.locked_user = ""
        self.username.setReadOnly(False)
        self.username.clear()
        self.password.clear()
        self.sign_in.setText(self.tr("Đăng nhập"))
        self.switch.hide()
        self.username.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.banner.show_message(self.tr("Nhập tên đăng nhập và mật khẩu."), "error")
            (self.username if not username else self.password).setFocus()
            return
        self.busy = True
        self.sign_in.setEnabled(False)
        self.banner.show_message(self.tr("Đang kiểm tra…"), "info")
        self.runner.run(self.authenticate(username, password), self._signed_in, self._failed)

    def _signed_in(self, user: UserView) -> None:
        self.busy = False
        self.sign_in.setEnabled(True)
        self.user = user
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.sign_in.setEnabled(True)
        self.banner.show_error(exc)
        self.password.clear()
        from PySide6.QtCore import Qt  # not at import: see the module docstring

        self.password.setFocus(Qt.FocusReason.OtherFocusReason)


class ChangePasswordDialog(QDialog):
    """Đổi mật khẩu. `forced` (a temporary password set by an administrator): no way around."""

    def __init__(self, session: Session, *, forced: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.session = session
        self.setWindowTitle(self.tr("Đổi mật khẩu"))
        self.banner = Banner()
        if forced:
            self.banner.show_message(
                self.tr("Mật khẩu của bạn là mật khẩu tạm: hãy đặt mật khẩu mới để tiếp tục."),
                "warning",
            )
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        form = QFormLayout()
        for edit, label in (
            (self.old, self.tr("Mật khẩu &hiện tại:")),
            (self.new, self.tr("Mật khẩu &mới (ít nhất 8 ký tự):")),
            (self.repeat, self.tr("&Nhập lại mật khẩu mới:")),
        ):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(200)
            add_row(form, label, edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        if forced:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Đăng xuất"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        self.old.setFocus()

    def submit(self) -> None:
        from counter_app.services import users

        if self.new.text() != self.repeat.text():
            self.banner.show_message(
                self.tr("Hai lần nhập mật khẩu mới không giống nhau."), "error"
            )
            self.repeat.clear()
            self.repeat.setFocus()
            return
        if self.new.text() == self.old.text():
            self.banner.show_message(self.tr("Mật khẩu mới phải khác mật khẩu hiện tại."), "error")
            self.new.setFocus()
            return
        self.buttons.setEnabled(False)
        self.session.run(
            self.session.call(users.change_password, self.old.text(), self.new.text()),
            self._changed,
            self._failed,
        )

    def _changed(self, _result: Any) -> None:
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.banner.show_error(exc)
        self.old.setFocus()
