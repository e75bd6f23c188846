"""The candidate filter is an optimisation only: it must never change an answer.

A seeded month of random counter work; each evening the live counts are recorded. Afterwards
every day is asked again from history, and every derived category is recomputed by judging
*every* dossier in Python. All three must agree.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select

from counter_app.domain.catalog_format import ParsedCatalog
from counter_app.domain.procedures import DurationUnit, ProcedureSpec
from counter_app.domain.status import Status
from counter_app.errors import AppError
from counter_app.services import catalog, lifecycle, queue, supervision
from counter_app.services.context import SYSTEM
from counter_app.services.queue_query import FACT_COLUMNS, Fact, QueueQuery
from counter_app.services.queue_terms import DERIVED, Category, GroupBy, Period
from tests.conftest import Clock
from tests.supervisor.conftest import Staff
from tests.support.factories import vn

PROCEDURES = ("1.001193", "2.000815", "1.004227", "1.000001", "1.000015")
LONG = ProcedureSpec(
    code="1.000015",
    name="Thủ tục cấp giấy phép xây dựng",
    field="Xây dựng",
    duration=15,
    duration_unit=DurationUnit.DAYS,
)


def _simulate(core, clock: Clock, staff: Staff, days: list[date]) -> dict[date, dict]:
    rng = random.Random(20260803)
    status: dict[str, Status] = {}
    seen: dict[date, dict] = {}
    serial = 0
    for day in days:
        working = core.calendar().is_working_day(day)
        for hour, minute in sorted((rng.randint(7, 16), rng.choice((0, 20, 40))) for _ in range(6)):
            clock.set(vn(day.year, day.month, day.day, hour, minute))
            if working and rng.random() < 0.6:
                serial += 1
                clerk = rng.choice((staff.lan, staff.hung))
                code = queue_register(core, clerk, rng.choice(PROCEDURES), serial, rng)
                status[code] = Status.RECEIVED
            for code in rng.sample(sorted(status), k=min(3, len(status))):
                status[code] = _step(core, staff, code, status[code], rng, day)
            if hour in (10, 14):  # in office hours too, not only at night
                _scan_agrees(core, Period.day(day))
        clock.set(vn(day.year, day.month, day.day, 23, 59))
        counts = queue.counts(core, staff.supervisor, Period.day(day))
        lists = {c: _codes(core, staff, day, c) for c in Category}
        seen[day] = {"totals": counts.totals, "lists": lists}
    return seen


def _scan_agrees(core, period: Period) -> int:
    """Candidates + check == judging every dossier, for each derived category."""
    members = 0
    with core.uow(write=False) as uow:
        q = QueueQuery(uow, period)
        everything = [Fact._make(r) for r in uow.session.execute(select(*FACT_COLUMNS))]
        pauses = q.pauses(everything)
        promised = q.promised([f.id for f in everything])
        for category in DERIVED:
            by_scan = set()
            for fact in everything:
                deadline, waiting = q.judge(fact, pauses.get(fact.id, ()))
                if q.belongs(category, fact, deadline, waiting, promised.get(fact.id)):
                    by_scan.add(fact.code)
            found = {f.code for f, _ in q.full(q.judged(category))}
            assert found == by_scan, (period, q.as_of, category)
            members += len(by_scan)
    with core.uow(write=False) as uow:  # the counts (SQL for never-paused dossiers) agree too
        q = QueueQuery(uow, period)
        for category in DERIVED:
            listed = q.full(q.judged(category))
            assert q.count_derived(category, None)[""] == len(listed), (period, category)
            by_counter = Counter(f.counter for f, _ in listed)
            assert q.count_derived(category, GroupBy.COUNTER) == by_counter, (period, category)
    return members


def queue_register(core, clerk, procedure: str, serial: int, rng: random.Random) -> str:
    from tests.support.factories import register

    return register(
        core,
        clerk,
        procedure=procedure,
        id_number=f"0010900{serial:05d}",
        channel=rng.choice((1, 2, 3)),
    ).code


def _step(core, staff: Staff, code: str, current: Status, rng: random.Random, day: date) -> Status:
    clerk = staff.lan
    roll = rng.random()
    try:
        if current in (Status.RECEIVED, Status.PROCESSING):
            if roll < 0.25:
                return lifecycle.request_supplement(core, clerk, code, "Thiếu giấy tờ").status
            if roll < 0.6:
                return lifecycle.finish(core, clerk, code).status
            if roll < 0.65:
                return lifecycle.withdraw(core, clerk, code, "Công dân rút").status
            if roll < 0.7:
                supervision.issue_apology(
                    core, staff.supervisor, code, "Cần xác minh thêm", _later_working_day(core, day)
                )
            elif current is Status.RECEIVED:
                return lifecycle.start_processing(core, clerk, code).status
        elif current is Status.SUPPLEMENT_REQUESTED:
            if roll < 0.5:
                return lifecycle.receive_supplement(core, clerk, code).status
            if roll < 0.55:
                return lifecycle.stop(core, clerk, code, "Quá hạn bổ sung").status
        elif current is Status.DONE and roll < 0.6:
            return lifecycle.hand_over(core, clerk, code).status
    except AppError as err:
        assert err.code == "E_APPOINTMENT_TOO_EARLY", err
    return current


def _later_working_day(core, day: date) -> date:
    later = day + timedelta(days=12)
    while not core.calendar().is_working_day(later):
        later += timedelta(days=1)
    return later


def _codes(core, staff: Staff, day: date, category: Category) -> set[str]:
    return {r.code for r in queue.dossiers(core, staff.supervisor, Period.day(day), category).rows}


def test_history_agrees_with_what_was_seen_live_and_with_a_full_scan(
    ready_core, clock: Clock, staff: Staff
) -> None:
    catalog.import_parsed(ready_core, SYSTEM, ParsedCatalog((LONG,), ()), source="test")
    days = [date(2026, 8, 3) + timedelta(days=n) for n in range(26)]  # 3/8 – 28/8
    seen = _simulate(ready_core, clock, staff, days)
    clock.set(vn(2026, 9, 7, 9, 0))
    busy = 0
    for day in days:
        period = Period.day(day)
        again = queue.counts(ready_core, staff.supervisor, period)
        assert not again.live
        assert again.totals == seen[day]["totals"], day
        for category in Category:
            assert _codes(ready_core, staff, day, category) == seen[day]["lists"][category], (
                day,
                category,
            )
        busy += _scan_agrees(ready_core, period)
    assert busy > 50  # the month really exercised the derived categories
    assert any(seen[d]["totals"][Category.OVERDUE] for d in days)
    assert any(seen[d]["totals"][Category.WAITING] for d in days)
    assert any(seen[d]["totals"][Category.DUE_SOON] for d in days)
