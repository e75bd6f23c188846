"""The intake form's "Nhắn tin khi có kết quả" checkbox: typed like a clerk types, kept in the
draft, checked with a clear message, and off (saying why) where no message would go out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter_app.config import Settings
from counter_app.services import dossiers, lifecycle
from counter_app.services.context import SYSTEM
from counter_app.storage import models as m
from tests.ui.conftest import make_session, office_core, qt_settings, session  # noqa: F401
from tests.ui.keys import enter, type_text
from ui.intake.view import IntakeView
from ui.session import Session

pytestmark = pytest.mark.ui


def open_intake(qtbot: QtBot, session: Session) -> IntakeView:  # noqa: F811
    view = IntakeView(session)
    qtbot.addWidget(view)
    view.resize(1366, 740)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    return view


def fill(qtbot: QtBot, view: IntakeView, *, phone: str = "0912 345 678") -> None:
    """A name in Vietnamese and a phone, typed; a procedure picked by its code."""
    view.applicant.name_edit.setFocus()
    type_text(view.applicant.name_edit, "Phạm Thị Hồng Nhung")
    type_text(view.applicant.phone_edit, phone)
    view.picker.search.setFocus()
    type_text(view.picker.search, "2.000815")
    qtbot.waitUntil(lambda: view.picker.results.count() > 0 and view.picker.current() is not None)
    enter(view.picker.search)


def tick(qtbot: QtBot, view: IntakeView) -> None:
    box = view.options.notify_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()


def test_ticked_the_citizen_is_texted_when_the_result_is_ready(
    qtbot: QtBot,
    notify_on: Settings,
    session: Session,  # noqa: F811
) -> None:
    view = open_intake(qtbot, session)
    box = view.options.notify_box
    assert box.isEnabled() and "không gửi họ tên" in box.toolTip()
    assert not view.options.notify_phone.isEnabled()  # only with the box ticked
    fill(qtbot, view)
    tick(qtbot, view)
    assert view.options.notify_phone.isEnabled()
    with qtbot.waitSignal(view.registered) as saved:
        view.register()
    code = saved.args[0].code
    stored = dossiers.show(session.core, session.actor, code)
    assert stored.holder_name == "Phạm Thị Hồng Nhung"
    with session.core.uow(write=False) as uow:
        d = uow.session.scalars(select(m.Dossier).where(m.Dossier.code == code)).one()
        assert d.notify_opt_in and d.notify_phone_masked == "*******678"
    assert not box.isChecked()  # the next citizen starts unticked
    lifecycle.finish(session.core, SYSTEM, code)
    with session.core.uow(write=False) as uow:
        kinds = uow.session.scalars(select(m.OutboxRow.kind)).all()
    assert list(kinds).count("notify") == 1


def test_a_landline_is_refused_with_the_reason_and_the_cursor_on_the_number(
    qtbot: QtBot,
    notify_on: Settings,
    session: Session,  # noqa: F811
) -> None:
    view = open_intake(qtbot, session)
    fill(qtbot, view, phone="028 3822 1234")
    tick(qtbot, view)
    view.register()
    assert view.banner.kind == "error"
    assert "không phải số di động Việt Nam hợp lệ" in view.banner.text()
    assert QApplication.focusWidget() is view.options.notify_phone
    assert dossiers.search(session.core, session.actor, "") == []
    view.options.notify_phone.setFocus()
    type_text(view.options.notify_phone, "0988 777 666")  # another number, typed here
    with qtbot.waitSignal(view.registered):
        view.register()


def test_the_draft_keeps_the_tick_and_the_number(
    qtbot: QtBot,
    notify_on: Settings,
    session: Session,  # noqa: F811
) -> None:
    view = open_intake(qtbot, session)
    fill(qtbot, view)
    tick(qtbot, view)
    view.options.notify_phone.setFocus()
    type_text(view.options.notify_phone, "0977 000 333")
    view.save_draft_now()
    again = open_intake(qtbot, session)
    assert again.options.notify_box.isChecked()
    assert again.options.notify_phone.text() == "0977 000 333"
    assert again.applicant.name_edit.text() == "Phạm Thị Hồng Nhung"


def test_where_no_message_would_go_out_the_box_is_off_and_says_why(
    qtbot: QtBot,
    session: Session,  # noqa: F811
) -> None:
    assert not session.core.settings.notify.enabled  # the default
    view = open_intake(qtbot, session)
    box = view.options.notify_box
    assert not box.isEnabled() and not box.isChecked()
    assert box.toolTip().startswith("Máy này không gửi tin nhắn:")
    assert "[notify] enabled" in box.toolTip()
