"""Changes made upstream reach the counter: "processing finished" → ready to return."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, select

from counter_app.domain.status import Status
from counter_app.services import lifecycle
from counter_app.services.context import SYSTEM, Core
from counter_app.storage import models as m
from sync import status
from sync.adapter_config import AdapterConfig
from sync.loop import SyncLoop
from sync.pull import path_to
from tests.support.factories import register
from tests.sync.provincial_server import Fault, ProvincialServer


def history(core: Core, code: str) -> list[tuple[int, str, str]]:
    with core.uow(write=False) as uow:
        d = uow.session.scalars(select(m.Dossier).where(m.Dossier.code == code)).one()
        return [(h.to_status, h.source, h.reason) for h in d.history]


def outbox_count(core: Core) -> int:
    with core.uow(write=False) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(m.OutboxRow)) or 0)


def test_finished_upstream_makes_the_dossier_ready_to_return_once(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    reg = register(live_core)
    loop = make_loop(live_core, province, pull_enabled=True)
    loop.cycle(pull=False)
    rows_before = outbox_count(live_core)
    server.add_upstream(
        reg.code,
        9,
        live_core.now() - timedelta(minutes=3),
        note="Đã ký giấy khai sinh",
        by="Trần Văn Xử Lý",
    )
    server.add_upstream("000.00.01.H22-991231-0001", 9, live_core.now())  # not ours
    report = loop.cycle(pull=True).pull
    assert report is not None and (report.applied, report.unknown) == (1, 1)
    reason = "Đã ký giấy khai sinh (Trần Văn Xử Lý)"
    assert history(live_core, reg.code) == [
        (2, "local", "Tiếp nhận hồ sơ"),
        (4, "upstream", reason),  # the rules need 2 → 4 → 9: the path is recorded
        (9, "upstream", reason),
    ]
    assert outbox_count(live_core) == rows_before  # the province knows: nothing to send back
    # The next pull overlaps the last one: the same change is not applied twice.
    again = loop.cycle(pull=True).pull
    assert again is not None and (again.applied, again.unchanged) == (0, 1)
    assert len(history(live_core, reg.code)) == 3
    assert status.snapshot(live_core).last_pull_at is not None
    # The counter hands the result over: that goes up as usual.
    lifecycle.hand_over(live_core, SYSTEM, reg.code, receiver_name="Nguyễn Văn An")
    loop.cycle(pull=False)
    assert [e["TrangThai"] for e in server.snapshot()["progress"][reg.code]] == ["10"]


def test_a_supplement_requested_upstream_stops_the_clock(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    reg = register(live_core)
    lifecycle.start_processing(live_core, SYSTEM, reg.code)
    at = live_core.now().replace(microsecond=0) - timedelta(minutes=1)
    server.add_upstream(reg.code, 5, at, note="Bổ sung bản sao sổ hộ khẩu")
    make_loop(live_core, province, pull_enabled=True).cycle(pull=True)
    with live_core.uow(write=False) as uow:
        d = uow.session.scalars(select(m.Dossier).where(m.Dossier.code == reg.code)).one()
        assert d.status == Status.SUPPLEMENT_REQUESTED and d.supplement_count == 1
        assert d.waiting_since == at
        assert [s.reason for s in d.supplements] == ["Bổ sung bản sao sổ hộ khẩu"]


def test_an_old_change_after_the_counter_moved_on_is_ignored(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    reg = register(live_core)
    lifecycle.finish(live_core, SYSTEM, reg.code)
    lifecycle.hand_over(live_core, SYSTEM, reg.code)
    server.add_upstream(reg.code, 4, live_core.now() - timedelta(hours=1))
    report = make_loop(live_core, province, pull_enabled=True).cycle(pull=True).pull
    assert report is not None and report.impossible == 1
    assert history(live_core, reg.code)[-1][0] == 10


def test_a_failed_pull_keeps_the_cursor_and_says_why(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    reg = register(live_core)
    server.add_upstream(reg.code, 9, live_core.now() - timedelta(minutes=1))
    server.add_fault(Fault("status", "LayTienDoHoSoMC", status=502))
    loop = make_loop(live_core, province, pull_enabled=True)
    assert loop.cycle(pull=True).pull is None
    snap = status.snapshot(live_core)
    assert snap.last_pull_at is None and "HTTP 502" in snap.last_error
    report = loop.cycle(pull=True).pull
    assert report is not None and report.applied == 1


def test_paths_follow_the_status_rules() -> None:
    assert path_to(Status.RECEIVED, Status.DONE) == [Status.PROCESSING, Status.DONE]
    assert path_to(Status.SUPPLEMENT_REQUESTED, Status.RETURNED) == [
        Status.PROCESSING,
        Status.DONE,
        Status.RETURNED,
    ]
    assert path_to(Status.RETURNED, Status.PROCESSING) is None
