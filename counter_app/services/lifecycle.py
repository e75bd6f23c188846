"""What happens to a dossier after intake: processing, supplements, refusal, withdrawal,
stopping, finishing and the hand-over (trả kết quả). Each is one transaction that writes the
status history, an audit event and an outbox row for the provincial system.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from counter_app.domain.identity import check_id
from counter_app.domain.status import END_OF_PROCESSING, Status, check_transition
from counter_app.errors import NotFound, ValidationError
from counter_app.services import result_notice
from counter_app.services.context import Actor, Core, UnitOfWork, require
from counter_app.storage import models as m
from counter_app.text import clean, mask_id

MAX_REASON = 2000


@dataclass(frozen=True)
class Moved:
    code: str
    status: Status
    at: datetime


def load_for_update(uow: UnitOfWork, code: str) -> m.Dossier:
    stmt = select(m.Dossier).where(m.Dossier.code == clean(code).upper())
    if uow.core.db.dialect == "postgresql":
        stmt = stmt.with_for_update()
    dossier = uow.session.scalars(stmt).one_or_none()
    if dossier is None:
        raise NotFound(
            "E_DOSSIER_UNKNOWN",
            f"Không tìm thấy hồ sơ mã {code!r}.",
            hint="Kiểm tra lại mã trên giấy tiếp nhận hoặc tìm theo tên, số định danh.",
        )
    return dossier


def move(
    uow: UnitOfWork,
    dossier: m.Dossier,
    target: Status,
    actor: Actor,
    reason: str,
    *,
    at: datetime | None = None,
    source: str = "local",
) -> m.StatusChange:
    """The one place a status changes: rules checked, history, end of processing, outbox."""
    current = Status(dossier.status)
    check_transition(current, target)
    at = at or uow.core.now()
    change = m.StatusChange(
        from_status=int(current),
        to_status=int(target),
        at=at,
        user_id=actor.user_id,
        user_name=actor.full_name,
        reason=reason,
        source=source,
    )
    dossier.history.append(change)
    dossier.status = int(target)
    dossier.status_at = at
    dossier.updated_at = uow.core.now()
    if target in END_OF_PROCESSING and dossier.ended_at is None:
        dossier.ended_at = at
    uow.session.flush()
    uow.audit(
        actor,
        "status",
        "dossier",
        dossier.code,
        subject_lookup=dossier.holder_id_lookup,
        detail=f"{int(current)}→{int(target)}: {reason}"[:1000],
    )
    if source == "local":
        uow.enqueue("progress", dossier.id, ref_id=change.id)
    if target is Status.DONE:  # ready to return, here or upstream: tell the citizen if asked
        result_notice.enqueue_ready(uow, dossier, change.id)
    return change


def _reason(text: str, what: str, *, required: bool = True) -> str:
    text = clean(text, multiline=True)
    if required and not text:
        raise ValidationError("E_REASON_REQUIRED", f"Cần ghi rõ lý do {what}.")
    if len(text) > MAX_REASON:
        raise ValidationError("E_TOO_LONG", f"Lý do dài quá {MAX_REASON} ký tự.")
    return text


def _run(core: Core, actor: Actor, code: str, permission: str, fn: Any) -> Moved:
    require(actor, permission)
    with core.uow() as uow:
        dossier = load_for_update(uow, code)
        fn(uow, dossier)
        uow.commit()
        return Moved(dossier.code, Status(dossier.status), dossier.status_at)


def start_processing(core: Core, actor: Actor, code: str, note: str = "") -> Moved:
    reason = _reason(note, "", required=False) or "Chuyển xử lý"
    return _run(
        core, actor, code, "process", lambda uow, d: move(uow, d, Status.PROCESSING, actor, reason)
    )


def request_supplement(
    core: Core, actor: Actor, code: str, reason: str, items: list[dict[str, Any]] | None = None
) -> Moved:
    """Yêu cầu bổ sung (Mẫu 02): the clock stops until the applicant brings the papers."""
    reason = _reason(reason, "yêu cầu bổ sung")
    clean_items = [
        {
            "name": clean(str(i.get("name", ""))),
            "copy_type": str(i.get("copy_type", "original")),
            "count": int(i.get("count", 1)),
        }
        for i in (items or [])
    ]

    def act(uow: UnitOfWork, d: m.Dossier) -> None:
        change = move(uow, d, Status.SUPPLEMENT_REQUESTED, actor, reason)
        d.supplements.append(
            m.SupplementRequest(
                requested_at=change.at, requested_by=actor.user_id, reason=reason, items=clean_items
            )
        )
        d.supplement_count += 1
        d.waiting_since = change.at

    return _run(core, actor, code, "process", act)


def receive_supplement(core: Core, actor: Actor, code: str, note: str = "") -> Moved:
    """The applicant brought the missing papers: the clock runs again."""
    text = _reason(note, "", required=False) or "Đã nhận hồ sơ bổ sung"

    def act(uow: UnitOfWork, d: m.Dossier) -> None:
        change = move(uow, d, Status.PROCESSING, actor, text)
        open_requests = [s for s in d.supplements if s.received_at is None]
        for s in open_requests:
            s.received_at = change.at
            s.received_by = actor.user_id
            s.note = text
        d.waiting_since = None

    return _run(core, actor, code, "process", act)


def refuse(core: Core, actor: Actor, code: str, reason: str) -> Moved:
    """Không tiếp nhận (Mẫu 03): only a dossier not yet received (online, status 1)."""
    reason = _reason(reason, "từ chối")
    return _run(
        core,
        actor,
        code,
        "process",
        lambda uow, d: move(uow, d, Status.NOT_RECEIVED, actor, reason),
    )


def withdraw(core: Core, actor: Actor, code: str, reason: str) -> Moved:
    reason = _reason(reason, "rút hồ sơ")
    return _run(
        core, actor, code, "process", lambda uow, d: move(uow, d, Status.WITHDRAWN, actor, reason)
    )


def stop(core: Core, actor: Actor, code: str, reason: str) -> Moved:
    """Dừng xử lý (Thông báo dừng giải quyết hồ sơ, Circular 03/2025)."""
    reason = _reason(reason, "dừng xử lý")
    return _run(
        core, actor, code, "process", lambda uow, d: move(uow, d, Status.STOPPED, actor, reason)
    )


def finish(
    core: Core, actor: Actor, code: str, note: str = "", *, at: datetime | None = None
) -> Moved:
    """Đã xử lý xong: the result is ready to return. From "received" it passes processing."""
    text = _reason(note, "", required=False) or "Đã có kết quả giải quyết"

    def act(uow: UnitOfWork, d: m.Dossier) -> None:
        if Status(d.status) is Status.RECEIVED:
            move(uow, d, Status.PROCESSING, actor, "Chuyển xử lý", at=at)
        move(uow, d, Status.DONE, actor, text, at=at)
        d.result_note = text

    return _run(core, actor, code, "process", act)


def hand_over(
    core: Core,
    actor: Actor,
    code: str,
    *,
    receiver_name: str = "",
    receiver_id: str = "",
    note: str = "",
) -> Moved:
    """Trả kết quả (status 10): who received the result and their ID are recorded."""
    name = clean(receiver_name)
    number = re.sub(r"[\s.\-]", "", clean(receiver_id))
    if len(name) > 200:
        raise ValidationError("E_TOO_LONG", "Họ tên người nhận dài quá 200 ký tự.")
    if number and not check_id(number).valid:
        raise ValidationError("E_ID_INVALID", "Số định danh của người nhận kết quả không hợp lệ.")
    text = _reason(note, "", required=False) or "Đã trả kết quả"

    def act(uow: UnitOfWork, d: m.Dossier) -> None:
        change = move(uow, d, Status.RETURNED, actor, text)
        d.returned_at = change.at
        d.receiver_name = name or d.submitter_name or d.holder_name
        d.receiver_id_sealed = uow.core.protector.seal(number)
        d.receiver_id_masked = mask_id(number)

    return _run(core, actor, code, "process", act)
