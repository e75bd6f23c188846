"""The SMS/Zalo gateway misbehaves on purpose: every message still reaches the citizen once,
a refusal is shown with its reason, and the province's rows and the messages never hold
each other up."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from counter_app.services import lifecycle
from counter_app.services.context import SYSTEM, Core
from counter_app.services.result_notice import NotifyRequest
from counter_app.storage import models as m
from sync import status
from sync.loop import SyncLoop
from sync.notify import READ_DETAIL
from tests.notify.conftest import ADDRESS
from tests.notify.gateway_server import Fault, GatewayServer
from tests.support.factories import register
from tests.sync.provincial_server import Fault as ProvinceFault
from tests.sync.provincial_server import ProvincialServer

PHONE = "0987 654 321"


def ready(core: Core, **kw: str) -> str:
    """A dossier whose citizen asked for a message, finished here: one message queued."""
    code = register(core, phone=PHONE, notify=NotifyRequest(**kw)).code  # type: ignore[arg-type]
    lifecycle.finish(core, SYSTEM, code)
    return code


def message_rows(core: Core) -> list[tuple[str, str, int, str]]:
    """(state, key, attempts, last error) of each message row."""
    with core.uow(write=False) as uow:
        return [
            (r.state, r.key, r.attempts, r.last_error)
            for r in uow.session.scalars(
                select(m.OutboxRow).where(m.OutboxRow.kind == "notify").order_by(m.OutboxRow.id)
            )
        ]


def drain(loop: SyncLoop, core: Core, rounds: int = 80) -> None:
    for _ in range(rounds):
        loop.cycle()
        if status.snapshot(core).backlog == 0:
            return
        time.sleep(0.05)
    raise AssertionError(f"backlog not drained: {message_rows(core)}")


def test_the_message_reaches_the_gateway_once_with_the_contract_fields(
    live_core: Core, gateway: GatewayServer, notify_loop: Callable[..., SyncLoop]
) -> None:
    code = ready(live_core)
    loop = notify_loop()
    report = loop.cycle()
    assert report.sent == 4  # the case, its two progress events (2 → 4 → 9), the message
    sent = gateway.messages()
    assert len(sent) == 1 and gateway.state.problems == []
    message = sent[0]
    [(state, key, attempts, _)] = message_rows(live_core)
    assert (state, attempts) == ("done", 1)
    assert message["id"] == key  # the idempotency key is the outbox row's key
    assert message["to"] == "84987654321" and message["channel"] == "sms"
    assert message["reference"] == code and code in message["text"]
    assert "Tran Hung Dao" in message["text"]
    assert status.dossier_state(live_core, code).state is status.SyncState.SENT


def test_zalo_gets_vietnamese_with_diacritics(
    live_core: Core, gateway: GatewayServer, notify_loop: Callable[..., SyncLoop]
) -> None:
    ready(live_core, channel="zalo")
    notify_loop().cycle()
    [message] = gateway.messages()
    assert message["channel"] == "zalo" and ADDRESS in message["text"]
    assert "đã có kết quả" in message["text"]


@pytest.mark.parametrize(
    "fault",
    [
        Fault("status", status=500),
        Fault("status", status=502),
        Fault("timeout", seconds=1.5),
        Fault("malformed"),
        Fault("error", code="BUSY", message="Hệ thống bận"),
    ],
    ids=lambda f: f"{f.kind}-{f.status}" if f.kind == "status" else f.kind,
)
def test_a_transient_failure_is_retried_through_the_outbox_and_texts_once(
    fault: Fault,
    live_core: Core,
    gateway: GatewayServer,
    notify_loop: Callable[..., SyncLoop],
) -> None:
    live_core.settings.notify.retry_codes = "BUSY, RATE_LIMIT"
    ready(live_core)
    gateway.add_fault(fault)
    loop = notify_loop()
    first = loop.cycle()
    assert first.retried == 1 and first.rejected == 0
    [(state, _, attempts, error)] = message_rows(live_core)
    assert (state, attempts) == ("pending", 1) and error.startswith("Cổng nhắn tin")
    drain(loop, live_core)
    assert gateway.state.faults_fired == [fault.kind]
    assert len(gateway.messages()) == 1 and gateway.state.duplicates == 0
    assert [(s, a) for s, _, a, _ in message_rows(live_core)] == [("done", 2)]


def test_a_lost_answer_is_sent_again_with_the_same_key_and_texts_once(
    live_core: Core, gateway: GatewayServer, notify_loop: Callable[..., SyncLoop]
) -> None:
    ready(live_core)
    gateway.add_fault(Fault("drop_after"))  # delivered, then the answer is lost
    loop = notify_loop()
    assert loop.cycle().retried == 1
    drain(loop, live_core)
    assert gateway.state.requests == 2  # the client could not know: it asked again …
    assert gateway.state.duplicates == 1  # … with the same key, so the gateway knew
    assert len(gateway.messages()) == 1  # and the citizen got one message


def test_a_429_with_retry_after_is_honoured_and_does_not_pause_the_province(
    live_core: Core,
    gateway: GatewayServer,
    server: ProvincialServer,
    notify_loop: Callable[..., SyncLoop],
) -> None:
    code = ready(live_core)
    gateway.add_fault(Fault("throttle", seconds=2))
    loop = notify_loop()
    before = live_core.now()
    first = loop.cycle()
    assert first.paused_for == 0  # the province is not paused by the gateway's 429
    assert code in server.snapshot()["cases"]  # the province's rows went this very cycle
    assert [e["TrangThai"] for e in server.snapshot()["progress"][code]] == ["4", "9"]
    with live_core.uow(write=False) as uow:
        next_at = uow.session.scalar(
            select(m.OutboxRow.next_attempt_at).where(m.OutboxRow.kind == "notify")
        )
    assert next_at is not None and next_at >= before + timedelta(seconds=1.5)
    assert loop.notifier is not None and loop.notifier.wait_time() > 0
    loop.cycle()  # still throttled: the gateway is not asked again
    assert gateway.state.requests == 1
    drain(loop, live_core, rounds=200)
    assert gateway.state.requests == 2 and len(gateway.messages()) == 1


def test_a_province_that_is_down_does_not_hold_back_the_message(
    live_core: Core,
    gateway: GatewayServer,
    server: ProvincialServer,
    notify_loop: Callable[..., SyncLoop],
) -> None:
    server.add_fault(ProvinceFault("status", times=1000, status=503))
    ready(live_core)
    loop = notify_loop()
    report = loop.cycle()
    assert len(gateway.messages()) == 1  # the citizen is told although the province is down
    assert report.retried >= 1 and server.snapshot()["case_count"] == 0
    assert [s for s, _, _, _ in message_rows(live_core)] == ["done"]
    # … and the sync's status still speaks of the province only
    assert status.snapshot(live_core).last_success_at is None


def test_a_refused_message_is_dead_with_its_reason_and_blocks_nothing(
    live_core: Core,
    gateway: GatewayServer,
    server: ProvincialServer,
    notify_loop: Callable[..., SyncLoop],
) -> None:
    code = ready(live_core)
    gateway.add_fault(Fault("error", code="INVALID_NUMBER", message="Số thuê bao không tồn tại"))
    loop = notify_loop()
    assert loop.cycle().rejected == 1
    [row] = status.dead_rows(live_core)
    assert (row.kind_label, row.dossier_code) == ("Tin nhắn", code)
    assert row.reason == "Cổng nhắn tin từ chối: Số thuê bao không tồn tại (mã INVALID_NUMBER)."
    # The dossier's own sync is fine, and the hand-over still reaches the province.
    assert status.dossier_state(live_core, code).state is status.SyncState.SENT
    lifecycle.hand_over(live_core, SYSTEM, code, receiver_name="Nguyễn Văn An")
    drain(loop, live_core)
    assert [e["TrangThai"] for e in server.snapshot()["progress"][code]] == ["4", "9", "10"]
    assert gateway.messages() == []
    assert status.snapshot(live_core).dead == 1


def test_a_wrong_token_is_a_refusal_that_names_the_cause(
    live_core: Core, gateway: GatewayServer, notify_loop: Callable[..., SyncLoop]
) -> None:
    from counter_app import secrets

    secrets.set_secret("notify-token", "sai-ma")
    ready(live_core)
    assert notify_loop().cycle().rejected == 1
    [row] = status.dead_rows(live_core)
    assert "mã truy cập không đúng" in row.reason and "HTTP 401" in row.reason


def test_a_result_handed_over_before_the_message_left_is_not_announced(
    live_core: Core, gateway: GatewayServer, notify_loop: Callable[..., SyncLoop]
) -> None:
    code = ready(live_core)
    lifecycle.hand_over(live_core, SYSTEM, code, receiver_name="Nguyễn Văn An")
    notify_loop().cycle()
    assert gateway.messages() == [] and gateway.state.requests == 0
    assert [s for s, _, _, _ in message_rows(live_core)] == ["done"]


def test_the_phone_number_is_masked_in_logs_and_never_stored_in_clear(
    live_core: Core,
    gateway: GatewayServer,
    notify_loop: Callable[..., SyncLoop],
    caplog: pytest.LogCaptureFixture,
) -> None:
    gateway.add_fault(Fault("status", status=500))
    ready(live_core)
    loop = notify_loop()
    with caplog.at_level(logging.DEBUG):
        drain(loop, live_core)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "*******321" in logged  # the log says who, masked …
    for clear in ("0987654321", "987654321", "0987 654 321", "84987654321"):
        assert clear not in logged  # … never the number
    with live_core.uow(write=False) as uow:
        stored = str(uow.session.scalars(select(m.OutboxRow.payload)).all())
    assert "987654321" not in stored and "987 654 321" not in stored


def test_reading_the_number_to_send_it_is_audited(
    live_core: Core, gateway: GatewayServer, notify_loop: Callable[..., SyncLoop]
) -> None:
    code = ready(live_core)
    notify_loop().cycle()
    with live_core.uow(write=False) as uow:
        events = uow.session.execute(
            select(m.AuditEvent.username, m.AuditEvent.detail).where(
                m.AuditEvent.object_id == code, m.AuditEvent.detail == READ_DETAIL
            )
        ).all()
    assert [tuple(e) for e in events] == [("sync", READ_DETAIL)]


def test_a_message_that_could_not_leave_in_time_is_given_up_with_advice(
    live_core: Core, gateway: GatewayServer, notify_loop: Callable[..., SyncLoop]
) -> None:
    ready(live_core)
    with live_core.uow() as uow:  # the gateway was unreachable for four days
        row = uow.session.scalars(select(m.OutboxRow).where(m.OutboxRow.kind == "notify")).one()
        row.created_at = live_core.now() - timedelta(hours=96)
        uow.commit()
    assert notify_loop().cycle().rejected == 1
    assert gateway.state.requests == 0  # a stale "your result is ready" is not sent
    [row] = status.dead_rows(live_core)
    assert "sau 72 giờ" in row.reason and "gọi điện cho người nộp" in row.reason
