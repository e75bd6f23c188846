"""The office (receiving unit) this database belongs to: set up once at first run."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from counter_app.domain.dossier_code import CodePattern, check_unit_id
from counter_app.errors import ConfigError, ValidationError
from counter_app.services.context import Actor, Core, UnitOfWork, require
from counter_app.storage import models as m
from counter_app.text import clean


@dataclass
class OfficeInput:
    unit_id: str
    name: str
    agency_name: str = ""
    province_code: str = ""
    province_name: str = ""
    commune_code: str = ""
    commune_name: str = ""
    address: str = ""
    phone: str = ""
    book_volume: str = "1"
    code_pattern: str = ""


@dataclass(frozen=True)
class OfficeView:
    unit_id: str
    name: str
    agency_name: str
    province_name: str
    commune_name: str
    address: str
    phone: str
    book_volume: str
    code_pattern: str


def get_office(core: Core) -> OfficeView | None:
    with core.uow(write=False) as uow:
        row = uow.session.scalars(select(m.Office)).first()
        return _view(row) if row else None


def require_office(uow: UnitOfWork) -> m.Office:
    row = uow.session.scalars(select(m.Office)).first()
    if row is None:
        raise ConfigError(
            "E_OFFICE_MISSING",
            "Chưa thiết lập thông tin cơ quan (mã đơn vị, tên Bộ phận Một cửa).",
            hint="Chạy `python main.py init` hoặc mở ứng dụng để thiết lập lần đầu.",
        )
    return row


def setup_office(core: Core, actor: Actor, data: OfficeInput) -> OfficeView:
    require(actor, "office")
    unit_id = check_unit_id(clean(data.unit_id))
    name = clean(data.name)
    if not name:
        raise ValidationError("E_OFFICE_NAME", "Chưa nhập tên cơ quan / Bộ phận Một cửa.")
    if data.code_pattern:
        CodePattern(data.code_pattern)
    with core.uow() as uow:
        row = uow.session.scalars(select(m.Office)).first()
        if row is None:
            row = m.Office(unit_id=unit_id, name=name, created_at=core.now(), settings={})
            uow.session.add(row)
        row.unit_id = unit_id
        row.name = name
        row.agency_name = clean(data.agency_name)
        row.province_code = clean(data.province_code)
        row.province_name = clean(data.province_name)
        row.commune_code = clean(data.commune_code)
        row.commune_name = clean(data.commune_name)
        row.address = clean(data.address)
        row.phone = clean(data.phone)
        row.book_volume = clean(data.book_volume) or "1"
        row.code_pattern = clean(data.code_pattern)
        uow.audit(actor, "update", "office", unit_id, detail="Thiết lập thông tin cơ quan")
        uow.commit()
        return _view(row)


def _view(row: m.Office) -> OfficeView:
    return OfficeView(
        row.unit_id,
        row.name,
        row.agency_name,
        row.province_name,
        row.commune_name,
        row.address,
        row.phone,
        row.book_volume,
        row.code_pattern,
    )
