"""Order per dossier, rejected rows holding back their successors, "send again", and several
loops on one database never sending the same row twice."""

from __future__ import annotations

import dataclasses
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select, update

from counter_app.services import audit, lifecycle
from counter_app.services.context import SYSTEM, Core
from counter_app.storage import models as m
from sync import status
from sync.adapter_config import AdapterConfig
from sync.loop import SyncLoop
from tests.conftest import Clock
from tests.support import factories
from tests.support.factories import register
from tests.sync.provincial_server import Fault, ProvincialServer
from tests.sync.test_push import outbox_states


def test_a_rejected_dossier_holds_back_its_progress_until_sent_again(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    blocked = register(live_core, name="Lê Thị Bị Chặn")
    other = register(live_core, name="Phạm Văn Khác")
    lifecycle.start_processing(live_core, SYSTEM, blocked.code)
    lifecycle.start_processing(live_core, SYSTEM, other.code)
    server.add_fault(Fault("error", service="DongBoHoSoMC", message="Mã thủ tục chưa công bố"))
    loop = make_loop(live_core, province, in_flight=1)
    loop.cycle()
    state = server.snapshot()
    assert list(state["cases"]) == [other.code]  # the other dossier is not held back
    assert blocked.code not in state["progress"]  # progress never overtakes its dossier
    assert outbox_states(live_core) == ["dead", "done", "pending", "done"]
    dead = status.dead_rows(live_core)
    assert [(r.dossier_code, r.kind_label) for r in dead] == [(blocked.code, "Hồ sơ")]
    assert dead[0].reason == "[E_TU_CHOI] Mã thủ tục chưa công bố"
    states = status.dossier_states(live_core, [blocked.id, other.id])
    assert states[blocked.id].state is status.SyncState.REJECTED
    assert states[blocked.id].reason == "[E_TU_CHOI] Mã thủ tục chưa công bố"
    assert states[other.id].state is status.SyncState.SENT
    snap = status.snapshot(live_core)
    assert (snap.dead, snap.backlog) == (1, 1) and snap.last_success_at is not None

    assert status.send_again(live_core, SYSTEM, dossier_code=blocked.code) == [dead[0].id]
    loop.cycle()
    state = server.snapshot()
    assert set(state["cases"]) == {blocked.code, other.code}
    assert [e["TrangThai"] for e in state["progress"][blocked.code]] == ["4"]
    assert outbox_states(live_core) == ["done"] * 4
    assert status.dossier_states(live_core, [blocked.id])[blocked.id].state is status.SyncState.SENT


def test_two_loops_on_one_database_never_send_the_same_row_twice(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    codes = [register(live_core, name=f"Người nộp {i}").code for i in range(24)]
    for code in codes[::2]:
        lifecycle.start_processing(live_core, SYSTEM, code)
        lifecycle.finish(live_core, SYSTEM, code)
    server.set_chaos({"slow": 1.0}, seconds=0.02)  # answers take a while: the loops overlap
    small = dataclasses.replace(province, retry=dataclasses.replace(province.retry, batch_size=3))
    loops = [make_loop(live_core, small), make_loop(live_core, small)]
    sent = [0, 0]
    start = threading.Barrier(2)

    def run(i: int) -> None:
        start.wait()
        for _ in range(40):
            sent[i] += loops[i].cycle().sent

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    state = server.snapshot()
    rows = 24 + 12 * 2
    assert sum(sent) == rows and all(sent)  # both worked, together exactly once per row
    assert state["duplicates"] == 0 and state["problems"] == []
    dossier_keys = state_keys(server)
    assert len(dossier_keys) == len(set(dossier_keys))  # no DongBoHoSoMC call was repeated
    assert outbox_states(live_core) == ["done"] * rows
    assert audit.verify(live_core).ok  # both loops audited their reads into one intact chain


def state_keys(server: ProvincialServer) -> list[str]:
    with server.state.lock:
        return list(server.state.keys_by_service.get("DongBoHoSoMC", []))


def _claim_for(core: Core, worker: str) -> None:
    with core.uow() as uow:
        uow.session.execute(
            update(m.OutboxRow).values(state="sending", claimed_by=worker, claimed_at=core.now())
        )
        uow.commit()


def test_rows_of_a_killed_process_on_this_pc_are_taken_back_at_once(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    register(live_core)
    gone = _finished_pid()
    _claim_for(live_core, f"{socket.gethostname()}|{gone}|deadbeef")
    assert make_loop(live_core, province).cycle().sent == 1
    assert outbox_states(live_core) == ["done"]


def test_rows_of_a_live_loop_elsewhere_wait_for_the_lease(
    core: Core,
    clock: Clock,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    factories.setup_office(core)
    factories.load_procedures(core)
    register(core)
    _claim_for(core, "may-quay-2|4242|cafe0001")  # another PC: we cannot see its process
    loop = make_loop(core, province)
    assert loop.cycle().sent == 0
    clock.set(core.now() + timedelta(seconds=province.retry.lease_seconds - 1))
    assert loop.cycle().sent == 0
    clock.set(core.now() + timedelta(seconds=2))
    assert loop.cycle().sent == 1
    with core.uow(write=False) as uow:
        assert uow.session.scalar(select(m.OutboxRow.state)) == "done"


def _finished_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid
