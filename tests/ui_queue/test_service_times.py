"""The supervisor's waiting (ticket → call) and serving (call → end) times, for a timeline
known to the minute, in the panel on its own and mounted in the desk."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from counter_app.services import tickets, users
from counter_app.services.context import SYSTEM, Actor, Core, Role
from counter_app.services.queue_terms import Period
from tests.conftest import Clock
from tests.support.factories import vn
from tests.ui.conftest import PASSWORD, make_session
from ui.supervisor.desk import SupervisorDesk
from ui.supervisor.service_times import ServiceTimesPanel
from ui.tasks import SyncRunner


def timeline(core: Core, clock: Clock, a: str, b: str) -> tuple[Actor, Actor]:
    lan = make_session(core).actor  # Nguyễn Thị Lan
    binh = users.add_user(core, SYSTEM, "binh", "Lê Văn Bình", Role.CLERK, PASSWORD).actor()
    at = lambda h, m: clock.set(vn(2026, 11, 23, h, m))  # noqa: E731
    at(9, 0)
    t1 = tickets.take(core, a).ticket
    at(9, 2)
    tickets.take(core, a)
    at(9, 5)
    tickets.take(core, b)
    at(9, 10)
    assert tickets.call_next(core, lan, "3", [a]) is not None  # t1 waited 10 min
    at(9, 25)
    tickets.finish(core, lan, t1.id)  # served 15 min
    at(9, 30)
    t2 = tickets.call_next(core, lan, "3", [a])  # waited 28 min
    assert t2 is not None
    at(9, 31)
    tickets.skip(core, lan, t2.id)  # did not come
    at(9, 40)
    t3 = tickets.call_next(core, binh, "4", [b])  # waited 35 min
    assert t3 is not None
    at(9, 44)
    tickets.finish(core, binh, t3.id)  # served 4 min
    return lan, binh


def row(panel: ServiceTimesPanel, label: str) -> str:
    cells = panel.line_for(label)
    assert cells is not None, f"no line {label!r} in {panel.model.row_texts()}"
    return " ".join(cells[1:])


def test_the_panel_shows_waiting_and_serving_minutes_per_group_officer_and_day(
    qtbot: QtBot, office_core: Core, clock: Clock, group_codes: list[str]
) -> None:
    a, b = group_codes[:2]
    timeline(office_core, clock, a, b)
    boss = make_session(office_core, "lanhdao", Role.SUPERVISOR).actor
    panel = ServiceTimesPanel(office_core, boss, SyncRunner())
    qtbot.addWidget(panel)
    panel.refresh(Period.day(vn(2026, 11, 23).date()))
    assert panel.times is None  # not on screen: nothing loaded yet
    with qtbot.waitSignal(panel.refreshed):
        panel.show()
    names = {g.code: g.name for g in tickets.groups(office_core)}
    # taken, served, no-show, never called, with dossier, wait mean/p90, serve mean/p90 (min)
    assert row(panel, f"{a} – {names[a]}") == "2 1 1 0 0 19,0 26,2 15,0 15,0"
    assert row(panel, f"{b} – {names[b]}") == "1 1 0 0 0 35,0 35,0 4,0 4,0"
    assert panel.model.lines[-1].label.startswith("Tổng")
    assert "3 số phát, 2 đã phục vụ; chờ trung bình 24,3 phút" in panel.summary.text()
    assert "phục vụ trung bình 9,5 phút" in panel.summary.text()

    panel.view_by.setCurrentIndex(panel.view_by.findData(panel.OFFICER))
    assert panel.model.first_header == "Cán bộ gọi số"
    by_officer = {cells[0].split(" (")[0]: cells[6:9] for cells in panel.model.row_texts()}
    assert by_officer["Nguyễn Thị Lan"] == ("19,0", "26,2", "15,0")
    assert by_officer["Lê Văn Bình"] == ("35,0", "35,0", "4,0")

    panel.view_by.setCurrentIndex(panel.view_by.findData(panel.DAY))
    assert panel.line_for("23/11/2026") is not None


def test_the_desk_shows_the_times_for_its_period(
    qtbot: QtBot, office_core: Core, clock: Clock, group_codes: list[str]
) -> None:
    a, b = group_codes[:2]
    timeline(office_core, clock, a, b)
    boss = make_session(office_core, "lanhdao", Role.SUPERVISOR).actor
    desk = SupervisorDesk(office_core, boss, SyncRunner())
    qtbot.addWidget(desk)
    desk.resize(1366, 768)
    desk.show()
    qtbot.waitExposed(desk)
    assert desk.service_times.times is not None
    assert desk.service_times.times.total.tickets == 3
    assert "chờ trung bình 24,3 phút" in desk.service_times.summary.text()
    desk.set_period(vn(2026, 11, 24).date())  # a day without tickets
    assert "chưa có số thứ tự nào" in desk.service_times.summary.text()
    assert desk.service_times.model.lines == []
