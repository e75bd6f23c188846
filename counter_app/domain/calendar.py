"""The working calendar: which days and hours count towards a processing time (ngày hẹn trả).

Public holidays and the government's day swaps come from the `holidays` package (country VN);
swaps announced after a release, and local decisions, are `CalendarOverride`s the user edits.
Office hours and the 15:00-style cut-off are ours: `holidays` only counts whole days.

Office time is measured on the wall clock of `tz` (Vietnam has no daylight saving time).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from counter_app.domain.procedures import DurationUnit
from counter_app.errors import ValidationError

VN_TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_OFFICE_HOURS: tuple[tuple[time, time], ...] = (
    (time(7, 30), time(11, 30)),
    (time(13, 0), time(17, 0)),
)
HOURS_PER_DAY = 8  # 1 working day = 8 working hours (OpenCPS rule), whatever the office hours

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


@dataclass(frozen=True)
class CalendarOverride:
    """A local decision on one day: `working=False` an extra day off, True a working weekend day."""

    day: date
    working: bool
    note: str = ""


@lru_cache(maxsize=64)
def _public_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(public holidays, weekend days worked instead) of one year, built once per process.

    The package's table is loaded one year at a time: building it costs milliseconds, and a
    counter only ever looks at a handful of years.
    """
    table = holidays.country_holidays("VN", years=year)
    days_off = frozenset(day for day in table if day.year == year)
    # A swap's worked Saturday may fall in another year than its day off; the package lists
    # those cross-year ones on every instance, so keep the whole set.
    worked = frozenset(table.weekend_workdays)
    return days_off, worked


def _aware(moment: datetime, tz: zoneinfo.ZoneInfo) -> datetime:
    """`moment` in `tz`; a naive datetime is a bug (whose clock would it be?), not user input."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: pass a timezone-aware datetime")
    return moment.astimezone(tz)


def _check_office_hours(office_hours: Sequence[tuple[time, time]]) -> tuple[tuple[time, time], ...]:
    """Periods must be wall-clock times, each non-empty, in order and not overlapping."""
    hint = "Ví dụ: 07:30–11:30 và 13:00–17:00."
    periods = tuple((start, end) for start, end in office_hours)
    if not periods:
        raise ValidationError("E_OFFICE_HOURS", "Chưa khai báo giờ làm việc.", hint=hint)
    previous_end: time | None = None
    for start, end in periods:
        if start.tzinfo is not None or end.tzinfo is not None:
            raise ValidationError(
                "E_OFFICE_HOURS",
                "Giờ làm việc phải là giờ địa phương, không kèm múi giờ.",
                hint=hint,
            )
        if start >= end:
            raise ValidationError(
                "E_OFFICE_HOURS",
                f"Ca làm việc {start:%H:%M}–{end:%H:%M} phải bắt đầu trước khi kết thúc.",
                hint=hint,
            )
        if previous_end is not None and start < previous_end:
            raise ValidationError(
                "E_OFFICE_HOURS",
                f"Ca làm việc {start:%H:%M}–{end:%H:%M} chồng lên hoặc đứng trước ca trước đó.",
                hint="Các ca phải theo thứ tự thời gian và không chồng nhau. " + hint,
            )
        previous_end = end
    return periods


def _span(start: time, end: time) -> timedelta:
    return datetime.combine(date.min, end) - datetime.combine(date.min, start)


class WorkingCalendar:
    """Working days and office hours of one agency; every result is an aware datetime in `tz`."""

    def __init__(
        self,
        *,
        office_hours: Sequence[tuple[time, time]] = DEFAULT_OFFICE_HOURS,
        overrides: Iterable[CalendarOverride] = (),
        tz: zoneinfo.ZoneInfo = VN_TZ,
    ) -> None:
        self.office_hours = _check_office_hours(office_hours)
        self.tz = tz
        # A later override for the same day wins: the list is edited by people.
        self.overrides: dict[date, CalendarOverride] = {o.day: o for o in overrides}
        self._day_length = sum((_span(s, e) for s, e in self.office_hours), timedelta())

    # -- days -------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        override = self.overrides.get(day)
        if override is not None:
            return override.working
        days_off, worked = _public_year(day.year)
        if day.weekday() >= _SATURDAY:
            return day in worked
        return day not in days_off

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += _ONE_DAY
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def periods(self, day: date) -> list[tuple[datetime, datetime]]:
        """The office periods of `day` as aware datetimes; [] on a day off."""
        if not self.is_working_day(day):
            return []
        return [
            (datetime.combine(day, s, tzinfo=self.tz), datetime.combine(day, e, tzinfo=self.tz))
            for s, e in self.office_hours
        ]

    # -- moments ----------------------------------------------------------------------------

    def next_working_moment(self, at: datetime) -> datetime:
        """`at` itself inside office hours (periods are [start, end)), else the next opening."""
        at = _aware(at, self.tz)
        for start, end in self.periods(at.date()):
            if at < start:
                return start
            if at < end:
                return at
        return self._opening(self.next_working_day(at.date()))

    def _opening(self, day: date) -> datetime:
        return datetime.combine(day, self.office_hours[0][0], tzinfo=self.tz)

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The moment when `amount` of office time has passed since `start`.

        Landing exactly on the end of a period returns that end (17:00, not 07:30 next day).
        Whole days are skipped one day at a time, so 60 working days cost ~85 date look-ups.
        """
        start = _aware(start, self.tz)
        if amount < timedelta():
            raise ValueError(f"negative working time {amount!r}")
        if not amount:
            return start
        remaining = amount
        day = start.date()
        cursor = start
        while True:
            for period_start, period_end in self.periods(day):
                if period_end <= cursor:
                    continue
                begin = max(cursor, period_start)
                available = period_end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
            # Skip whole days while more than a day is left; the last day is walked above.
            day = self.next_working_day(day)
            while remaining > self._day_length:
                remaining -= self._day_length
                day = self.next_working_day(day)
            cursor = self._opening(day)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Office time inside [start, end); zero when `end` is not after `start`."""
        start = _aware(start, self.tz)
        end = _aware(end, self.tz)
        total = timedelta()
        if end <= start:
            return total
        day = start.date()
        last = end.date()
        while day <= last:
            if start.date() < day < last:
                if self.is_working_day(day):
                    total += self._day_length
            else:
                for period_start, period_end in self.periods(day):
                    overlap = min(end, period_end) - max(start, period_start)
                    if overlap > timedelta():
                        total += overlap
            day += _ONE_DAY
        return total

    # -- appointments -----------------------------------------------------------------------

    def start_of_clock(self, received_at: datetime, cutoff: time | None = None) -> datetime:
        """When the processing time starts counting for a dossier received at `received_at`.

        Received on a working day at/after the procedure's cut-off → next working day's opening;
        otherwise the next moment inside office hours (lunch → 13:00, evening → next morning).
        """
        received_at = _aware(received_at, self.tz)
        day = received_at.date()
        if cutoff is not None and self.is_working_day(day) and received_at.time() >= cutoff:
            return self._opening(self.next_working_day(day))
        return self.next_working_moment(received_at)

    def appointment(
        self,
        received_at: datetime,
        duration: int,
        unit: DurationUnit,
        cutoff: time | None = None,
    ) -> datetime:
        """The appointment (ngày hẹn trả) for a complete dossier received at `received_at`.

        `duration == 0` is a same-day procedure (trả trong ngày): closing time of the day the
        clock starts on.
        """
        if duration < 0:
            raise ValidationError(
                "E_DURATION",
                f"Thời hạn giải quyết không được âm (đang là {duration}).",
                hint="Nhập 0 cho thủ tục trả trong ngày.",
            )
        start = self.start_of_clock(received_at, cutoff)
        if duration == 0:
            return datetime.combine(start.date(), self.office_hours[-1][1], tzinfo=self.tz)
        # DurationUnit(...) also accepts the plain string a database row may hold.
        per_unit = HOURS_PER_DAY if DurationUnit(unit) is DurationUnit.DAYS else 1
        hours = duration * per_unit
        return self.add_working_time(start, timedelta(hours=hours))
