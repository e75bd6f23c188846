"""Roles are enforced by the services themselves, not only by hidden menus.

Each test calls a service directly, as any front end (or a tampered one) could.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from counter_app.domain.catalog_format import ParsedCatalog
from counter_app.errors import AppError, PermissionDenied
from counter_app.services import (
    audit,
    backup,
    calendar_days,
    catalog,
    dossiers,
    intake,
    lifecycle,
    office,
    restore,
    users,
)
from counter_app.services.context import Actor, Core, Role
from counter_app.storage import models as m
from tests.support.factories import PROCEDURES, UNIT, clerk, register, vn

PASSWORD = "matkhau-123"


@pytest.fixture
def staff(ready_core: Core) -> dict[Role, Actor]:
    return {
        Role.CLERK: clerk(ready_core, "canbo", Role.CLERK),
        Role.SUPERVISOR: clerk(ready_core, "lanhdao", Role.SUPERVISOR),
        Role.ADMIN: clerk(ready_core, "quantri", Role.ADMIN),
    }


def _admin_only(core: Core, tmp_path: Path) -> dict[str, Callable[[Actor], Any]]:
    """Every administrator action, as a function of who attempts it."""
    return {
        "add user": lambda a: users.add_user(core, a, "moi", "Người Mới", "admin", PASSWORD),
        "reset password": lambda a: users.reset_password(core, a, "canbo", "mat-khau-moi-1"),
        "disable user": lambda a: users.set_active(core, a, "canbo", False),
        "import catalogue": lambda a: catalog.import_parsed(
            core, a, ParsedCatalog(PROCEDURES[:1], ()), source="x"
        ),
        "change office": lambda a: office.setup_office(
            core, a, office.OfficeInput(unit_id=UNIT, name="Tên bị đổi")
        ),
        "add day off": lambda a: calendar_days.set_override(core, a, date(2026, 12, 1), False),
        "backup": lambda a: backup.backup(core, a, tmp_path / f"{a.username}.zip"),
        "restore": lambda a: restore.restore(core.settings, tmp_path / "any.zip", actor=a),
    }


@pytest.mark.parametrize("role", [Role.CLERK, Role.SUPERVISOR])
def test_only_administrators_manage_users_catalogue_office_and_backups(
    ready_core: Core, staff: dict[Role, Actor], tmp_path: Path, role: Role
) -> None:
    before = _counts(ready_core)
    for what, attempt in _admin_only(ready_core, tmp_path).items():
        with pytest.raises(PermissionDenied) as err:
            attempt(staff[role])
        assert err.value.code == "E_FORBIDDEN", what
        assert role.label in err.value.message
    assert _counts(ready_core) == before  # refused means nothing written, not even half
    assert list(tmp_path.glob("*.zip")) == []


def test_an_administrator_may_do_all_of_it(
    ready_core: Core, staff: dict[Role, Actor], tmp_path: Path
) -> None:
    admin = staff[Role.ADMIN]
    for what, attempt in _admin_only(ready_core, tmp_path).items():
        if what == "restore":
            continue  # needs a real backup: tests/security/test_backup.py
        attempt(admin)
    assert (tmp_path / "quantri.zip").is_file()
    assert not next(u for u in users.list_users(ready_core) if u.username == "canbo").active


def test_the_breach_report_is_for_supervisors_not_clerks(
    ready_core: Core, staff: dict[Role, Actor]
) -> None:
    register(ready_core, staff[Role.CLERK])
    window = {"start": vn(2026, 11, 23, 0), "end": vn(2026, 11, 24, 0)}
    with pytest.raises(PermissionDenied):
        audit.accesses(ready_core, staff[Role.CLERK], **window)
    rows = audit.accesses(ready_core, staff[Role.SUPERVISOR], **window)
    assert [(r.username, r.action) for r in rows] == [("canbo", "create")]
    assert rows[0].subject_masked == "0010******45"


def test_clerks_do_the_counters_work(ready_core: Core, staff: dict[Role, Actor]) -> None:
    lan = staff[Role.CLERK]
    code = register(ready_core, lan).code
    assert dossiers.show(ready_core, lan, code).code == code
    assert [r.code for r in dossiers.search(ready_core, lan, "nguyen van an")] == [code]
    lifecycle.start_processing(ready_core, lan, code)
    assert intake.find_applicant(ready_core, lan, "001090012345") is not None


def test_repeated_wrong_passwords_lock_the_account_until_the_lockout_ends(
    ready_core: Core, staff: dict[Role, Actor], clock: Any
) -> None:
    limit = ready_core.settings.security.max_failed_logins
    for _ in range(limit):
        with pytest.raises(AppError) as err:
            users.authenticate(ready_core, "canbo", "sai-mat-khau")
        assert err.value.code == "E_LOGIN_FAILED"
    with pytest.raises(AppError) as err:
        users.authenticate(ready_core, "canbo", PASSWORD)  # even the right one now
    assert err.value.code == "E_ACCOUNT_LOCKED"
    clock.set(clock.current + timedelta(minutes=ready_core.settings.security.lockout_minutes + 1))
    assert users.authenticate(ready_core, "canbo", PASSWORD).username == "canbo"
    with ready_core.uow(write=False) as uow:
        failed = uow.session.scalar(
            select(func.count()).where(m.AuditEvent.action == "login_failed")
        )
    assert failed == limit  # every failed attempt is on record


def test_an_administrator_reset_unlocks_and_forces_a_new_password(
    ready_core: Core, staff: dict[Role, Actor]
) -> None:
    for _ in range(ready_core.settings.security.max_failed_logins):
        with pytest.raises(AppError):
            users.authenticate(ready_core, "canbo", "sai-mat-khau")
    users.reset_password(ready_core, staff[Role.ADMIN], "canbo", "tam-thoi-2026")
    signed_in = users.authenticate(ready_core, "canbo", "tam-thoi-2026")
    assert signed_in.must_change_password
    users.change_password(ready_core, signed_in.actor(), "tam-thoi-2026", "rieng-cua-lan")
    assert not users.authenticate(ready_core, "canbo", "rieng-cua-lan").must_change_password


def test_changing_a_password_needs_the_current_one(
    ready_core: Core, staff: dict[Role, Actor]
) -> None:
    with pytest.raises(AppError) as err:
        users.change_password(ready_core, staff[Role.CLERK], "doan-bua", "mat-khau-moi-1")
    assert err.value.code == "E_LOGIN_FAILED"
    assert users.authenticate(ready_core, "canbo", PASSWORD).username == "canbo"


def test_preparing_the_sign_in_at_start_up_leaves_no_trace(
    ready_core: Core, staff: dict[Role, Actor]
) -> None:
    """The app warms the sign-in up while the login window waits: no audit event, no failed
    attempt, no lock; the real sign-in afterwards works as ever."""
    before = _counts(ready_core)
    users.prepare_sign_in(ready_core)
    assert _counts(ready_core) == before
    with ready_core.uow(write=False) as uow:
        user = uow.session.scalars(select(m.User).where(m.User.username == "canbo")).one()
        assert user.failed_attempts == 0 and user.locked_until is None
    assert users.authenticate(ready_core, "canbo", PASSWORD).username == "canbo"


def test_a_disabled_account_cannot_sign_in(ready_core: Core, staff: dict[Role, Actor]) -> None:
    users.set_active(ready_core, staff[Role.ADMIN], "canbo", False)
    with pytest.raises(AppError) as err:
        users.authenticate(ready_core, "canbo", PASSWORD)
    assert err.value.code == "E_LOGIN_FAILED"  # same answer as a wrong password


def _counts(core: Core) -> dict[str, int]:
    tables = [m.User, m.Procedure, m.Office, m.CalendarOverride, m.AuditEvent, m.Dossier]
    with core.uow(write=False) as uow:
        counts = {
            t.__tablename__: int(uow.session.scalar(select(func.count()).select_from(t)) or 0)
            for t in tables
        }
        counts["active users"] = len(
            uow.session.scalars(select(m.User.id).where(m.User.active)).all()
        )
        names = uow.session.scalars(select(m.Office.name)).all()
    return {**counts, "office name": hash(tuple(names))}
