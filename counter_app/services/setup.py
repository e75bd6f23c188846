"""First run and demo data: office, sample catalogue, first accounts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from counter_app.domain.calendar import VN_TZ
from counter_app.services import catalog, intake, lifecycle, office, users
from counter_app.services.context import SYSTEM, Core, Role

DEMO_OFFICE = office.OfficeInput(
    unit_id="000.00.01.H22",
    name="Bộ phận Một cửa xã Minh Khai (dữ liệu mẫu)",
    agency_name="ỦY BAN NHÂN DÂN XÃ MINH KHAI",
    province_name="Thành phố Hà Nội",
    commune_name="Xã Minh Khai",
    address="Số 1 đường Minh Khai, xã Minh Khai",
    phone="024 3000 0000",
)
DEMO_PASSWORD = "motcua2026"
DEMO_USERS = (
    ("admin", "Quản trị viên", Role.ADMIN),
    ("canbo", "Nguyễn Thị Lan", Role.CLERK),
    ("lanhdao", "Trần Văn Minh", Role.SUPERVISOR),
)


@dataclass
class InitReport:
    office_ready: bool
    catalog_added: int
    users_created: list[str] = field(default_factory=list)
    dossiers_created: list[str] = field(default_factory=list)


def init(core: Core, *, demo: bool = False) -> InitReport:
    """Idempotent: creates the schema (already done by `open_core`), the office from the
    machine's preset, the catalogue if empty; with `demo`, sample accounts and dossiers."""
    preset = core.settings.office
    if office.get_office(core) is None:
        if preset.unit_id and preset.name:
            office.setup_office(
                core,
                SYSTEM,
                office.OfficeInput(
                    unit_id=preset.unit_id,
                    name=preset.name,
                    agency_name=preset.agency_name,
                    book_volume=preset.book_volume,
                    code_pattern=preset.code_pattern,
                ),
            )
        elif demo:
            office.setup_office(core, SYSTEM, DEMO_OFFICE)
    added = 0
    if catalog.catalog_size(core) == 0 and core.settings.catalog.sample_on_init:
        source = (
            Path(core.settings.catalog.file)
            if core.settings.catalog.file
            else catalog.SAMPLE_CATALOG
        )
        added = catalog.import_file(core, SYSTEM, source).added
    report = InitReport(office.get_office(core) is not None, added)
    if demo and users.count_users(core) == 0:
        for username, name, role in DEMO_USERS:
            users.add_user(core, SYSTEM, username, name, role, DEMO_PASSWORD, counter="1")
            report.users_created.append(username)
        report.dossiers_created = _demo_dossiers(core)
    return report


def _demo_dossiers(core: Core) -> list[str]:
    clerk = next(u for u in users.list_users(core) if u.role is Role.CLERK).actor()
    now = core.local_now() - timedelta(minutes=30)  # never in the future
    people = [
        ("Nguyễn Văn An", "001090012345", "1.001193"),
        ("Trần Thị Bích Ngọc", "079195001234", "2.000815"),
        ("Lê Hoàng Đức", "036088004321", "1.000894"),
        ("Phạm Thị Hương", "031187009876", "1.000656"),
    ]
    codes = []
    for days_ago, (name, number, proc) in enumerate(people):
        if catalog.get_procedure(core, proc) is None:
            continue
        request = intake.RegisterRequest(
            procedure_code=proc,
            holder=intake.PersonInput(
                full_name=name,
                id_number=number,
                address="Thôn Đông, xã Minh Khai",
                phone="0912345678",
            ),
            received_at=(now - timedelta(days=days_ago)).astimezone(VN_TZ),
        )
        codes.append(intake.register(core, clerk, request).code)
    if len(codes) >= 3:
        lifecycle.finish(core, clerk, codes[2])
    return codes
