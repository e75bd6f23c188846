"""A fresh, migrated PostgreSQL database per test, cheaply.

The server comes from `.ci/postgres` (`eval "$(bash .ci/postgres)"` sets COUNTER_TEST_PG_URL).
The migrations run once per test session into a template database; each test gets
`CREATE DATABASE … TEMPLATE …` (a copy, far faster than migrating) and the database is dropped
afterwards. A copy still takes ~0.3 s of server I/O, so the next one is made in the background
while a test runs. Names carry the process id, so several sessions can share one server, and
databases left by a session that died are dropped by the next one.
"""

from __future__ import annotations

import atexit
import itertools
import os
import re
import secrets
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError

from counter_app.storage.db import Database

ENV = "COUNTER_TEST_PG_URL"
PREFIX = "ct_"
HOW_TO = 'start the test server with: eval "$(bash .ci/postgres)"'

_state: dict[str, object] = {}
_numbers = itertools.count(1)


def configured_url() -> str | None:
    return os.environ.get(ENV) or None


def _base() -> URL:
    url = configured_url()
    if url is None:
        raise RuntimeError(f"{ENV} is not set; {HOW_TO}")
    return make_url(url)


def url_for(name: str) -> str:
    return _base().set(database=name).render_as_string(hide_password=False)


def _admin() -> Engine:
    """AUTOCOMMIT connection to the maintenance database (CREATE/DROP DATABASE)."""
    engine = _state.get("admin")
    if engine is None:
        engine = create_engine(
            _base().render_as_string(hide_password=False),
            isolation_level="AUTOCOMMIT",
            pool_size=2,
        )
        _state["admin"] = engine
        atexit.register(_drop_session_databases)
        _drop_orphans(engine)
    assert isinstance(engine, Engine)
    return engine


def _drop_orphans(engine: Engine) -> None:
    """Databases of test sessions whose process no longer runs (a crash, a kill -9)."""
    with engine.connect() as conn:
        names = conn.scalars(
            text("SELECT datname FROM pg_database WHERE datname LIKE :p"), {"p": PREFIX + "%"}
        ).all()
        for name in names:
            m = re.match(rf"{PREFIX}(?:tpl_)?(\d+)_", name)
            if m and not _alive(int(m.group(1))):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _template() -> str:
    name = _state.get("template")
    if isinstance(name, str):
        return name
    name = f"{PREFIX}tpl_{os.getpid()}_{secrets.token_hex(3)}"
    with _admin().connect() as conn:
        conn.execute(text(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'"))
    db = Database(url_for(name))
    try:
        db.migrate()
    finally:
        db.dispose()  # a template must have no open connection when it is copied
    _state["template"] = name
    return name


def create_database(*, migrated: bool = True) -> str:
    """A new empty (or migrated) database; returns its name. Drop it with `drop_database`."""
    if not migrated:
        return _create("template0")
    spare = _state.pop("spare", None)
    name = spare.result() if isinstance(spare, Future) else _create(_template())
    _state["spare"] = _prefetch().submit(_create, _template())
    return name


def _prefetch() -> ThreadPoolExecutor:
    pool = _state.get("pool")
    if not isinstance(pool, ThreadPoolExecutor):
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-spare")
        _state["pool"] = pool
    return pool


def _create(source: str) -> str:
    name = f"{PREFIX}{os.getpid()}_{next(_numbers)}_{secrets.token_hex(2)}"
    with _admin().connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{source}"'))
        # Tests never need durability across a power cut; this only makes commits cheaper.
        conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    return name


def drop_database(name: str) -> None:
    for attempt in range(20):
        try:
            with _admin().connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError:
            # An autovacuum worker (a superuser process) may be visiting it: it soon leaves.
            if attempt == 19:
                raise
            time.sleep(0.25)


@contextmanager
def fresh_database(*, migrated: bool = True) -> Iterator[str]:
    """The URL of a database of its own for one test, dropped afterwards."""
    name = create_database(migrated=migrated)
    try:
        yield url_for(name)
    finally:
        drop_database(name)


def _drop_session_databases() -> None:
    spare = _state.pop("spare", None)
    leftovers = [_state.get("template")]
    if isinstance(spare, Future) and spare.exception() is None:
        leftovers.insert(0, spare.result())
    engine = _state.get("admin")
    if isinstance(engine, Engine):
        with engine.connect() as conn:
            for name in leftovers:
                if isinstance(name, str):
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
