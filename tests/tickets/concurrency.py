"""Counters calling at once, as threads or as processes (as on separate PCs), and the checks
every run must pass. Shared by the SQLite tests here and tests/pg/test_tickets_pg.py."""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Any

from sqlalchemy import func, select

from counter_app.config import Settings
from counter_app.services import audit, tickets
from counter_app.services.context import Actor, Core, Role, open_core
from counter_app.storage import models as m
from tests.support.factories import vn

NOW = vn(2026, 11, 23, 10)


def counter_actor(n: int) -> Actor:
    return Actor(None, f"quay{n}", f"Cán bộ quầy {n}", Role.CLERK, counter=str(n))


def call_until_empty(core: Core, n: int, groups: list[str] | None = None) -> list[int]:
    """What one counter does all morning: call the next number until nobody waits."""
    got: list[int] = []
    while True:
        t = tickets.call_next(core, counter_actor(n), str(n), groups)
        if t is None:
            return got
        got.append(t.id)


def take_many(core: Core, count: int, groups: list[str]) -> list[int]:
    return [tickets.take(core, groups[i % len(groups)]).ticket.number for i in range(count)]


def busy_counter(core: Core, n: int, rounds: int) -> list[int]:
    """A kiosk and a counter at once, all morning: take a number, call the next, call it
    again every other round, end it. The mix that every screen produces."""
    actor, got = counter_actor(n), []
    for i in range(rounds):
        tickets.take(core, "ABC"[(n + i) % 3])
        t = tickets.call_next(core, actor, str(n))
        if t is None:
            continue
        got.append(t.id)
        if i % 2:
            tickets.call_again(core, actor, t.id)
        tickets.finish(core, actor, t.id)
    return got


def _process_counter(
    settings: Settings,
    key: str,
    n: int,
    start: Any,
    results: Any,
    groups: list[str] | None,
    rounds: int,
) -> None:
    os.environ["COUNTER_APP_SECRET_DATA_KEY"] = key
    core = open_core(settings, migrate=False, clock=lambda: NOW)
    try:
        start.wait(timeout=120)
        if rounds:
            results.put((n, busy_counter(core, n, rounds)))
        else:
            results.put((n, call_until_empty(core, n, groups)))
    finally:
        core.close()


def call_in_processes(
    settings: Settings, key: str, counters: int, groups_of: Any = None, rounds: int = 0
) -> dict[int, list[int]]:
    """`counters` processes released at the same instant; what each one called. With
    `rounds`, each is a busy counter (`busy_counter`), else it calls until nobody waits."""
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(counters), ctx.Queue()
    procs = [
        ctx.Process(
            target=_process_counter,
            args=(settings, key, n, start, results, groups_of(n) if groups_of else None, rounds),
        )
        for n in range(1, counters + 1)
    ]
    for p in procs:
        p.start()
    got = dict(results.get(timeout=300) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    assert [p.exitcode for p in procs] == [0] * counters
    return got


def call_in_threads(core: Core, counters: int) -> dict[int, list[int]]:
    got: dict[int, list[int]] = {}
    start = threading.Barrier(counters)
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            start.wait(timeout=60)
            got[n] = call_until_empty(core, n)
        except BaseException as exc:  # reported by the test, not lost in a thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(1, counters + 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    return got


def check_busy_counters(core: Core, got: dict[int, list[int]]) -> None:
    """After `busy_counter`s: no ticket called twice, each call row where it belongs."""
    called = [tid for ids in got.values() for tid in ids]
    assert len(called) == len(set(called)), "two counters got the same ticket"
    with core.uow(write=False) as uow:
        s = uow.session
        rows = s.execute(select(m.Ticket.id, m.Ticket.state, m.Ticket.counter)).all()
        first_calls = s.execute(
            select(m.TicketCall.ticket_id, m.TicketCall.counter).where(
                m.TicketCall.repeat.is_(False)
            )
        ).all()
    by_id = {r.id: r for r in rows}
    assert sorted(t for t, _ in first_calls) == sorted(called)  # one first call per ticket
    for n, ids in got.items():
        assert all(by_id[t].counter == str(n) and by_id[t].state == "done" for t in ids)
    assert all(r.state == "waiting" for r in rows if r.id not in set(called))
    chain = audit.verify(core)
    assert chain.ok, chain.problem


def check_every_ticket_called_once(core: Core, got: dict[int, list[int]]) -> None:
    called = [tid for ids in got.values() for tid in ids]
    assert len(called) == len(set(called)), "two counters got the same ticket"
    with core.uow(write=False) as uow:
        s = uow.session
        all_ids = set(s.scalars(select(m.Ticket.id)))
        states = set(s.scalars(select(m.Ticket.state)))
        counts = set(s.scalars(select(m.Ticket.call_count)))
        calls = s.scalar(select(func.count()).select_from(m.TicketCall))
        per_ticket_counter = dict(s.execute(select(m.Ticket.id, m.Ticket.counter)).all())
        numbers = dict(s.execute(select(m.Ticket.id, m.Ticket.number)).all())
    assert set(called) == all_ids  # nobody was left waiting
    assert states == {"done"} and counts == {1} and calls == len(all_ids)
    for n, ids in got.items():
        assert all(per_ticket_counter[t] == str(n) for t in ids)
        mine = [numbers[t] for t in ids]
        assert mine == sorted(mine)  # each counter called in queue order
    chain = audit.verify(core)
    assert chain.ok, chain.problem
