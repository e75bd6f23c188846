"""Opening the database: engine, SQLite settings, migrations at start-up, units of work.

SQLite (the default, one or two counters) runs in WAL mode with foreign keys on. Writing
transactions start with `BEGIN IMMEDIATE` so two counters never deadlock upgrading a read lock;
reads stay deferred and never wait for a writer. PostgreSQL (a centre with many counters)
gets the same schema from the same migrations.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION_RE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([^'\"\n]*)['\"]?", re.M)

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
        from alembic.config import Config as AlembicConfig

        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        # ConfigParser interpolates '%': a URL-encoded password would break it.
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return cfg

    # Start-up only asks "is the schema current?": answered from the version table and the
    # migration files' headers, so Alembic (80 ms of imports) loads only when it must migrate.

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()

    @staticmethod
    def head_revision() -> str | None:
        revisions: set[str] = set()
        parents: set[str] = set()
        for path in (MIGRATIONS / "versions").glob("*.py"):
            found = dict(_REVISION_RE.findall(path.read_text("utf-8")))
            revisions.add(found["revision"])
            if found.get("down_revision") not in (None, "", "None"):
                parents.add(found["down_revision"])
        heads = revisions - parents
        if len(heads) > 1:
            raise RuntimeError(f"several migration heads: {sorted(heads)}")
        return heads.pop() if heads else None

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
            from alembic import command

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
