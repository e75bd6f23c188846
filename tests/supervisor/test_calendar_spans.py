"""Long spans of working time (a dossier late for years) are counted exactly.

`WorkingCalendar.working_time_between` counts whole days from per-year running totals so the
supervisor's overdue list stays fast; here it is checked against a plain day-by-day walk.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.calendar import VN_TZ, CalendarOverride, WorkingCalendar

CALENDAR = WorkingCalendar(
    overrides=[
        CalendarOverride(date(2025, 12, 31), False, "nghỉ thêm"),
        CalendarOverride(date(2027, 3, 6), True, "làm bù thứ Bảy"),
    ]
)


def day_by_day(calendar: WorkingCalendar, start: datetime, end: datetime) -> timedelta:
    total = timedelta()
    day = start.astimezone(VN_TZ).date()
    while day <= end.astimezone(VN_TZ).date():
        for period_start, period_end in calendar.periods(day):
            overlap = min(end, period_end) - max(start, period_start)
            if overlap > timedelta():
                total += overlap
        day += timedelta(days=1)
    return total


moments = st.builds(
    lambda d, minutes: datetime.combine(d, time(), tzinfo=VN_TZ) + timedelta(minutes=minutes),
    st.dates(date(2024, 1, 1), date(2029, 12, 31)),
    st.integers(0, 24 * 60 - 1),
)


@settings(max_examples=300, deadline=None)
@given(moments, moments)
def test_long_spans_match_a_day_by_day_count(a: datetime, b: datetime) -> None:
    start, end = min(a, b), max(a, b)
    assert CALENDAR.working_time_between(start, end) == day_by_day(CALENDAR, start, end)


def test_whole_years_count_holidays_overrides_and_the_working_saturday() -> None:
    days_2026 = CALENDAR.count_working_days(date(2026, 1, 1), date(2026, 12, 31))
    walked = sum(CALENDAR.is_working_day(date(2026, 1, 1) + timedelta(days=n)) for n in range(365))
    assert days_2026 == walked
    assert CALENDAR.count_working_days(date(2026, 8, 22), date(2026, 8, 22)) == 1  # Saturday
    assert CALENDAR.count_working_days(date(2026, 8, 31), date(2026, 8, 31)) == 0  # its swap
    assert CALENDAR.count_working_days(date(2026, 5, 2), date(2026, 5, 1)) == 0


def walk(calendar: WorkingCalendar, start: datetime, amount: timedelta) -> datetime:
    """add_working_time the slow way: one minute at a time over office periods."""
    remaining = amount
    day = start.astimezone(VN_TZ).date()
    while True:
        for period_start, period_end in calendar.periods(day):
            begin = max(start, period_start)
            if period_end <= begin:
                continue
            if remaining <= period_end - begin:
                return begin + remaining
            remaining -= period_end - begin
        day += timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(moments, st.integers(1, 8 * 60 * 700))
def test_adding_long_working_time_matches_a_walk(start: datetime, minutes: int) -> None:
    amount = timedelta(minutes=minutes)
    assert CALENDAR.add_working_time(start, amount) == walk(CALENDAR, start, amount)


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2024, 1, 1), date(2029, 12, 31)), st.integers(1, 800))
def test_the_nth_working_day_is_next_working_day_applied_n_times(day: date, n: int) -> None:
    expected = day
    for _ in range(n):
        expected = CALENDAR.next_working_day(expected)
    assert CALENDAR.working_day_after(day, n) == expected
