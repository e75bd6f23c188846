"""Claimed outbox rows → jobs: the dossiers' read models, loaded in bulk, reading audited.

The clear ID number (MaDoiTuong) is personal data: each dossier the sync reads for sending is
an audit event (action "sync"), in the same transaction as the claim.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from counter_app.services.context import Actor, Role, UnitOfWork
from counter_app.services.views import dossier_view
from counter_app.storage import models as m
from sync.jobs import AttachmentInfo, ChangeInfo, DossierPacket, Job
from sync.outbox import DONE, Claimed, get_meta

SYNC_ACTOR = Actor(None, "sync", "Hệ thống một cửa tỉnh", Role.ADMIN)
NEEDS_DOSSIER = ("dossier", "progress", "attachment")
READ_DETAIL = "Đọc hồ sơ (kèm số định danh) để gửi lên hệ thống một cửa tỉnh"


def upload_key(attachment_id: int) -> str:
    """Where the province's id and link of an uploaded file are kept (sync_meta)."""
    return f"upload:{attachment_id}"


def build_jobs(uow: UnitOfWork, rows: Sequence[Claimed]) -> list[Job]:
    session = uow.session
    dossier_ids = sorted({r.dossier_id for r in rows if r.dossier_id and r.kind in NEEDS_DOSSIER})
    dossiers = {
        d.id: d
        for d in session.scalars(
            select(m.Dossier)
            .where(m.Dossier.id.in_(dossier_ids))
            .options(
                selectinload(m.Dossier.components),
                selectinload(m.Dossier.fees),
                selectinload(m.Dossier.history),
                selectinload(m.Dossier.supplements),
            )
        )
    }
    change_ids = [r.ref_id for r in rows if r.kind == "progress" and r.ref_id]
    changes = {
        c.id: c
        for c in session.scalars(select(m.StatusChange).where(m.StatusChange.id.in_(change_ids)))
    }
    user_ids = {d.officer_id for d in dossiers.values() if d.officer_id} | {
        c.user_id for c in changes.values() if c.user_id
    }
    users = {
        u.id: (u.full_name, u.title)
        for u in session.execute(
            select(m.User.id, m.User.full_name, m.User.title).where(m.User.id.in_(user_ids))
        )
    }
    field_codes = {
        code: field_code
        for code, field_code in session.execute(
            select(m.Procedure.code, m.Procedure.field_code).where(
                m.Procedure.code.in_({d.procedure_code for d in dossiers.values()})
            )
        )
    }
    office = session.scalars(select(m.Office)).first()
    attachments = _attachments(uow, dossier_ids, dossiers)
    sent_before = set(
        session.scalars(
            select(m.OutboxRow.dossier_id)
            .where(
                m.OutboxRow.dossier_id.in_(dossier_ids),
                m.OutboxRow.kind == "dossier",
                m.OutboxRow.state == DONE,
            )
            .distinct()
        )
    )
    core = uow.core
    calendar, now = core.calendar(), core.now()
    due_soon = timedelta(hours=core.settings.counter.due_soon_hours)
    packets: dict[int, DossierPacket] = {}
    for d in dossiers.values():
        view = dossier_view(
            d,
            calendar=calendar,
            now=now,
            due_soon=due_soon,
            officer_name=users.get(d.officer_id or 0, ("", ""))[0],
            protector=core.protector,
        )
        packets[d.id] = DossierPacket(
            view=view,
            applicant_type=d.applicant_type,
            field_code=field_codes.get(d.procedure_code, ""),
            office_name=office.name if office else "",
            lead_agency=d.lead_agency or (office.agency_name if office else ""),
            attachments=tuple(attachments.get(d.id, ())),
            already_sent=d.id in sent_before,
        )
    uow.audit_many(
        SYNC_ACTOR,
        "sync",
        "dossier",
        [(d.code, d.holder_id_lookup, READ_DETAIL) for d in dossiers.values()],
    )
    return [_job(r, packets, changes, users) for r in rows]


def _job(
    row: Claimed,
    packets: dict[int, DossierPacket],
    changes: dict[int, m.StatusChange],
    users: dict[int, tuple[str, str]],
) -> Job:
    make = partial(Job, row.id, row.key, row.kind, row.attempts)
    if row.kind not in NEEDS_DOSSIER:
        return make()
    packet = packets.get(row.dossier_id or 0)
    if packet is None:
        return make(problem=f"Không tìm thấy hồ sơ #{row.dossier_id}.")
    if row.kind == "progress":
        change = changes.get(row.ref_id or 0)
        if change is None:
            return make(
                dossier=packet, problem=f"Không tìm thấy thay đổi trạng thái #{row.ref_id}."
            )
        info = ChangeInfo(
            id=change.id,
            from_status=change.from_status,
            to_status=change.to_status,
            at=change.at,
            user_name=change.user_name,
            user_title=users.get(change.user_id or 0, ("", ""))[1],
            reason=change.reason,
        )
        return make(dossier=packet, change=info)
    if row.kind == "attachment":
        found = next((a for a in packet.attachments if a.id == row.ref_id), None)
        if found is None:
            return make(dossier=packet, problem=f"Không tìm thấy tệp đính kèm #{row.ref_id}.")
        return make(dossier=packet, attachment=found)
    return make(dossier=packet)


def _attachments(
    uow: UnitOfWork, dossier_ids: list[int], dossiers: dict[int, m.Dossier]
) -> dict[int, list[AttachmentInfo]]:
    session = uow.session
    rows = list(
        session.scalars(
            select(m.Attachment)
            .where(m.Attachment.dossier_id.in_(dossier_ids))
            .order_by(m.Attachment.id)
        )
    )
    if not rows:
        return {}
    uploaded = get_meta(session, [upload_key(a.id) for a in rows])
    out: dict[int, list[AttachmentInfo]] = defaultdict(list)
    for a in rows:
        component = next(
            (c for c in dossiers[a.dossier_id].components if c.id == a.component_id), None
        )
        ref = json.loads(uploaded.get(upload_key(a.id), "{}"))
        out[a.dossier_id].append(
            AttachmentInfo(
                id=a.id,
                kind=a.kind,
                title=a.title,
                sha256=a.sha256,
                size=a.size,
                mime=a.mime,
                copy_type=a.copy_type,
                deleted=a.deleted,
                component_code=component.code if component else "",
                component_name=component.name if component else "",
                upstream_id=str(ref.get("id", "")),
                upstream_url=str(ref.get("url", "")),
            )
        )
    return out
