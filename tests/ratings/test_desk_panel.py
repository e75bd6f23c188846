"""The supervisor's desk shows the ratings of its period: per level, rate, officer, procedure."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from counter_app.services import ratings
from counter_app.services.context import Core
from counter_app.services.ratings import Level
from tests.conftest import Clock
from tests.ratings.conftest import Staff, returned
from tests.support.factories import vn
from ui.supervisor import SupervisorDesk
from ui.tasks import SyncRunner

pytestmark = pytest.mark.ui


def table(widget: QTableWidget) -> list[list[str]]:
    return [
        [widget.item(r, c).text() for c in range(widget.columnCount())]
        for r in range(widget.rowCount())
    ]


def test_the_panel_follows_the_desks_period(
    qtbot: QtBot, ready_core: Core, staff: Staff, clock: Clock
) -> None:
    for received, handed, level in (
        (staff.lan, staff.hung, Level.VERY_SATISFIED),
        (staff.hung, staff.hung, Level.NOT_SATISFIED),
        (staff.lan, staff.lan, Level.SATISFIED),
        (staff.lan, staff.lan, Level.SATISFIED),
    ):
        code = returned(ready_core, received, handed)
        ratings.record(ready_core, ratings.prompt_after_hand_over(ready_core, handed, code), level)
    clock.set(vn(2026, 11, 25, 9))
    code = returned(ready_core, staff.lan, staff.lan)
    ratings.record(
        ready_core, ratings.prompt_after_hand_over(ready_core, staff.lan, code), Level.SATISFIED
    )

    desk = SupervisorDesk(ready_core, staff.supervisor, SyncRunner())
    qtbot.addWidget(desk)
    panel = desk.satisfaction
    desk.set_period(date(2026, 11, 23))
    assert panel.figures is None  # a desk not on screen does not load the ratings
    desk.show()
    qtbot.waitExposed(desk)
    assert "23/11/2026" in panel.title.text() and "4 lượt" in panel.title.text()
    assert panel.counts[Level.VERY_SATISFIED].text() == "Rất hài lòng: 1"
    assert panel.counts[Level.SATISFIED].text() == "Hài lòng: 2"
    assert panel.counts[Level.NOT_SATISFIED].text() == "Không hài lòng: 1"
    assert panel.rate.text() == "Tỷ lệ hài lòng: 75,0%"
    assert table(panel.by_officer) == [
        ["Lê Văn Hùng", "1", "0", "1", "2", "50,0%"],
        ["Nguyễn Thị Lan", "0", "2", "0", "2", "100,0%"],
    ]
    assert table(panel.by_procedure)[0][0] == "1.001193 – Thủ tục đăng ký khai sinh"

    desk.set_period(date(2026, 11, 23), date(2026, 11, 25))
    assert panel.rate.text() == "Tỷ lệ hài lòng: 80,0%" and "5 lượt" in panel.title.text()
    desk.set_period(date(2026, 11, 24))
    assert panel.rate.text() == "Tỷ lệ hài lòng: —" and table(panel.by_officer) == []
