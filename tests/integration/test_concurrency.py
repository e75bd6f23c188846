"""Several counters registering at once: no duplicate and no missing sequence number."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

from sqlalchemy import select

from counter_app.config import Settings
from counter_app.services.context import Core, open_core
from counter_app.storage import models as m
from tests.support.factories import register, vn

PER_WORKER = 15


def _worker(settings: Settings, key: str, n: int, errors: list[str] | None = None) -> None:
    import os

    os.environ["COUNTER_APP_SECRET_DATA_KEY"] = key
    core = open_core(settings, migrate=False, clock=lambda: vn(2026, 11, 23, 10))
    try:
        for i in range(n):
            register(core, name=f"Người nộp {os.getpid()} {i}", received_at=vn(2026, 11, 23, 9))
    except Exception as exc:  # surfaced by the assertion below
        if errors is not None:
            errors.append(repr(exc))
        raise
    finally:
        core.close()


def _sequences(core: Core) -> list[int]:
    with core.uow(write=False) as uow:
        return sorted(uow.session.scalars(select(m.Dossier.seq)))


def _data_key(core: Core, memory_keyring: object) -> str:
    store = memory_keyring.store
    return str(store[("counter-app", "data-key")])


def test_threads_registering_at_once_get_gap_free_unique_codes(ready_core: Core) -> None:
    errors: list[str] = []
    threads = [threading.Thread(target=lambda: _one_thread(ready_core, errors)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _sequences(ready_core) == list(range(1, 6 * PER_WORKER + 1))


def _one_thread(core: Core, errors: list[str]) -> None:
    try:
        for i in range(PER_WORKER):
            register(
                core, name=f"Luồng {threading.get_ident()} {i}", received_at=vn(2026, 11, 23, 9)
            )
    except Exception as exc:
        errors.append(repr(exc))


def test_processes_registering_at_once_get_gap_free_unique_codes(
    ready_core: Core, settings: Settings, memory_keyring: object, tmp_path: Path
) -> None:
    key = _data_key(ready_core, memory_keyring)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(settings, key, PER_WORKER)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=240)
    assert [p.exitcode for p in procs] == [0] * 4
    seqs = _sequences(ready_core)
    assert seqs == list(range(1, 4 * PER_WORKER + 1))
    with ready_core.uow(write=False) as uow:
        codes = uow.session.scalars(select(m.Dossier.code)).all()
    assert len(set(codes)) == len(codes)
