"""Several counters on one SQLite office database: never the same ticket, every ticket once."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from counter_app.config import Settings
from counter_app.services import tickets
from counter_app.services.context import Core
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


def test_kiosks_taking_at_once_get_unique_gap_free_numbers(ready_core: Core, clock: Clock) -> None:
    clock.set(NOW)
    numbers: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(4)

    def kiosk(group: str) -> None:
        start.wait(timeout=60)
        got = take_many(ready_core, 25, [group])
        with lock:
            numbers.extend(got)

    threads = [threading.Thread(target=kiosk, args=(g,)) for g in "ABCA"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(numbers) == list(range(1, 101))


def test_counters_in_threads_never_share_a_ticket(ready_core: Core, clock: Clock) -> None:
    clock.set(NOW)
    take_many(ready_core, 90, ["A", "B", "C"])
    got = call_in_threads(ready_core, 6)
    check_every_ticket_called_once(ready_core, got)


def test_counters_in_processes_never_share_a_ticket(
    ready_core: Core, settings: Settings, clock: Clock, memory_keyring: Any
) -> None:
    clock.set(NOW)
    take_many(ready_core, 120, ["A", "B", "C"])
    key = memory_keyring.store[("counter-app", "data-key")]
    # Counter 1 serves only group A, counter 2 only B, the rest every group.
    got = call_in_processes(settings, key, 6, lambda n: {1: ["A"], 2: ["B"]}.get(n))
    check_every_ticket_called_once(ready_core, got)
    groups = {t.id: t.group_code for t in tickets.tickets_of_day(ready_core)}
    assert {groups[t] for t in got[1]} <= {"A"}
    assert {groups[t] for t in got[2]} <= {"B"}


def test_busy_counters_in_processes(
    ready_core: Core, settings: Settings, clock: Clock, memory_keyring: Any
) -> None:
    clock.set(NOW)
    tickets.groups(ready_core)
    key = memory_keyring.store[("counter-app", "data-key")]
    got = call_in_processes(settings, key, 6, rounds=10)
    check_busy_counters(ready_core, got)
    assert sum(len(ids) for ids in got.values()) >= 6
