"""A copied data folder, database file or backup reveals no ID number without the key.

The dossier below carries a citizen's ID everywhere it can go (holder, old card, submitter,
the person who collected the result, a scan of the card, look-ups, a breach-report export);
then every byte of the copies is searched for each number.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from counter_app.digitize.store import AttachmentStore
from counter_app.services import backup, dossiers, intake, lifecycle
from counter_app.services.context import SYSTEM, Core, Role
from main import main
from tests.support.factories import clerk, vn

HOLDER = "079203001245"
OLD_CARD = "381234567"
SUBMITTER = "036088004321"
RECEIVER = "001185000777"
SECRETS = [HOLDER, OLD_CARD, SUBMITTER, RECEIVER]


def _encodings(number: str) -> list[bytes]:
    return [number.encode("ascii"), number.encode("utf-16-le"), number.encode("utf-16-be")]


def _leaks(blobs: dict[str, bytes]) -> list[str]:
    return [
        f"{number} in {where}"
        for where, data in blobs.items()
        for number in SECRETS
        if any(form in data for form in _encodings(number))
    ]


@pytest.fixture
def busy_office(ready_core: Core) -> Core:
    lan = clerk(ready_core)
    request = intake.RegisterRequest(
        procedure_code="1.001193",
        holder=intake.PersonInput(
            full_name="Trần Thị Bích Ngọc",
            id_number=HOLDER,
            old_id=OLD_CARD,
            address="Số 5 Lê Lợi, phường Bến Thành",
            phone="0987654321",
        ),
        submitter=intake.PersonInput(full_name="Trần Văn Hùng", id_number=SUBMITTER),
        submitter_relation="Anh trai",
        received_at=vn(2026, 11, 23, 8),
    )
    code = intake.register(ready_core, lan, request).code
    assert intake.find_applicant(ready_core, lan, HOLDER) is not None
    assert dossiers.show(ready_core, lan, code, reveal=True).holder_id_number == HOLDER
    dossiers.search(ready_core, lan, HOLDER)
    lifecycle.finish(ready_core, lan, code)
    lifecycle.hand_over(ready_core, lan, code, receiver_name="Trần Văn Hùng", receiver_id=RECEIVER)
    scan = f"%PDF-1.7 CĂN CƯỚC CÔNG DÂN Số định danh: {HOLDER} CMND: {OLD_CARD}".encode()
    AttachmentStore(ready_core.settings.attachments_dir, ready_core.protector).put(scan)
    boss = clerk(ready_core, "lanhdao", Role.SUPERVISOR)
    dossiers.show(ready_core, boss, code)
    return ready_core


def test_a_copied_data_folder_reveals_no_id_number(
    busy_office: Core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports = busy_office.settings.data_dir / "exports"  # an export saved in the data folder
    exports.mkdir()
    monkeypatch.setenv("COUNTER_APP_DATABASE_URL", busy_office.db.url)
    args = ["--data-dir", str(busy_office.settings.data_dir), "audit", "accesses"]
    args += ["--from", "2026-11-23", "--to", "2026-11-23", "--out", str(exports / "log.csv")]
    assert main(args) == 0
    copy = tmp_path / "stolen"
    shutil.copytree(busy_office.settings.data_dir, copy)  # database, WAL, attachments, exports
    files = {str(p.relative_to(copy)): p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    assert any(name.startswith("attachments") for name in files)
    if busy_office.db.is_sqlite:
        assert "counter.db" in files
    assert _leaks(files) == []


def test_a_backup_reveals_no_id_number(busy_office: Core, tmp_path: Path) -> None:
    report = backup.backup(busy_office, SYSTEM, tmp_path / "office.zip")
    with zipfile.ZipFile(report.path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    database = members.get(backup.SQLITE_MEMBER) or members[backup.PG_MEMBER]
    assert b"dossiers" in database  # the real database copy (SQLite file or pg_dump SQL)
    assert _leaks(members) == []
    assert _leaks({"backup file": report.path.read_bytes()}) == []


def test_lists_and_the_breach_report_show_masked_numbers(
    busy_office: Core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = dossiers.search(busy_office, SYSTEM, "bich ngoc")[0]
    assert row.holder_id_masked == "0792******45"
    monkeypatch.setenv("COUNTER_APP_DATABASE_URL", busy_office.db.url)
    out = tmp_path / "vi-pham.csv"
    args = ["--data-dir", str(busy_office.settings.data_dir), "audit", "accesses"]
    args += ["--from", "2026-11-23", "--to", "2026-11-23", "--id", HOLDER, "--out", str(out)]
    assert main(args) == 0
    text = out.read_text("utf-8-sig")
    assert "0792******45" in text and "lanhdao" in text and "view_reveal" in text
    assert _leaks({"breach report": out.read_bytes()}) == []
