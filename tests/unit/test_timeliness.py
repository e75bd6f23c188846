"""On time or overdue: derived from the calendar, supplement pauses and the end of processing."""

from __future__ import annotations

from datetime import timedelta

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.timeliness import Pause, Timeliness, assess
from tests.support.factories import vn

CAL = WorkingCalendar()


def test_finished_before_the_appointment_day_is_early() -> None:
    d = assess(
        CAL,
        appointment_at=vn(2026, 11, 26, 9),
        pauses=[],
        ended_at=vn(2026, 11, 25, 10),
        now=vn(2026, 11, 27),
    )
    assert d.verdict is Timeliness.EARLY


def test_finished_late_is_overdue_by_working_time() -> None:
    d = assess(
        CAL,
        appointment_at=vn(2026, 11, 26, 9),
        pauses=[],
        ended_at=vn(2026, 11, 26, 14),
        now=vn(2026, 11, 27),
    )
    assert d.verdict is Timeliness.OVERDUE
    assert d.late_by == timedelta(hours=3, minutes=30)  # 9:00–11:30 and 13:00–14:00


def test_a_supplement_pause_moves_the_deadline() -> None:
    # Waiting for the applicant from Wed 25/11 9:00 to Thu 26/11 9:00 (one working day), so
    # finishing Fri 27/11 9:00 against an appointment of Thu 26/11 9:00 is on time.
    pause = Pause(vn(2026, 11, 25, 9), vn(2026, 11, 26, 9))
    d = assess(
        CAL,
        appointment_at=vn(2026, 11, 26, 9),
        pauses=[pause],
        ended_at=vn(2026, 11, 27, 9),
        now=vn(2026, 11, 30),
    )
    assert d.paused == timedelta(hours=8)
    assert d.due_at == vn(2026, 11, 27, 9)
    assert d.verdict is Timeliness.ON_TIME


def test_an_open_pause_stops_the_clock() -> None:
    pause = Pause(vn(2026, 11, 25, 9), None)
    d = assess(
        CAL,
        appointment_at=vn(2026, 11, 26, 9),
        pauses=[pause],
        ended_at=None,
        now=vn(2026, 12, 3, 9),
    )
    assert d.verdict is not Timeliness.OVERDUE


def test_two_supplement_requests_count_as_overdue_even_if_fast() -> None:
    pauses = [
        Pause(vn(2026, 11, 25, 9), vn(2026, 11, 25, 10)),
        Pause(vn(2026, 11, 25, 13), vn(2026, 11, 25, 14)),
    ]
    d = assess(
        CAL,
        appointment_at=vn(2026, 11, 30, 9),
        pauses=pauses,
        ended_at=vn(2026, 11, 25, 15),
        now=vn(2026, 11, 25, 16),
    )
    assert d.verdict is Timeliness.OVERDUE


def test_open_dossier_close_to_its_deadline_is_due_soon() -> None:
    d = assess(
        CAL,
        appointment_at=vn(2026, 11, 26, 9),
        pauses=[],
        ended_at=None,
        now=vn(2026, 11, 25, 14),
        due_soon=timedelta(hours=8),
    )
    assert d.verdict is Timeliness.DUE_SOON
    d = assess(
        CAL,
        appointment_at=vn(2026, 12, 4, 9),
        pauses=[],
        ended_at=None,
        now=vn(2026, 11, 25, 14),
        due_soon=timedelta(hours=8),
    )
    assert d.verdict is Timeliness.ON_TIME


def test_open_dossier_past_its_deadline_is_overdue() -> None:
    d = assess(
        CAL, appointment_at=vn(2026, 11, 26, 9), pauses=[], ended_at=None, now=vn(2026, 11, 27, 9)
    )
    assert d.verdict is Timeliness.OVERDUE
