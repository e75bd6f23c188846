"""The outbox side of the sync: claim due rows, in order per dossier, and record the answer.

A row is sendable when it is pending (or its claim went stale), its next attempt is due, and
no earlier row of the same dossier is still not done: a dossier's changes reach the province
in the order they happened, progress waits for its dossier, and a dead row holds back its
successors until someone sends it again.

Messages to the citizen (kind "notify", LOCAL_KINDS) stand outside that order: they go to
an SMS/Zalo gateway, not the province, so a province that is down or a rejected case does
not hold back "your result is ready", and a failed message never holds back the hand-over's
progress. The loop claims them in a pass of their own (`claim(..., local=True)`).

Claims: SQLite has one writer, so an UPDATE … RETURNING inside `BEGIN IMMEDIATE` both picks
and marks rows atomically; PostgreSQL uses `SELECT … FOR UPDATE SKIP LOCKED` so loops on
several PCs never pick the same row. Every later write checks `claimed_by`, so a loop whose
claim was taken over (after `lease_seconds`) cannot overwrite the new owner's result.
"""

from __future__ import annotations

import os
import socket
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, exists, select, update
from sqlalchemy.orm import Session

from counter_app.storage import models as m

O = m.OutboxRow
T = cast(
    Table, O.__table__
)  # Core statements: these run per row and per batch; the ORM adds nothing here
DONE, PENDING, SENDING, DEAD = "done", "pending", "sending", "dead"
LOCAL_KINDS = ("notify",)  # to the citizen's phone, not the province: outside the order


@dataclass(frozen=True)
class Claimed:
    id: int
    key: str
    kind: str
    dossier_id: int | None
    ref_id: int | None
    attempts: int


def new_worker_id() -> str:
    """host|pid|nonce: lets a loop on the same PC see that a claim's owner has died."""
    return f"{socket.gethostname()}|{os.getpid()}|{uuid.uuid4().hex[:8]}"


def _sendable(now: datetime, local: bool = False) -> Any:
    due = and_(T.c.state == PENDING, T.c.next_attempt_at <= now)
    if local:
        return and_(due, T.c.kind.in_(LOCAL_KINDS))
    earlier = T.alias("earlier")
    return and_(
        due,
        T.c.kind.not_in(LOCAL_KINDS),
        ~exists().where(
            earlier.c.dossier_id == T.c.dossier_id,
            earlier.c.id < T.c.id,
            earlier.c.state != DONE,
            earlier.c.kind.not_in(LOCAL_KINDS),
        ),
    )


def claim(
    session: Session,
    dialect: str,
    worker: str,
    limit: int,
    now: datetime,
    lease: timedelta,
    due_by: datetime | None = None,
    *,
    local: bool = False,
) -> list[Claimed]:
    """Mark up to `limit` sendable rows as ours, oldest due first; the caller commits.

    `due_by` (default `now`): only rows due by then; a loop passes the start of its cycle so
    that a row it just scheduled for a retry waits for the next cycle, however short the delay.
    `local`: the citizen's messages (LOCAL_KINDS) instead of the province's rows.

    The scan walks the (state, next_attempt_at) index in order and stops after `limit`
    matches: its cost does not grow with the backlog, nor with years of done rows."""
    conn = session.connection()
    conn.execute(  # a claim whose owner went silent for a whole lease is up for grabs again
        update(T)
        .where(T.c.state == SENDING, T.c.claimed_at < now - lease)
        .values(state=PENDING, claimed_by="", claimed_at=None)
    )
    due = _sendable(due_by or now, local)
    picked = select(T.c.id).where(due).order_by(T.c.next_attempt_at, T.c.id).limit(limit)
    claim_values = {"state": SENDING, "claimed_by": worker, "claimed_at": now}
    columns = (T.c.id, T.c.key, T.c.kind, T.c.dossier_id, T.c.ref_id, T.c.attempts)
    if dialect == "postgresql":
        ids = list(conn.execute(picked.with_for_update(skip_locked=True, of=T)).scalars())
        if not ids:
            return []
        where = T.c.id.in_(ids)
    else:
        where = T.c.id.in_(picked.scalar_subquery())
    rows = conn.execute(update(T).where(where).values(**claim_values).returning(*columns))
    return sorted((Claimed(*r) for r in rows), key=lambda c: c.id)


def release_abandoned(session: Session) -> int:
    """Give back rows claimed by a loop on this PC whose process no longer exists (killed,
    crashed, switched off): they need not wait for the lease to run out."""
    owners = session.scalars(select(T.c.claimed_by).where(T.c.state == SENDING).distinct()).all()
    gone = [w for w in owners if w and _owner_is_gone(w)]
    if not gone:
        return 0
    result = session.connection().execute(
        update(T)
        .where(T.c.state == SENDING, T.c.claimed_by.in_(gone))
        .values(state=PENDING, claimed_by="", claimed_at=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _owner_is_gone(worker: str) -> bool:
    parts = worker.split("|")
    if len(parts) != 3 or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return False  # another PC, or an unknown format: only the lease can tell
    pid = int(parts[1])
    if pid == os.getpid():
        return False
    return not _process_alive(pid)


def _process_alive(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class Result:
    """What happened to one claimed row, ready to be written."""

    row: Claimed
    state: str  # done | pending (retry) | dead
    reason: str = ""
    next_at: datetime | None = None
    request_hash: str = ""
    response_hash: str = ""


def record(session: Session, worker: str, now: datetime, results: Sequence[Result]) -> int:
    """Write a group of answers in one statement per kind; returns how many rows were still
    ours (a row taken over by another loop after the lease is left to its new owner)."""
    mine = and_(
        T.c.id == bindparam("row_id"), T.c.state == SENDING, T.c.claimed_by == bindparam("w")
    )
    common = {
        "attempts": T.c.attempts + 1,
        "claimed_by": "",
        "claimed_at": None,
        "request_hash": bindparam("rq"),
        "response_hash": bindparam("rs"),
    }
    values = {
        DONE: {**common, "state": DONE, "done_at": now, "last_error": ""},
        PENDING: {
            **common,
            "state": PENDING,
            "next_attempt_at": bindparam("next_at"),
            "last_error": bindparam("reason"),
        },
        DEAD: {**common, "state": DEAD, "last_error": bindparam("reason")},
    }
    kept = 0
    for state, sets in values.items():
        params = [
            {
                "row_id": r.row.id,
                "w": worker,
                "rq": r.request_hash,
                "rs": r.response_hash,
                "reason": r.reason[:2000],
                "next_at": r.next_at or now,
            }
            for r in results
            if r.state == state
        ]
        if params:
            result = session.connection().execute(update(T).where(mine).values(**sets), params)
            kept += int(getattr(result, "rowcount", 0) or 0)
    return kept


def release(session: Session, rows: Sequence[Claimed], worker: str) -> None:
    """Give rows back untouched (stopping, or the endpoint paused before they were tried)."""
    if rows:
        session.connection().execute(
            update(T)
            .where(T.c.id.in_([r.id for r in rows]), T.c.state == SENDING, T.c.claimed_by == worker)
            .values(state=PENDING, claimed_by="", claimed_at=None)
        )


def revive(session: Session, now: datetime, ids: Sequence[int] | None = None) -> list[int]:
    """Dead rows back to pending (after a fix): `ids` None revives every dead row."""
    stmt = update(O).where(O.state == DEAD)
    if ids is not None:
        stmt = stmt.where(O.id.in_(list(ids)))
    result = session.execute(
        stmt.values(state=PENDING, attempts=0, next_attempt_at=now).returning(O.id)
    )
    return sorted(r[0] for r in result)


# -- sync state (key/value) -----------------------------------------------------------------


def put_meta(session: Session, dialect: str, now: datetime, values: dict[str, str]) -> None:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        for key, value in values.items():
            pg = pg_insert(m.SyncMeta).values(key=key, value=value, updated_at=now)
            session.execute(
                pg.on_conflict_do_update(
                    index_elements=["key"], set_={"value": value, "updated_at": now}
                )
            )
        return
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    for key, value in values.items():
        lite = sqlite_insert(m.SyncMeta).values(key=key, value=value, updated_at=now)
        session.execute(
            lite.on_conflict_do_update(
                index_elements=["key"], set_={"value": value, "updated_at": now}
            )
        )


def get_meta(session: Session, keys: Sequence[str]) -> dict[str, str]:
    rows = session.execute(select(m.SyncMeta.key, m.SyncMeta.value).where(m.SyncMeta.key.in_(keys)))
    return {k: v for k, v in rows}
