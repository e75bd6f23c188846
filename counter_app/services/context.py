"""The core's context: settings, database, clock, protector; units of work; who is acting."""

from __future__ import annotations

import enum
import hashlib
import json
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import platformdirs
from sqlalchemy import make_url, select
from sqlalchemy.orm import Session

from counter_app.config import APP_AUTHOR, APP_NAME, Settings
from counter_app.domain.calendar import VN_TZ, CalendarOverride, WorkingCalendar
from counter_app.errors import PermissionDenied
from counter_app.protection import Protector, load_protector
from counter_app.secrets import require_secret
from counter_app.storage import models as m
from counter_app.storage.db import Database

GENESIS_HASH = "0" * 64


class Role(enum.StrEnum):
    CLERK = "clerk"  # cán bộ tiếp nhận
    SUPERVISOR = "supervisor"  # lãnh đạo bộ phận
    ADMIN = "admin"  # quản trị

    @property
    def label(self) -> str:
        return {
            "clerk": "Cán bộ tiếp nhận",
            "supervisor": "Lãnh đạo bộ phận",
            "admin": "Quản trị viên",
        }[self.value]


@dataclass(frozen=True)
class Actor:
    """Who performs a use case. `SYSTEM` is the local command line run by IT."""

    user_id: int | None
    username: str
    full_name: str
    role: Role
    counter: str = ""
    title: str = ""


SYSTEM = Actor(None, "system", "Hệ thống", Role.ADMIN)

# Which roles may do what. Administrators may do everything (small offices have one person).
PERMISSIONS: dict[str, frozenset[Role]] = {
    "intake": frozenset({Role.CLERK, Role.SUPERVISOR}),
    "process": frozenset({Role.CLERK, Role.SUPERVISOR}),
    "view": frozenset({Role.CLERK, Role.SUPERVISOR}),
    "supervise": frozenset({Role.SUPERVISOR}),
    "export_unmasked": frozenset({Role.SUPERVISOR}),
    "catalog": frozenset(),
    "users": frozenset(),
    "office": frozenset(),
    "backup": frozenset(),  # a backup holds every citizen's data: administrators only
}


def require(actor: Actor, permission: str) -> None:
    if actor.role is Role.ADMIN or actor.role in PERMISSIONS[permission]:
        return
    raise PermissionDenied(
        "E_FORBIDDEN",
        f"Tài khoản {actor.username} ({actor.role.label}) không có quyền thực hiện việc này.",
        hint="Đăng nhập bằng tài khoản có quyền hoặc liên hệ quản trị viên.",
        permission=permission,
    )


@dataclass
class Core:
    """Everything a use case needs; built once per process by `open_core`."""

    settings: Settings
    db: Database
    protector: Protector
    key_origin: str = "keyring"
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    _calendar: WorkingCalendar | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def now(self) -> datetime:
        return self.clock()

    def local_now(self) -> datetime:
        return self.clock().astimezone(VN_TZ)

    def uow(self, *, write: bool = True) -> UnitOfWork:
        return UnitOfWork(self, write=write)

    def calendar(self) -> WorkingCalendar:
        with self._lock:
            if self._calendar is None:
                with self.db.session(write=False) as session:
                    rows = session.scalars(select(m.CalendarOverride)).all()
                    overrides = [CalendarOverride(r.day, r.working, r.note) for r in rows]
                self._calendar = WorkingCalendar(overrides=overrides)
            return self._calendar

    def invalidate_calendar(self) -> None:
        with self._lock:
            self._calendar = None

    def close(self) -> None:
        self.db.dispose()


def key_fallback_file(data_dir: Path) -> Path:
    """Where the data key lives when the OS has no keyring: outside the data folder (a copied
    data folder must reveal nothing), one file per data folder (two offices, two keys)."""
    tag = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "keys" / f"{tag}.key"


def connect_url(settings: Settings) -> str:
    """The database URL to connect with: a PostgreSQL password comes from the OS keyring
    (`database.password_key`), never from a configuration file."""
    url = settings.database_url
    key = settings.database.password_key
    if not key or url.startswith("sqlite"):
        return url
    parsed = make_url(url)
    if parsed.password:
        return url
    password = require_secret(key, f"mật khẩu cơ sở dữ liệu ({key})")
    return parsed.set(password=password).render_as_string(hide_password=False)


def open_core(
    settings: Settings,
    *,
    migrate: bool = True,
    create_key: bool = True,
    clock: Callable[[], datetime] | None = None,
) -> Core:
    """Open (and migrate) the configured database; the entry point of every front end."""
    db = Database(connect_url(settings), synchronous=settings.database.sqlite_synchronous)
    protector, origin = load_protector(key_fallback_file(settings.data_dir), create=create_key)
    if migrate and db.needs_migration():
        if db.has_tables():  # an existing office, not a first start: keep a way back
            from counter_app.services.backup import before_migration

            before_migration(settings, db, protector=protector)
        db.migrate()
    core = Core(settings=settings, db=db, protector=protector, key_origin=origin)
    if clock is not None:
        core.clock = clock
    return core


class UnitOfWork:
    """One transaction: rolls back unless `commit()` is called.

    Audit events and outbox rows are added through it, so they commit with the change or not
    at all.
    """

    session: Session

    def __init__(self, core: Core, *, write: bool = True) -> None:
        self.core = core
        self.write = write
        self._committed = False

    def __enter__(self) -> Self:
        self._cm = self.core.db.session(write=self.write)
        self.session = self._cm.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if not self._committed:
                self.session.rollback()
        finally:
            self._cm.__exit__(exc_type, exc, tb)

    def commit(self) -> None:
        self.session.commit()
        self._committed = True

    # -- audit ------------------------------------------------------------------------------

    def audit(
        self,
        actor: Actor,
        action: str,
        object_type: str,
        object_id: str = "",
        *,
        detail: str = "",
        subject_lookup: str = "",
    ) -> None:
        """Append an event to the hash-chained audit log (serialized per database)."""
        self.audit_many(actor, action, object_type, [(str(object_id), subject_lookup, detail)])

    def audit_many(
        self,
        actor: Actor,
        action: str,
        object_type: str,
        events: Sequence[tuple[str, str, str]],
    ) -> None:
        """Append several events (object id, subject lookup, detail) with one read of the
        chain's end: bulk readers such as the sync audit each dossier without a flush each."""
        if not events:
            return
        session = self.session
        if self.core.db.dialect == "postgresql":
            # One chain: appenders on different PCs take turns (released at commit).
            session.execute(select(_pg_lock(0x4155444954)))  # "AUDIT"
        last = session.execute(
            select(m.AuditEvent.hash).order_by(m.AuditEvent.id.desc()).limit(1)
        ).scalar_one_or_none()
        prev, at = last or GENESIS_HASH, self.core.now()
        for object_id, subject_lookup, detail in events:
            event = m.AuditEvent(
                at=at,
                user_id=actor.user_id,
                username=actor.username,
                action=action,
                object_type=object_type,
                object_id=str(object_id),
                subject_lookup=subject_lookup,
                detail=detail,
                workstation=self.core.settings.workstation,
                prev_hash=prev,
                hash="",
            )
            event.hash = prev = audit_hash(event)
            session.add(event)

    # -- outbox -----------------------------------------------------------------------------

    def enqueue(
        self,
        kind: str,
        dossier_id: int | None,
        *,
        ref_id: int | None = None,
        payload: dict[str, Any] | None = None,
    ) -> None:
        """A change the provincial system must learn about, written with the change."""
        now = self.core.now()
        self.session.add(
            m.OutboxRow(
                key=str(uuid.uuid4()),
                dossier_id=dossier_id,
                kind=kind,
                ref_id=ref_id,
                payload=payload or {},
                created_at=now,
                next_attempt_at=now,
                state="pending",
            )
        )


def _pg_lock(key: int) -> Any:
    from sqlalchemy import func

    return func.pg_advisory_xact_lock(key)


def audit_hash(event: m.AuditEvent) -> str:
    """Hash of an event's content and its predecessor's hash (the chain link)."""
    at = event.at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    body = json.dumps(
        [
            event.prev_hash,
            at,
            event.user_id,
            event.username,
            event.action,
            event.object_type,
            event.object_id,
            event.subject_lookup,
            event.detail,
            event.workstation,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
