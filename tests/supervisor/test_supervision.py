"""The supervisor's acts on one dossier: apology with a new date (Mẫu 04), reassignment,
paper hand-overs (Mẫu 05 rows), and the dossier's full history."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from counter_app.errors import AppError, PermissionDenied
from counter_app.services import dossier_history, queue, supervision, users
from counter_app.services.context import SYSTEM, Core
from counter_app.services.queue import Category, GroupBy, Period
from counter_app.storage import models as m
from tests.supervisor.conftest import Staff, Week
from tests.support.factories import vn

MON = date(2026, 8, 24)


def count(core: Core, model: type) -> int:
    with core.uow(write=False) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def last_audit(core: Core) -> tuple[str, str, str]:
    """(action, object id, username) of the newest audit event."""
    with core.uow(write=False) as uow:
        event = uow.session.scalars(select(m.AuditEvent).order_by(m.AuditEvent.id.desc())).first()
        assert event is not None
        return event.action, event.object_id, event.username


def outbox_events(core: Core, code: str) -> list[str]:
    with core.uow(write=False) as uow:
        rows = uow.session.scalars(
            select(m.OutboxRow)
            .join(m.Dossier, m.Dossier.id == m.OutboxRow.dossier_id)
            .where(m.Dossier.code == code)
            .order_by(m.OutboxRow.id)
        )
        return [r.kind for r in rows]


def test_apology_records_a_new_date_but_the_dossier_stays_overdue(
    ready_core: Core, staff: Staff, week: Week
) -> None:
    sup = staff.supervisor
    entry = supervision.issue_apology(
        ready_core, sup, week.cutoff, "Chờ xác minh chữ ký tại cơ quan khác", date(2026, 8, 27)
    )
    assert entry.new_appointment_at == vn(2026, 8, 27, 17, 0)
    assert entry.previous_due_at == vn(2026, 8, 21, 17, 0)
    assert last_audit(ready_core) == ("apology", week.cutoff, "lanhdao")
    assert outbox_events(ready_core, week.cutoff)[-1] == "apology"
    # Judged against the original promise: still late today, with the new date shown.
    late = queue.dossiers(ready_core, sup, Period.day(MON), Category.OVERDUE).rows
    row = next(r for r in late if r.code == week.cutoff)
    assert row.new_appointment_at == vn(2026, 8, 27, 17, 0)
    # And on the new day it is among the dossiers due.
    due = queue.dossiers(ready_core, sup, Period.day(date(2026, 8, 27)), Category.DUE).rows
    assert week.cutoff in {r.code for r in due}
    detail = dossier_history.detail(ready_core, sup, week.cutoff)
    assert [a.reason for a in detail.apologies] == ["Chờ xác minh chữ ký tại cơ quan khác"]
    assert any(e.kind == "apology" for e in detail.timeline())


@pytest.mark.parametrize(
    ("new_day", "reason", "error"),
    [
        (date(2026, 8, 30), "Chờ xác minh", "E_APPOINTMENT_DAY_OFF"),  # Sunday
        (date(2026, 8, 31), "Chờ xác minh", "E_APPOINTMENT_DAY_OFF"),  # off for Saturday 22/8
        (date(2026, 8, 21), "Chờ xác minh", "E_APPOINTMENT_TOO_EARLY"),  # before the deadline
        (date(2026, 8, 27), "   ", "E_REASON_REQUIRED"),
    ],
)
def test_a_wrong_apology_is_refused_and_writes_nothing(
    ready_core: Core, staff: Staff, week: Week, new_day: date, reason: str, error: str
) -> None:
    before = (count(ready_core, m.Apology), count(ready_core, m.OutboxRow))
    with pytest.raises(AppError) as caught:
        supervision.issue_apology(ready_core, staff.supervisor, week.cutoff, reason, new_day)
    assert caught.value.code == error
    assert (count(ready_core, m.Apology), count(ready_core, m.OutboxRow)) == before


def test_a_second_apology_must_move_the_date_further(
    ready_core: Core, staff: Staff, week: Week
) -> None:
    sup = staff.supervisor
    supervision.issue_apology(ready_core, sup, week.cutoff, "Lần 1", date(2026, 8, 27))
    with pytest.raises(AppError) as caught:
        supervision.issue_apology(ready_core, sup, week.cutoff, "Lần 2", date(2026, 8, 26))
    assert caught.value.code == "E_APPOINTMENT_TOO_EARLY"


def test_no_apology_for_a_returned_dossier_nor_from_a_clerk(
    ready_core: Core, staff: Staff, week: Week
) -> None:
    with pytest.raises(AppError) as caught:
        supervision.issue_apology(ready_core, staff.supervisor, week.early, "x", date(2026, 8, 27))
    assert caught.value.code == "E_DOSSIER_CLOSED"
    with pytest.raises(PermissionDenied):
        supervision.issue_apology(ready_core, staff.lan, week.cutoff, "x", date(2026, 8, 27))


def test_reassigning_moves_the_dossier_to_the_new_officers_queue(
    ready_core: Core, staff: Staff, week: Week
) -> None:
    sup = staff.supervisor
    entry = supervision.reassign(ready_core, sup, week.cutoff, staff.hung.user_id, "Cân đối việc")
    assert (entry.from_name, entry.to_name) == ("Nguyễn Thị Lan", "Lê Văn Hùng")
    by_officer = queue.counts(
        ready_core, sup, Period.day(MON), group_by=GroupBy.OFFICER, categories=(Category.OVERDUE,)
    )
    overdue = {g.label: g.counts[Category.OVERDUE] for g in by_officer.groups}
    assert overdue == {"Lê Văn Hùng": 2}  # the reassigned one and his own Saturday one
    drill = queue.dossiers(
        ready_core,
        sup,
        Period.day(MON),
        Category.OVERDUE,
        group_by=GroupBy.OFFICER,
        group_key_value=str(staff.hung.user_id),
    )
    assert {r.code for r in drill.rows} == {week.cutoff, week.saturday_late}
    detail = dossier_history.detail(ready_core, sup, week.cutoff)
    assert detail.assignee_name == "Lê Văn Hùng"
    assert detail.reassignments[0].reason == "Cân đối việc"
    assert last_audit(ready_core)[0] == "view"
    assert outbox_events(ready_core, week.cutoff)[-1] == "reassign"


def test_reassigning_to_the_same_or_a_disabled_officer_is_refused(
    ready_core: Core, staff: Staff, week: Week
) -> None:
    sup = staff.supervisor
    with pytest.raises(AppError) as same:
        supervision.reassign(ready_core, sup, week.cutoff, staff.lan.user_id)
    assert same.value.code == "E_SAME_OFFICER"
    users.set_active(ready_core, SYSTEM, "hung", False)
    with pytest.raises(AppError) as disabled:
        supervision.reassign(ready_core, sup, week.cutoff, staff.hung.user_id)
    assert disabled.value.code == "E_USER_UNKNOWN"
    assert count(ready_core, m.Reassignment) == 0


def test_hand_overs_are_judged_early_on_time_or_late_at_their_moment(
    ready_core: Core, staff: Staff, week: Week
) -> None:
    lan, code = staff.lan, week.saturday_late  # due Saturday 22/8 10:00
    steps = [
        ("Bộ phận Một cửa", "Phòng Tư pháp", vn(2026, 8, 21, 10, 0)),
        ("Phòng Tư pháp", "Lãnh đạo UBND", vn(2026, 8, 22, 9, 30)),
        ("Lãnh đạo UBND", "Bộ phận Một cửa", vn(2026, 8, 24, 8, 0)),
    ]
    results = [
        supervision.add_handover(ready_core, lan, code, a, b, at=at).result for a, b, at in steps
    ]
    assert results == ["early", "on_time", "late"]
    rows = dossier_history.detail(ready_core, staff.supervisor, code).handovers
    assert [(r.from_party, r.to_party, r.result_label) for r in rows] == [
        ("Bộ phận Một cửa", "Phòng Tư pháp", "Trước hạn"),
        ("Phòng Tư pháp", "Lãnh đạo UBND", "Đúng hạn"),
        ("Lãnh đạo UBND", "Bộ phận Một cửa", "Quá hạn"),
    ]
    with ready_core.uow(write=False) as uow:  # the printing engineer's Mẫu 05 reads this table
        stored = uow.session.scalars(select(m.ControlSlipRow.result)).all()
    assert stored == ["early", "on_time", "late"]


@pytest.mark.parametrize(
    ("source", "target", "at", "error"),
    [
        ("Phòng Tư pháp", "phòng tư pháp", None, "E_HANDOVER_SAME"),
        ("Bộ phận Một cửa", "", None, "E_REQUIRED"),
        ("Bộ phận Một cửa", "Phòng Tư pháp", vn(2026, 8, 25, 9, 0), "E_HANDOVER_FUTURE"),
        ("Bộ phận Một cửa", "Phòng Tư pháp", vn(2026, 8, 18, 9, 0), "E_HANDOVER_EARLY"),
    ],
)
def test_a_wrong_hand_over_is_refused(
    ready_core: Core, staff: Staff, week: Week, source: str, target: str, at, error: str
) -> None:
    with pytest.raises(AppError) as caught:
        supervision.add_handover(ready_core, staff.lan, week.paused, source, target, at=at)
    assert caught.value.code == error
    assert count(ready_core, m.ControlSlipRow) == 0


def test_the_detail_shows_the_whole_history(ready_core: Core, staff: Staff, week: Week) -> None:
    code = week.early
    with ready_core.uow() as uow:
        dossier = uow.session.scalars(select(m.Dossier).where(m.Dossier.code == code)).one()
        uow.session.add(
            m.PrintedForm(
                dossier_id=dossier.id,
                form="01",
                template_id="tt01-2018/01",
                template_version="1",
                printed_by=staff.hung.user_id,
                printed_at=vn(2026, 8, 20, 9, 31),
            )
        )
        uow.session.add(
            m.Attachment(
                dossier_id=dossier.id,
                title="Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
                sha256="a" * 64,
                size=1000,
                pages=2,
                created_at=vn(2026, 8, 20, 9, 40),
            )
        )
        outbox = uow.session.scalars(
            select(m.OutboxRow).where(m.OutboxRow.dossier_id == dossier.id).order_by(m.OutboxRow.id)
        ).all()
        outbox[0].state, outbox[0].done_at = "done", vn(2026, 8, 20, 9, 35)
        outbox[1].state, outbox[1].last_error = "dead", "MaTTHC không tồn tại"
        uow.commit()
    audits = count(ready_core, m.AuditEvent)
    quiet = dossier_history.detail(ready_core, staff.supervisor, code, audit=False)
    assert count(ready_core, m.AuditEvent) == audits  # an automatic refresh is not a "view"
    detail = dossier_history.detail(ready_core, staff.supervisor, code)
    assert count(ready_core, m.AuditEvent) == audits + 1
    assert quiet.view.code == detail.view.code
    assert [int(h.to_status) for h in detail.view.history] == [2, 4, 9, 10]
    assert [(f.form, f.printed_by) for f in detail.forms] == [("01", "Lê Văn Hùng")]
    assert detail.attachments[0].pages == 2
    assert detail.sync_state.startswith("Bị từ chối: 1")
    kinds = [e.kind for e in detail.timeline()]
    assert {"status", "form", "attachment", "sync"} <= set(kinds)
    moments = [e.at for e in detail.timeline()]
    assert moments == sorted(moments)
