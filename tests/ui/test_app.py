"""The application: first run, sign-in, idle lock, switching user, forced password change,
scans routed anywhere, the keyboard shortcuts, user management."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter_app.domain.status import Status
from counter_app.services import dossiers, lifecycle, office, users
from counter_app.services.context import SYSTEM, Core, Role
from tests.support import factories
from tests.ui.conftest import PASSWORD, make_session, sign_in
from tests.ui.helpers import QR_AN, QR_NGOC, on_modal
from tests.ui.keys import enter, focused, press, type_focused, type_text
from ui.app import CounterApp
from ui.first_run import FirstRunDialog
from ui.login import ChangePasswordDialog, LoginDialog
from ui.print_preview import PrintPreviewDialog
from ui.users_dialog import NewUserDialog, UsersDialog


def test_first_run_sets_up_the_office_and_the_first_administrator(
    qtbot: QtBot, counter: CounterApp
) -> None:
    counter.start()
    dialog = QApplication.activeModalWidget() or next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunDialog) and w.isVisible()
    )
    assert isinstance(dialog, FirstRunDialog) and counter.login is None
    dialog.unit_id.setText("000.00.05.H22")
    dialog.name.setText("Bộ phận Một cửa phường Hoàn Kiếm")
    dialog.province.setCurrentIndex(dialog.province.findText("Thành phố Hà Nội"))
    assert dialog.commune.count() > 50  # the post-2025 communes of Hà Nội
    dialog.commune.setCurrentIndex(dialog.commune.findText("Phường Hoàn Kiếm"))
    dialog.full_name.setText("Vũ Minh Quân")
    dialog.password.setText("quan-tri-2026")
    dialog.repeat.setText("quan-tri-2026")
    dialog.submit()
    assert counter.window is not None and counter.session is not None
    core = counter.session.core
    saved = office.get_office(core)
    assert saved is not None and saved.unit_id == "000.00.05.H22"
    assert saved.province_name == "Thành phố Hà Nội" and saved.commune_name == "Phường Hoàn Kiếm"
    admin = users.authenticate(core, "admin", "quan-tri-2026")
    assert admin.role is Role.ADMIN and admin.full_name == "Vũ Minh Quân"
    from counter_app.services import catalog

    assert catalog.catalog_size(core) > 0  # the sample catalogue: work can start at once


def test_first_run_refuses_mismatched_passwords_and_bad_unit_ids(
    qtbot: QtBot, counter: CounterApp
) -> None:
    counter.start()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunDialog))
    assert isinstance(dialog, FirstRunDialog)
    dialog.unit_id.setText("xã 5")
    dialog.name.setText("Bộ phận Một cửa")
    dialog.full_name.setText("Vũ Minh Quân")
    dialog.password.setText("quan-tri-2026")
    dialog.repeat.setText("quan-tri-2027")
    dialog.submit()
    assert "không giống nhau" in dialog.banner.text()
    dialog.repeat.setText("quan-tri-2026")
    dialog.submit()
    assert "QCVN 102:2016" in dialog.banner.text()
    assert counter.window is None and dialog.isVisible()


def test_later_starts_go_to_login_and_a_wrong_password_is_explained(
    qtbot: QtBot, counter: CounterApp, office_core: Core
) -> None:
    make_session(office_core)
    counter.start()
    assert isinstance(counter.login, LoginDialog)  # at once; the database opens behind it
    qtbot.waitUntil(lambda: "Thử Nghiệm" in counter.login.office.text())  # type: ignore[union-attr]
    sign_in(counter, "canbo", "sai-mat-khau")
    assert "Sai tên đăng nhập hoặc mật khẩu" in counter.login.banner.text()
    assert counter.window is None
    sign_in(counter, "canbo")
    assert counter.window is not None and counter.window.isVisible()
    assert "Nguyễn Thị Lan" in counter.window.user_label.text()
    assert not counter.window.users_action.isVisible()  # clerks do not manage users


def test_a_temporary_password_must_be_changed_before_work(
    qtbot: QtBot, counter: CounterApp, office_core: Core
) -> None:
    make_session(office_core)
    users.reset_password(office_core, SYSTEM, "canbo", "tam-thoi-123")
    counter.start()

    def change(dialog: QWidget) -> None:
        assert isinstance(dialog, ChangePasswordDialog)
        assert "mật khẩu tạm" in dialog.banner.text()
        dialog.old.setText("tam-thoi-123")
        dialog.new.setText("rieng-cua-toi")
        dialog.repeat.setText("rieng-cua-toi")
        dialog.submit()

    seen = on_modal(change, kind=ChangePasswordDialog)
    sign_in(counter, "canbo", "tam-thoi-123")
    assert seen and counter.window is not None
    assert not users.authenticate(office_core, "canbo", "rieng-cua-toi").must_change_password


@pytest.fixture
def signed_in(qtbot: QtBot, counter: CounterApp, office_core: Core) -> CounterApp:
    make_session(office_core)
    counter.start()
    sign_in(counter, "canbo")
    window = counter.window
    assert window is not None
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.intake.applicant.id_edit)
    return counter


def test_scan_a_card_register_with_one_key_then_scan_the_receipt_and_hand_over(
    qtbot: QtBot, signed_in: CounterApp
) -> None:
    window = signed_in.window
    assert window is not None
    session = signed_in.session
    assert session is not None
    type_focused(QR_AN)  # the scanner types into whatever has the focus …
    enter(focused())
    qtbot.waitUntil(lambda: window.intake.applicant.name_edit.text() == "Nguyễn Văn An")
    assert window.intake.applicant.id_edit.text() == "001090012345"  # … not the raw QR
    assert QApplication.focusWidget() is window.intake.picker.search
    type_focused("2.000815")
    qtbot.waitUntil(lambda: window.intake.picker.current() is not None)
    enter(focused())
    assert window.intake.spec is not None

    previews: list[str] = []

    def read_and_close(dialog: QWidget) -> None:
        previews.append(dialog.windowTitle())
        dialog.close()

    on_modal(read_and_close, kind=PrintPreviewDialog)
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(previews))  # saved, and the receipt is up to be printed
    code = window.last_code
    assert "Mẫu 01" in previews[0] and code in previews[0]
    stored = dossiers.show(session.core, session.actor, code)
    assert stored.holder_name == "Nguyễn Văn An" and stored.procedure_code == "2.000815"
    assert window.intake.applicant.is_empty()

    lifecycle.finish(session.core, session.actor, code)  # the result comes back
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    type_focused(code)  # the receipt's barcode, scanned on the intake screen
    enter(focused())
    qtbot.waitUntil(lambda: window.dossier.view is not None and window.dossier.view.code == code)
    assert window.tabs.currentWidget() is window.dossier
    assert window.intake.applicant.id_edit.text() == ""  # the code did not land in a field

    def hand_over(dialog: QWidget) -> None:
        dialog.submit()  # type: ignore[attr-defined]

    on_modal(hand_over)
    qtbot.keyClick(window.dossier, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: dossiers.show(session.core, session.actor, code).status is Status.RETURNED
    )


def test_shortcuts_move_between_screens(qtbot: QtBot, signed_in: CounterApp) -> None:
    window = signed_in.window
    assert window is not None
    qtbot.keyClick(focused(), Qt.Key.Key_F3)
    assert window.tabs.currentWidget() is window.search
    assert QApplication.focusWidget() is window.search.query
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert window.tabs.currentWidget() is window.intake
    type_text(window.intake.applicant.name_edit, "Lê Văn Tám")
    qtbot.keyClick(focused(), Qt.Key.Key_F4)
    assert window.tabs.currentWidget() is window.dossier
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.helpers import answer

    answer(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(window, Qt.Key.Key_F2)  # new dossier: asks, then clears
    assert window.tabs.currentWidget() is window.intake
    assert window.intake.applicant.name_edit.text() == ""


def test_every_control_has_a_name_a_screen_reader_can_say(signed_in: CounterApp) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

    window = signed_in.window
    assert window is not None
    nameless = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, QLineEdit | QComboBox | QPlainTextEdit | QSpinBox | QAbstractButton)
        and w.isVisibleTo(window)
        and not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text()))
        and w.parent() is not None
        and w.objectName() not in ("qt_spinbox_lineedit",)
        and not isinstance(w.parent(), QComboBox | QSpinBox)
    ]
    assert nameless == []


def test_the_window_fits_a_1366x768_counter_screen(signed_in: CounterApp) -> None:
    window = signed_in.window
    assert window is not None
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740


def test_idle_lock_hides_the_work_and_the_same_user_unlocks(
    qtbot: QtBot, signed_in: CounterApp
) -> None:
    window = signed_in.window
    assert window is not None
    type_text(window.intake.applicant.name_edit, "Đặng Thu Thảo")
    now = [1000.0]
    signed_in.idle.clock = lambda: now[0]
    signed_in.idle.limit = 60.0
    signed_in.idle.touch()
    now[0] += 61
    assert signed_in.idle.check()
    assert window.locked and not window.tabs.isVisible()
    lock = signed_in.lock_dialog
    assert isinstance(lock, LoginDialog) and lock.username.isReadOnly()
    assert window.intake.draft.path.exists()  # the half-typed form is safe
    lock.reject()  # Esc does not get past the lock
    assert lock.isVisible()
    lock.password.setText("sai-mat-khau")
    lock.submit()
    assert window.locked and "Sai" in lock.banner.text()
    lock.password.setText(PASSWORD)
    lock.submit()
    assert not window.locked and window.tabs.isVisible()
    assert window.intake.applicant.name_edit.text() == "Đặng Thu Thảo"


def test_switch_user_opens_the_other_users_own_window(
    qtbot: QtBot, signed_in: CounterApp, office_core: Core
) -> None:
    make_session(office_core, "lanhdao", Role.SUPERVISOR)
    first = signed_in.window
    assert first is not None
    type_text(first.intake.applicant.name_edit, "Hồ sơ của cán bộ")
    signed_in.switch_user()
    lock = signed_in.lock_dialog
    assert lock is not None and not lock.username.isReadOnly()
    lock.username.setText("lanhdao")
    lock.password.setText(PASSWORD)
    lock.submit()
    window = signed_in.window
    assert window is not None and window is not first
    assert signed_in.session is not None and signed_in.session.user.username == "lanhdao"
    assert window.intake.applicant.name_edit.text() == ""  # not the clerk's draft …
    assert first.intake.draft.load() is not None  # … which is kept for the clerk


def test_an_administrator_adds_disables_and_resets_accounts(
    qtbot: QtBot, office_core: Core
) -> None:
    admin = make_session(office_core, "quantri", Role.ADMIN)
    dialog = UsersDialog(admin)
    qtbot.addWidget(dialog)

    def fill(new: QWidget) -> None:
        assert isinstance(new, NewUserDialog)
        new.username.setText("canbo2")
        new.full_name.setText("Phan Thị Mai")
        new.counter.setText("3")
        new.accept()

    on_modal(fill, kind=NewUserDialog)
    dialog.add_user()
    made = {u.username: u for u in users.list_users(office_core)}["canbo2"]
    assert made.full_name == "Phan Thị Mai" and made.must_change_password
    assert "Mật khẩu tạm" in dialog.banner.text()

    dialog.table.selectRow([u.username for u in dialog.users].index("canbo2"))
    dialog.toggle_active()
    assert not {u.username: u for u in users.list_users(office_core)}["canbo2"].active
    dialog.toggle_active()
    dialog.reset_password()
    password = dialog.banner.text().split(": ")[1].split(" ")[0]
    assert users.authenticate(office_core, "canbo2", password).must_change_password


def test_the_core_refuses_user_management_to_a_clerk_even_through_the_dialog(
    qtbot: QtBot, session: object
) -> None:
    dialog = UsersDialog(session)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    dialog.reset_password()
    assert dialog.banner.kind == "error" and "không có quyền" in dialog.banner.text()


def test_keys_typed_by_a_person_reach_the_field_with_the_router_installed(
    qtbot: QtBot, signed_in: CounterApp
) -> None:
    window = signed_in.window
    assert window is not None
    edit = window.intake.applicant.address_edit
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    for ch in "Thôn Đoài":
        press(edit, 0x01FFFFFF, ch)
        qtbot.wait(60)  # a person's pace
    signed_in.router.flush()
    assert edit.text() == "Thôn Đoài"


def test_ctrl_p_reopens_the_receipt_and_the_next_card_scan_moves_on(
    qtbot: QtBot, signed_in: CounterApp
) -> None:
    window, session = signed_in.window, signed_in.session
    assert window is not None and session is not None
    window.last_code = factories.register(session.core, session.actor).code
    qtbot.keyClick(focused(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PrintPreviewDialog))
    preview = QApplication.activeModalWidget()
    assert preview is not None and window.last_code in preview.windowTitle()
    type_focused(QR_NGOC)  # the next applicant is already at the counter
    enter(focused())
    qtbot.waitUntil(lambda: window.intake.applicant.name_edit.text() == "Trần Thị Bích Ngọc")
    assert not shiboken6.isValid(preview) or not preview.isVisible()  # closed (and deleted)


def test_a_receipt_code_typed_slowly_into_the_id_field_opens_the_dossier(
    qtbot: QtBot, signed_in: CounterApp
) -> None:
    window, session = signed_in.window, signed_in.session
    assert window is not None and session is not None
    code = factories.register(session.core, session.actor).code
    edit = window.intake.applicant.id_edit
    for ch in code:  # a slow scanner, or a person: every key reaches the field
        press(edit, 0x01FFFFFF, ch)
        qtbot.wait(50)
    signed_in.router.flush()
    assert edit.text() == code
    enter(edit)
    qtbot.waitUntil(lambda: window.dossier.view is not None and window.dossier.view.code == code)
    assert window.tabs.currentWidget() is window.dossier and edit.text() == ""
