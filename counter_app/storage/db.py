"""Opening the database: engine, SQLite settings, migrations at start-up, units of work.

SQLite (the default, one or two counters) runs in WAL mode with foreign keys on. Writing
transactions start with `BEGIN IMMEDIATE` so two counters never deadlock upgrading a read lock;
reads stay deferred and never wait for a writer. PostgreSQL (a centre with many counters)
gets the same schema from the same migrations.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# Whether the transaction about to begin on this thread writes (BEGIN IMMEDIATE on SQLite).
_write_intent: contextvars.ContextVar[bool] = contextvars.ContextVar("write_intent", default=True)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


class Database:
    """One database of an office: engine + session factory + migrations."""

    def __init__(self, url: str, *, synchronous: str = "NORMAL", echo: bool = False) -> None:
        self.url = url
        self.engine: Engine = self._make_engine(url, synchronous=synchronous, echo=echo)
        self.dialect = self.engine.dialect.name
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=True)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @staticmethod
    def _make_engine(url: str, *, synchronous: str, echo: bool) -> Engine:
        if url.startswith("sqlite"):
            if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(
                url, echo=echo, connect_args={"timeout": 30, "check_same_thread": False}
            )

            @event.listens_for(engine, "connect")
            def _on_connect(dbapi_conn: Any, _record: Any) -> None:
                # Let SQLAlchemy, not the driver, decide when transactions begin.
                dbapi_conn.isolation_level = None
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute(f"PRAGMA synchronous={synchronous}")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA busy_timeout=30000")
                cur.close()

            @event.listens_for(engine, "begin")
            def _on_begin(conn: Any) -> None:
                conn.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")

            return engine
        return create_engine(url, echo=echo, pool_pre_ping=True, pool_size=5, max_overflow=5)

    # -- migrations -------------------------------------------------------------------------

    def _alembic_config(self) -> AlembicConfig:
        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        # ConfigParser interpolates '%': a URL-encoded password would break it.
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return cfg

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def head_revision(self) -> str | None:
        return ScriptDirectory.from_config(self._alembic_config()).get_current_head()

    def has_tables(self) -> bool:
        """Whether anything was ever created here (an office's data, not a blank database)."""
        return bool(inspect(self.engine).get_table_names())

    def needs_migration(self) -> bool:
        return self.current_revision() != self.head_revision()

    def migrate(self) -> None:
        """Bring the schema to the newest revision (idempotent)."""
        cfg = self._alembic_config()
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    # -- sessions ---------------------------------------------------------------------------

    @contextmanager
    def session(self, *, write: bool = True) -> Iterator[Session]:
        token = _write_intent.set(write)
        session = self.sessions()
        try:
            yield session
        finally:
            session.close()
            _write_intent.reset(token)

    def dispose(self) -> None:
        self.engine.dispose()
