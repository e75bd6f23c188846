"""Issue 2 benchmark: register latency and search-as-you-type on a 1M-dossier database.

Baselines measured in the same run:
- register: one bare INSERT + COMMIT of a dossier-sized row in the same database file;
- search: the same queries as `LIKE '%…%'` scans over the folded column (newest first,
  LIMIT 50), i.e. what the search would cost without the FTS5 index.
Targets: register p50 ≤ 5 ms; search p95 ≤ 5 ms and ≥ 20× faster than the LIKE scan.

    .venv/bin/python bench/bench_core.py [--rows 1000000] [--registers 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text

from bench.dataset import PROCEDURES, open_dataset, person
from counter_app.services import dossiers, intake
from counter_app.services.context import SYSTEM
from counter_app.text import fold


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def typing_queries(rng: random.Random, people: int) -> list[str]:
    """What a clerk types, key by key, looking for `people` different applicants."""
    queries = []
    for _ in range(people):
        folded = fold(person(rng))
        queries += [folded[:i] for i in range(2, len(folded) + 1) if folded[i - 1] != " "]
    return queries


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--registers", type=int, default=300)
    ap.add_argument("--people", type=int, default=20)
    args = ap.parse_args()
    core = open_dataset(f"core-{args.rows}", args.rows)
    rng = random.Random(11)

    # -- register through the service layer vs a bare insert+commit -------------------------
    proc_codes = [p[0] for p in PROCEDURES[:5]]

    # The generated catalogue has no components: register with explicit ones.
    def one_register() -> None:
        intake.register(
            core,
            SYSTEM,
            intake.RegisterRequest(
                procedure_code=rng.choice(proc_codes),
                holder=intake.PersonInput(
                    full_name=person(rng),
                    id_number="079203001245",
                    address="Thôn Đông, xã Minh Khai",
                    phone="0912345678",
                ),
                components=[
                    intake.ComponentInput("Tờ khai theo mẫu"),
                    intake.ComponentInput("Giấy tờ kèm theo"),
                ],
            ),
        )

    def bare_insert() -> None:
        with core.db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO sync_meta(key, value, updated_at) VALUES (?, ?, ?)",
                (f"bench-{uuid.uuid4()}", "x" * 400, "2026-11-23 00:00:00"),
            )

    for _ in range(20):  # warm caches
        one_register()
        bare_insert()
    reg = [timed(one_register) for _ in range(args.registers)]
    bare = [timed(bare_insert) for _ in range(args.registers)]
    with core.db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM sync_meta WHERE key LIKE 'bench-%'")
    reg50, reg95 = percentiles(reg)
    bare50, bare95 = percentiles(bare)

    # -- search-as-you-type vs LIKE scan ------------------------------------------------------
    queries = typing_queries(rng, args.people)
    for q in queries[:20]:
        dossiers.search(core, SYSTEM, q)
    fts = [timed(lambda q=q: dossiers.search(core, SYSTEM, q)) for q in queries]
    like_sql = text("SELECT id FROM dossiers WHERE search_text LIKE :p ORDER BY id DESC LIMIT 50")
    with core.db.engine.connect() as conn:
        like = [timed(lambda q=q: conn.execute(like_sql, {"p": f"%{q}%"}).all()) for q in queries]
    fts50, fts95 = percentiles(fts)
    like50, like95 = percentiles(like)

    print(f"\nDatabase: {args.rows:,} dossiers (SQLite, WAL, synchronous=NORMAL)")
    print(
        f"register via services.intake.register  p50 {reg50:6.2f} ms  p95 {reg95:6.2f} ms  "
        f"→ {1000 / statistics.mean(reg):6.0f} dossiers/s   (target p50 ≤ 5 ms)"
    )
    print(
        f"baseline bare INSERT+COMMIT            p50 {bare50:6.2f} ms  p95 {bare95:6.2f} ms  "
        f"ratio p50 {reg50 / bare50:4.1f}×"
    )
    print(f"search-as-you-type ({len(queries)} keystroke queries, services.dossiers.search)")
    print(
        f"  FTS5 folded index                    p50 {fts50:6.2f} ms  p95 {fts95:6.2f} ms"
        "   (target p95 ≤ 5 ms)"
    )
    print(f"  baseline LIKE '%…%' scan             p50 {like50:6.2f} ms  p95 {like95:6.2f} ms")
    print(
        f"  speed-up  p50 {like50 / fts50:5.1f}×   p95 {like95 / fts95:5.1f}×   "
        f"mean {statistics.mean(like) / statistics.mean(fts):5.1f}×   (target ≥ 20×)"
    )
    core.close()


if __name__ == "__main__":
    main()
