"""Issue 5 benchmark: drain a 10,000-dossier sync backlog against the local provincial server.

The provincial test server (tests/sync/provincial_server.py, every field checked) runs in its
own process. The backlog is built by registering one dossier through the service and
bulk-inserting clones (tests/sync/backlog.py): one pending "dossier" outbox row each.

Baseline measured in the same run: a bare httpx loop (one client, keep-alive, login once)
posting the very same request bodies the sync sent, in the same order, to the same server
after its state was reset. The sync's figure includes everything it does per row: claiming in
batches, loading and auditing the dossier, mapping, sending, recording the answer.
Both are run `--rounds` times (the backlog re-queued, the server reset), medians compared: the
machine is shared, so one run alone says little. CPU time per dossier is printed too.
Targets: ≥ 200 dossiers/s and ≥ 0.5× the bare loop.

    .venv/bin/python bench/bench_sync.py [--dossiers 10000] [--rounds 2] [--in-flight N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import update  # noqa: E402

from counter_app.config import load_settings  # noqa: E402
from counter_app.protection import new_key  # noqa: E402
from counter_app.services.context import Core, open_core  # noqa: E402
from counter_app.storage import models as m  # noqa: E402
from sync.adapter_config import AdapterConfig, load_adapter_config  # noqa: E402
from sync.factory import build_adapter  # noqa: E402
from sync.loop import SyncLoop  # noqa: E402
from sync.status import snapshot  # noqa: E402
from tests.support import factories  # noqa: E402
from tests.sync.backlog import build_backlog  # noqa: E402
from tests.sync.provincial_server import ServerConfig  # noqa: E402
from tests.sync.server_process import RemoteServer  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "province-dvc.toml"


def bare_loop(url: str, bodies: list[str], cfg: ServerConfig) -> tuple[float, float]:
    """(wall s, CPU s) for one httpx client posting `bodies` (login once, same session swap)."""
    with httpx.Client(base_url=url, timeout=30) as client:
        headers = {"dstcode": cfg.dstcode}
        creds = {"username": cfg.username, "password": cfg.password}
        token = client.post(cfg.auth_path, json=creds, headers=headers).json()["session"]
        prepared = []
        for body in bodies:
            data = json.loads(body)
            data["session"] = token
            prepared.append(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
        post_headers = {**headers, "Content-Type": "application/json; charset=utf-8"}
        started, cpu = time.perf_counter(), time.process_time()
        for n, raw in enumerate(prepared):
            answer = client.post(
                cfg.integration_path,
                content=raw,
                headers={**post_headers, "Idempotency-Key": f"bare-{n}"},
            )
            if answer.json().get("error_code") not in (0, "0", "00"):
                raise SystemExit(f"bare loop: unexpected answer {answer.text[:200]}")
        return time.perf_counter() - started, time.process_time() - cpu


def drain(core: Core, config: AdapterConfig, in_flight: int) -> tuple[float, float]:
    """(wall s, CPU s) for the sync loop to send every pending row."""
    loop = SyncLoop(
        core, build_adapter(core, config), config.retry, pull_enabled=False, in_flight=in_flight
    )
    started, cpu = time.perf_counter(), time.process_time()
    while snapshot(core).backlog:
        report = loop.cycle(pull=False)
        if report.paused_for or report.rejected:
            raise SystemExit(f"sync did not drain cleanly: {report}")
    result = time.perf_counter() - started, time.process_time() - cpu
    loop.close()
    loop.adapter.close()
    return result


def requeue(core: Core) -> None:
    """The same backlog again for the next round (the province forgets it too)."""
    with core.db.engine.begin() as conn:
        conn.execute(update(m.OutboxRow).values(state="pending", attempts=0, done_at=None))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--in-flight", type=int, default=0, help="override transport.max_in_flight")
    args = ap.parse_args()
    n = args.dossiers
    server_cfg = ServerConfig(record_bodies=True)
    os.environ["COUNTER_APP_SECRET_DATA_KEY"] = new_key()
    os.environ["COUNTER_APP_SECRET_DVC_USERNAME"] = server_cfg.username
    os.environ["COUNTER_APP_SECRET_DVC_PASSWORD"] = server_cfg.password
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    rows = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp,
        RemoteServer.spawn(server_cfg) as server,
    ):
        core = open_core(load_settings(data_dir=Path(tmp) / "data", env={}))
        factories.setup_office(core)
        factories.load_procedures(core)
        started = time.perf_counter()
        build_backlog(core, n)
        print(f"backlog: {n:,} dossiers bulk-inserted in {time.perf_counter() - started:.1f} s")
        config = load_adapter_config(EXAMPLE).with_base_url(server.url)
        in_flight = args.in_flight or config.transport.max_in_flight
        for round_no in range(1, args.rounds + 1):
            if round_no > 1:
                requeue(core)
                server.reset()
                server.record(True)
            sync_s, sync_cpu = drain(core, config, in_flight)
            state = server.snapshot(full=False)
            if state["case_count"] != n or state["problems"]:
                raise SystemExit(f"server has {state['case_count']} cases, {state['problems'][:3]}")
            bodies = server.bodies()
            server.reset()
            server.record(False)
            bare_s, bare_cpu = bare_loop(server.url, bodies, server_cfg)
            if server.snapshot(full=False)["case_count"] != n:
                raise SystemExit("bare loop did not create every case")
            rows.append((sync_s, sync_cpu, bare_s, bare_cpu, len(bodies)))
            print(
                f"round {round_no}: sync {n / sync_s:5.0f} dossiers/s "
                f"({sync_cpu * 1000 / n:.2f} ms CPU each, {in_flight} in flight) | "
                f"bare httpx {n / bare_s:5.0f} dossiers/s ({bare_cpu * 1000 / n:.2f} ms CPU each) "
                f"| ratio {bare_s / sync_s:.2f}×"
            )
        core.close()

    sync_s = statistics.median(r[0] for r in rows)
    bare_s = statistics.median(r[2] for r in rows)
    sync_rate, bare_rate, ratio = n / sync_s, n / bare_s, bare_s / sync_s
    print(f"median sync loop:  {n:,} dossiers in {sync_s:6.2f} s = {sync_rate:6.0f} dossiers/s")
    posts = rows[0][4]
    print(f"median bare httpx: {posts:,} posts    in {bare_s:6.2f} s = {bare_rate:6.0f} dossiers/s")
    print(f"ratio sync / bare: {ratio:.2f}×")
    print(
        f"targets: ≥ 200 dossiers/s {'OK' if sync_rate >= 200 else 'MISSED'}; "
        f"≥ 0.5× bare {'OK' if ratio >= 0.5 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
