"""The sync process is killed (SIGKILL) at random moments, 50+ times, while it drains a
backlog against a province that also drops answers and fails now and then. Afterwards every
dossier is one case upstream and every status change arrived exactly once, in order."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.config import load_settings
from counter_app.services import lifecycle
from counter_app.services.context import SYSTEM, Core, open_core
from counter_app.storage import models as m
from sync import status
from sync.factory import build_loop
from tests.support import factories
from tests.support.factories import register
from tests.sync.conftest import EXAMPLE, ROOT
from tests.sync.provincial_server import ProvincialServer, ServerConfig

KILLS = 52
DOSSIERS = 60
DATA_KEY = "k" * 43 + "="

pytestmark = pytest.mark.slow


def _walk(core: Core, code: str, steps: int) -> None:
    """Up to five status changes, as a counter makes them over days."""
    actions = [
        lambda: lifecycle.start_processing(core, SYSTEM, code),
        lambda: lifecycle.request_supplement(core, SYSTEM, code, "Bổ sung bản sao sổ hộ khẩu"),
        lambda: lifecycle.receive_supplement(core, SYSTEM, code),
        lambda: lifecycle.finish(core, SYSTEM, code, "Đã có kết quả"),
        lambda: lifecycle.hand_over(core, SYSTEM, code, receiver_name="Người nhận"),
    ]
    for action in actions[:steps]:
        action()


def _province_file(folder: Path, url: str) -> Path:
    """The example province file with the local base URL and short waits (JSON works too)."""
    import tomllib

    data = tomllib.loads(EXAMPLE.read_text("utf-8"))
    data["transport"].update(base_url=url, timeout_seconds=1.0, max_in_flight=3)
    data["retry"].update(
        base_seconds=0.05, max_seconds=0.3, breaker_failures=4, breaker_cooldown_seconds=0.2,
        batch_size=10,
    )  # fmt: skip
    path = folder / "province.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _integration_calls(server: ProvincialServer) -> int:
    with server.state.lock:
        r = server.state.requests
        return r["DongBoHoSoMC"] + r["CapNhatTienDoHoSoMC"]


def test_killed_at_random_moments_every_case_and_change_arrives_exactly_once_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(20261123)
    defaults = ServerConfig()
    monkeypatch.setenv("COUNTER_APP_SECRET_DATA_KEY", DATA_KEY)
    monkeypatch.setenv("COUNTER_APP_SECRET_DVC_USERNAME", defaults.username)
    monkeypatch.setenv("COUNTER_APP_SECRET_DVC_PASSWORD", defaults.password)
    data_dir = tmp_path / "data"
    with ProvincialServer(seed=7) as server:
        machine = tmp_path / "may.toml"
        province = _province_file(tmp_path, server.url)
        machine.write_text(
            f'[sync]\nenabled = true\nconfig_file = "{province.as_posix()}"\n'
            "interval_seconds = 1\npull_interval_seconds = 3600\n",
            encoding="utf-8",
        )
        settings = load_settings(machine, data_dir, env={})
        core = open_core(settings)
        factories.setup_office(core)
        factories.load_procedures(core)
        codes = []
        for i in range(DOSSIERS):
            code = register(core, name=f"Công dân số {i}").code
            _walk(core, code, rng.randint(1, 5))
            codes.append(code)

        server.set_chaos({"drop_after": 0.04, "status": 0.02, "reset": 0.01}, status=503)
        env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
        env["XDG_CONFIG_HOME"] = str(tmp_path / "cfg")
        env.update({k: v for k, v in os.environ.items() if k.startswith("COUNTER_APP_SECRET_")})
        command = [sys.executable, "-m", "tests.sync.sync_runner", "--data-dir", str(data_dir),
                   "--config", str(machine), "sync", "run"]  # fmt: skip
        mid_work = 0
        for kill in range(KILLS):
            before = _integration_calls(server)
            target = before + rng.randint(1, 8)
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            deadline = time.monotonic() + 60
            while _integration_calls(server) < target and time.monotonic() < deadline:
                if process.poll() is not None:
                    break
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.02))
            assert process.poll() is None, "the sync process ended by itself"
            mid_work += _integration_calls(server) > before
            process.send_signal(signal.SIGKILL)
            process.wait()
            if kill % 10 == 9:  # the counter keeps working meanwhile
                code = register(core, name=f"Công dân mới {kill}").code
                _walk(core, code, rng.randint(0, 5))
                codes.append(code)
        assert mid_work >= 50  # the kills fell in the middle of real work

        server.set_chaos({})
        loop = build_loop(core)
        for _ in range(100):
            loop.cycle()
            if status.snapshot(core).backlog == 0:
                break
            time.sleep(0.05)
        loop.close()
        loop.adapter.close()
        state = server.snapshot()

    snap = status.snapshot(core)
    assert (snap.backlog, snap.dead) == (0, 0)
    assert state["problems"] == []
    assert sorted(state["case_order"]) == sorted(codes)  # each dossier exactly one case
    assert state["duplicates"] >= 1  # lost answers were re-sent, and recognised upstream
    with core.uow(write=False) as uow:
        for code in codes:
            dossier = uow.session.scalars(select(m.Dossier).where(m.Dossier.code == code)).one()
            keys = list(
                uow.session.scalars(
                    select(m.OutboxRow.key)
                    .where(m.OutboxRow.dossier_id == dossier.id, m.OutboxRow.kind == "progress")
                    .order_by(m.OutboxRow.id)
                )
            )
            changes = [str(h.to_status) for h in dossier.history[1:]]
            arrived = state["progress"].get(code, [])
            assert [e["TrangThai"] for e in arrived] == changes, code  # once each, in order
            assert [e["_key"] for e in arrived] == keys, code
            assert state["cases"][code]["TrangThaiHoSo"] == str(dossier.status)
    core.close()
