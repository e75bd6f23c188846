"""What a supervisor does with one dossier: issue the apology with a new date (Mẫu 04), hand
it to another officer, mark a paper hand-over (Mẫu 05 rows). Its history: `dossier_history`.

Each act is one transaction with an audit event and an outbox row of its own kind
("apology", "reassign", "handover"; `ref_id` points to the act's row). They are not status
changes, so they are not "progress" rows: the sync maps those to status changes. Until an
adapter maps these kinds, the sync loop accepts them as local-only (nothing sent upstream).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.status import OPEN_STATUSES, Status
from counter_app.domain.timeliness import Pause, Timeliness, assess
from counter_app.errors import NotFound, ValidationError
from counter_app.services.context import Actor, Core, require
from counter_app.services.dossier_history import (
    HANDOVER_LABELS,
    ApologyEntry,
    HandoverEntry,
    ReassignEntry,
    moment_text,
)
from counter_app.services.lifecycle import load_for_update
from counter_app.services.views import deadline_of
from counter_app.storage import models as m
from counter_app.text import clean

MAX_REASON = 2000
MAX_PARTY = 300


# -- acts -------------------------------------------------------------------------------------


def _text(value: str, what: str, *, limit: int, required: bool, code: str = "E_REQUIRED") -> str:
    text = clean(value, multiline=limit >= MAX_REASON)
    if required and not text:
        raise ValidationError(code, f"Cần ghi rõ {what}.")
    if len(text) > limit:
        raise ValidationError("E_TOO_LONG", f"Nội dung {what} dài quá {limit} ký tự.")
    return text


def _require_open(dossier: m.Dossier, *, allow_done: bool = False) -> None:
    status = Status(dossier.status)
    if status in OPEN_STATUSES or (allow_done and status is Status.DONE):
        return
    raise ValidationError(
        "E_DOSSIER_CLOSED",
        f"Hồ sơ {dossier.code} đang ở trạng thái {int(status)} ({status.label}): "
        "không thực hiện được việc này.",
    )


def _due_soon(core: Core) -> timedelta:
    return timedelta(hours=core.settings.counter.due_soon_hours)


def issue_apology(
    core: Core, actor: Actor, code: str, reason: str, new_appointment: datetime | date
) -> ApologyEntry:
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04): reason + new date, recorded.

    A bare date means the close of office hours on that day. The original appointment stays
    on the dossier: the dossier is still judged against it.
    """
    require(actor, "supervise")
    reason = _text(
        reason, "lý do chậm trả kết quả", limit=MAX_REASON, required=True, code="E_REASON_REQUIRED"
    )
    calendar = core.calendar()
    if isinstance(new_appointment, datetime):
        when = new_appointment if new_appointment.tzinfo else new_appointment.replace(tzinfo=VN_TZ)
    else:
        when = datetime.combine(new_appointment, calendar.office_hours[-1][1], tzinfo=VN_TZ)
    wall = when.astimezone(VN_TZ)
    if not calendar.is_working_day(wall.date()):
        raise ValidationError(
            "E_APPOINTMENT_DAY_OFF",
            f"Ngày hẹn mới {wall:%d/%m/%Y} là ngày nghỉ.",
            hint="Chọn một ngày làm việc.",
        )
    if not any(start <= when <= end for start, end in calendar.periods(wall.date())):
        raise ValidationError(
            "E_APPOINTMENT_HOURS", f"Giờ hẹn mới {wall:%H:%M} nằm ngoài giờ làm việc."
        )
    with core.uow() as uow:
        dossier = load_for_update(uow, code)
        _require_open(dossier)
        now = core.now()
        deadline = deadline_of(dossier, calendar, now, _due_soon(core))
        last = uow.session.scalars(
            select(m.Apology.new_appointment_at)
            .where(m.Apology.dossier_id == dossier.id)
            .order_by(m.Apology.issued_at.desc(), m.Apology.id.desc())
            .limit(1)
        ).first()
        in_force = max(deadline.due_at, last) if last else deadline.due_at
        if when <= max(in_force, now):
            raise ValidationError(
                "E_APPOINTMENT_TOO_EARLY",
                f"Ngày hẹn mới phải sau hạn đang có hiệu lực ({moment_text(max(in_force, now))}).",
            )
        apology = m.Apology(
            dossier_id=dossier.id,
            issued_at=now,
            issued_by=actor.user_id,
            issued_by_name=actor.full_name,
            reason=reason,
            previous_due_at=in_force,
            new_appointment_at=when,
        )
        uow.session.add(apology)
        dossier.updated_at = now
        uow.session.flush()
        uow.audit(
            actor,
            "apology",
            "dossier",
            dossier.code,
            subject_lookup=dossier.holder_id_lookup,
            detail=f"Mẫu 04: hẹn lại {moment_text(when)}. {reason}"[:1000],
        )
        uow.enqueue(
            "apology",
            dossier.id,
            ref_id=apology.id,
            payload={
                "event": "apology",
                "reason": reason,
                "new_appointment_at": when.isoformat(),
                "by": actor.full_name,
            },
        )
        uow.commit()
        return ApologyEntry(now, actor.full_name, reason, in_force, when)


def officers(core: Core, actor: Actor) -> list[tuple[int, str]]:
    """Active accounts a dossier can be handed to: (id, "Name (counter)")."""
    require(actor, "supervise")
    with core.uow(write=False) as uow:
        rows = uow.session.execute(
            select(m.User.id, m.User.full_name, m.User.counter)
            .where(m.User.active.is_(True))
            .order_by(m.User.full_name)
        )
        return [
            (uid, f"{name} (quầy {counter})" if counter else name) for uid, name, counter in rows
        ]


def reassign(
    core: Core, actor: Actor, code: str, to_user_id: int, reason: str = ""
) -> ReassignEntry:
    """Hand the dossier to another officer (cán bộ xử lý)."""
    require(actor, "supervise")
    reason = _text(reason, "lý do", limit=MAX_REASON, required=False)
    with core.uow() as uow:
        dossier = load_for_update(uow, code)
        _require_open(dossier, allow_done=True)
        target = uow.session.get(m.User, to_user_id)
        if target is None or not target.active:
            raise NotFound(
                "E_USER_UNKNOWN",
                "Không có cán bộ này hoặc tài khoản đã bị khoá.",
                hint="Chọn một cán bộ đang làm việc.",
            )
        current = dossier.assignee_id or dossier.officer_id
        if current == target.id:
            raise ValidationError(
                "E_SAME_OFFICER", f"Hồ sơ {dossier.code} đang do {target.full_name} xử lý."
            )
        previous = uow.session.get(m.User, current) if current else None
        now = core.now()
        row = m.Reassignment(
            dossier_id=dossier.id,
            at=now,
            from_user_id=current,
            to_user_id=target.id,
            by_user_id=actor.user_id,
            by_name=actor.full_name,
            reason=reason,
        )
        uow.session.add(row)
        dossier.assignee_id = target.id
        dossier.updated_at = now
        uow.session.flush()
        uow.audit(
            actor,
            "reassign",
            "dossier",
            dossier.code,
            subject_lookup=dossier.holder_id_lookup,
            detail=f"{previous.full_name if previous else '—'} → {target.full_name}. {reason}"[
                :1000
            ],
        )
        uow.enqueue(
            "reassign",
            dossier.id,
            ref_id=row.id,
            payload={"event": "reassign", "officer": target.full_name, "title": target.title},
        )
        uow.commit()
        return ReassignEntry(
            now, previous.full_name if previous else "", target.full_name, actor.full_name, reason
        )


def add_handover(
    core: Core,
    actor: Actor,
    code: str,
    from_party: str,
    to_party: str,
    *,
    at: datetime | None = None,
    note: str = "",
) -> HandoverEntry:
    """One hand-over of the paper dossier between departments (a row of Mẫu 05).

    The result column (trước hạn / đúng hạn / quá hạn) is judged at the moment of hand-over.
    """
    require(actor, "process")
    source = _text(from_party, "bên giao", limit=MAX_PARTY, required=True)
    target = _text(to_party, "bên nhận", limit=MAX_PARTY, required=True)
    note = _text(note, "ghi chú", limit=MAX_REASON, required=False)
    if source.casefold() == target.casefold():
        raise ValidationError("E_HANDOVER_SAME", "Bên giao và bên nhận phải khác nhau.")
    with core.uow() as uow:
        dossier = load_for_update(uow, code)
        if Status(dossier.status) in (Status.NEW_ONLINE, Status.NOT_RECEIVED):
            raise ValidationError("E_DOSSIER_CLOSED", "Hồ sơ chưa được tiếp nhận.")
        now = core.now()
        moment = at or now
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=VN_TZ)
        if moment > now + timedelta(minutes=5):
            raise ValidationError("E_HANDOVER_FUTURE", "Thời điểm bàn giao không thể ở tương lai.")
        if moment < dossier.received_at:
            raise ValidationError(
                "E_HANDOVER_EARLY", "Thời điểm bàn giao đứng trước lúc tiếp nhận hồ sơ."
            )
        result = handover_result(core, dossier, moment)
        row = m.ControlSlipRow(
            dossier_id=dossier.id,
            from_party=source,
            to_party=target,
            at=moment,
            result=result,
            note=note,
            user_id=actor.user_id,
        )
        uow.session.add(row)
        uow.session.flush()
        uow.audit(
            actor,
            "handover",
            "dossier",
            dossier.code,
            subject_lookup=dossier.holder_id_lookup,
            detail=f"Mẫu 05: {source} → {target} ({HANDOVER_LABELS[result]})"[:1000],
        )
        uow.enqueue(
            "handover",
            dossier.id,
            ref_id=row.id,
            payload={"event": "handover", "from": source, "to": target, "at": moment.isoformat()},
        )
        uow.commit()
        return HandoverEntry(moment, source, target, result, note, actor.full_name)


def handover_result(core: Core, dossier: m.Dossier, moment: datetime) -> str:
    """early | on_time | late for a hand-over at `moment`, from the calendar (not stored)."""
    ended = dossier.ended_at if dossier.ended_at and dossier.ended_at <= moment else None
    pauses = [
        Pause(s.requested_at, s.received_at if s.received_at and s.received_at <= moment else None)
        for s in dossier.supplements
        if s.requested_at <= moment
    ]
    deadline = assess(
        core.calendar(),
        appointment_at=dossier.appointment_at,
        pauses=pauses,
        ended_at=ended,
        now=moment,
        due_soon=_due_soon(core),
    )
    if deadline.verdict is Timeliness.OVERDUE:
        return "late"
    if moment.astimezone(VN_TZ).date() < deadline.due_at.astimezone(VN_TZ).date():
        return "early"
    return "on_time"
