"""What users see of the sync: the backlog, the last success, rejected rows, per-dossier state;
and "send again" for rejected rows once the cause is fixed."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from counter_app.errors import NotFound
from counter_app.services.context import Actor, Core, require
from counter_app.storage import models as m
from counter_app.text import clean
from sync import outbox
from sync.outbox import DEAD, PENDING, SENDING

O = m.OutboxRow
LAST_SUCCESS = "last_success_at"
LAST_ERROR = "last_error"
LAST_ERROR_AT = "last_error_at"
LAST_PULL = "last_pull_at"
PULL_CURSOR = "pull_cursor"
KIND_LABELS = {
    "dossier": "Hồ sơ",
    "progress": "Tiến độ xử lý",
    "attachment": "Tệp đính kèm",
    "notify": "Tin nhắn",  # "your result is ready" to the citizen
}


@dataclass(frozen=True)
class SyncSnapshot:
    pending: int  # waiting (incl. retries not yet due)
    sending: int
    dead: int  # rejected upstream: need a fix and "send again"
    last_success_at: datetime | None
    last_error: str
    last_error_at: datetime | None
    last_pull_at: datetime | None
    oldest_waiting_at: datetime | None
    paused_for: float = 0.0  # filled by a running loop: the endpoint is paused this long

    @property
    def backlog(self) -> int:
        return self.pending + self.sending

    def to_dict(self) -> dict[str, object]:
        return {
            "backlog": self.backlog,
            "pending": self.pending,
            "sending": self.sending,
            "dead": self.dead,
            "last_success_at": _iso(self.last_success_at),
            "last_error": self.last_error,
            "last_error_at": _iso(self.last_error_at),
            "last_pull_at": _iso(self.last_pull_at),
            "oldest_waiting_at": _iso(self.oldest_waiting_at),
        }


@dataclass(frozen=True)
class DeadRow:
    id: int
    kind: str
    dossier_code: str
    holder_name: str
    attempts: int
    reason: str
    created_at: datetime

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


class SyncState(enum.StrEnum):
    NONE = "none"  # nothing to send
    WAITING = "waiting"
    SENT = "sent"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {
            "none": "Không cần gửi",
            "waiting": "Chờ gửi lên tỉnh",
            "sent": "Đã gửi lên tỉnh",
            "rejected": "Tỉnh từ chối",
        }[self.value]


@dataclass(frozen=True)
class DossierSync:
    state: SyncState
    waiting: int = 0
    reason: str = ""  # the province's answer when rejected, else the last error of a retry


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def snapshot(core: Core) -> SyncSnapshot:
    with core.uow(write=False) as uow:
        session = uow.session
        counts: dict[str, int] = {
            state: count
            for state, count in session.execute(
                select(O.state, func.count())
                .where(O.state.in_((PENDING, SENDING, DEAD)))
                .group_by(O.state)
            )
        }
        oldest = session.scalar(
            select(func.min(O.created_at)).where(O.state.in_((PENDING, SENDING)))
        )
        meta = outbox.get_meta(session, [LAST_SUCCESS, LAST_ERROR, LAST_ERROR_AT, LAST_PULL])
    return SyncSnapshot(
        pending=counts.get(PENDING, 0),
        sending=counts.get(SENDING, 0),
        dead=counts.get(DEAD, 0),
        last_success_at=_moment(meta.get(LAST_SUCCESS)),
        last_error=meta.get(LAST_ERROR, ""),
        last_error_at=_moment(meta.get(LAST_ERROR_AT)),
        last_pull_at=_moment(meta.get(LAST_PULL)),
        oldest_waiting_at=oldest,
    )


def dead_rows(core: Core, limit: int = 500) -> list[DeadRow]:
    with core.uow(write=False) as uow:
        rows = uow.session.execute(
            select(
                O.id,
                O.kind,
                m.Dossier.code,
                m.Dossier.holder_name,
                O.attempts,
                O.last_error,
                O.created_at,
            )
            .outerjoin(m.Dossier, m.Dossier.id == O.dossier_id)
            .where(O.state == DEAD)
            .order_by(O.id)
            .limit(limit)
        ).all()
    return [DeadRow(r[0], r[1], r[2] or "", r[3] or "", r[4], r[5], r[6]) for r in rows]


def dossier_states(core: Core, dossier_ids: Sequence[int]) -> dict[int, DossierSync]:
    """Per dossier: rejected (with the province's reason) > waiting > sent > nothing."""
    out = {i: DossierSync(SyncState.NONE) for i in dossier_ids}
    if not dossier_ids:
        return out
    with core.uow(write=False) as uow:
        rows = uow.session.execute(
            select(O.dossier_id, O.state, O.last_error)
            # The citizen's messages are not the province's business: not in this state.
            .where(O.dossier_id.in_(list(dossier_ids)), O.kind.not_in(outbox.LOCAL_KINDS))
            .order_by(O.id)
        ).all()
    by_dossier: dict[int, list[tuple[str, str]]] = {}
    for dossier_id, state, error in rows:
        if dossier_id is None:
            continue
        by_dossier.setdefault(dossier_id, []).append((state, error))
    for dossier_id, states in by_dossier.items():
        dead = [e for s, e in states if s == DEAD]
        waiting = [e for s, e in states if s in (PENDING, SENDING)]
        if dead:
            out[dossier_id] = DossierSync(SyncState.REJECTED, len(waiting) + len(dead), dead[0])
        elif waiting:
            last = next((e for e in waiting if e), "")
            out[dossier_id] = DossierSync(SyncState.WAITING, len(waiting), last)
        else:
            out[dossier_id] = DossierSync(SyncState.SENT)
    return out


def dossier_state(core: Core, code: str) -> DossierSync:
    with core.uow(write=False) as uow:
        dossier_id = uow.session.scalar(
            select(m.Dossier.id).where(m.Dossier.code == clean(code).upper())
        )
    if dossier_id is None:
        raise NotFound("E_DOSSIER_UNKNOWN", f"Không tìm thấy hồ sơ mã {code!r}.")
    return dossier_states(core, [dossier_id])[dossier_id]


def send_again(
    core: Core, actor: Actor, ids: Sequence[int] | None = None, *, dossier_code: str = ""
) -> list[int]:
    """Rejected rows back into the queue (after the cause was fixed). `ids` None and no
    dossier: every rejected row. Audited; returns the ids revived."""
    require(actor, "process")
    with core.uow() as uow:
        chosen: Sequence[int] | None = ids
        if dossier_code:
            chosen = list(
                uow.session.scalars(
                    select(O.id)
                    .join(m.Dossier, m.Dossier.id == O.dossier_id)
                    .where(m.Dossier.code == clean(dossier_code).upper(), O.state == DEAD)
                )
            )
        revived = outbox.revive(uow.session, core.now(), chosen)
        if revived:
            uow.audit(
                actor,
                "sync_retry",
                "outbox",
                ",".join(map(str, revived))[:80],
                detail=f"Gửi lại {len(revived)} thay đổi bị tỉnh từ chối",
            )
        uow.commit()
    return revived
