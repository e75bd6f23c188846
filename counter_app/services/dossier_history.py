"""One dossier's whole story for the supervisor: status changes, supplements, forms printed,
attachments, apologies, hand-overs, reassignments and what the provincial system has had.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from counter_app.domain.calendar import VN_TZ
from counter_app.services.context import Actor, Core, require
from counter_app.services.dossiers import view_in
from counter_app.services.views import DossierView
from counter_app.storage import models as m

SYNC_LABELS = {"pending": "Chờ gửi", "sending": "Đang gửi", "done": "Đã gửi", "dead": "Bị từ chối"}
OUTBOX_KINDS = {
    "dossier": "hồ sơ",
    "progress": "tiến độ",
    "attachment": "tệp đính kèm",
    "apology": "xin lỗi, hẹn lại",
    "reassign": "phân công",
    "handover": "bàn giao",
}
HANDOVER_LABELS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # status | supplement | form | attachment | apology | handover | reassign | sync
    text: str
    who: str = ""


@dataclass(frozen=True)
class PrintedFormEntry:
    form: str
    template_id: str
    template_version: str
    printed_at: datetime
    printed_by: str
    reprint: bool


@dataclass(frozen=True)
class AttachmentEntry:
    title: str
    kind: str
    pages: int
    size: int
    created_at: datetime
    signed_by: str
    deleted: bool


@dataclass(frozen=True)
class SyncEntry:
    kind: str
    state: str
    attempts: int
    created_at: datetime
    done_at: datetime | None
    last_error: str

    @property
    def state_label(self) -> str:
        return SYNC_LABELS.get(self.state, self.state)


@dataclass(frozen=True)
class ApologyEntry:
    issued_at: datetime
    issued_by: str
    reason: str
    previous_due_at: datetime
    new_appointment_at: datetime


@dataclass(frozen=True)
class HandoverEntry:
    """One row of the control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ)."""

    at: datetime
    from_party: str
    to_party: str
    result: str  # early | on_time | late
    note: str
    by: str

    @property
    def result_label(self) -> str:
        return HANDOVER_LABELS.get(self.result, self.result)


@dataclass(frozen=True)
class ReassignEntry:
    at: datetime
    from_name: str
    to_name: str
    by: str
    reason: str


@dataclass(frozen=True)
class DossierDetail:
    view: DossierView
    assignee_name: str
    forms: list[PrintedFormEntry] = field(default_factory=list)
    attachments: list[AttachmentEntry] = field(default_factory=list)
    sync: list[SyncEntry] = field(default_factory=list)
    apologies: list[ApologyEntry] = field(default_factory=list)
    handovers: list[HandoverEntry] = field(default_factory=list)
    reassignments: list[ReassignEntry] = field(default_factory=list)

    @property
    def sync_state(self) -> str:
        """One line for the provincial system's side of this dossier."""
        if not self.sync:
            return "Chưa có dữ liệu đồng bộ"
        states = [s.state for s in self.sync]
        if "dead" in states:
            return f"Bị từ chối: {states.count('dead')} bản ghi (xem lỗi, gửi lại)"
        waiting = len(states) - states.count("done")
        return f"Chờ gửi {waiting}/{len(states)} bản ghi" if waiting else "Đã đồng bộ đầy đủ"

    def timeline(self) -> list[TimelineEntry]:
        """Everything that happened to the dossier, oldest first."""
        v = self.view
        out = [
            TimelineEntry(
                h.at, "status", f"{int(h.to_status)} – {h.to_status.label}. {h.reason}", h.user_name
            )
            for h in v.history
        ]
        for s in v.supplements:
            out.append(TimelineEntry(s.requested_at, "supplement", f"Yêu cầu bổ sung: {s.reason}"))
            if s.received_at:
                out.append(TimelineEntry(s.received_at, "supplement", "Đã nhận hồ sơ bổ sung"))
        for f in self.forms:
            again = " (in lại)" if f.reprint else ""
            text = f"In Mẫu {f.form}{again} – {f.template_id} v{f.template_version}"
            out.append(TimelineEntry(f.printed_at, "form", text, f.printed_by))
        for a in self.attachments:
            state = " (đã xoá)" if a.deleted else ""
            text = f"Số hoá: {a.title or a.kind}, {a.pages} trang{state}"
            out.append(TimelineEntry(a.created_at, "attachment", text))
        for ap in self.apologies:
            text = f"Xin lỗi, hẹn lại {moment_text(ap.new_appointment_at)}: {ap.reason}"
            out.append(TimelineEntry(ap.issued_at, "apology", text, ap.issued_by))
        for h in self.handovers:
            text = f"Bàn giao {h.from_party} → {h.to_party} ({h.result_label})"
            out.append(TimelineEntry(h.at, "handover", text, h.by))
        for r in self.reassignments:
            text = f"Chuyển cán bộ xử lý: {r.from_name or '—'} → {r.to_name}"
            out.append(TimelineEntry(r.at, "reassign", text, r.by))
        for row in self.sync:
            moment = row.done_at or row.created_at
            kind = OUTBOX_KINDS.get(row.kind, row.kind)
            text = f"Đồng bộ ({kind}): {row.state_label}" + (
                f" – {row.last_error}" if row.last_error else ""
            )
            out.append(TimelineEntry(moment, "sync", text))
        return sorted(out, key=lambda e: e.at)


def moment_text(moment: datetime) -> str:
    return f"{moment.astimezone(VN_TZ):%H:%M %d/%m/%Y}"


def detail(core: Core, actor: Actor, code: str, *, audit: bool = True) -> DossierDetail:
    """One dossier with its full history. Opening it is audited (it shows personal data);
    an automatic refresh of an open dossier passes `audit=False`."""
    require(actor, "supervise")
    with core.uow(write=audit) as uow:
        s = uow.session
        view = view_in(uow, code)
        dossier = s.get_one(m.Dossier, view.id)
        names = dict(s.execute(select(m.User.id, m.User.full_name)).all())

        def name(user_id: int | None) -> str:
            return names.get(user_id, "") if user_id else ""

        assignee = dossier.assignee_id or dossier.officer_id
        forms = [
            PrintedFormEntry(
                f.form,
                f.template_id,
                f.template_version,
                f.printed_at,
                name(f.printed_by),
                f.reprint,
            )
            for f in s.scalars(
                select(m.PrintedForm)
                .where(m.PrintedForm.dossier_id == dossier.id)
                .order_by(m.PrintedForm.id)
            )
        ]
        attachments = [
            AttachmentEntry(a.title, a.kind, a.pages, a.size, a.created_at, a.signed_by, a.deleted)
            for a in s.scalars(
                select(m.Attachment)
                .where(m.Attachment.dossier_id == dossier.id)
                .order_by(m.Attachment.id)
            )
        ]
        sync = [
            SyncEntry(o.kind, o.state, o.attempts, o.created_at, o.done_at, o.last_error)
            for o in s.scalars(
                select(m.OutboxRow)
                .where(m.OutboxRow.dossier_id == dossier.id)
                .order_by(m.OutboxRow.id)
            )
        ]
        apologies = [
            ApologyEntry(
                a.issued_at, a.issued_by_name, a.reason, a.previous_due_at, a.new_appointment_at
            )
            for a in s.scalars(
                select(m.Apology).where(m.Apology.dossier_id == dossier.id).order_by(m.Apology.id)
            )
        ]
        handovers = [
            HandoverEntry(r.at, r.from_party, r.to_party, r.result, r.note, name(r.user_id))
            for r in s.scalars(
                select(m.ControlSlipRow)
                .where(m.ControlSlipRow.dossier_id == dossier.id)
                .order_by(m.ControlSlipRow.at, m.ControlSlipRow.id)
            )
        ]
        reassignments = [
            ReassignEntry(r.at, name(r.from_user_id), name(r.to_user_id), r.by_name, r.reason)
            for r in s.scalars(
                select(m.Reassignment)
                .where(m.Reassignment.dossier_id == dossier.id)
                .order_by(m.Reassignment.id)
            )
        ]
        if audit:
            uow.audit(
                actor, "view", "dossier", dossier.code, subject_lookup=dossier.holder_id_lookup
            )
            uow.commit()
        return DossierDetail(
            view, name(assignee), forms, attachments, sync, apologies, handovers, reassignments
        )
