"""The supervisor's desk on screen (offscreen Qt): tiles, drill-down, detail, acts, exports,
refreshing by itself without blocking the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from counter_app.errors import PermissionDenied
from counter_app.services import queue
from counter_app.services.context import Core
from counter_app.services.queue import Category, GroupBy, Period
from counter_app.storage import models as m
from tests.conftest import Clock
from tests.supervisor.conftest import Staff, Week
from tests.support.factories import register, vn
from ui.supervisor import SupervisorDesk
from ui.supervisor.dialogs import ApologyDialog, ExportDialog, HandoverDialog, ReassignDialog
from ui.tasks import SyncRunner, TaskRunner

pytestmark = pytest.mark.ui
MON = date(2026, 8, 24)


def type_text(widget: QWidget, text: str) -> None:
    """Type like a person with a Vietnamese keyboard (STACK.md trap 1: no keyClicks)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


class DeferredRunner:
    """Holds tasks until `drain()`: shows what happens while the worker is busy."""

    def __init__(self) -> None:
        self.tasks: list[tuple[Callable[[], Any], Any, Any]] = []

    def run(self, fn: Callable[[], Any], on_done: Any = None, on_error: Any = None) -> None:
        self.tasks.append((fn, on_done, on_error))

    def drain(self) -> int:
        done = 0
        while self.tasks:
            fn, on_done, _ = self.tasks.pop(0)
            result = fn()
            done += 1
            if on_done:
                on_done(result)
        return done

    def shutdown(self) -> None:
        pass


@pytest.fixture
def desk(qtbot: Any, ready_core: Core, staff: Staff, week: Week) -> SupervisorDesk:
    widget = SupervisorDesk(ready_core, staff.supervisor, SyncRunner())
    qtbot.addWidget(widget)
    widget.resize(1400, 850)
    widget.show()
    return widget


def codes(desk: SupervisorDesk) -> set[str]:
    return set(desk.shown_codes())


def test_tiles_show_the_days_counts_and_open_the_overdue_list(
    desk: SupervisorDesk, ready_core: Core, staff: Staff, week: Week
) -> None:
    expected = queue.counts(ready_core, staff.supervisor, Period.day(MON)).totals
    assert {c: t.value for c, t in desk.tiles.items()} == expected
    assert desk.tiles[Category.READY].value == 4
    assert codes(desk) == {week.cutoff, week.saturday_late}  # overdue is shown first
    assert "Quá hạn" in desk.list_title.text()
    assert "tính đến 18:00 24/08/2026" in desk.freshness.text()


def test_clicking_a_tile_lists_its_dossiers(qtbot: Any, desk: SupervisorDesk, week: Week) -> None:
    qtbot.mouseClick(desk.tiles[Category.READY], Qt.MouseButton.LeftButton)
    assert codes(desk) == {week.two_supplements, week.saturday, week.saturday_late, week.paused}
    assert desk.category is Category.READY


def test_any_day_or_range_can_be_shown(desk: SupervisorDesk, week: Week) -> None:
    desk.first.setDate(QDate(2026, 8, 20))  # moves the end too: a one-day period
    assert desk.period() == Period.day(date(2026, 8, 20))
    assert desk.tiles[Category.RECEIVED].value == 5
    desk.last.setDate(QDate(2026, 8, 22))
    assert desk.tiles[Category.RECEIVED].value == 5
    assert desk.tiles[Category.RETURNED].value == 2
    assert codes(desk) == {week.two_supplements, week.saturday_late, week.cutoff}


def test_counts_per_officer_drill_into_one_officers_dossiers(
    qtbot: Any, desk: SupervisorDesk, staff: Staff, week: Week
) -> None:
    desk.group_by.setCurrentIndex(desk.group_by.findData(GroupBy.OFFICER.value))
    assert desk.group_view.isVisible()
    labels = [desk.groups.groups[r].label for r in range(desk.groups.rowCount())]
    assert set(labels) == {"Nguyễn Thị Lan", "Lê Văn Hùng"}
    row = labels.index("Lê Văn Hùng")
    column = 1 + list(Category).index(Category.OVERDUE)
    index = desk.groups.index(row, column)
    assert desk.groups.data(index) == 1
    rect = desk.group_view.visualRect(index)
    qtbot.mouseClick(desk.group_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert codes(desk) == {week.saturday_late}
    assert "Lê Văn Hùng" in desk.list_title.text()


def open_row(qtbot: Any, desk: SupervisorDesk, code: str) -> None:
    row = desk.shown_codes().index(code)
    rect = desk.list_view.visualRect(desk.rows.index(row, 0))
    qtbot.mouseClick(desk.list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert desk.detail.detail is not None and desk.detail.detail.view.code == code


def test_a_dossier_opens_with_its_whole_history(
    qtbot: Any, desk: SupervisorDesk, week: Week
) -> None:
    desk.drill(Category.READY)
    open_row(qtbot, desk, week.paused)
    assert week.paused in desk.detail.title.text()
    texts = [desk.detail.history.item(r, 2).text() for r in range(desk.detail.history.rowCount())]
    assert any("Yêu cầu bổ sung" in t for t in texts)
    assert any("Đồng bộ" in desk.detail.history.item(r, 1).text() for r in range(len(texts)))
    assert "******" in desk.detail.fields["holder"].text()  # masked on screen
    assert not desk.detail.buttons["apologize"].isEnabled()  # finished: nothing to apologise


def test_issuing_the_apology_from_the_desk(
    qtbot: Any, desk: SupervisorDesk, ready_core: Core, week: Week
) -> None:
    open_row(qtbot, desk, week.cutoff)
    qtbot.mouseClick(desk.detail.buttons["apologize"], Qt.MouseButton.LeftButton)
    dialog = desk.dialog
    assert isinstance(dialog, ApologyDialog)
    type_text(dialog.reason, "Chờ ý kiến của Sở Tư pháp")
    dialog.new_day.setDate(QDate(2026, 8, 27))
    dialog.accept()
    assert "Đã ghi nhận phiếu xin lỗi" in desk.status.text()
    assert "hẹn lại: 17:00 27/08/2026" in desk.detail.fields["deadline"].text()
    assert desk.detail.buttons["print04"].isEnabled()
    with ready_core.uow(write=False) as uow:
        reasons = uow.session.scalars(select(m.Apology.reason)).all()
    assert reasons == ["Chờ ý kiến của Sở Tư pháp"]


def test_a_refused_act_shows_the_reason_and_changes_nothing(
    qtbot: Any, desk: SupervisorDesk, ready_core: Core, week: Week
) -> None:
    open_row(qtbot, desk, week.cutoff)
    desk.ask_apology()
    desk.dialog.new_day.setDate(QDate(2026, 8, 30))  # a Sunday, and no reason given
    with qtbot.waitSignal(desk.failed) as failed:
        desk.dialog.accept()
    assert "Cần ghi rõ lý do" in failed.args[0]
    assert "color: #b42318" in desk.status.styleSheet()
    with ready_core.uow(write=False) as uow:
        assert uow.session.scalars(select(m.Apology)).all() == []


def test_reassigning_and_handing_over_from_the_desk(
    qtbot: Any, desk: SupervisorDesk, ready_core: Core, week: Week
) -> None:
    open_row(qtbot, desk, week.cutoff)
    desk.ask_reassign()
    dialog = desk.dialog
    assert isinstance(dialog, ReassignDialog)
    dialog.officer.setCurrentIndex(dialog.officer.findText("Lê Văn Hùng (quầy 2)"))
    dialog.accept()
    assert desk.detail.fields["officer"].text() == "Lê Văn Hùng"
    desk.ask_handover()
    dialog = desk.dialog
    assert isinstance(dialog, HandoverDialog)
    dialog.target.setCurrentText("Phòng Tư pháp – Hộ tịch")
    dialog.accept()
    assert "Đã ghi bàn giao" in desk.status.text()
    history = [desk.detail.history.item(r, 2).text() for r in range(desk.detail.history.rowCount())]
    assert any("Bàn giao Bộ phận Một cửa → Phòng Tư pháp – Hộ tịch" in t for t in history)
    assert any("Chuyển cán bộ xử lý: Nguyễn Thị Lan → Lê Văn Hùng" in t for t in history)


def test_exporting_the_list_shown(
    desk: SupervisorDesk, ready_core: Core, week: Week, tmp_path: Path
) -> None:
    desk.ask_export()
    dialog = desk.dialog
    assert isinstance(dialog, ExportDialog)
    assert dialog.unmasked.isEnabled()  # a supervisor may; it is recorded
    target = tmp_path / "qua-han.csv"
    dialog.path.setText(str(target))
    dialog.accept()
    text = target.read_text("utf-8-sig")
    assert week.cutoff in text and week.saturday_late in text and week.early not in text
    assert "******" in text
    assert "Đã xuất ra" in desk.status.text()


def test_daily_report_pdf_from_the_desk(
    desk: SupervisorDesk, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "bao-cao.pdf"
    monkeypatch.setattr("ui.supervisor.acts.ask_save", lambda *a: target)
    desk.ask_daily_pdf()
    assert target.read_bytes().startswith(b"%PDF")


def test_the_week_chart_is_drawn(desk: SupervisorDesk) -> None:
    assert [p.day for p in desk.chart.points][-1] == MON
    assert [p.overdue for p in desk.chart.points] == [0, 0, 1, 1, 2, 2, 2]
    assert not desk.chart.grab().isNull()


def test_it_refreshes_itself_and_on_request(
    desk: SupervisorDesk, ready_core: Core, clock: Clock, staff: Staff
) -> None:
    assert desk.timer.isActive()
    clock.set(vn(2026, 8, 24, 16, 0))
    register(ready_core, staff.lan, procedure="1.004227", id_number="001090077777")
    clock.set(vn(2026, 8, 24, 18, 5))
    desk.timer.timeout.emit()  # what the timer does every minute
    assert desk.tiles[Category.RECEIVED].value == 1
    register(ready_core, staff.lan, procedure="1.004227", id_number="001090077778")
    desk.refresh()  # what the lead calls when sync brings upstream changes
    assert desk.tiles[Category.RECEIVED].value == 2


def test_refreshes_asked_while_busy_fold_into_one(
    qtbot: Any, ready_core: Core, staff: Staff, week: Week
) -> None:
    runner = DeferredRunner()
    desk = SupervisorDesk(ready_core, staff.supervisor, runner)
    qtbot.addWidget(desk)
    assert desk.tiles[Category.READY].value is None  # nothing loaded on the Qt thread
    for _ in range(5):
        desk.refresh()
    assert runner.drain() == 2  # the first load, then one more for all the calls meanwhile
    assert desk.tiles[Category.READY].value == 4


def test_loading_runs_off_the_qt_thread(
    qtbot: Any, ready_core: Core, staff: Staff, week: Week
) -> None:
    runner = TaskRunner()
    try:
        desk = SupervisorDesk(ready_core, staff.supervisor, runner)
        qtbot.addWidget(desk)
        assert desk.tiles[Category.READY].value is None  # the constructor did not wait
        with qtbot.waitSignal(desk.refreshed, timeout=30_000):
            pass
        assert desk.tiles[Category.READY].value == 4
    finally:
        runner.shutdown()


def test_the_desk_is_for_supervisors(qtbot: Any, ready_core: Core, staff: Staff) -> None:
    with pytest.raises(PermissionDenied):
        SupervisorDesk(ready_core, staff.lan, SyncRunner())


def test_printing_the_apology_form_from_the_desk(
    qtbot: Any,
    desk: SupervisorDesk,
    ready_core: Core,
    week: Week,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    open_row(qtbot, desk, week.cutoff)
    desk.ask_apology()
    desk.dialog.reason.setPlainText("Chờ ý kiến của Sở Tư pháp")
    desk.dialog.new_day.setDate(QDate(2026, 8, 27))
    desk.dialog.accept()
    target = tmp_path / "mau-04.pdf"
    monkeypatch.setattr("ui.supervisor.acts.ask_save", lambda *a: target)
    qtbot.mouseClick(desk.detail.buttons["print04"], Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF"), desk.status.text()
    assert [f.form for f in desk.detail.detail.forms] == ["04"]  # recorded on the dossier


def test_the_tracking_book_from_the_desk(
    desk: SupervisorDesk, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    desk.set_period(date(2026, 8, 19), MON)
    target = tmp_path / "so-theo-doi.pdf"
    monkeypatch.setattr("ui.supervisor.acts.ask_save", lambda *a: target)
    desk.ask_tracking_book()
    assert target.read_bytes().startswith(b"%PDF"), desk.status.text()


def test_a_hidden_desk_does_not_poll(
    desk: SupervisorDesk, ready_core: Core, clock: Clock, staff: Staff
) -> None:
    desk.hide()
    register(ready_core, staff.lan, procedure="1.004227", id_number="001090077779")
    desk.timer.timeout.emit()
    assert desk.tiles[Category.RECEIVED].value == 0
    desk.show()
    desk.timer.timeout.emit()
    assert desk.tiles[Category.RECEIVED].value == 1
