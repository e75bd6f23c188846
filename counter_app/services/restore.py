"""Phục hồi: put a backup back, only after every check passed, and undo on failure.

Everything is checked before anything is touched: every member's hash, the schema revision
(one this version knows), the database kind, the data key (a backup sealed with another key
would restore unreadable ID numbers). Then:
- SQLite: the current database and attachments are moved aside into backups/replaced-…/ and
  the copy put in place; any failure moves the old files back.
- PostgreSQL: a backup of the current data is written first (backups/before-restore-….zip),
  then the tables are dropped and the dump loaded in ONE transaction: a failure leaves the
  database as it was, and the attachments are moved back.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from counter_app.config import Settings
from counter_app.errors import BackupError
from counter_app.protection import Protector, load_protector
from counter_app.services.backup import (
    CHUNK,
    PG_MEMBER,
    SQLITE_MEMBER,
    Manifest,
    damaged,
    dump_revisions,
    open_zip,
    pg_tool,
    run_pg_tool,
    sqlite_path,
    sqlite_revisions,
    verify,
    write_backup,
)
from counter_app.services.context import (
    SYSTEM,
    Actor,
    connect_url,
    key_fallback_file,
    open_core,
    require,
)
from counter_app.storage.db import Database


@dataclass(frozen=True)
class RestoreReport:
    path: Path
    manifest: Manifest
    previous_data: Path  # where the replaced data was moved (SQLite) or backed up (PG)


def restore(settings: Settings, path: Path, *, actor: Actor = SYSTEM) -> RestoreReport:
    """`python main.py restore FILE`: check everything, then replace; roll back on failure.

    Counters must be closed (SQLite) or idle (PostgreSQL: the swap waits at most 15 s for
    their locks). The schema is brought up to date at the next start, after a backup.
    """
    require(actor, "backup")
    path = path.expanduser().absolute()
    protector, _ = load_protector(key_fallback_file(settings.data_dir), create=False)
    db = Database(connect_url(settings))
    try:
        manifest = verify(path, dialect=db.dialect, protector=protector)
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        with tempfile.TemporaryDirectory(prefix=".restore-", dir=settings.data_dir) as work:
            stage = Path(work)
            _extract(path, manifest, stage)
            if db.is_sqlite:
                _check_sqlite_copy(stage / SQLITE_MEMBER, manifest)
                previous = _swap_sqlite(settings, db, stage, stamp)
            else:
                previous = _swap_postgresql(settings, db, stage, manifest, stamp, protector)
    finally:
        db.dispose()
    _record_restore(settings, actor, path, manifest)
    return RestoreReport(path, manifest, previous)


def _extract(path: Path, manifest: Manifest, stage: Path) -> None:
    with open_zip(path) as zf:
        for name, expected in manifest.members.items():
            out = stage / name
            out.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with zf.open(name) as src, out.open("wb") as dst:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
            if digest.hexdigest() != expected:  # the file changed since `verify`
                raise damaged(f"{name} không đúng mã băm SHA-256")


def _check_sqlite_copy(copy: Path, manifest: Manifest) -> None:
    try:
        conn = sqlite3.connect(copy)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise damaged(f"tệp cơ sở dữ liệu hỏng ({exc})") from exc
    if result != "ok":
        raise damaged(f"tệp cơ sở dữ liệu hỏng ({result})")
    if sqlite_revisions(copy) != manifest.schema_revision:
        raise damaged("phiên bản cấu trúc trong tệp khác với danh mục")


def _swap_sqlite(settings: Settings, db: Database, stage: Path, stamp: str) -> Path:
    """Move the current database and attachments aside, the restored ones in; undo on error."""
    db_path = Path(sqlite_path(db))
    aside = settings.data_dir / "backups" / f"replaced-{stamp}"
    aside.mkdir(parents=True)
    current = [db_path, *(db_path.with_name(db_path.name + s) for s in ("-wal", "-shm"))]
    current.append(settings.attachments_dir)
    moved: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for item in current:
            if item.exists():
                moved.append((item, aside / item.name))
                shutil.move(item, aside / item.name)
        db_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(stage / SQLITE_MEMBER, db_path)
        placed.append(db_path)
        if (stage / "attachments").is_dir():
            shutil.move(stage / "attachments", settings.attachments_dir)
            placed.append(settings.attachments_dir)
    except BaseException as exc:
        for item in placed:
            if item.is_dir():
                shutil.rmtree(item)
            else:
                item.unlink(missing_ok=True)
        for original, kept in reversed(moved):
            shutil.move(kept, original)
        aside.rmdir()  # empty again: nothing was replaced
        raise BackupError(
            "E_RESTORE_FAILED",
            f"Phục hồi không thành công ({exc}); dữ liệu cũ đã được đặt lại như trước.",
        ) from exc
    return aside


# Drop every table of the public schema (the restored dump recreates them) in the same
# transaction as the load; extensions stay (pg_trgm may belong to another role).
_PSQL_ONE_TRANSACTION = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction"]
_PG_DROP_TABLES = """
SET lock_timeout = '15s';
DO $$DECLARE t record; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', t.tablename);
  END LOOP;
END$$;
"""


def _swap_postgresql(
    settings: Settings,
    db: Database,
    stage: Path,
    manifest: Manifest,
    stamp: str,
    protector: Protector,
) -> Path:
    """Keep a backup of the current data, swap attachments, load the dump in one transaction."""
    dump = stage / PG_MEMBER
    if dump_revisions(dump) != manifest.schema_revision:
        raise damaged("phiên bản cấu trúc trong bản dump khác với danh mục")
    pg_tool("psql")  # before anything moves: a missing tool is a clear error, not a half-restore
    previous = settings.data_dir / "backups" / f"before-restore-{stamp}.zip"
    previous.parent.mkdir(parents=True, exist_ok=True)
    write_backup(settings, db, previous, protector=protector)
    db.dispose()
    script = stage / "restore.sql"
    with dump.open(encoding="utf-8") as src, script.open("w", encoding="utf-8") as dst:
        for line in src:  # only the extension's owner may comment on it
            if not line.startswith("COMMENT ON EXTENSION"):
                dst.write(line)
    attachments = settings.attachments_dir
    aside = stage / "attachments-before"
    had_attachments = attachments.exists()
    if had_attachments:
        shutil.move(attachments, aside)
    if (stage / "attachments").is_dir():
        shutil.move(stage / "attachments", attachments)
    try:
        run_pg_tool(
            "psql",
            db,
            [*_PSQL_ONE_TRANSACTION, "-c", _PG_DROP_TABLES, "-f", str(script)],
        )
    except BaseException as exc:
        if attachments.exists():
            shutil.rmtree(attachments)
        if had_attachments:
            shutil.move(aside, attachments)
        if isinstance(exc, BackupError) and exc.code == "E_BACKUP_TOOL":
            raise
        raise BackupError(
            "E_RESTORE_FAILED",
            f"Phục hồi không thành công; cơ sở dữ liệu và tệp đính kèm giữ nguyên như trước. {exc}",
            hint="Đóng phần mềm trên các quầy rồi thử lại.",
        ) from exc
    return previous


def _record_restore(settings: Settings, actor: Actor, path: Path, manifest: Manifest) -> None:
    """The restored log says it was restored (the schema is upgraded first if it is older)."""
    core = open_core(settings, create_key=False)
    try:
        with core.uow() as uow:
            uow.audit(
                actor,
                "restore",
                "backup",
                path.name,
                detail=f"Phục hồi bản sao lưu lập lúc {manifest.created_at}",
            )
            uow.commit()
    finally:
        core.close()
