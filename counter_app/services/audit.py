"""The audit log: verify the hash chain; answer "who saw whose data, when" for a breach report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from counter_app.services.context import GENESIS_HASH, Actor, Core, audit_hash, require
from counter_app.storage import models as m


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None  # id of the first event that does not fit the chain
    problem: str

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify(core: Core) -> ChainReport:
    """Walk the chain: an edited event changes its hash; a deleted one breaks the next link."""
    prev = GENESIS_HASH
    checked = 0
    last_id = 0
    with core.uow(write=False) as uow:
        for event in uow.session.scalars(
            select(m.AuditEvent).order_by(m.AuditEvent.id).execution_options(yield_per=2000)
        ):
            checked += 1
            if event.prev_hash != prev:
                return ChainReport(
                    checked,
                    event.id,
                    f"Sự kiện #{event.id} không nối với sự kiện trước "
                    f"(#{last_id}): có sự kiện bị xoá hoặc chèn.",
                )
            if audit_hash(event) != event.hash:
                return ChainReport(checked, event.id, f"Sự kiện #{event.id} đã bị sửa sau khi ghi.")
            prev = event.hash
            last_id = event.id
    return ChainReport(checked, None, "")


@dataclass(frozen=True)
class AccessRecord:
    at: datetime
    username: str
    action: str
    object_type: str
    object_id: str
    workstation: str
    detail: str
    subject_masked: str = ""  # the citizen concerned, ID masked (breach reports)


def accesses(
    core: Core, actor: Actor, *, start: datetime, end: datetime, id_number: str | None = None
) -> list[AccessRecord]:
    """Who accessed personal data between two moments (optionally: of one citizen)."""
    require(actor, "supervise")
    with core.uow() as uow:
        stmt = (
            select(m.AuditEvent)
            .where(
                m.AuditEvent.at >= start, m.AuditEvent.at < end, m.AuditEvent.subject_lookup != ""
            )
            .order_by(m.AuditEvent.id)
        )
        if id_number:
            stmt = stmt.where(m.AuditEvent.subject_lookup == core.protector.lookup(id_number))
        events = list(uow.session.scalars(stmt))
        lookups = sorted({e.subject_lookup for e in events})
        masked: dict[str, str] = {}
        for i in range(0, len(lookups), 500):  # bounded IN lists on every database
            pairs = uow.session.execute(
                select(m.Applicant.id_lookup, m.Applicant.id_masked).where(
                    m.Applicant.id_lookup.in_(lookups[i : i + 500])
                )
            )
            masked.update({lookup: shown for lookup, shown in pairs})
        rows = [
            AccessRecord(
                e.at,
                e.username,
                e.action,
                e.object_type,
                e.object_id,
                e.workstation,
                e.detail,
                masked.get(e.subject_lookup, ""),
            )
            for e in events
        ]
        uow.audit(actor, "export", "audit", detail=f"Trích xuất nhật ký truy cập: {len(rows)} dòng")
        uow.commit()
        return rows
