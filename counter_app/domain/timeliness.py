"""Is a dossier on time? Computed from its history and the calendar, never stored.

On time iff processing ended (first status 9, else 10, else 8/3/7) no later than the
appointment, where working time spent waiting for the applicant's supplement is added back
to the appointment. More than one supplement request counts as overdue (Decision 766/QĐ-TTg).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from counter_app.domain.calendar import WorkingCalendar


class Timeliness(enum.StrEnum):
    ON_TIME = "on_time"  # còn hạn / đúng hạn
    DUE_SOON = "due_soon"  # sắp đến hạn (open only)
    EARLY = "early"  # finished before the appointment day (trước hạn)
    OVERDUE = "overdue"  # quá hạn

    @property
    def label(self) -> str:
        return {
            Timeliness.ON_TIME: "Đúng hạn",
            Timeliness.DUE_SOON: "Sắp đến hạn",
            Timeliness.EARLY: "Trước hạn",
            Timeliness.OVERDUE: "Quá hạn",
        }[self]


@dataclass(frozen=True)
class Pause:
    """A supplement request: the clock stops from `start` until the supplement is `end`ed."""

    start: datetime
    end: datetime | None  # None: still waiting for the applicant


@dataclass(frozen=True)
class Deadline:
    due_at: datetime  # the appointment moved by the paused working time
    paused: timedelta
    verdict: Timeliness
    late_by: timedelta  # working time past the deadline (0 if not late)


def paused_time(calendar: WorkingCalendar, pauses: Sequence[Pause], now: datetime) -> timedelta:
    total = timedelta()
    for pause in pauses:
        total += calendar.working_time_between(pause.start, pause.end or now)
    return total


def assess(
    calendar: WorkingCalendar,
    *,
    appointment_at: datetime,
    pauses: Sequence[Pause],
    ended_at: datetime | None,
    now: datetime,
    due_soon: timedelta = timedelta(hours=8),
) -> Deadline:
    """Judge one dossier at `now` (or at its end of processing when it has ended)."""
    moment = ended_at or now
    paused = paused_time(calendar, pauses, moment)
    due_at = calendar.add_working_time(appointment_at, paused) if paused else appointment_at
    late_by = calendar.working_time_between(due_at, moment) if moment > due_at else timedelta()
    if len(pauses) > 1 or late_by > timedelta():
        verdict = Timeliness.OVERDUE
    elif ended_at is not None:
        verdict = Timeliness.EARLY if ended_at.date() < due_at.date() else Timeliness.ON_TIME
    elif calendar.working_time_between(now, due_at) <= due_soon:
        verdict = Timeliness.DUE_SOON
    else:
        verdict = Timeliness.ON_TIME
    return Deadline(due_at=due_at, paused=paused, verdict=verdict, late_by=late_by)
