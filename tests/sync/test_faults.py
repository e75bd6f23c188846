"""The province misbehaves: timeouts, resets, 5xx, 429, garbage, refusals, expired sessions.
Nothing is lost, nothing arrives twice, and the server is not hammered."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from counter_app import secrets
from counter_app.services import lifecycle
from counter_app.services.context import SYSTEM, Core
from counter_app.storage import models as m
from sync import status
from sync.adapter_config import AdapterConfig
from sync.loop import SyncLoop
from tests.support.factories import register
from tests.support.memory_keyring import MemoryKeyring
from tests.sync.provincial_server import Fault, ProvincialServer
from tests.sync.test_push import outbox_states


def drain(loop: SyncLoop, core: Core, rounds: int = 60) -> None:
    for _ in range(rounds):
        loop.cycle()
        if status.snapshot(core).backlog == 0:
            return
        time.sleep(0.03)
    raise AssertionError(f"backlog not drained: {status.snapshot(core)}")


def attempts(core: Core) -> list[int]:
    with core.uow(write=False) as uow:
        return list(uow.session.scalars(select(m.OutboxRow.attempts).order_by(m.OutboxRow.id)))


@pytest.mark.parametrize(
    "fault",
    [
        Fault("timeout", "DongBoHoSoMC", seconds=1.5),
        Fault("reset", "DongBoHoSoMC"),
        Fault("status", "DongBoHoSoMC", status=500),
        Fault("status", "DongBoHoSoMC", status=502),
        Fault("status", "CapNhatTienDoHoSoMC", status=503),
        Fault("malformed", "DongBoHoSoMC"),
        Fault("malformed", "CapNhatTienDoHoSoMC"),
        Fault("error", "CapNhatTienDoHoSoMC", code="BUSY", message="Hệ thống bận"),
    ],
    ids=lambda f: f"{f.kind}-{f.status if f.kind == 'status' else f.service}",
)
def test_a_transient_failure_is_retried_and_arrives_once(
    fault: Fault,
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    reg = register(live_core)
    lifecycle.start_processing(live_core, SYSTEM, reg.code)
    server.add_fault(fault)
    loop = make_loop(live_core, province, in_flight=1)
    first = loop.cycle()
    assert first.retried == 1 and first.rejected == 0
    assert status.snapshot(live_core).last_error  # the reason is visible while it waits
    drain(loop, live_core)
    state = server.snapshot()
    assert state["faults_fired"] == {fault.kind: 1}
    assert list(state["cases"]) == [reg.code] and state["problems"] == []
    assert [e["TrangThai"] for e in state["progress"][reg.code]] == ["4"]
    assert state["duplicates"] == 0
    assert outbox_states(live_core) == ["done", "done"]
    assert sorted(attempts(live_core)) == [1, 2]  # one failed try, then success


def test_an_answer_lost_after_the_province_took_it_is_not_a_second_event(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    reg = register(live_core)
    lifecycle.start_processing(live_core, SYSTEM, reg.code)
    server.add_fault(Fault("drop_after", "CapNhatTienDoHoSoMC"))
    server.add_fault(Fault("drop_after", "DongBoHoSoMC"))
    drain(make_loop(live_core, province, in_flight=1), live_core)
    state = server.snapshot()
    assert state["faults_fired"] == {"drop_after": 2}
    assert state["case_count"] == 1 and state["case_posts"][reg.code] >= 2  # re-sent: update
    assert len(state["progress"][reg.code]) == 1 and state["duplicates"] == 1
    assert state["problems"] == []


def test_a_slow_answer_within_the_timeout_is_fine(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    register(live_core)
    server.add_fault(Fault("slow", "DongBoHoSoMC", seconds=0.5))
    report = make_loop(live_core, province).cycle()
    assert (report.sent, report.retried) == (1, 0)
    assert server.snapshot()["faults_fired"] == {"slow": 1}


@pytest.mark.parametrize("kind", ["throttle", "unavailable"])
def test_retry_after_is_honoured_for_the_whole_endpoint(
    kind: str,
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    for i in range(3):
        register(live_core, name=f"Người nộp {i}")
    server.add_fault(Fault(kind, "DongBoHoSoMC", seconds=2))
    loop = make_loop(live_core, province, in_flight=1)
    before = live_core.now()
    first = loop.cycle()
    assert first.paused_for > 1.5 and (first.sent, first.retried) == (0, 1)
    with live_core.uow(write=False) as uow:
        tried = uow.session.scalars(select(m.OutboxRow).where(m.OutboxRow.attempts == 1)).one()
        assert tried.next_attempt_at >= before + timedelta(seconds=2)
    asked = server.snapshot()["requests"].get("DongBoHoSoMC", 0)
    assert loop.cycle().sent == 0  # still inside Retry-After: nothing goes out
    assert server.snapshot()["requests"].get("DongBoHoSoMC", 0) == asked
    assert attempts(live_core).count(0) == 2  # untried rows were not charged an attempt
    time.sleep(2.1)
    drain(loop, live_core)
    assert server.snapshot()["case_count"] == 3


def test_the_circuit_opens_after_repeated_failures_then_recovers(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    for i in range(6):
        register(live_core, name=f"Người nộp {i}")
    server.add_fault(Fault("status", "DongBoHoSoMC", status=500, times=3))
    loop = make_loop(live_core, province, in_flight=1)  # breaker: 3 failures, 0.3 s
    first = loop.cycle()
    assert first.retried == 3 and first.paused_for > 0
    assert server.snapshot()["requests"]["DongBoHoSoMC"] == 3
    assert loop.cycle().sent == 0  # open: not a single request
    assert server.snapshot()["requests"]["DongBoHoSoMC"] == 3
    assert sorted(attempts(live_core)) == [0, 0, 0, 1, 1, 1]
    time.sleep(0.35)
    drain(loop, live_core)
    assert server.snapshot()["case_count"] == 6


def test_an_expired_session_is_renewed_without_losing_the_row(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    register(live_core)
    server.add_fault(Fault("expired", "DongBoHoSoMC"))
    report = make_loop(live_core, province).cycle()
    assert (report.sent, report.retried) == (1, 0)
    assert server.snapshot()["logins"] == 2
    assert attempts(live_core) == [1]


def test_the_session_is_renewed_before_the_province_drops_it(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    server.config.session_ttl = 0.5
    config = dataclasses.replace(
        province, session=dataclasses.replace(province.session, ttl_seconds=0.3)
    )
    loop = make_loop(live_core, config)
    register(live_core, name="Một")
    assert loop.cycle().sent == 1
    time.sleep(0.6)
    register(live_core, name="Hai")
    report = loop.cycle()
    assert (report.sent, report.retried) == (1, 0)
    state = server.snapshot()
    assert state["logins"] == 2 and state["faults_fired"] == {}


def test_refused_credentials_pause_the_sync_without_charging_any_row(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    register(live_core)
    secrets.set_secret("dvc-password", "sai-mat-khau")
    report = make_loop(live_core, province).cycle()
    assert (report.sent, report.retried, report.rejected) == (0, 0, 0)
    assert report.paused_for > 0
    snap = status.snapshot(live_core)
    assert "Đăng nhập hệ thống tỉnh thất bại" in snap.last_error
    assert "Sai tên đăng nhập hoặc mật khẩu" in snap.last_error
    assert (snap.backlog, snap.dead) == (1, 0) and attempts(live_core) == [0]
    assert set(server.snapshot()["requests"]) == {"auth"}  # no data went out


def test_missing_credentials_say_which_secret_to_store(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
    memory_keyring: MemoryKeyring,
) -> None:
    register(live_core)
    memory_keyring.delete_password("counter-app", "dvc-username")
    make_loop(live_core, province).cycle()
    snap = status.snapshot(live_core)
    assert "dvc-username" in snap.last_error and snap.backlog == 1
    assert server.snapshot()["logins"] == 0


def test_an_unreachable_province_keeps_everything_waiting(
    live_core: Core, province: AdapterConfig, make_loop: Callable[..., SyncLoop]
) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    register(live_core)
    report = make_loop(live_core, province.with_base_url(closed)).cycle()
    assert report.retried == 1 and report.sent == 0
    snap = status.snapshot(live_core)
    assert "Không kết nối được máy chủ tỉnh" in snap.last_error and snap.backlog == 1


def test_a_failed_row_is_tried_once_per_cycle_even_with_no_back_off(
    live_core: Core, province: AdapterConfig, make_loop: Callable[..., SyncLoop]
) -> None:
    """A retry that is due at once (no back-off) waits for the next cycle: a cycle never
    hammers the province with the same row, and always comes to an end."""
    import socket

    from tests.sync.conftest import fast

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    register(live_core)
    config = fast(
        province.with_base_url(closed), base_seconds=0.0, max_seconds=0.0, breaker_failures=1000
    )
    loop = make_loop(live_core, config)
    assert [loop.cycle().retried for _ in range(3)] == [1, 1, 1]


def test_a_province_that_refuses_a_second_create_gets_an_update_instead(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    """The case arrived but the answer was lost; this province answers "exists" to a re-sent
    create: the adapter sends it again as an update (isUpdating=True), still one case."""
    server.config.exists_code = "E_DA_TON_TAI"
    config = dataclasses.replace(
        province, service=dataclasses.replace(province.service, exists_codes=("E_DA_TON_TAI",))
    )
    reg = register(live_core)
    server.add_fault(Fault("drop_after", "DongBoHoSoMC"))
    drain(make_loop(live_core, config, in_flight=1), live_core)
    state = server.snapshot()
    assert state["case_count"] == 1 and state["case_posts"] == {reg.code: 2}
    assert outbox_states(live_core) == ["done"] and state["problems"] == []
