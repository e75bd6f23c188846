"""The working calendar: which days and hours count towards a processing time (ngày hẹn trả).

Public holidays and the government's day swaps come from the `holidays` package (country VN);
swaps announced after a release, and local decisions, are `CalendarOverride`s the user edits.
Office hours and the 15:00-style cut-off are ours: `holidays` only counts whole days.

Office time is measured on the wall clock of `tz` (Vietnam has no daylight saving time).
"""

from __future__ import annotations

import bisect
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

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
    import holidays  # 40 ms of imports: paid at the first appointment, not at start-up

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
        self._year_prefix: dict[int, list[int]] = {}  # year → working days before each day
        self._periods: dict[date, list[tuple[datetime, datetime]]] = {}

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
        found = self._periods.get(day)
        if found is None:
            found = (
                [
                    (
                        datetime.combine(day, s, tzinfo=self.tz),
                        datetime.combine(day, e, tzinfo=self.tz),
                    )
                    for s, e in self.office_hours
                ]
                if self.is_working_day(day)
                else []
            )
            self._periods[day] = found  # a few thousand days at most: kept for the process
        return list(found)

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
        Whole days are skipped with the per-year running totals, so a pause of years (a
        forgotten supplement request) costs no more than one of a day.
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
            whole = max(0, -(-remaining // self._day_length) - 1)
            remaining -= self._day_length * whole
            day = self.working_day_after(day, whole + 1)
            cursor = self._opening(day)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Office time inside [start, end); zero when `end` is not after `start`."""
        start = _aware(start, self.tz)
        end = _aware(end, self.tz)
        total = timedelta()
        if end <= start:
            return total
        first, last = start.date(), end.date()
        for day in (first, last) if first != last else (first,):
            for period_start, period_end in self.periods(day):
                overlap = min(end, period_end) - max(start, period_start)
                if overlap > timedelta():
                    total += overlap
        if last - first > _ONE_DAY:
            total += self._day_length * self.count_working_days(first + _ONE_DAY, last - _ONE_DAY)
        return total

    def count_working_days(self, first: date, last: date) -> int:
        """Working days from `first` to `last`, both included.

        Per-year running totals make this a few look-ups whatever the span, so judging a
        dossier that has been late for years (the supervisor's overdue list) stays cheap.
        """
        if last < first:
            return 0
        end = last + _ONE_DAY
        total = self._before(end) - self._before(first)
        for year in range(first.year, end.year):
            total += self._prefix(year)[-1]
        return total

    def working_day_after(self, day: date, n: int) -> date:
        """The `n`-th working day after `day` (n ≥ 1): `next_working_day` applied n times."""
        start = day + _ONE_DAY
        year = start.year
        available = self._prefix(year)[-1] - self._before(start)
        while available < n:
            n -= available
            year += 1
            start = date(year, 1, 1)
            available = self._prefix(year)[-1]
        prefix = self._prefix(year)
        # prefix[k] counts the working days among the year's first k days.
        k = bisect.bisect_left(prefix, self._before(start) + n)
        return date(year, 1, 1) + timedelta(days=k - 1)

    def _before(self, day: date) -> int:
        """Working days from 1 January of `day`'s year up to, not including, `day`."""
        return self._prefix(day.year)[day.toordinal() - date(day.year, 1, 1).toordinal()]

    def _prefix(self, year: int) -> list[int]:
        prefix = self._year_prefix.get(year)
        if prefix is None:
            prefix = [0]
            day = date(year, 1, 1)
            while day.year == year:
                prefix.append(prefix[-1] + self.is_working_day(day))
                day += _ONE_DAY
            self._year_prefix[year] = prefix
        return prefix

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
