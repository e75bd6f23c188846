"""Issue 8 benchmark: registering on PostgreSQL against SQLite, measured in the same run.

1. One counter: `services.intake.register` p50/p95 on each database (same data, same code).
2. Twenty counters at once (20 processes released together): throughput and p50/p95.
3. Search-as-you-type on PostgreSQL: the service's search against the single-statement
   query it replaced (same database, same queries), incl. two common words that rarely meet.
Target: register p50 ≤ 15 ms on PostgreSQL.

The PostgreSQL server is the project's own (`bash .ci/postgres`); a scratch database is
created for the run and dropped afterwards (default `synchronous_commit`, i.e. durable).

    .venv/bin/python bench/bench_pg.py [--rows 100000] [--registers 300] [--per-counter 25]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, make_url, select, text  # noqa: E402

from bench.dataset import OUT, PROCEDURES, bench_settings, build, person  # noqa: E402
from counter_app.config import Settings  # noqa: E402
from counter_app.services import dossiers, intake, search_index  # noqa: E402
from counter_app.services.context import SYSTEM, Core, open_core  # noqa: E402
from counter_app.storage import models as m  # noqa: E402
from counter_app.text import fold  # noqa: E402

COUNTERS = 20


def pg_server_url() -> str:
    url = os.environ.get("COUNTER_TEST_PG_URL")
    if not url:
        out = subprocess.run(
            ["bash", str(ROOT / ".ci" / "postgres")], capture_output=True, text=True, check=True
        ).stdout
        url = re.search(r"COUNTER_TEST_PG_URL=(\S+)", out).group(1)  # type: ignore[union-attr]
    return url


def scratch_pg(server: str, name: str) -> str:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'"))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def drop_pg(server: str, name: str) -> None:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def one_register(core: Core, rng: random.Random) -> None:
    intake.register(
        core,
        SYSTEM,
        intake.RegisterRequest(
            procedure_code=rng.choice(PROCEDURES)[0],
            holder=intake.PersonInput(
                full_name=person(rng),
                id_number=f"0792030{rng.randint(0, 99999):05d}",
                address="Thôn Đông, xã Minh Khai",
                phone="0912345678",
            ),
            components=[
                intake.ComponentInput("Tờ khai theo mẫu"),
                intake.ComponentInput("Giấy tờ kèm theo"),
            ],
        ),
    )


def bare_insert(core: Core, rng: random.Random) -> None:
    """The floor under any registration: one small row, one durable commit."""
    with core.db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO sync_meta (key, value, updated_at) VALUES (:k, :v, :t)"),
            {"k": f"bench-{rng.random()}", "v": "x" * 400, "t": "2026-11-23 00:00:00"},
        )


def counter_process(settings: Settings, n: int, seed: int, start: Any, out: Any) -> None:
    core = open_core(settings, migrate=False)
    rng = random.Random(seed)
    one_register(core, rng)  # connect and warm up before the start signal
    start.wait()
    begun = time.perf_counter()
    samples = [timed(lambda: one_register(core, rng)) for _ in range(n)]
    out.put((begun, time.perf_counter(), samples))
    core.close()


def concurrent(settings: Settings, per_counter: int) -> tuple[float, list[float]]:
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(COUNTERS + 1), ctx.Queue()
    procs = [
        ctx.Process(target=counter_process, args=(settings, per_counter, i, start, out))
        for i in range(COUNTERS)
    ]
    for p in procs:
        p.start()
    start.wait()
    results = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    wall = max(r[1] for r in results) - min(r[0] for r in results)
    return COUNTERS * per_counter / wall, [s for r in results for s in r[2]]


def fresh(settings: Settings, rows: int) -> Core:
    """A database with `rows` dossiers, settled: statistics fresh and, on PostgreSQL, the bulk
    load vacuumed (else autovacuum and the GIN pending list compete with the timings)."""
    core = open_core(settings)
    build(core, rows)
    if core.db.is_sqlite:
        with core.db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    else:
        with core.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM (ANALYZE)"))
    return core


def measure(label: str, settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    print(f"{label}: building {args.rows:,} dossiers …", file=sys.stderr)
    core = fresh(settings, args.rows)
    rng = random.Random(5)
    for _ in range(20):
        one_register(core, rng)
    single = [timed(lambda: one_register(core, rng)) for _ in range(args.registers)]
    bare = [timed(lambda: bare_insert(core, rng)) for _ in range(args.registers)]
    print(f"{label}: {COUNTERS} counters × {args.per_counter} …", file=sys.stderr)
    throughput, contended = concurrent(settings, args.per_counter)
    with core.uow(write=False) as uow:
        seqs = list(uow.session.scalars(select(m.CodeSequence.last)))
        codes = list(uow.session.scalars(select(m.Dossier.code)))
    assert len(codes) == len(set(codes)), "duplicate dossier code"
    result = {"core": core, "single": single, "bare": bare}
    result |= {"throughput": throughput, "contended": contended}
    result["registered"] = sum(seqs)
    return result


def old_pg_search(core: Core, query: str, limit: int = 50) -> list[int]:
    """Baseline: the same word patterns, each tried as one plain statement (left to the
    planner: newest-first walk or trigram index), as the search did before the window."""
    with core.uow(write=False) as uow:
        for patterns in search_index.pg_patterns(query):
            stmt = select(m.Dossier.id)
            for p in patterns:
                stmt = stmt.where(m.Dossier.search_text.op("~")(p))
            found = list(uow.session.scalars(stmt.order_by(m.Dossier.id.desc()).limit(limit)))
            if found:
                return found
    return []


def new_pg_search(core: Core, query: str) -> list[int]:
    with core.uow(write=False) as uow:
        return dossiers.find_ids(uow, query)


def search_queries(rng: random.Random) -> list[str]:
    from bench.dataset import FAMILY

    typed = []
    for _ in range(10):
        folded = fold(person(rng))
        typed += [folded[:i] for i in range(3, len(folded) + 1) if folded[i - 1] != " "]
    # Two family names: each common, together rare ("Nguyễn Trần …" exists, but seldom).
    pairs = [f"{fold(a)} {fold(b)}" for a, b in zip(FAMILY[:10], FAMILY[10:20], strict=True)]
    return typed + pairs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--registers", type=int, default=300)
    ap.add_argument("--per-counter", type=int, default=25)
    args = ap.parse_args()
    server = pg_server_url()
    db_name = f"bench_pg_{os.getpid()}"
    sqlite_dir = OUT / "pg-compare-sqlite"
    shutil.rmtree(sqlite_dir, ignore_errors=True)
    pg = sqlite = None
    try:
        pg = measure(
            "PostgreSQL", bench_settings("pg-compare-pg", scratch_pg(server, db_name)), args
        )
        sqlite = measure("SQLite", bench_settings("pg-compare-sqlite"), args)
        queries = search_queries(random.Random(3))
        new, old = [], []
        for q in queries:  # alternate, best of three each: same cache for both
            runs = [
                (
                    timed(lambda q=q: new_pg_search(pg["core"], q)),
                    timed(lambda q=q: old_pg_search(pg["core"], q)),
                )
                for _ in range(3)
            ]
            new.append(min(r[0] for r in runs))
            old.append(min(r[1] for r in runs))
        differ = [
            q for q in queries if new_pg_search(pg["core"], q) != old_pg_search(pg["core"], q)
        ]
    finally:
        for r in (pg, sqlite):
            if r:
                r["core"].close()
        drop_pg(server, db_name)
        shutil.rmtree(sqlite_dir, ignore_errors=True)
        shutil.rmtree(OUT / "pg-compare-pg", ignore_errors=True)

    pg50, pg95 = percentiles(pg["single"])
    sq50, sq95 = percentiles(sqlite["single"])
    pc50, pc95 = percentiles(pg["contended"])
    sc50, sc95 = percentiles(sqlite["contended"])
    print(
        f"\nDatabases: {args.rows:,} dossiers each; PostgreSQL 127.0.0.1 (synchronous_commit on),"
    )
    print("SQLite WAL synchronous=NORMAL; services.intake.register, 2 components, audit + outbox")
    print(f"one counter, {args.registers} registrations")
    verdict = "met" if pg50 <= 15 else "NOT met"
    print(f"  PostgreSQL  p50 {pg50:6.2f} ms  p95 {pg95:6.2f} ms   (target p50 ≤ 15 ms: {verdict})")
    print(f"  SQLite      p50 {sq50:6.2f} ms  p95 {sq95:6.2f} ms   (baseline)")
    print(f"  ratio PostgreSQL/SQLite  p50 {pg50 / sq50:4.2f}×  p95 {pg95 / sq95:4.2f}×")
    for label, r in (("PostgreSQL", pg), ("SQLite", sqlite)):
        b50, b95 = percentiles(r["bare"])
        print(f"  floor: bare INSERT+COMMIT on {label:<10}  p50 {b50:6.2f} ms  p95 {b95:6.2f} ms")
    print(f"{COUNTERS} counters at once (processes), {args.per_counter} registrations each")
    cores = os.cpu_count()
    print(f"  (all {COUNTERS} clients and the server share {cores} cores here; real counters")
    print("   each run on their own PC, so this is a floor for the server's throughput)")
    print(
        f"  PostgreSQL  {pg['throughput']:6.0f} dossiers/s  p50 {pc50:7.2f} ms  p95 {pc95:7.2f} ms"
    )
    print(
        f"  SQLite      {sqlite['throughput']:6.0f} dossiers/s  p50 {sc50:7.2f} ms  "
        f"p95 {sc95:7.2f} ms   (baseline)"
    )
    print(f"  ratio PostgreSQL/SQLite throughput {pg['throughput'] / sqlite['throughput']:4.2f}×")
    n50, n95 = percentiles(new)
    o50, o95 = percentiles(old)
    print(
        f"search on PostgreSQL, {len(queries)} queries (keystrokes + 10 rare pairs of common words)"
    )
    print(
        f"  services.dossiers search  p50 {n50:6.2f} ms  p95 {n95:6.2f} ms  max {max(new):7.2f} ms"
    )
    print(
        f"  baseline single query     p50 {o50:6.2f} ms  p95 {o95:6.2f} ms  max {max(old):7.2f} ms"
    )
    print(f"  ratio baseline/service  p95 {o95 / n95:5.1f}×  max {max(old) / max(new):5.1f}×")
    print(f"  queries whose results differ from the baseline: {len(differ)} {differ[:3]}")


if __name__ == "__main__":
    main()
