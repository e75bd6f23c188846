"""Sync loops on several PCs share one outbox: a row is never claimed by two of them.

Each claimer is its own process and holds its claim transaction open a moment, so the others
run into locked rows (`FOR UPDATE SKIP LOCKED` must step over them, not take them too).
"""

from __future__ import annotations

import multiprocessing
import time
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from counter_app.services.context import Core
from counter_app.storage import models as m
from counter_app.storage.db import Database
from sync import outbox
from tests.support.factories import register, vn

CLAIMERS = 6
ROWS = 90

pytestmark = pytest.mark.slow


def _claimer(url: str, start: Any, results: Any) -> None:
    db = Database(url)
    worker = outbox.new_worker_id()
    mine: list[int] = []
    start.wait(timeout=120)
    try:
        while True:
            with db.session() as session:
                rows = outbox.claim(
                    session, "postgresql", worker, 3, vn(2026, 11, 23, 12), timedelta(hours=1)
                )
                time.sleep(0.01)  # keep the rows locked while the others look
                session.commit()
            mine += [r.id for r in rows]
            if not rows:
                with db.session(write=False) as session:
                    left = session.scalar(
                        select(func.count())
                        .select_from(m.OutboxRow)
                        .where(m.OutboxRow.state == outbox.PENDING)
                    )
                if not left:
                    break
    finally:
        db.dispose()
    results.put((worker, mine))


def test_two_sync_loops_never_claim_the_same_outbox_row(pg_ready: Core, pg_url: str) -> None:
    for i in range(ROWS):
        register(pg_ready, name=f"Người nộp {i}", received_at=vn(2026, 11, 23, 8))
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(CLAIMERS), ctx.Queue()
    procs = [ctx.Process(target=_claimer, args=(pg_url, start, results)) for _ in range(CLAIMERS)]
    for p in procs:
        p.start()
    claims = dict(results.get(timeout=240) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    assert [p.exitcode for p in procs] == [0] * CLAIMERS

    every = [row for rows in claims.values() for row in rows]
    assert len(every) == len(set(every)) == ROWS  # each row once, none left behind
    assert sum(1 for rows in claims.values() if rows) > 1  # the claimers really overlapped
    with pg_ready.uow(write=False) as uow:
        owners = dict(uow.session.execute(select(m.OutboxRow.id, m.OutboxRow.claimed_by)).all())
    assert owners == {row: worker for worker, rows in claims.items() for row in rows}
