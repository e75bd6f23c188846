"""Twenty counters on one PostgreSQL: no duplicate dossier code, no gap, one intact audit chain.

Each counter is its own process (as on its own PC), all released at the same instant. Some
registrations fail after their number was drawn (the transaction rolls back): the number
must come back, so the day's sequence still has no gap.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

import pytest
from sqlalchemy import func, select

from counter_app.config import Settings
from counter_app.services import audit
from counter_app.services.context import Core, UnitOfWork, open_core
from counter_app.storage import models as m
from tests.support.factories import register, vn

COUNTERS = 20
PER_COUNTER = 8
FAIL_EVERY = 4  # every 4th registration of a counter fails inside its transaction

pytestmark = pytest.mark.slow


def _counter(settings: Settings, key: str, number: int, start: Any, results: Any) -> None:
    os.environ["COUNTER_APP_SECRET_DATA_KEY"] = key
    core = open_core(settings, migrate=False, clock=lambda: vn(2026, 11, 23, 10))
    real_enqueue = UnitOfWork.enqueue
    calls = {"n": 0}

    def flaky_enqueue(self: UnitOfWork, *args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] % FAIL_EVERY == 0:  # after the code was drawn, before the commit
            raise RuntimeError("simulated crash inside the registering transaction")
        real_enqueue(self, *args, **kwargs)

    UnitOfWork.enqueue = flaky_enqueue  # type: ignore[method-assign]
    done, failed = [], 0
    try:
        start.wait(timeout=120)
        for i in range(PER_COUNTER):
            try:
                done.append(
                    register(
                        core, name=f"Quầy {number} lượt {i}", received_at=vn(2026, 11, 23, 9)
                    ).code
                )
            except RuntimeError:
                failed += 1
    finally:
        core.close()
    results.put((number, done, failed))


def test_twenty_counters_registering_at_once_get_unique_gap_free_codes(
    pg_ready: Core, pg_settings: Settings, memory_keyring: Any
) -> None:
    key = memory_keyring.store[("counter-app", "data-key")]
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(COUNTERS), ctx.Queue()
    procs = [
        ctx.Process(target=_counter, args=(pg_settings, key, n, start, results))
        for n in range(COUNTERS)
    ]
    for p in procs:
        p.start()
    reports = [results.get(timeout=240) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert [p.exitcode for p in procs] == [0] * COUNTERS

    codes = [code for _, done, _ in reports for code in done]
    failures = sum(failed for *_, failed in reports)
    assert failures == COUNTERS * (PER_COUNTER // FAIL_EVERY)
    assert len(codes) == COUNTERS * PER_COUNTER - failures
    assert len(set(codes)) == len(codes)

    with pg_ready.uow(write=False) as uow:
        seqs = sorted(uow.session.scalars(select(m.Dossier.seq)))
        books = sorted(uow.session.scalars(select(m.Dossier.book_number)))
        stored = set(uow.session.scalars(select(m.Dossier.code)))
        outbox = uow.session.scalar(select(func.count()).select_from(m.OutboxRow))
    assert seqs == list(range(1, len(codes) + 1))  # rolled-back numbers were given back
    assert books == list(range(1, len(codes) + 1))
    assert stored == set(codes)
    assert outbox == len(codes)  # one row for the provincial system per dossier, none lost

    chain = audit.verify(pg_ready)  # twenty appenders, one unbroken chain
    assert chain.ok, chain.problem
