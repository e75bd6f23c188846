"""Registering a dossier: one transaction with code, appointment, history, audit and outbox."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from counter_app.domain.status import Status
from counter_app.errors import ConfigError, NotFound, PermissionDenied, ValidationError
from counter_app.services import dossiers, intake
from counter_app.services.context import SYSTEM, Core, Role
from counter_app.storage import models as m
from tests.conftest import Clock
from tests.support.factories import clerk, register, vn


def count(core: Core, model: type) -> int:
    with core.uow(write=False) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def test_register_writes_dossier_history_audit_and_outbox_together(ready_core: Core) -> None:
    actor = clerk(ready_core)
    result = register(ready_core, actor, received_at=vn(2026, 11, 23, 8, 30))
    assert result.code == "000.00.01.H22-261123-0001"
    view = dossiers.show(ready_core, actor, result.code)
    assert view.status is Status.RECEIVED
    assert [h.to_status for h in view.history] == [Status.RECEIVED]
    assert view.history[0].user_name == "Nguyễn Thị Lan"
    assert [c.name for c in view.components] == [
        "Tờ khai đăng ký khai sinh theo mẫu",
        "Giấy chứng sinh",
    ]  # required ones by default
    assert view.officer_name == "Nguyễn Thị Lan"
    assert view.counter == "2"
    with ready_core.uow(write=False) as uow:
        outbox = uow.session.scalars(select(m.OutboxRow)).all()
        assert [(o.kind, o.dossier_id, o.state) for o in outbox] == [
            ("dossier", view.id, "pending")
        ]
        actions = uow.session.scalars(select(m.AuditEvent.action)).all()
        assert "create" in actions and "view" in actions


def test_appointment_skips_the_24_11_holiday_and_respects_cutoff(
    ready_core: Core, clock: Clock
) -> None:
    # Mon 23/11/2026 at 15:30, after the 15:00 cut-off: the clock starts Wed 25/11 (24/11 is
    # Vietnamese Culture Day from 2026), so a 1-day procedure is due Wed 25/11 at 17:00.
    clock.set(vn(2026, 11, 23, 16))
    result = register(ready_core, received_at=vn(2026, 11, 23, 15, 30))
    assert result.appointment_at == vn(2026, 11, 25, 17, 0)


def test_daily_sequence_restarts_and_is_per_day(ready_core: Core, clock: Clock) -> None:
    clock.set(vn(2026, 11, 25, 10))
    codes = [
        register(ready_core, received_at=vn(2026, 11, 23, 9)).code,
        register(ready_core, received_at=vn(2026, 11, 23, 10)).code,
        register(ready_core, received_at=vn(2026, 11, 25, 9)).code,
    ]
    assert codes == [
        "000.00.01.H22-261123-0001",
        "000.00.01.H22-261123-0002",
        "000.00.01.H22-261125-0001",
    ]


def test_the_receipt_date_is_vietnam_time_not_utc(ready_core: Core, clock: Clock) -> None:
    # 06:30 on 24/11 in Hà Nội is still 23/11 in UTC.
    clock.set(vn(2026, 11, 24, 8))
    code = register(ready_core, received_at=vn(2026, 11, 24, 6, 30)).code
    assert "-261124-" in code


def test_configured_pattern_is_used(core: Core) -> None:
    from tests.support.factories import load_procedures, setup_office

    setup_office(core, unit_id="G09.20", code_pattern="{unit}-{date:%Y%m%d}-{seq:07d}")
    load_procedures(core)
    assert register(core, received_at=vn(2026, 11, 23, 9)).code == "G09.20-20261123-0000001"


def test_bad_input_is_refused_with_a_code_and_nothing_is_written(ready_core: Core) -> None:
    cases = [
        ({"name": ""}, "E_NAME_REQUIRED"),
        ({"id_number": "12345"}, "E_ID_INVALID"),
        ({"name": "x" * 201}, "E_TOO_LONG"),
        ({"phone": "call me"}, "E_PHONE"),
        ({"received_at": vn(2027, 1, 1)}, "E_RECEIVED_FUTURE"),
    ]
    for kwargs, code in cases:
        with pytest.raises(ValidationError) as err:
            register(ready_core, **kwargs)  # type: ignore[arg-type]
        assert err.value.code == code
    with pytest.raises(NotFound):
        register(ready_core, procedure="9.999999")
    assert count(ready_core, m.Dossier) == 0
    assert count(ready_core, m.OutboxRow) == 0
    assert count(ready_core, m.CodeSequence) == 0


def test_without_an_office_nothing_can_be_registered(core: Core) -> None:
    from tests.support.factories import load_procedures

    load_procedures(core)
    with pytest.raises(ConfigError) as err:
        register(core)
    assert err.value.code == "E_OFFICE_MISSING"


def test_id_numbers_are_sealed_masked_and_still_findable(ready_core: Core) -> None:
    code = register(ready_core, id_number="079203001245").code
    with ready_core.uow(write=False) as uow:
        row = uow.session.scalars(select(m.Dossier)).one()
        assert row.holder_id_masked == "0792******45"
        assert "079203001245" not in row.holder_id_sealed
        assert "079203001245" not in row.search_text
    assert dossiers.show(ready_core, SYSTEM, code, reveal=True).holder_id_number == "079203001245"
    assert [r.code for r in dossiers.search(ready_core, SYSTEM, "079 203 001 245")] == [code]


def test_a_known_id_brings_back_the_applicants_details(ready_core: Core) -> None:
    register(ready_core, name="Trần Thị Bích Ngọc", id_number="079195001234", phone="0987654321")
    person = intake.find_applicant(ready_core, SYSTEM, "079195001234")
    assert person is not None
    assert person.full_name == "Trần Thị Bích Ngọc"
    assert person.phone == "0987654321"
    assert intake.find_applicant(ready_core, SYSTEM, "001090099999") is None


def test_nfd_input_is_stored_as_nfc(ready_core: Core) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Lê Hoàng Đức")
    code = register(ready_core, name=nfd).code
    assert dossiers.show(ready_core, SYSTEM, code).holder_name == "Lê Hoàng Đức"


def test_a_supervisor_only_role_check_is_enforced_in_the_service(ready_core: Core) -> None:
    from counter_app.services.context import Actor

    viewer = Actor(None, "guest", "Khách", Role.CLERK)
    register(ready_core, viewer)  # clerks may register
    with pytest.raises(PermissionDenied):
        from counter_app.domain.catalog_format import ParsedCatalog
        from counter_app.services import catalog

        catalog.import_parsed(ready_core, viewer, ParsedCatalog((), ()), source="x")
