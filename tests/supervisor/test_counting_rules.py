"""The counting rules against hand-built cases (the week of 19–24 August 2026)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from counter_app.domain.timeliness import Timeliness
from counter_app.services import queue
from counter_app.services.queue import Category, Period
from counter_app.services.reports import on_time_rate
from tests.supervisor.conftest import Staff, Week
from tests.support.factories import vn


def codes(core, actor, day: date, category: Category) -> set[str]:
    listing = queue.dossiers(core, actor, Period.day(day), category)
    assert listing.total == len(listing.rows)
    return {r.code for r in listing.rows}


def row(core, actor, day: date, category: Category, code: str) -> queue.QueueRow:
    return next(
        r for r in queue.dossiers(core, actor, Period.day(day), category).rows if r.code == code
    )


THU, FRI, SAT, MON = date(2026, 8, 20), date(2026, 8, 21), date(2026, 8, 22), date(2026, 8, 24)


def test_received_after_the_cutoff_counts_today_but_falls_due_next_working_day(
    ready_core, staff: Staff, week: Week
) -> None:
    sup = staff.supervisor
    assert week.cutoff in codes(ready_core, sup, THU, Category.RECEIVED)
    assert week.cutoff not in codes(ready_core, sup, THU, Category.DUE)
    assert codes(ready_core, sup, THU, Category.DUE) == {week.same_day}
    assert week.cutoff in codes(ready_core, sup, FRI, Category.DUE)
    assert row(ready_core, sup, FRI, Category.DUE, week.cutoff).due_at == vn(2026, 8, 21, 17, 0)


def test_a_dossier_paused_for_a_supplement_waits_and_is_never_late(
    ready_core, staff: Staff, week: Week
) -> None:
    sup = staff.supervisor
    for day in (THU, FRI):
        assert codes(ready_core, sup, day, Category.WAITING) == {week.paused}
        assert week.paused not in codes(ready_core, sup, day, Category.OVERDUE)
        assert week.paused not in codes(ready_core, sup, day, Category.DUE)
    # Its appointment (Fri 09:00) moved by the paused working time, Saturday included:
    # Thu 14–17 (3 h) + Fri (8 h) + Sat (8 h) + Mon 07:30–08:00 → due Mon 14:00.
    due = row(ready_core, sup, MON, Category.DUE, week.paused)
    assert due.appointment_at == vn(2026, 8, 21, 9, 0)
    assert due.due_at == vn(2026, 8, 24, 14, 0)
    assert due.timeliness is Timeliness.ON_TIME
    assert codes(ready_core, sup, MON, Category.WAITING) == set()


def test_two_supplement_requests_make_a_dossier_overdue_even_when_finished_early(
    ready_core, staff: Staff, week: Week
) -> None:
    sup = staff.supervisor
    assert week.two_supplements in codes(ready_core, sup, THU, Category.OVERDUE)  # still open
    late = row(ready_core, sup, FRI, Category.OVERDUE, week.two_supplements)  # ended Friday
    assert late.supplement_count == 2
    assert late.ended_at is not None and late.ended_at < late.appointment_at
    assert week.two_supplements in codes(ready_core, sup, FRI, Category.READY)


def test_a_dossier_returned_early_is_on_time_and_never_due_later(
    ready_core, staff: Staff, week: Week
) -> None:
    sup = staff.supervisor
    returned = row(ready_core, sup, FRI, Category.RETURNED, week.early)
    assert returned.timeliness is Timeliness.EARLY
    assert week.early not in codes(ready_core, sup, FRI, Category.OVERDUE)
    assert week.early not in codes(ready_core, sup, MON, Category.DUE)  # its appointment day
    friday = on_time_rate(ready_core, sup, Period.day(FRI))
    assert (friday.finished, friday.early, friday.late) == (2, 1, 1)  # early one, two-requests one
    assert friday.rate == pytest.approx(0.5)


def test_a_working_saturday_counts_like_any_working_day(
    ready_core, staff: Staff, week: Week
) -> None:
    sup = staff.supervisor
    assert codes(ready_core, sup, SAT, Category.DUE) == {week.saturday, week.saturday_late}
    on_time = row(ready_core, sup, SAT, Category.DUE, week.saturday)
    assert on_time.appointment_at == vn(2026, 8, 22, 9, 0)
    assert on_time.timeliness is Timeliness.ON_TIME
    assert on_time_rate(ready_core, sup, Period.day(SAT)).rate == 1.0
    # Friday's 17:00 deadline was missed on Saturday morning: late on the Saturday itself.
    assert codes(ready_core, sup, SAT, Category.OVERDUE) == {week.cutoff, week.saturday_late}
    late = row(ready_core, sup, MON, Category.OVERDUE, week.saturday_late)
    # Sat 10:00–11:30 and 13:00–17:00, then Mon 07:30–08:00: six working hours late.
    assert late.late_by == timedelta(hours=6)


def test_the_day_at_a_glance(ready_core, staff: Staff, week: Week) -> None:
    thursday = queue.counts(ready_core, staff.supervisor, Period.day(THU)).totals
    assert thursday == {
        Category.RECEIVED: 5,
        Category.DUE: 1,
        Category.DUE_SOON: 1,  # the after-cut-off one, due Friday 17:00
        Category.OVERDUE: 1,
        Category.WAITING: 1,
        Category.READY: 0,
        Category.RETURNED: 1,
        Category.REFUSED: 0,
        Category.WITHDRAWN: 0,
    }
    monday = queue.counts(ready_core, staff.supervisor, Period.day(MON))
    assert monday.live  # now is Monday 18:00
    assert monday.totals[Category.READY] == 4
    assert monday.totals[Category.OVERDUE] == 2


def test_a_range_counts_events_across_its_days(ready_core, staff: Staff, week: Week) -> None:
    period = Period(date(2026, 8, 19), date(2026, 8, 24))
    totals = queue.counts(ready_core, staff.supervisor, period).totals
    assert totals[Category.RECEIVED] == 7
    assert totals[Category.RETURNED] == 2
    # Late in the range: finished late (two requests, Saturday-late) + still open (cut-off).
    overdue = {
        r.code for r in queue.dossiers(ready_core, staff.supervisor, period, Category.OVERDUE).rows
    }
    assert overdue == {week.two_supplements, week.saturday_late, week.cutoff}


def test_due_soon_follows_the_setting(ready_core, staff: Staff, week: Week) -> None:
    # At the end of Thursday the after-cut-off dossier has 8 working hours left (Friday).
    assert codes(ready_core, staff.supervisor, THU, Category.DUE_SOON) == {week.cutoff}
    ready_core.settings.counter.due_soon_hours = 4
    assert codes(ready_core, staff.supervisor, THU, Category.DUE_SOON) == set()
