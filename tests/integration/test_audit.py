"""The audit log is a hash chain: edits and deletions are found by `audit verify`."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select, update

from counter_app.services import audit, dossiers
from counter_app.services.context import SYSTEM, Core, Role
from counter_app.storage import models as m
from tests.support.factories import clerk, register, vn


def test_an_untouched_log_verifies(ready_core: Core) -> None:
    code = register(ready_core).code
    dossiers.show(ready_core, SYSTEM, code)
    report = audit.verify(ready_core)
    assert report.ok and report.checked >= 4


def test_an_edited_event_is_found(ready_core: Core) -> None:
    register(ready_core)
    with ready_core.uow() as uow:
        victim = uow.session.scalars(
            select(m.AuditEvent).where(
                m.AuditEvent.action == "create", m.AuditEvent.object_type == "dossier"
            )
        ).one()
        uow.session.execute(
            update(m.AuditEvent).where(m.AuditEvent.id == victim.id).values(username="someone-else")
        )
        uow.commit()
    report = audit.verify(ready_core)
    assert not report.ok and report.broken_at == victim.id
    assert "bị sửa" in report.problem


def test_a_deleted_event_is_found(ready_core: Core) -> None:
    register(ready_core)
    register(ready_core)
    with ready_core.uow() as uow:
        ids = uow.session.scalars(select(m.AuditEvent.id).order_by(m.AuditEvent.id)).all()
        uow.session.execute(delete(m.AuditEvent).where(m.AuditEvent.id == ids[2]))
        uow.commit()
    report = audit.verify(ready_core)
    assert not report.ok and report.broken_at == ids[3]


def test_who_saw_a_citizens_data_between_two_dates(ready_core: Core) -> None:
    lan = clerk(ready_core)
    boss = clerk(ready_core, "lanhdao", Role.SUPERVISOR)
    code = register(ready_core, lan, id_number="079195001234").code
    register(ready_core, lan, id_number="001090012345")
    dossiers.show(ready_core, boss, code)
    rows = audit.accesses(
        ready_core,
        boss,
        start=vn(2026, 11, 23, 0),
        end=vn(2026, 11, 23, 0) + timedelta(days=1),
        id_number="079195001234",
    )
    assert [(r.username, r.action) for r in rows] == [("canbo", "create"), ("lanhdao", "view")]
