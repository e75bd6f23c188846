"""Waiting and serving times on a hand-built morning, as the supervisor reads them."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.errors import AppError
from counter_app.services import ticket_stats, tickets
from counter_app.services.context import SYSTEM, Core, Role
from counter_app.services.queue_terms import Period
from counter_app.services.ticket_stats import ServiceLine, percentile
from tests.conftest import Clock
from tests.support import factories
from tests.support.factories import vn


@pytest.fixture
def morning(ready_core: Core, clock: Clock) -> dict[str, object]:
    """Two officers, two days:

    23/11  08:00 #1 A taken   08:10 called by Lan at 1   08:25 dossier received (serve 15')
           08:05 #2 B taken   08:20 called by Bình at 2  08:22 skipped (no-show)
           08:06 #3 A taken   08:25 called by Bình at 2  08:45 finished, no dossier (serve 20')
           08:30 #4 A taken   never called
    24/11  09:00 #1 B taken   09:04 called by Lan at 1   09:10 next call ends it (serve 6')
    """
    core = ready_core
    lan = factories.clerk(core, "lan")
    binh = factories.clerk(core, "binh", Role.SUPERVISOR)

    def at(d: int, h: int, mi: int) -> None:
        clock.set(vn(2026, 11, d, h, mi))

    at(23, 8, 0)
    t1 = tickets.take(core, "A").ticket
    at(23, 8, 5)
    t2 = tickets.take(core, "B").ticket
    at(23, 8, 6)
    t3 = tickets.take(core, "A").ticket
    at(23, 8, 10)
    assert tickets.call_next(core, lan, "1", ["A"]) is not None
    at(23, 8, 20)
    assert tickets.call_next(core, binh, "2", ["B"]) is not None
    at(23, 8, 22)
    tickets.skip(core, binh, t2.id)
    at(23, 8, 25)
    dossier = factories.register(core, lan)
    tickets.finish(core, lan, t1.id, dossier.code)
    assert tickets.call_next(core, binh, "2") is not None  # t3
    at(23, 8, 30)
    tickets.take(core, "A")
    at(23, 8, 45)
    tickets.finish(core, binh, t3.id)
    at(24, 9, 0)
    tickets.take(core, "B")
    at(24, 9, 4)
    tickets.call_next(core, lan, "1")
    at(24, 9, 10)
    assert tickets.call_next(core, lan, "1") is None
    return {"lan": lan, "binh": binh}


def _line(lines: list[ServiceLine], label_part: str) -> ServiceLine:
    (found,) = [line for line in lines if label_part in line.label]
    return found


def test_totals_over_two_days(ready_core: Core, morning: dict[str, object]) -> None:
    report = ticket_stats.service_times(
        ready_core, SYSTEM, Period(date(2026, 11, 23), date(2026, 11, 24))
    )
    t = report.total
    assert (t.tickets, t.served, t.no_shows, t.unserved, t.with_dossier) == (5, 3, 1, 1, 1)
    # waiting (taken → first call), in seconds: 10', 15', 19', 4'
    assert t.waiting.count == 4
    assert t.waiting.mean == pytest.approx((600 + 900 + 1140 + 240) / 4)
    assert t.waiting.p50 == pytest.approx((600 + 900) / 2)
    assert t.waiting.longest == 1140
    # serving (call → end; the linked dossier's receipt ends #1): 15', 20', 6'; the no-show is
    # not service
    assert t.serving.count == 3
    assert t.serving.mean == pytest.approx((900 + 1200 + 360) / 3)
    assert t.serving.p50 == 900
    assert t.serving.p90 == pytest.approx(900 + 0.8 * 300)


def test_per_day_group_and_officer(ready_core: Core, morning: dict[str, object]) -> None:
    report = ticket_stats.service_times(
        ready_core, SYSTEM, Period(date(2026, 11, 23), date(2026, 11, 24))
    )
    assert [line.label for line in report.by_day] == ["23/11/2026", "24/11/2026"]
    day1 = report.by_day[0]
    assert (day1.tickets, day1.served, day1.no_shows, day1.unserved) == (4, 2, 1, 1)
    assert day1.waiting.p90 == pytest.approx(900 + 0.8 * 240)  # of 600, 900, 1140

    group_a = _line(report.by_group, "A – Chứng thực")
    assert (group_a.tickets, group_a.served, group_a.unserved) == (3, 2, 1)
    assert group_a.serving.mean == pytest.approx((900 + 1200) / 2)
    group_b = _line(report.by_group, "B – Hộ tịch")
    assert (group_b.tickets, group_b.no_shows, group_b.served) == (2, 1, 1)

    lan = _line(report.by_officer, "Nguyễn Thị Lan (lan)")
    assert lan.key == str(morning["lan"].user_id)  # type: ignore[attr-defined]
    assert len(report.by_officer) == 2
    assert (lan.tickets, lan.served, lan.with_dossier) == (2, 2, 1)
    assert lan.serving.mean == pytest.approx((900 + 360) / 2)
    binh = _line(report.by_officer, "(binh)")
    assert (binh.tickets, binh.served, binh.no_shows) == (2, 1, 1)
    assert binh.waiting.mean == pytest.approx((900 + 1140) / 2)


def test_a_period_without_tickets_has_no_figures(ready_core: Core) -> None:
    report = ticket_stats.service_times(ready_core, SYSTEM, Period.day(date(2026, 1, 5)))
    assert report.total.tickets == 0
    assert report.total.waiting.mean is None and report.total.serving.p90 is None
    assert report.by_day == [] and report.by_officer == []
    assert ticket_stats.minutes(None) == "–"
    assert ticket_stats.minutes(750) == "12,5"


def test_clerks_do_not_see_the_supervisors_figures(ready_core: Core) -> None:
    clerk = factories.clerk(ready_core)
    with pytest.raises(AppError) as err:
        ticket_stats.service_times(ready_core, clerk, Period.day(date(2026, 11, 23)))
    assert err.value.code == "E_FORBIDDEN"


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([10.0], 0.9) == 10.0
    assert percentile([0.0, 10.0], 0.5) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 0.9) == pytest.approx(
        9.1
    )
