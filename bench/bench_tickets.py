"""Issue 10 benchmark: queue operations per second the office database sustains with twenty
counters calling at once, PostgreSQL against SQLite (the baseline) in the same run.

Each counter is its own process (as on its own PC), all released together. A counter's round
is the queue's real mix: a kiosk takes a number (`take`), the counter calls the next one
(`call_next`, which also ends the previous ticket), every fourth round calls it again
(`call_again`), and serving ends (`finish`). Every operation is one committed transaction
with its audit event, exactly as the services run it. Afterwards the run checks that no ticket
was called twice.

Fresh scratch databases are made for the run and removed afterwards (never the cached
databases of the other benchmarks). The PostgreSQL server is the project's own
(`bash .ci/postgres`).

    .venv/bin/python bench/bench_tickets.py [--rounds 25] [--counters 20]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from bench.bench_pg import drop_pg, pg_server_url, scratch_pg  # noqa: E402
from bench.dataset import OUT, bench_settings  # noqa: E402
from counter_app.config import Settings  # noqa: E402
from counter_app.services import office, tickets  # noqa: E402
from counter_app.services.context import SYSTEM, Actor, Core, Role, open_core  # noqa: E402
from counter_app.storage import models as m  # noqa: E402

GROUPS = ("A", "B", "C")


def prepare(settings: Settings) -> Core:
    core = open_core(settings)
    office.setup_office(
        core,
        SYSTEM,
        office.OfficeInput(unit_id="000.00.01.H22", name="Bộ phận Một cửa (đo hiệu năng)"),
    )
    for code, name in zip(GROUPS, ("Chứng thực", "Hộ tịch", "Đất đai"), strict=True):
        tickets.set_group(core, SYSTEM, code, name=name)
    return core


def one_round(core: Core, actor: Actor, n: int, i: int, samples: dict[str, list[float]]) -> int:
    """take + call_next (+ call_again every 4th round) + finish; returns operations done."""
    ops = 0

    def timed(kind: str, fn: Any) -> Any:
        nonlocal ops
        start = time.perf_counter()
        result = fn()
        samples[kind].append((time.perf_counter() - start) * 1000)
        ops += 1
        return result

    timed("take", lambda: tickets.take(core, GROUPS[(n + i) % len(GROUPS)]))
    called = timed("call_next", lambda: tickets.call_next(core, actor, str(n)))
    if called is not None:
        if i % 4 == 0:
            timed("call_again", lambda: tickets.call_again(core, actor, called.id))
        timed("finish", lambda: tickets.finish(core, actor, called.id))
    return ops


def counter_process(settings: Settings, n: int, rounds: int, start: Any, out: Any) -> None:
    core = open_core(settings, migrate=False)
    actor = Actor(None, f"quay{n}", f"Cán bộ quầy {n}", Role.CLERK, counter=str(n))
    samples: dict[str, list[float]] = {"take": [], "call_next": [], "call_again": [], "finish": []}
    one_round(core, actor, n, 1, {k: [] for k in samples})  # connect and warm up first
    start.wait()
    begun = time.perf_counter()
    ops = sum(one_round(core, actor, n, i, samples) for i in range(rounds))
    out.put((begun, time.perf_counter(), ops, samples))
    core.close()


def run(settings: Settings, counters: int, rounds: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(counters + 1), ctx.Queue()
    procs = [
        ctx.Process(target=counter_process, args=(settings, n, rounds, start, out))
        for n in range(1, counters + 1)
    ]
    for p in procs:
        p.start()
    start.wait()
    results = [out.get(timeout=900) for _ in procs]
    for p in procs:
        p.join()
    wall = max(r[1] for r in results) - min(r[0] for r in results)
    ops = sum(r[2] for r in results)
    samples: dict[str, list[float]] = {}
    for r in results:
        for kind, values in r[3].items():
            samples.setdefault(kind, []).extend(values)
    return {"ops": ops, "wall": wall, "rate": ops / wall, "samples": samples}


def single(core: Core, rounds: int) -> dict[str, Any]:
    actor = Actor(None, "quay99", "Cán bộ quầy 99", Role.CLERK, counter="99")
    samples: dict[str, list[float]] = {"take": [], "call_next": [], "call_again": [], "finish": []}
    begun = time.perf_counter()
    ops = sum(one_round(core, actor, 99, i, samples) for i in range(rounds))
    wall = time.perf_counter() - begun
    return {"ops": ops, "wall": wall, "rate": ops / wall, "samples": samples}


def check(core: Core) -> str:
    with core.uow(write=False) as uow:
        s = uow.session
        called = s.scalar(select(func.count()).where(m.Ticket.called_at.is_not(None)))
        first_calls = s.scalar(select(func.count()).where(m.TicketCall.repeat.is_(False)))
        twice = s.scalar(
            select(func.count()).where(m.Ticket.call_count > 2)  # at most one recall per round
        )
    assert called == first_calls and not twice, "a ticket was called by two counters"
    return f"{called} tickets called, each by one counter"


def measure(label: str, settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    print(f"{label}: preparing …", file=sys.stderr)
    core = prepare(settings)
    alone = single(core, args.rounds * 4)
    print(f"{label}: {args.counters} counters × {args.rounds} rounds …", file=sys.stderr)
    many = run(settings, args.counters, args.rounds)
    many["check"] = check(core)
    core.close()
    return {"alone": alone, "many": many}


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=25, help="rounds per counter")
    ap.add_argument("--counters", type=int, default=20)
    args = ap.parse_args()
    server = pg_server_url()
    db_name = f"bench_tickets_{os.getpid()}"
    dirs = [OUT / "tickets-pg", OUT / "tickets-sqlite"]
    for d in dirs:
        shutil.rmtree(d, ignore_errors=True)
    try:
        pg = measure("PostgreSQL", bench_settings("tickets-pg", scratch_pg(server, db_name)), args)
        sqlite = measure("SQLite", bench_settings("tickets-sqlite"), args)
    finally:
        drop_pg(server, db_name)
        for d in dirs:
            shutil.rmtree(d, ignore_errors=True)

    print("\nQueue operations (take, call_next, call_again every 4th round, finish), each one")
    print("committed transaction with its audit event; PostgreSQL 127.0.0.1 (synchronous_commit")
    print("on), SQLite WAL synchronous=NORMAL (baseline)")
    print(f"one counter alone, {args.rounds * 4} rounds")
    for label, r in (("PostgreSQL", pg), ("SQLite", sqlite)):
        a = r["alone"]
        all_ms = [v for vs in a["samples"].values() for v in vs]
        print(
            f"  {label:<10}  {a['rate']:7.0f} ops/s  p50 {statistics.median(all_ms):6.2f} ms  "
            f"p95 {p(all_ms, 0.95):6.2f} ms"
        )
    print(f"  ratio PostgreSQL/SQLite  {pg['alone']['rate'] / sqlite['alone']['rate']:4.2f}×")
    print(f"{args.counters} counters calling at once (processes), {args.rounds} rounds each")
    print(f"  (all clients and the server share {os.cpu_count()} cores here; real counters run")
    print("   on their own PCs, so this is a floor for the server's throughput)")
    for label, r in (("PostgreSQL", pg), ("SQLite", sqlite)):
        mm = r["many"]
        print(
            f"  {label:<10}  {mm['rate']:7.0f} ops/s  ({mm['ops']} ops in {mm['wall']:.2f} s)"
            f"  {mm['check']}"
        )
        for kind in ("take", "call_next", "call_again", "finish"):
            v = mm["samples"][kind]
            print(
                f"      {kind:<10} n={len(v):4d}  p50 {statistics.median(v):7.2f} ms  "
                f"p95 {p(v, 0.95):7.2f} ms"
            )
    ratio = pg["many"]["rate"] / sqlite["many"]["rate"]
    print(f"  ratio PostgreSQL/SQLite throughput {ratio:4.2f}×  (SQLite = baseline)")


if __name__ == "__main__":
    main()
