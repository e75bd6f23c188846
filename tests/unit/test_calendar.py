"""The working calendar: appointment dates a clerk writes on the receipt (ngày hẹn trả)."""

from __future__ import annotations

import time as clock
from datetime import UTC, date, datetime, time, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.calendar import (
    VN_TZ,
    CalendarOverride,
    WorkingCalendar,
)
from counter_app.domain.procedures import DurationUnit
from counter_app.errors import ValidationError

DAYS = DurationUnit.DAYS
HOURS = DurationUnit.HOURS
CUTOFF = time(15, 0)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


# -- the holiday table the app relies on ------------------------------------------------------


def test_installed_holiday_table_has_the_2026_days_the_rules_depend_on() -> None:
    # If a `holidays` upgrade changes these, the appointments below change: fail loudly.
    table = holidays.country_holidays("VN", years=2026)
    for day in range(16, 21):
        assert date(2026, 2, day) in table  # Tết
    assert date(2026, 8, 31) in table  # day off swapped with Sat 22/8
    assert date(2026, 8, 22) in table.weekend_workdays
    assert date(2026, 11, 24) in table  # Vietnam Cultural Day, new from 2026


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 2, 13), True),  # Friday before Tết
        (date(2026, 2, 16), False),  # Tết eve
        (date(2026, 2, 20), False),  # Tết, 4th day
        (date(2026, 2, 23), True),
        (date(2026, 8, 22), True),  # working Saturday (swap)
        (date(2026, 8, 23), False),  # ordinary Sunday
        (date(2026, 8, 29), False),  # ordinary Saturday
        (date(2026, 8, 31), False),  # Monday off (swap)
        (date(2026, 9, 2), False),  # National Day
        (date(2026, 11, 23), True),
        (date(2026, 11, 24), False),
        (date(2026, 4, 27), False),  # Giỗ Tổ falls on Sunday 26/4 → observed Monday
        (date(2025, 5, 2), False),  # 2025 swap: Fri 2/5 off …
        (date(2025, 4, 26), True),  # … Sat 26/4 worked
    ],
)
def test_working_days(cal: WorkingCalendar, day: date, working: bool) -> None:
    assert cal.is_working_day(day) is working


def test_next_working_day_skips_tet_and_is_strictly_after(cal: WorkingCalendar) -> None:
    assert cal.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert cal.next_working_day(date(2026, 2, 23)) == date(2026, 2, 24)
    assert cal.next_working_day(date(2026, 8, 21)) == date(2026, 8, 22)  # the working Saturday


def test_periods_are_aware_office_hours_and_empty_on_days_off(cal: WorkingCalendar) -> None:
    assert cal.periods(date(2026, 3, 2)) == [
        (at(2026, 3, 2, 7, 30), at(2026, 3, 2, 11, 30)),
        (at(2026, 3, 2, 13), at(2026, 3, 2, 17)),
    ]
    assert cal.periods(date(2026, 2, 17)) == []
    assert cal.periods(date(2026, 3, 1)) == []  # Sunday


# -- appointments -----------------------------------------------------------------------------


def test_tet_2026_pushes_three_working_days_past_the_holiday_week(cal: WorkingCalendar) -> None:
    # Fri 13/2 10:00–17:00 = 5.5 h; Tết 16–20/2; Mon 23 8 h, Tue 24 8 h; Wed 25 07:30 + 2.5 h.
    assert cal.appointment(at(2026, 2, 13, 10), 3, DAYS) == at(2026, 2, 25, 10)


def test_working_saturday_22_8_2026_counts(cal: WorkingCalendar) -> None:
    assert cal.appointment(at(2026, 8, 21, 7, 30), 2, DAYS) == at(2026, 8, 22, 17)


def test_monday_31_8_2026_and_national_day_do_not_count(cal: WorkingCalendar) -> None:
    # Fri 28/8 is one day; then Sat, Sun, Mon 31/8 (swap), 1/9, 2/9 are off → Thu 3/9.
    assert cal.appointment(at(2026, 8, 28, 7, 30), 2, DAYS) == at(2026, 9, 3, 17)


def test_24_11_2026_is_off(cal: WorkingCalendar) -> None:
    assert cal.appointment(at(2026, 11, 23, 7, 30), 2, DAYS) == at(2026, 11, 25, 17)


def test_eight_hours_from_opening_end_at_closing_the_same_day(cal: WorkingCalendar) -> None:
    assert cal.appointment(at(2026, 3, 2, 7, 30), 1, DAYS) == at(2026, 3, 2, 17)


def test_same_day_procedure_received_before_cutoff_is_returned_at_closing(
    cal: WorkingCalendar,
) -> None:
    assert cal.appointment(at(2026, 3, 2, 14, 55), 0, DAYS, CUTOFF) == at(2026, 3, 2, 17)


@pytest.mark.parametrize("received", [at(2026, 3, 2, 15, 5), at(2026, 3, 2, 15, 0)])
def test_same_day_procedure_received_at_or_after_cutoff_is_returned_next_working_day(
    cal: WorkingCalendar, received: datetime
) -> None:
    assert cal.appointment(received, 0, DAYS, CUTOFF) == at(2026, 3, 3, 17)


def test_cutoff_on_a_friday_moves_to_monday(cal: WorkingCalendar) -> None:
    assert cal.appointment(at(2026, 3, 6, 15, 30), 0, DAYS, CUTOFF) == at(2026, 3, 9, 17)


def test_without_cutoff_late_afternoon_same_day_procedure_stays_same_day(
    cal: WorkingCalendar,
) -> None:
    assert cal.appointment(at(2026, 3, 2, 15, 5), 0, DAYS) == at(2026, 3, 2, 17)


def test_cutoff_on_a_day_off_starts_the_clock_at_the_next_opening(cal: WorkingCalendar) -> None:
    # Sunday 16:00 online submission: Monday is still the start, not Tuesday.
    assert cal.start_of_clock(at(2026, 3, 1, 16), CUTOFF) == at(2026, 3, 2, 7, 30)


def test_working_hours_skip_the_lunch_break(cal: WorkingCalendar) -> None:
    # 10:00–11:30 = 1.5 h, then 13:00 + 2.5 h. (Lunch is 1.5 h, so not 15:00.)
    assert cal.appointment(at(2026, 3, 2, 10), 4, HOURS) == at(2026, 3, 2, 15, 30)
    assert cal.appointment(at(2026, 3, 2, 9, 30), 4, HOURS) == at(2026, 3, 2, 15)


def test_unit_may_be_the_plain_string_a_database_row_holds(cal: WorkingCalendar) -> None:
    assert cal.appointment(at(2026, 3, 2, 9, 30), 4, "hours") == at(2026, 3, 2, 15)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("received", "clock_starts"),
    [
        (at(2026, 3, 1, 10), at(2026, 3, 2, 7, 30)),  # Sunday
        (at(2026, 3, 2, 6), at(2026, 3, 2, 7, 30)),  # before opening
        (at(2026, 3, 2, 12), at(2026, 3, 2, 13)),  # lunch
        (at(2026, 3, 2, 11, 30), at(2026, 3, 2, 13)),  # the morning has just closed
        (at(2026, 3, 2, 18), at(2026, 3, 3, 7, 30)),  # evening
        (at(2026, 3, 2, 17), at(2026, 3, 3, 7, 30)),  # exactly at closing
        (at(2026, 3, 2, 9, 15), at(2026, 3, 2, 9, 15)),  # inside office hours
        (at(2026, 2, 14, 9), at(2026, 2, 23, 7, 30)),  # Saturday before Tết
    ],
)
def test_clock_starts_at_the_next_moment_in_office_hours(
    cal: WorkingCalendar, received: datetime, clock_starts: datetime
) -> None:
    assert cal.start_of_clock(received) == clock_starts
    assert cal.next_working_moment(received) == clock_starts


def test_received_outside_office_hours_counts_from_the_next_opening(cal: WorkingCalendar) -> None:
    assert cal.appointment(at(2026, 3, 1, 10), 1, DAYS) == at(2026, 3, 2, 17)  # Sunday
    assert cal.appointment(at(2026, 3, 2, 6), 1, DAYS) == at(2026, 3, 2, 17)
    # Lunch → 13:00; Mon 13–17 is 4 h, the other 4 h end exactly as Tuesday morning closes.
    assert cal.appointment(at(2026, 3, 2, 12), 1, DAYS) == at(2026, 3, 3, 11, 30)
    assert cal.appointment(at(2026, 3, 2, 18), 1, DAYS) == at(2026, 3, 3, 17)
    assert cal.appointment(at(2026, 3, 2, 18), 0, DAYS) == at(2026, 3, 3, 17)


def test_negative_duration_is_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ValidationError) as err:
        cal.appointment(at(2026, 3, 2, 9), -1, DAYS)
    assert err.value.code == "E_DURATION"


# -- overrides --------------------------------------------------------------------------------


def test_extra_day_off_moves_the_appointment() -> None:
    cal = WorkingCalendar(overrides=[CalendarOverride(date(2026, 3, 2), False, "Bầu cử")])
    assert not cal.is_working_day(date(2026, 3, 2))
    assert cal.appointment(at(2026, 2, 27, 8), 1, DAYS) == at(2026, 3, 3, 8)


def test_extra_working_saturday_counts() -> None:
    cal = WorkingCalendar(overrides=[CalendarOverride(date(2026, 2, 28), True)])
    assert cal.appointment(at(2026, 2, 27, 8), 1, DAYS) == at(2026, 2, 28, 8)
    assert WorkingCalendar().appointment(at(2026, 2, 27, 8), 1, DAYS) == at(2026, 3, 2, 8)


def test_overrides_win_over_the_package_table() -> None:
    # A swap cancelled locally, and a holiday worked: the user's table is the last word.
    cal = WorkingCalendar(
        overrides=[
            CalendarOverride(date(2026, 8, 22), False),
            CalendarOverride(date(2026, 8, 31), True),
        ]
    )
    assert not cal.is_working_day(date(2026, 8, 22))
    assert cal.is_working_day(date(2026, 8, 31))


def test_a_later_override_for_the_same_day_wins() -> None:
    cal = WorkingCalendar(
        overrides=[
            CalendarOverride(date(2026, 3, 7), True),
            CalendarOverride(date(2026, 3, 7), False),
        ]
    )
    assert not cal.is_working_day(date(2026, 3, 7))


# -- office hours -----------------------------------------------------------------------------


def test_custom_office_hours_are_used() -> None:
    cal = WorkingCalendar(office_hours=((time(8), time(12)), (time(13, 30), time(17, 30))))
    assert cal.start_of_clock(at(2026, 3, 2, 12, 30)) == at(2026, 3, 2, 13, 30)
    assert cal.appointment(at(2026, 3, 2, 8), 1, DAYS) == at(2026, 3, 2, 17, 30)
    assert cal.appointment(at(2026, 3, 2, 8), 0, DAYS) == at(2026, 3, 2, 17, 30)


@pytest.mark.parametrize(
    "office_hours",
    [
        (),
        ((time(11, 30), time(7, 30)),),  # ends before it starts
        ((time(8), time(8)),),  # empty
        ((time(13), time(17)), (time(7, 30), time(11, 30))),  # out of order
        ((time(7, 30), time(12)), (time(11, 30), time(17))),  # overlapping
        ((time(7, 30, tzinfo=UTC), time(11, 30)),),  # not a wall-clock time
    ],
)
def test_bad_office_hours_are_refused(office_hours: tuple[tuple[time, time], ...]) -> None:
    with pytest.raises(ValidationError) as err:
        WorkingCalendar(office_hours=office_hours)
    assert err.value.code == "E_OFFICE_HOURS"
    assert err.value.message


# -- time arithmetic --------------------------------------------------------------------------


def test_naive_datetimes_are_refused(cal: WorkingCalendar) -> None:
    naive = datetime(2026, 3, 2, 9)
    with pytest.raises(ValueError):
        cal.appointment(naive, 1, DAYS)
    with pytest.raises(ValueError):
        cal.working_time_between(naive, at(2026, 3, 3))
    with pytest.raises(ValueError):
        cal.add_working_time(naive, timedelta(hours=1))


def test_other_timezones_are_converted_and_results_are_in_vietnam_time(
    cal: WorkingCalendar,
) -> None:
    received = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 10:00 in Hà Nội
    due = cal.appointment(received, 4, HOURS)
    assert due == at(2026, 3, 2, 15, 30)
    assert due.tzinfo is VN_TZ
    assert (due.hour, due.minute) == (15, 30)


def test_adding_is_exact_to_the_microsecond(cal: WorkingCalendar) -> None:
    start = at(2026, 3, 2, 11, 29)
    tiny = timedelta(minutes=1, microseconds=1)
    assert cal.add_working_time(start, tiny) == at(2026, 3, 2, 13) + timedelta(microseconds=1)


def test_sixty_working_days_lands_on_the_hand_counted_day_quickly(cal: WorkingCalendar) -> None:
    # From Mon 5/1/2026: 20 days in January, 15 in February (Tết 16–20/2 off), 22 in March,
    # then 1–3 April → the 60th working day is Fri 3/4/2026.
    started = clock.perf_counter()
    due = cal.add_working_time(at(2026, 1, 5, 7, 30), timedelta(hours=60 * 8))
    elapsed = clock.perf_counter() - started
    assert due == at(2026, 4, 3, 17)
    assert elapsed < 0.05


def test_working_time_between(cal: WorkingCalendar) -> None:
    assert cal.working_time_between(at(2026, 3, 2, 7), at(2026, 3, 2, 18)) == timedelta(hours=8)
    # Thursday 12/2 12:00 → Tuesday 24/2 09:30: Thu 4 h, Fri 8 h, Tết week 0, Mon 8 h, Tue 2 h.
    assert cal.working_time_between(at(2026, 2, 12, 12), at(2026, 2, 24, 9, 30)) == timedelta(
        hours=22
    )
    assert cal.working_time_between(at(2026, 3, 3), at(2026, 3, 2)) == timedelta()
    assert cal.working_time_between(at(2026, 3, 2, 12), at(2026, 3, 2, 12, 45)) == timedelta()


def test_adding_from_closing_time_continues_next_morning(cal: WorkingCalendar) -> None:
    # Timeliness adds paused time to an appointment that sits at 17:00.
    due = at(2026, 3, 2, 17)
    assert cal.add_working_time(due, timedelta(hours=1)) == at(2026, 3, 3, 8, 30)


# -- properties -------------------------------------------------------------------------------

_moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31, 23, 59)
).map(lambda naive: naive.replace(tzinfo=VN_TZ))
_amounts = st.timedeltas(min_value=timedelta(), max_value=timedelta(hours=8 * 40))
_positive = st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(hours=8 * 40))


@st.composite
def _calendars(draw: st.DrawFn) -> WorkingCalendar:
    """The default calendar, or one with odd office hours and random overrides."""
    if draw(st.booleans()):
        return WorkingCalendar()
    minutes = sorted(draw(st.sets(st.integers(6 * 60, 20 * 60), min_size=2, max_size=6)))
    if len(minutes) % 2:
        minutes.pop()
    bounds = [time(m // 60, m % 60) for m in minutes]
    office_hours = tuple(zip(bounds[::2], bounds[1::2], strict=True))
    overrides = draw(
        st.lists(
            st.builds(
                CalendarOverride,
                st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 3, 31)),
                st.booleans(),
            ),
            max_size=30,
        )
    )
    return WorkingCalendar(office_hours=office_hours, overrides=overrides)


@settings(max_examples=300, deadline=None)
@given(_calendars(), _moments, _amounts)
def test_working_time_between_inverts_add_working_time(
    cal: WorkingCalendar, raw: datetime, amount: timedelta
) -> None:
    start = cal.next_working_moment(raw)
    assert cal.working_time_between(start, cal.add_working_time(start, amount)) == amount


@settings(max_examples=300, deadline=None)
@given(_calendars(), _moments, _positive)
def test_result_is_inside_or_at_the_end_of_an_office_period_of_a_working_day(
    cal: WorkingCalendar, start: datetime, amount: timedelta
) -> None:
    due = cal.add_working_time(start, amount)
    assert cal.is_working_day(due.date())
    assert any(begin < due <= end for begin, end in cal.periods(due.date()))
    assert due > start


@settings(max_examples=200, deadline=None)
@given(_calendars(), _moments, _amounts, _amounts)
def test_adding_more_time_never_gives_an_earlier_moment(
    cal: WorkingCalendar, start: datetime, a: timedelta, b: timedelta
) -> None:
    small, large = sorted((a, b))
    assert cal.add_working_time(start, small) <= cal.add_working_time(start, large)


@settings(max_examples=200, deadline=None)
@given(
    _calendars(),
    _moments,
    _moments,
    st.integers(0, 20),
    st.sampled_from(list(DurationUnit)),
    st.sampled_from([None, CUTOFF]),
)
def test_a_later_receipt_never_gets_an_earlier_appointment(
    cal: WorkingCalendar,
    a: datetime,
    b: datetime,
    duration: int,
    unit: DurationUnit,
    cutoff: time | None,
) -> None:
    early, late = sorted((a, b))
    first = cal.appointment(early, duration, unit, cutoff)
    second = cal.appointment(late, duration, unit, cutoff)
    assert first <= second
    assert cal.is_working_day(second.date())
    assert second.tzinfo is VN_TZ
