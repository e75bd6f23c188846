"""The queue panel in the counter's main window: F7–F10, and the ticket linked to the dossier
registered while it is being served (waiting and serving times start from there)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.services import dossiers, tickets
from counter_app.services.context import Core
from tests.conftest import Clock
from tests.ui.keys import enter, focused, type_text
from ui.main_window import MainWindow
from ui.session import Session


@pytest.fixture
def window(qtbot: QtBot, session: Session) -> MainWindow:
    session.core.settings.counter.counter = "3"
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def test_the_panel_sits_in_the_main_window_with_its_keys_in_the_tooltips(
    window: MainWindow,
) -> None:
    panel = window.queue_panel
    assert panel.isVisible() and panel.window() is window
    keys = {
        b.text(): b.toolTip()
        for b in (panel.next_button, panel.again_button, panel.skip_button, panel.done_button)
    }
    assert keys == {
        "Gọi số tiếp": "Gọi số đang chờ tiếp theo (F7)",
        "Gọi lại": "Gọi lại số đang phục vụ (F8)",
        "Bỏ qua": "Công dân không có mặt: bỏ qua số (F9)",
        "Xong": "Phục vụ xong, không tiếp nhận hồ sơ (F10)",
    }
    assert all(b.accessibleName() for b in (panel.next_button, panel.done_button))
    # Fits a 1366-pixel counter screen on one line.
    assert panel.sizeHint().width() <= 1366
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.index("&Số thứ tự") == len(menus) - 2  # just before Help


def test_f7_calls_the_next_number_and_f10_finishes_it(
    qtbot: QtBot, window: MainWindow, office_core: Core, group_codes: list[str]
) -> None:
    panel = window.queue_panel
    assert not panel.done_button.isEnabled()  # nothing served yet
    taken = tickets.take(office_core, group_codes[0])
    QTest.keyClick(focused(), Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: panel.ticket is not None)  # a shortcut "animates" the click
    assert panel.ticket is not None and panel.ticket.id == taken.ticket.id
    assert panel.serving.text().startswith("Đang phục vụ số 0001")
    assert tickets.current(office_core, "3") is not None
    QTest.keyClick(focused(), Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: panel.ticket is None)
    assert tickets.get(office_core, taken.ticket.id).state == "done"
    assert panel.serving.text() == "Chưa phục vụ số nào"
    QTest.keyClick(focused(), Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: panel.note.text() == "Không còn ai đang chờ.")


def test_calling_when_the_office_groups_are_unknown_says_why(
    qtbot: QtBot, window: MainWindow, office_core: Core, group_codes: list[str]
) -> None:
    panel = window.queue_panel
    panel.groups = ["ZZ"]  # a typo in queue.groups
    panel.call_next()
    assert "ZZ" in panel.note.text()
    assert panel.next_button.isEnabled()


def test_a_locked_window_calls_nobody(
    qtbot: QtBot, window: MainWindow, office_core: Core, group_codes: list[str]
) -> None:
    tickets.take(office_core, group_codes[0])
    window.set_locked(True)
    window.queue_panel.call_next()
    assert tickets.current(office_core, "3") is None


def test_registering_a_dossier_links_the_ticket_being_served(
    qtbot: QtBot, window: MainWindow, office_core: Core, group_codes: list[str], clock: Clock
) -> None:
    taken = tickets.take(office_core, group_codes[0])
    clock.set(clock.current + timedelta(minutes=12))
    window.queue_panel.next_button.click()
    clock.set(clock.current + timedelta(minutes=7))

    intake = window.intake
    a = intake.applicant
    a.id_edit.setFocus()
    type_text(a.id_edit, "079195001234")
    a.name_edit.setFocus()
    type_text(a.name_edit, "Trần Thị Bích Ngọc")  # text-carrying key events (STACK.md trap 1)
    intake.picker.search.setFocus()
    type_text(intake.picker.search, "2.000815")
    qtbot.waitUntil(lambda: intake.picker.current() is not None)
    enter(intake.picker.search)
    with qtbot.waitSignal(intake.registered) as saved:
        window.register()
    code = saved.args[0].code

    linked = tickets.get(office_core, taken.ticket.id)
    assert linked.state == "done" and linked.dossier_code == code
    view = dossiers.show(office_core, window.session.actor, code)
    assert linked.ended_at == view.received_at  # serving = call → receipt
    assert linked.called_at is not None
    assert linked.ended_at - linked.called_at == timedelta(minutes=7)
    assert linked.called_at - linked.taken_at == timedelta(minutes=12)
    panel = window.queue_panel
    assert panel.ticket is None and panel.note.text() == f"Số 0001 gắn với hồ sơ {code}."
    for widget in QApplication.topLevelWidgets():  # the receipt preview that registering opens
        if widget is not window and widget.isVisible() and widget.parent() is window:
            widget.close()


def test_registering_without_a_ticket_served_changes_no_ticket(
    qtbot: QtBot, window: MainWindow, office_core: Core, group_codes: list[str]
) -> None:
    from counter_app.services.intake import Registered

    taken = tickets.take(office_core, group_codes[0])
    window.queue_panel.link_dossier(Registered(1, "X", office_core.now()))
    assert tickets.get(office_core, taken.ticket.id).state == "waiting"
