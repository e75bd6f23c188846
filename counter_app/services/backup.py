"""Sao lưu và phục hồi: one zip holding the database and the attachments, checked before use.

A backup is a zip with `manifest.json` (format version, schema revision, database kind, the
data key's fingerprint, the SHA-256 of every member, when it was made, and a seal: a keyed
hash of all that under the office's key), the database copy and the attachment store.
It is taken while counters keep working:
- SQLite: the online backup API copies a consistent snapshot while others write;
- PostgreSQL: `pg_dump` reads one snapshot (plain SQL), password passed by environment.
The database is copied first, then the attachments: a file is stored before the row that
names it commits, so every attachment the copy refers to is already on disk.

`verify` checks a backup without unpacking it; `restore` (services/restore.py) uses it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy.engine import URL

from counter_app import __version__
from counter_app.config import Settings
from counter_app.errors import BackupError
from counter_app.protection import Protector
from counter_app.services.context import Actor, Core, require
from counter_app.storage.db import MIGRATIONS, Database

FORMAT = "counter-app-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/counter.db"
PG_MEMBER = "database/postgresql.sql"
ATTACHMENTS = "attachments/"
KEEP_AUTOMATIC = 5  # pre-migration backups kept per data folder
CHUNK = 1 << 20


@dataclass(frozen=True)
class Manifest:
    schema_revision: str
    dialect: str
    key_fingerprint: str
    created_at: str
    app_version: str
    members: dict[str, str]  # name → sha256
    seal: str = ""  # keyed hash of everything above: only the office's key can make it

    def to_json(self) -> str:
        data = {"format": FORMAT, "version": FORMAT_VERSION, **self.__dict__}
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)

    def sealed(self, protector: Protector) -> Manifest:
        return replace(self, seal=self.expected_seal(protector))

    def expected_seal(self, protector: Protector) -> str:
        """Without it, anyone could edit a member and write its new hash in the manifest."""
        return protector.lookup("counter-app-backup:" + replace(self, seal="").to_json())


@dataclass(frozen=True)
class BackupReport:
    path: Path
    manifest: Manifest
    size: int

    @property
    def attachments(self) -> int:
        return sum(1 for name in self.manifest.members if name.startswith(ATTACHMENTS))


# -- making a backup --------------------------------------------------------------------------


def backup(core: Core, actor: Actor, target: Path) -> BackupReport:
    """`python main.py backup FILE`: a full copy while the app runs (administrators only)."""
    require(actor, "backup")
    report = write_backup(core.settings, core.db, target, protector=core.protector)
    with core.uow() as uow:  # a backup holds every citizen's data: an export, on record
        detail = f"Sao lưu toàn bộ dữ liệu ({report.attachments} tệp đính kèm)"
        uow.audit(actor, "export", "backup", report.path.name, detail=detail)
        uow.commit()
    return report


def before_migration(settings: Settings, db: Database, *, protector: Protector) -> Path:
    """The automatic backup taken before the schema is upgraded; keeps the newest few."""
    folder = settings.data_dir / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    revision = (_current_revisions(db) or "empty").replace(",", "+")
    target = folder / f"pre-migration-{revision}-{stamp}.zip"
    write_backup(settings, db, target, protector=protector)
    for old in sorted(folder.glob("pre-migration-*.zip"), key=lambda p: p.stat().st_mtime)[
        :-KEEP_AUTOMATIC
    ]:
        old.unlink(missing_ok=True)
    return target


def write_backup(
    settings: Settings, db: Database, target: Path, *, protector: Protector
) -> BackupReport:
    """Write the zip next to `target` and rename it into place: no half-written backup."""
    target = _check_target(settings, target)
    members: dict[str, str] = {}
    fd, tmp_name = tempfile.mkstemp(prefix=".tmp-backup-", suffix=".zip", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        # Work files stay beside the target (its disk has the room), readable by us only.
        with tempfile.TemporaryDirectory(prefix=".tmp-backup-", dir=target.parent) as work:
            copy, member, revision = _copy_database(db, Path(work))
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                members[member] = _add(zf, copy, member, compress=True)
                for path, name in _attachment_files(settings.attachments_dir):
                    members[name] = _add(zf, path, name, compress=False)
                manifest = Manifest(
                    schema_revision=revision,
                    dialect=db.dialect,
                    key_fingerprint=protector.fingerprint,
                    created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    app_version=__version__,
                    members=members,
                ).sealed(protector)
                zf.writestr(MANIFEST, manifest.to_json())
        _fsync(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BackupReport(target, manifest, target.stat().st_size)


def _check_target(settings: Settings, target: Path) -> Path:
    target = target.expanduser().absolute()
    if target.exists():
        raise BackupError(
            "E_BACKUP_EXISTS",
            f"Tệp {target} đã có; không ghi đè bản sao lưu cũ.",
            hint="Chọn tên tệp khác (ví dụ thêm ngày giờ vào tên).",
        )
    if not target.parent.is_dir():
        raise BackupError(
            "E_BACKUP_TARGET", f"Không có thư mục {target.parent} để ghi bản sao lưu."
        )
    if target.is_relative_to(settings.attachments_dir.absolute()):
        raise BackupError(
            "E_BACKUP_TARGET", "Không thể ghi bản sao lưu vào trong thư mục tệp đính kèm."
        )
    return target


def _copy_database(db: Database, work: Path) -> tuple[Path, str, str]:
    """A consistent copy of the database in `work`: (file, zip member name, revision)."""
    if db.is_sqlite:
        copy = work / "counter.db"
        source = sqlite3.connect(sqlite_path(db), timeout=30)
        try:
            dest = sqlite3.connect(copy)
            with dest:
                source.backup(dest)  # one step: a single read snapshot, writers carry on
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            dest.close()
        finally:
            source.close()
        return copy, SQLITE_MEMBER, sqlite_revisions(copy)
    if db.dialect == "postgresql":
        copy = work / "postgresql.sql"
        run_pg_tool("pg_dump", db, ["--no-owner", "--no-privileges", "--file", str(copy)])
        return copy, PG_MEMBER, dump_revisions(copy)
    raise BackupError("E_BACKUP_DIALECT", f"Không sao lưu được cơ sở dữ liệu loại {db.dialect}.")


def _attachment_files(root: Path) -> Iterator[tuple[Path, str]]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        # `.tmp-*` files are writes in progress (temp → fsync → rename).
        if path.is_file() and not path.name.startswith("."):
            yield path, ATTACHMENTS + path.relative_to(root).as_posix()


def _add(zf: zipfile.ZipFile, path: Path, name: str, *, compress: bool) -> str:
    digest = hashlib.sha256()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with path.open("rb") as src, zf.open(_info(name, method), "w", force_zip64=True) as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
    return digest.hexdigest()


def _info(name: str, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, datetime.now().timetuple()[:6])
    info.compress_type = method
    return info


def _fsync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


# -- reading and checking a backup -------------------------------------------------------------


def verify(
    path: Path, *, dialect: str | None = None, protector: Protector | None = None
) -> Manifest:
    """Every check that does not need the data unpacked: format, members, hashes, revision;
    with the office's key also that the backup is this office's and its manifest untouched."""
    manifest = _read_manifest(path)
    with open_zip(path) as zf:
        names = {n for n in zf.namelist() if not n.endswith("/")} - {MANIFEST}
        if names != set(manifest.members):
            extra = sorted(names - set(manifest.members))[:3]
            missing = sorted(set(manifest.members) - names)[:3]
            raise damaged(f"thành phần không khớp danh mục (thừa {extra}, thiếu {missing})")
        for name, expected in manifest.members.items():
            digest = hashlib.sha256()
            with zf.open(name) as fh:
                while chunk := fh.read(CHUNK):
                    digest.update(chunk)
            if digest.hexdigest() != expected:
                raise damaged(f"{name} không đúng mã băm SHA-256")
    if dialect is not None and manifest.dialect != dialect:
        raise BackupError(
            "E_BACKUP_DIALECT",
            f"Bản sao lưu là của cơ sở dữ liệu {_kind(manifest.dialect)}, máy này đang cấu hình "
            f"{_kind(dialect)}.",
            hint="Phục hồi trên máy có cùng loại cơ sở dữ liệu với bản sao lưu.",
        )
    _check_known_revision(manifest.schema_revision)
    if protector is None:
        return manifest
    if manifest.key_fingerprint != protector.fingerprint:
        raise BackupError(
            "E_BACKUP_KEY",
            "Bản sao lưu được mã hoá bằng khoá dữ liệu khác với khoá trên máy này: "
            "số định danh và bản quét sẽ không đọc được.",
            hint="Nhập khoá dữ liệu của cơ quan (python main.py secret set data-key) rồi "
            "phục hồi lại.",
        )
    if not hmac.compare_digest(manifest.seal, manifest.expected_seal(protector)):
        raise damaged("danh mục manifest.json đã bị sửa (chữ ký không khớp)")
    return manifest


def _read_manifest(path: Path) -> Manifest:
    with open_zip(path) as zf:
        try:
            data = json.loads(zf.read(MANIFEST).decode("utf-8"))
        except KeyError:
            raise _not_a_backup(path, "không có manifest.json") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _not_a_backup(path, f"manifest.json hỏng ({exc})") from exc
    try:
        if data["format"] != FORMAT or data["version"] != FORMAT_VERSION:
            raise _not_a_backup(path, f"định dạng {data['format']!r} v{data['version']}")
        members = {str(k): str(v) for k, v in dict(data["members"]).items()}
        manifest = Manifest(
            schema_revision=str(data["schema_revision"]),
            dialect=str(data["dialect"]),
            key_fingerprint=str(data.get("key_fingerprint", "")),
            created_at=str(data["created_at"]),
            app_version=str(data.get("app_version", "")),
            members=members,
            seal=str(data.get("seal", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _not_a_backup(path, f"manifest.json thiếu hoặc sai trường ({exc})") from exc
    for name in members:
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts or "\\" in name or not pure.parts:
            raise damaged(f"tên thành phần không an toàn: {name[:80]!r}")
        if name not in (SQLITE_MEMBER, PG_MEMBER) and not name.startswith(ATTACHMENTS):
            raise damaged(f"thành phần lạ: {name[:80]!r}")
    if sum(1 for n in members if n in (SQLITE_MEMBER, PG_MEMBER)) != 1:
        raise damaged("không có đúng một bản sao cơ sở dữ liệu")
    return manifest


@contextmanager
def open_zip(path: Path) -> Iterator[zipfile.ZipFile]:
    try:
        with zipfile.ZipFile(path) as zf:
            yield zf
    except FileNotFoundError:
        raise BackupError("E_BACKUP_FILE", f"Không tìm thấy tệp sao lưu {path}.") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise _not_a_backup(path, f"tệp zip hỏng ({exc})") from exc
    except OSError as exc:
        raise BackupError("E_BACKUP_FILE", f"Không đọc được {path}: {exc.strerror}.") from exc


def _check_known_revision(revisions: str) -> None:
    script = ScriptDirectory(str(MIGRATIONS))
    for rev in filter(None, revisions.split(",")):
        try:
            known = script.get_revision(rev)
        except CommandError:
            known = None
        if known is None:
            raise BackupError(
                "E_BACKUP_NEWER",
                f"Bản sao lưu có cấu trúc dữ liệu (phiên bản {rev}) mà phần mềm này không biết: "
                "có lẽ được tạo bởi phiên bản phần mềm mới hơn.",
                hint="Cập nhật phần mềm lên phiên bản đã tạo bản sao lưu rồi phục hồi.",
            )


def _not_a_backup(path: Path, why: str) -> BackupError:
    return BackupError(
        "E_BACKUP_FILE",
        f"Tệp {path.name} không phải bản sao lưu của phần mềm Một cửa: {why}.",
        hint="Chọn tệp .zip do lệnh `backup` tạo ra.",
    )


def damaged(why: str) -> BackupError:
    return BackupError(
        "E_BACKUP_DAMAGED",
        f"Bản sao lưu bị hỏng hoặc đã bị sửa: {why}. Không có gì bị thay thế.",
        hint="Dùng một bản sao lưu khác.",
    )


def _kind(dialect: str) -> str:
    return {"sqlite": "SQLite (một máy)", "postgresql": "PostgreSQL (dùng chung)"}.get(
        dialect, dialect
    )


# -- database helpers -------------------------------------------------------------------------


def sqlite_path(db: Database) -> str:
    return str(db.engine.url.database)


def sqlite_revisions(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError:
        rows = []
    finally:
        conn.close()
    return ",".join(sorted(str(r[0]) for r in rows))


def _current_revisions(db: Database) -> str:
    from sqlalchemy import text

    with db.engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except Exception:  # no alembic table yet
            return ""
    return ",".join(sorted(str(r) for r in rows))


_COPY_VERSION = re.compile(r"^COPY public\.alembic_version \(version_num\) FROM stdin;$")


def dump_revisions(dump: Path) -> str:
    revisions: list[str] = []
    with dump.open(encoding="utf-8") as fh:
        for line in fh:
            if _COPY_VERSION.match(line.rstrip("\n")):
                for row in fh:
                    if row.rstrip("\n") == "\\.":
                        break
                    revisions.append(row.strip())
                break
    return ",".join(sorted(revisions))


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            "E_BACKUP_TOOL",
            f"Không tìm thấy công cụ {name} của PostgreSQL trên máy này.",
            hint="Cài gói postgresql-client (Debian/Ubuntu) hoặc thêm thư mục bin của "
            "PostgreSQL vào PATH (Windows).",
        )
    return found


def run_pg_tool(name: str, db: Database, args: list[str]) -> None:
    """Run pg_dump/psql on the app's database; the password travels in the environment."""
    url: URL = db.engine.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    target = URL.create(
        "postgresql",
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    ).render_as_string()
    flag = "--dbname"
    result = subprocess.run(
        [pg_tool(name), *args, flag, target],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(
            "E_BACKUP_DB",
            f"{name} báo lỗi: {' '.join(message[-3:])[:500]}",
            hint="Kiểm tra kết nối tới máy chủ PostgreSQL và quyền của tài khoản.",
        )


def describe(manifest: Manifest) -> dict[str, Any]:
    """What a person (or a script) wants to know about a backup."""
    return {
        "created_at": manifest.created_at,
        "schema_revision": manifest.schema_revision,
        "database": manifest.dialect,
        "app_version": manifest.app_version,
        "attachments": sum(1 for n in manifest.members if n.startswith(ATTACHMENTS)),
    }
