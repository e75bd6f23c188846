"""Builders for test data: an office, a procedure, a registered dossier."""

from __future__ import annotations

from datetime import datetime

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.procedures import (
    ComponentSpec,
    CopyType,
    DurationUnit,
    FeeSpec,
    ProcedureSpec,
)
from counter_app.services import catalog, intake, office, users
from counter_app.services.context import SYSTEM, Actor, Core, Role

UNIT = "000.00.01.H22"


def vn(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=VN_TZ)


def setup_office(core: Core, **kw: str) -> None:
    office.setup_office(
        core,
        SYSTEM,
        office.OfficeInput(
            unit_id=kw.get("unit_id", UNIT),
            name=kw.get("name", "Bộ phận Một cửa xã Thử Nghiệm"),
            agency_name="ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM",
            code_pattern=kw.get("code_pattern", ""),
        ),
    )


PROCEDURES = (
    ProcedureSpec(
        code="1.001193",
        name="Thủ tục đăng ký khai sinh",
        field="Hộ tịch",
        duration=1,
        duration_unit=DurationUnit.DAYS,
        cutoff=datetime(2000, 1, 1, 15, 0).time(),
        components=(
            ComponentSpec("Tờ khai đăng ký khai sinh theo mẫu"),
            ComponentSpec("Giấy chứng sinh", must_digitize=True),
            ComponentSpec("Văn bản ủy quyền", CopyType.CERTIFIED_COPY, required=False),
        ),
    ),
    ProcedureSpec(
        code="2.000815",
        name="Thủ tục chứng thực bản sao từ bản chính",
        field="Chứng thực",
        duration=0,
        duration_unit=DurationUnit.DAYS,
        cutoff=datetime(2000, 1, 1, 15, 0).time(),
        fees=(FeeSpec("Phí chứng thực bản sao", 2000),),
        components=(ComponentSpec("Bản chính giấy tờ cần chứng thực"),),
    ),
    ProcedureSpec(
        code="1.004227",
        name="Thủ tục xác nhận tình trạng hôn nhân",
        field="Hộ tịch",
        duration=3,
        duration_unit=DurationUnit.DAYS,
        components=(ComponentSpec("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"),),
    ),
    ProcedureSpec(
        code="1.000001",
        name="Thủ tục thử theo giờ",
        field="Đất đai",
        duration=4,
        duration_unit=DurationUnit.HOURS,
    ),
)


def load_procedures(core: Core) -> None:
    from counter_app.domain.catalog_format import ParsedCatalog

    catalog.import_parsed(core, SYSTEM, ParsedCatalog(PROCEDURES, ()), source="tests")


def clerk(core: Core, username: str = "canbo", role: Role = Role.CLERK) -> Actor:
    return users.add_user(
        core, SYSTEM, username, "Nguyễn Thị Lan", role, "matkhau-123", counter="2"
    ).actor()


def register(
    core: Core,
    actor: Actor = SYSTEM,
    *,
    procedure: str = "1.001193",
    name: str = "Nguyễn Văn An",
    id_number: str = "001090012345",
    received_at: datetime | None = None,
    **kw: object,
) -> intake.Registered:
    req = intake.RegisterRequest(
        procedure_code=procedure,
        holder=intake.PersonInput(
            full_name=name,
            id_number=id_number,
            address="Thôn Đông, xã Thử Nghiệm",
            phone=str(kw.pop("phone", "0912345678")),
        ),
        received_at=received_at,
        **kw,
    )  # type: ignore[arg-type]
    return intake.register(core, actor, req)
