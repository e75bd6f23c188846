"""Printing tests: a ready office with a look-up QR configured, dossiers in every status."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the preview dialog tests

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.domain.status import Status
from counter_app.services import intake, lifecycle
from counter_app.services.context import Actor, Core
from counter_app.storage import models as m
from tests.support import factories

QR = "https://dichvucong.example.gov.vn/tra-cuu?ma={code}"


@pytest.fixture
def pcore(ready_core: Core) -> Core:
    ready_core.settings.printing.receipt_qr = QR
    return ready_core


@pytest.fixture
def clerk(pcore: Core) -> Actor:
    return factories.clerk(pcore)


@pytest.fixture
def code(pcore: Core, clerk: Actor) -> str:
    """A dossier just received at the counter (status 2)."""
    return factories.register(pcore, clerk).code


def register(
    core: Core,
    actor: Actor,
    *,
    name: str = "Nguyễn Văn An",
    address: str = "Thôn Đông, xã Thử Nghiệm",
    phone: str = "0912345678",
    email: str = "",
    procedure: str = "1.001193",
    **kw: Any,
) -> str:
    holder = intake.PersonInput(
        full_name=name, id_number="001090012345", address=address, phone=phone, email=email
    )
    request = intake.RegisterRequest(procedure_code=procedure, holder=holder, **kw)
    return intake.register(core, actor, request).code


def set_status(core: Core, code: str, status: Status) -> None:
    """Test set-up only: e.g. an online dossier pulled from the portal, not yet received."""
    with core.uow() as uow:
        d = uow.session.scalars(select(m.Dossier).where(m.Dossier.code == code)).one()
        d.status = int(status)
        uow.commit()


def refused(core: Core, actor: Actor) -> str:
    code = register(core, actor, name="Trần Thị Bích Ngọc")
    set_status(core, code, Status.NEW_ONLINE)
    lifecycle.refuse(core, actor, code, "Hồ sơ thiếu giấy chứng sinh bản chính; ảnh chụp mờ.")
    return code


def apologised(core: Core, actor: Actor, code: str, new_at: datetime, reason: str) -> None:
    """An apology as the supervisor's desk records it (Mẫu 04's data)."""
    with core.uow() as uow:
        d = uow.session.scalars(select(m.Dossier).where(m.Dossier.code == code)).one()
        uow.session.add(
            m.Apology(
                dossier_id=d.id,
                issued_at=core.now(),
                issued_by=actor.user_id,
                issued_by_name=actor.full_name,
                reason=reason,
                previous_due_at=d.appointment_at,
                new_appointment_at=new_at,
            )
        )
        uow.commit()


def slip_row(core: Core, code: str, src: str, dst: str, at: datetime, result: str = "") -> None:
    with core.uow() as uow:
        d = uow.session.scalars(select(m.Dossier).where(m.Dossier.code == code)).one()
        uow.session.add(
            m.ControlSlipRow(dossier_id=d.id, from_party=src, to_party=dst, at=at, result=result)
        )
        uow.commit()


@pytest.fixture
def out_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "out"
    folder.mkdir()
    yield folder
