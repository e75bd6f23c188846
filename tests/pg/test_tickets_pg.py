"""Twenty counters calling at once on one PostgreSQL (each its own process, as on its own PC):
never the same ticket, every ticket called once, the hall display's call ids in order."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from counter_app.config import Settings
from counter_app.services import tickets
from counter_app.services.context import SYSTEM, Core
from tests.conftest import Clock
from tests.tickets.concurrency import (
    NOW,
    call_in_processes,
    call_in_threads,
    check_busy_counters,
    check_every_ticket_called_once,
    take_many,
)

pytestmark = pytest.mark.slow
COUNTERS = 20


def test_twenty_counters_calling_at_once_never_share_a_ticket(
    pg_ready: Core, pg_settings: Settings, clock: Clock, memory_keyring: Any
) -> None:
    clock.set(NOW)
    take_many(pg_ready, 200, ["A", "B", "C"])
    key = memory_keyring.store[("counter-app", "data-key")]
    # Counters 1–3 serve one group each, the rest every group.
    got = call_in_processes(
        pg_settings, key, COUNTERS, lambda n: {1: ["A"], 2: ["B"], 3: ["C"]}.get(n)
    )
    check_every_ticket_called_once(pg_ready, got)
    events = tickets.calls_since(pg_ready, 0, limit=500)
    assert len(events) == 200
    assert [e.id for e in events] == sorted(e.id for e in events)


def test_twenty_busy_counters_taking_calling_recalling_and_ending_at_once(
    pg_ready: Core, pg_settings: Settings, clock: Clock, memory_keyring: Any
) -> None:
    """The mix that once deadlocked (a recall waiting for a row while holding a lock)."""
    clock.set(NOW)
    tickets.set_group(pg_ready, SYSTEM, "A", name="Chứng thực")  # groups exist before the rush
    key = memory_keyring.store[("counter-app", "data-key")]
    got = call_in_processes(pg_settings, key, COUNTERS, rounds=12)
    check_busy_counters(pg_ready, got)
    assert sum(len(ids) for ids in got.values()) >= COUNTERS  # the counters really served


def test_kiosks_and_counters_in_threads(pg_ready: Core, clock: Clock) -> None:
    clock.set(NOW)
    numbers: list[int] = []
    lock = threading.Lock()

    def kiosk(group: str) -> None:
        got = take_many(pg_ready, 30, [group])
        with lock:
            numbers.extend(got)

    threads = [threading.Thread(target=kiosk, args=(g,)) for g in "ABCA"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(numbers) == list(range(1, 121))  # unique and gap-free across kiosks
    got = call_in_threads(pg_ready, 8)
    check_every_ticket_called_once(pg_ready, got)
