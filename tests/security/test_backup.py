"""Backup and restore, on whichever database the suite runs (SQLite, or PostgreSQL via pg_dump).

A backup is taken while counters keep registering; restore checks everything before it
replaces anything, keeps the replaced data, and puts it back if the swap fails.
"""

from __future__ import annotations

import hashlib
import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, select

from counter_app.config import Settings
from counter_app.digitize.store import AttachmentStore
from counter_app.errors import AppError, BackupError
from counter_app.protection import Protector
from counter_app.services import audit, backup, dossiers, restore
from counter_app.services.context import SYSTEM, Core, open_core
from counter_app.storage import models as m
from counter_app.storage.db import Database
from main import main
from tests.support.factories import register, vn


def _codes(core: Core) -> list[str]:
    return [r.code for r in dossiers.search(core, SYSTEM, "", limit=500)]


def _store(core: Core) -> AttachmentStore:
    return AttachmentStore(core.settings.attachments_dir, core.protector)


def _restore(core: Core, path: Path) -> restore.RestoreReport:
    core.close()  # counters are closed during a restore; the next open sees the new data
    return restore.restore(core.settings, path)


def test_restore_brings_back_the_database_and_the_scans_as_they_were(
    ready_core: Core, tmp_path: Path
) -> None:
    kept = register(ready_core, name="Trước Sao Lưu").code
    scan = _store(ready_core).put(b"%PDF-1.7 scan of the birth certificate")
    made = backup.backup(ready_core, SYSTEM, tmp_path / "office.zip")
    assert made.attachments == 1 and made.manifest.dialect == ready_core.db.dialect
    register(ready_core, name="Sau Sao Lưu")
    later = _store(ready_core).put(b"%PDF-1.7 a scan made after the backup")

    report = _restore(ready_core, made.path)
    core = open_core(ready_core.settings, clock=ready_core.clock)
    try:
        assert _codes(core) == [kept]
        assert _store(core).get(scan.sha256).startswith(b"%PDF-1.7 scan of")
        assert not _store(core).exists(later.sha256)
        chain = audit.verify(core)
        assert chain.ok, chain.problem
        with core.uow(write=False) as uow:
            last = uow.session.execute(
                select(m.AuditEvent.action, m.AuditEvent.object_id)
                .order_by(m.AuditEvent.id.desc())
                .limit(1)
            ).one()
        assert tuple(last) == ("restore", "office.zip")
    finally:
        core.close()
    assert report.previous_data.exists()  # what was replaced is kept, not deleted


def test_a_backup_taken_while_counters_register_is_consistent(
    ready_core: Core, tmp_path: Path
) -> None:
    stop, registered, errors = threading.Event(), [], []

    def counter() -> None:
        try:
            i = 0
            while not stop.is_set() or i < 5:
                registered.append(register(ready_core, name=f"Đang Nhận {i}").code)
                i += 1
        except Exception as exc:
            errors.append(repr(exc))

    worker = threading.Thread(target=counter)
    worker.start()
    try:
        while len(registered) < 3:
            stop.wait(0.01)
        made = backup.backup(ready_core, SYSTEM, tmp_path / "busy.zip")
    finally:
        stop.set()
        worker.join()
    assert errors == []
    _restore(ready_core, made.path)
    core = open_core(ready_core.settings, clock=ready_core.clock)
    try:
        with core.uow(write=False) as uow:
            dossier_ids = set(uow.session.scalars(select(m.Dossier.id)))
            outbox_ids = set(uow.session.scalars(select(m.OutboxRow.dossier_id)))
            seqs = sorted(uow.session.scalars(select(m.Dossier.seq)))
        assert 3 <= len(dossier_ids) < len(registered) + 1
        assert dossier_ids == outbox_ids  # every dossier with its outbox row: one snapshot
        assert seqs == list(range(1, len(seqs) + 1))
        assert audit.verify(core).ok
    finally:
        core.close()


def _files(settings: Settings) -> list[str]:
    root = settings.data_dir
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if not p.name.endswith(("-wal", "-shm"))
    )


def _rewrite(source: Path, target: Path, change: Any) -> Path:
    """A copy of a backup with `change(members, manifest)` applied (hashes left as they were)."""
    with zipfile.ZipFile(source) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members.pop(backup.MANIFEST))
    change(members, manifest)
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.writestr(backup.MANIFEST, json.dumps(manifest))
    return target


def _flip_byte(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    name = next(n for n in members if n.startswith("database/"))
    data = bytearray(members[name])
    data[len(data) // 2] ^= 0x01
    members[name] = bytes(data)


def _drop_scan(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    del members[next(n for n in members if n.startswith("attachments/"))]


def _smuggle(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    members["attachments/../../outside.txt"] = b"x"
    manifest["members"]["attachments/../../outside.txt"] = hashlib.sha256(b"x").hexdigest()


def _forge_with_new_hash(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    """Someone edits a scan and writes its new hash into the manifest: the seal catches it."""
    name = next(n for n in members if n.startswith("attachments/"))
    members[name] = b"%PDF-1.7 a forged document"
    manifest["members"][name] = hashlib.sha256(members[name]).hexdigest()


def _blank_key(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    manifest["key_fingerprint"] = ""


def _newer_schema(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    manifest["schema_revision"] = "zz_from_the_future"


def _other_database(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    manifest["dialect"] = "postgresql" if manifest["dialect"] == "sqlite" else "sqlite"


def _other_key(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    manifest["key_fingerprint"] = Protector(b"k" * 32).fingerprint


BAD_BACKUPS = {
    "one flipped byte in the database": (_flip_byte, "E_BACKUP_DAMAGED"),
    "a scan missing": (_drop_scan, "E_BACKUP_DAMAGED"),
    "a path escaping the folder": (_smuggle, "E_BACKUP_DAMAGED"),
    "a member forged and its hash rewritten": (_forge_with_new_hash, "E_BACKUP_DAMAGED"),
    "the key fingerprint removed": (_blank_key, "E_BACKUP_KEY"),
    "a schema from a newer version": (_newer_schema, "E_BACKUP_NEWER"),
    "the other kind of database": (_other_database, "E_BACKUP_DIALECT"),
    "another office's data key": (_other_key, "E_BACKUP_KEY"),
}


@pytest.mark.parametrize("case", BAD_BACKUPS, ids=list(BAD_BACKUPS))
def test_a_bad_backup_is_refused_before_anything_is_replaced(
    ready_core: Core, tmp_path: Path, case: str
) -> None:
    change, code = BAD_BACKUPS[case]
    kept = register(ready_core, name="Dữ Liệu Hiện Tại").code
    _store(ready_core).put(b"%PDF-1.7 a scan")
    good = backup.backup(ready_core, SYSTEM, tmp_path / "good.zip").path
    register(ready_core, name="Mới Hơn Bản Sao Lưu")
    bad = _rewrite(good, tmp_path / "bad.zip", change)
    ready_core.close()
    before = _files(ready_core.settings)
    with pytest.raises(BackupError) as err:
        _restore(ready_core, bad)
    assert err.value.code == code, err.value.message
    core = open_core(ready_core.settings, clock=ready_core.clock)
    try:
        assert len(_codes(core)) == 2 and kept in _codes(core)
    finally:
        core.close()
    assert _files(ready_core.settings) == before  # not a file moved, added or left behind
    assert not (tmp_path / "outside.txt").exists()


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04 truncated"])
def test_a_file_that_is_no_backup_is_named_as_such(
    ready_core: Core, tmp_path: Path, content: bytes
) -> None:
    fake = tmp_path / "fake.zip"
    fake.write_bytes(content)
    with pytest.raises(BackupError) as err:
        _restore(ready_core, fake)
    assert err.value.code == "E_BACKUP_FILE"


def test_a_failed_swap_puts_the_current_data_back(
    ready_core: Core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register(ready_core, name="Trong Bản Sao Lưu")
    _store(ready_core).put(b"%PDF-1.7 old scan")
    made = backup.backup(ready_core, SYSTEM, tmp_path / "office.zip")
    current = register(ready_core, name="Dữ Liệu Đang Dùng").code
    newer = _store(ready_core).put(b"%PDF-1.7 newer scan")
    if ready_core.db.is_sqlite:
        real_move = restore.shutil.move

        def failing_move(src: Any, dst: Any) -> Any:
            if Path(src).name == "attachments" and ".restore-" in str(src):
                raise OSError(28, "No space left on device")
            return real_move(src, dst)

        monkeypatch.setattr(restore.shutil, "move", failing_move)
    else:  # the dump fails half-way through its one transaction
        monkeypatch.setattr(restore, "_PG_DROP_TABLES", restore._PG_DROP_TABLES + "SELECT 1/0;")
    ready_core.close()
    before = _files(ready_core.settings)
    with pytest.raises(BackupError) as err:
        _restore(ready_core, made.path)
    assert err.value.code == "E_RESTORE_FAILED"
    after = [f for f in _files(ready_core.settings) if not f.startswith("backups")]
    assert after == before  # every file back where it was (a PG safety copy may be kept)
    core = open_core(ready_core.settings, clock=ready_core.clock)
    try:
        assert current in _codes(core) and len(_codes(core)) == 2
        assert _store(core).get(newer.sha256) == b"%PDF-1.7 newer scan"
        assert audit.verify(core).ok
    finally:
        core.close()


def test_an_existing_file_is_never_overwritten(ready_core: Core, tmp_path: Path) -> None:
    target = tmp_path / "out" / "office.zip"
    target.parent.mkdir()
    target.write_bytes(b"last week's backup")
    with pytest.raises(BackupError) as err:
        backup.backup(ready_core, SYSTEM, target)
    assert err.value.code == "E_BACKUP_EXISTS"
    assert target.read_bytes() == b"last week's backup"
    assert [p.name for p in target.parent.iterdir()] == ["office.zip"]  # no temp file left


@pytest.fixture
def blank(settings: Settings) -> Iterator[Settings]:
    """Settings pointing at a database that has never been opened (a first start)."""
    if not settings.database_url.startswith("postgresql"):
        yield settings  # the SQLite file does not exist yet
        return
    from tests.support import pg

    with pg.fresh_database(migrated=False) as url:
        settings.database.url = url
        yield settings


def test_a_migration_is_preceded_by_an_automatic_backup(blank: Settings, clock: Any) -> None:
    settings = blank
    db = Database(settings.database_url)
    cfg = db._alembic_config()
    base = _bases(cfg)[0]
    assert base != db.head_revision(), "needs at least two schema revisions"
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, base)  # an office still on the first schema
    db.dispose()
    core = open_core(settings, clock=clock)
    try:
        assert not core.db.needs_migration()
        made = list((settings.data_dir / "backups").glob("pre-migration-*.zip"))
        assert len(made) == 1
        manifest = backup.verify(made[0])
        assert manifest.schema_revision == base
    finally:
        core.close()
    open_core(settings, clock=clock).close()  # nothing to migrate: no new backup
    assert len(list((settings.data_dir / "backups").glob("*.zip"))) == 1


def _bases(cfg: Any) -> list[str]:
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory.from_config(cfg).get_bases())


def test_a_new_database_needs_no_backup(blank: Settings, clock: Any) -> None:
    core = open_core(blank, clock=clock)
    assert not core.db.needs_migration()
    core.close()
    assert not (blank.data_dir / "backups").exists()


def test_backup_and_restore_from_the_command_line(
    ready_core: Core, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    monkeypatch.setenv("COUNTER_APP_DATABASE_URL", ready_core.db.url)
    register(ready_core, received_at=vn(2026, 11, 23, 8))
    ready_core.close()
    data = ["--data-dir", str(ready_core.settings.data_dir)]
    target = tmp_path / "office.zip"
    assert main([*data, "backup", str(target), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["file"] == str(target) and answer["database"] == ready_core.db.dialect
    assert main([*data, "restore", "--check", str(target)]) == 0
    assert "nguyên vẹn" in capsys.readouterr().out
    damaged = _rewrite(target, tmp_path / "damaged.zip", _flip_byte)
    assert main([*data, "restore", str(damaged)]) == 1
    assert "[E_BACKUP_DAMAGED]" in capsys.readouterr().err
    assert main([*data, "restore", str(target)]) == 0
    assert "Đã phục hồi" in capsys.readouterr().out


def test_backups_count_as_exports_in_the_audit_log(ready_core: Core, tmp_path: Path) -> None:
    backup.backup(ready_core, SYSTEM, tmp_path / "office.zip")
    with ready_core.uow(write=False) as uow:
        events = uow.session.scalar(
            select(func.count()).where(
                m.AuditEvent.action == "export", m.AuditEvent.object_type == "backup"
            )
        )
    assert events == 1


def test_no_backup_tool_is_a_clear_error(
    ready_core: Core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # neither pg_dump nor psql to be found
    if ready_core.db.is_sqlite:  # SQLite needs no tool at all
        assert backup.backup(ready_core, SYSTEM, tmp_path / "office.zip").path.is_file()
        return
    with pytest.raises(AppError) as err:
        backup.backup(ready_core, SYSTEM, tmp_path / "office.zip")
    assert err.value.code == "E_BACKUP_TOOL"
    assert not list(tmp_path.glob("*.zip"))
