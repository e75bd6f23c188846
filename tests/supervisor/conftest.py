"""Fixtures for the supervisor's desk: accounts and a hand-built week of dossiers.

The week of 19–24 August 2026 has a working Saturday (22/8, swapped for Monday 31/8), so the
calendar's handling of it shows in the counts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime

import pytest

from counter_app.services import lifecycle
from counter_app.services.context import Actor, Core
from tests.conftest import Clock
from tests.support.factories import register, vn
from tests.support.staff import Staff, staff  # noqa: F401  (shared fixture)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@dataclass
class Week:
    """Codes of the hand-built cases, by what each one shows."""

    cutoff: str  # same-day procedure received after the 15:00 cut-off (Thu 20/8 15:30)
    same_day: str  # same-day procedure received before the cut-off, returned that day
    paused: str  # one supplement request, waiting from Thu 14:00 to Mon 08:00
    two_supplements: str  # two requests: overdue although finished before the appointment
    early: str  # finished and returned days before its appointment
    saturday: str  # due Sat 22/8 09:00 (a working Saturday), finished Sat 08:45
    saturday_late: str  # due Sat 22/8 10:00, finished Mon 24/8 08:00


@pytest.fixture
def week(ready_core: Core, clock: Clock, staff: Staff) -> Week:  # noqa: F811 (the fixture)
    core, lan, hung = ready_core, staff.lan, staff.hung
    ids = iter(f"0010900{n:05d}" for n in range(10, 99))

    def at(day: int, hour: int, minute: int = 0) -> datetime:
        moment = vn(2026, 8, day, hour, minute)
        clock.set(moment)
        return moment

    def reg(actor: Actor, procedure: str, moment: datetime, **kw: object) -> str:
        return register(
            core, actor, procedure=procedure, id_number=next(ids), received_at=moment, **kw
        ).code

    saturday = reg(lan, "1.004227", at(19, 9))
    saturday_late = reg(hung, "1.004227", at(19, 10))
    paused = reg(lan, "1.001193", at(20, 9))
    two = reg(lan, "1.004227", at(20, 9))
    early = reg(hung, "1.004227", at(20, 9, 30), channel=2)
    same_day = reg(hung, "2.000815", at(20, 10))
    lifecycle.request_supplement(core, lan, two, "Thiếu bản sao giấy khai sinh")
    at(20, 11)
    lifecycle.receive_supplement(core, lan, two)
    at(20, 13, 30)
    lifecycle.request_supplement(core, lan, two, "Thiếu xác nhận cư trú")
    at(20, 14)
    lifecycle.receive_supplement(core, lan, two)
    lifecycle.request_supplement(core, lan, paused, "Thiếu giấy chứng sinh bản chính")
    cutoff = reg(lan, "2.000815", at(20, 15, 30))
    at(20, 16)
    lifecycle.finish(core, hung, same_day)
    at(20, 16, 30)
    lifecycle.hand_over(core, hung, same_day)
    at(21, 10)
    lifecycle.finish(core, lan, two)
    lifecycle.finish(core, hung, early)
    at(21, 11)
    lifecycle.hand_over(core, hung, early)
    at(22, 8, 45)
    lifecycle.finish(core, lan, saturday)
    at(24, 8)
    lifecycle.receive_supplement(core, lan, paused)
    lifecycle.finish(core, hung, saturday_late)
    at(24, 13)
    lifecycle.finish(core, lan, paused)
    at(24, 18)
    return Week(cutoff, same_day, paused, two, early, saturday, saturday_late)
