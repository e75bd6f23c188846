"""Trả kết quả: open a dossier, hand over the result, supplements, refusal, withdrawal."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter_app.domain.status import Status
from counter_app.services import dossiers, lifecycle
from tests.support import factories
from tests.ui.helpers import QR_NGOC, on_modal
from tests.ui.keys import type_text
from ui.dossier_actions import HandOverDialog, ReasonDialog
from ui.returns import ReturnView
from ui.session import Session


@pytest.fixture
def screen(qtbot: QtBot, session: Session) -> ReturnView:
    view = ReturnView(session)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def status_of(session: Session, code: str) -> Status:
    return dossiers.show(session.core, session.actor, code).status


def test_opening_a_dossier_shows_it_and_only_the_steps_its_status_allows(
    screen: ReturnView, session: Session
) -> None:
    code = factories.register(session.core, session.actor).code
    screen.open(code)
    assert screen.title.text() == code
    assert "Được tiếp nhận" in screen.status.text()
    assert "Nguyễn Văn An" in screen.details.toPlainText()
    assert "001090012345" not in screen.details.toPlainText()  # masked on screen
    assert not screen.hand_over_button.isEnabled()  # not processed yet
    assert screen.finish_button.isEnabled() and screen.supplement_button.isEnabled()
    assert screen.withdraw_button.isEnabled()
    assert not screen.refuse_button.isEnabled()  # only an online dossier (status 1)
    assert not screen.received_button.isEnabled()


def test_an_unknown_code_says_what_to_do(screen: ReturnView) -> None:
    screen.open("000.00.01.H22-200101-9999")
    assert screen.banner.kind == "error"
    assert "Không tìm thấy hồ sơ" in screen.banner.text()
    assert "Cách xử lý" in screen.banner.text()
    assert not screen.print_receipt_button.isEnabled()


def test_hand_over_with_a_scan_of_the_receivers_card(
    qtbot: QtBot, screen: ReturnView, session: Session
) -> None:
    code = factories.register(session.core, session.actor).code
    lifecycle.finish(session.core, session.actor, code)
    screen.open(code)
    assert screen.hand_over_button.isEnabled()
    assert QApplication.focusWidget() is screen.hand_over_button

    def hand_over(dialog: QWidget) -> None:
        assert isinstance(dialog, HandOverDialog)
        assert dialog.name_edit.text() == "Nguyễn Văn An"  # the holder by default
        assert dialog.fill_card(QR_NGOC)  # …but his wife came, with her card
        dialog.note_edit.setText("Nhận thay")
        dialog.submit()

    seen = on_modal(hand_over, kind=HandOverDialog)
    screen.hand_over()
    assert seen
    stored = dossiers.show(session.core, session.actor, code)
    assert stored.status is Status.RETURNED
    assert stored.receiver_name == "Trần Thị Bích Ngọc"
    assert "Đã trả kết quả" in screen.status.text()
    assert screen.print_hand_over_button.isEnabled()
    # One more key prints: the button has the focus once the window is active again.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.print_hand_over_button)


def test_supplement_requested_then_received(
    qtbot: QtBot, screen: ReturnView, session: Session
) -> None:
    code = factories.register(session.core, session.actor).code
    screen.open(code)

    def request(dialog: QWidget) -> None:
        assert isinstance(dialog, ReasonDialog) and dialog.items is not None
        dialog.items.item(0).setCheckState(dialog.items.item(0).checkState().Checked)
        type_text(dialog.reason, "Thiếu bản chính giấy chứng sinh")
        dialog.submit()

    on_modal(request, kind=ReasonDialog)
    screen.request_supplement()
    stored = dossiers.show(session.core, session.actor, code)
    assert stored.status is Status.SUPPLEMENT_REQUESTED
    assert stored.supplements[0].reason == "Thiếu bản chính giấy chứng sinh"
    assert stored.supplements[0].items[0]["name"] == stored.components[0].name
    assert screen.received_button.isEnabled()

    on_modal(lambda d: d.submit(), kind=ReasonDialog)  # type: ignore[attr-defined]
    screen.receive_supplement()
    assert status_of(session, code) is Status.PROCESSING


def test_withdrawal_needs_a_reason_and_the_dialog_keeps_what_was_typed(
    qtbot: QtBot, screen: ReturnView, session: Session
) -> None:
    code = factories.register(session.core, session.actor).code
    screen.open(code)
    messages: list[str] = []

    def withdraw(dialog: QWidget) -> None:
        assert isinstance(dialog, ReasonDialog)
        dialog.submit()  # no reason yet
        messages.append(dialog.banner.text())
        assert dialog.isVisible()
        type_text(dialog.reason, "Người dân xin rút để bổ sung giấy tờ")
        dialog.submit()

    on_modal(withdraw, kind=ReasonDialog)
    screen.withdraw()
    assert "lý do" in messages[0]
    assert status_of(session, code) is Status.WITHDRAWN
    assert not screen.withdraw_button.isEnabled()  # final status


def test_refusing_an_online_dossier_records_the_reason(
    qtbot: QtBot, screen: ReturnView, session: Session
) -> None:
    code = factories.register(session.core, session.actor).code
    # Only dossiers still "new online" (status 1) can be refused; make this one so.
    from sqlalchemy import update

    from counter_app.storage import models as m

    with session.core.uow() as uow:
        uow.session.execute(update(m.Dossier).where(m.Dossier.code == code).values(status=1))
        uow.commit()
    screen.open(code)
    assert screen.refuse_button.isEnabled()

    def refuse(dialog: QWidget) -> None:
        assert isinstance(dialog, ReasonDialog)
        type_text(dialog.reason, "Hồ sơ không thuộc thẩm quyền")
        dialog.submit()

    on_modal(refuse, kind=ReasonDialog)
    screen.refuse()
    stored = dossiers.show(session.core, session.actor, code)
    assert stored.status is Status.NOT_RECEIVED
    assert stored.history[-1].reason == "Hồ sơ không thuộc thẩm quyền"


def test_a_step_the_core_refuses_is_shown_in_the_dialog(
    qtbot: QtBot, screen: ReturnView, session: Session
) -> None:
    code = factories.register(session.core, session.actor).code
    screen.open(code)
    lifecycle.withdraw(session.core, session.actor, code, "rút ở quầy khác")  # meanwhile …
    errors: list[str] = []

    def finish(dialog: QWidget) -> None:
        assert isinstance(dialog, ReasonDialog)
        dialog.submit()
        errors.append(dialog.banner.text())
        dialog.reject()

    on_modal(finish, kind=ReasonDialog)
    screen.finish()
    assert "Không thể chuyển hồ sơ" in errors[0]
    assert "Cách xử lý" in errors[0]
