"""`diagnostics --out FILE.zip`: what IT needs to help a counter, and nothing it must not see.

The archive holds:
- `versions.json`: the program, Python, Qt, SQLAlchemy, ReportLab, SQLite and the OS;
- `settings.json`: the settings (`Settings.redacted()`, URLs without passwords or query values)
  and which files they came from;
- `database.json`: the database's revision (and the newest this program knows) and the number
  of rows per table: counts, never rows;
- `sync.json`: the sync's backlog, rejected rows and last success (when sync is set up);
- `logs/`: the newest part of each log file, crash reports and faulthandler's fatal.log.

Nothing is copied without being masked again (ID numbers, CMND, phones) and scrubbed of every
secret value this machine knows (`COUNTER_APP_SECRET_*`, the database password, the keyring
entries named in the settings): a log line written before masking existed, or a password pasted
into a URL, still does not leave the machine.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import re
import sqlite3
import sys
import zipfile
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from counter_app import secrets
from counter_app.config import Settings
from counter_app.crash import crash_dir_for, scrub
from counter_app.logs import log_files
from counter_app.version import __version__

SyncSnapshot = Callable[[Any], Any]  # sync.status.snapshot: (core) → object with to_dict()
LOG_TAIL_BYTES = 1_000_000  # per log file: the newest part is what IT reads
CRASH_REPORTS = 10
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s\"'<>]+", re.I)
_DB_TIMEOUT_S = 10


def versions() -> dict[str, str]:
    from importlib import metadata

    import sqlalchemy

    def dist(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    return {
        "counter-app": __version__,
        "frozen": str(bool(getattr(sys, "frozen", False))),
        "python": platform.python_version(),
        "qt (PySide6)": dist("PySide6-Essentials"),
        "sqlalchemy": sqlalchemy.__version__,
        "alembic": dist("alembic"),
        "reportlab": dist("reportlab"),
        "keyring": dist("keyring"),
        "sqlite": sqlite3.sqlite_version,
        "os": platform.platform(),
        "machine": platform.machine(),
    }


def known_secrets(settings: Settings) -> list[str]:
    """Every secret value this machine could leak: to be scrubbed from all we write."""
    found = [v for k, v in os.environ.items() if k.startswith("COUNTER_APP_SECRET_") and v]
    url = settings.database.url
    if "://" in url:
        password = urlsplit(url).password
        if password:
            found.append(password)
    # Keyring entries named in the settings (`password_key`, `token_secret`…) and the usual ones.
    names = ["data-key", "dvc-username", "dvc-password", "notify-token"]
    for section in dataclasses.fields(settings):
        value = getattr(settings, section.name)
        if dataclasses.is_dataclass(value):
            names += [
                str(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.name.endswith(("_secret", "_key")) and f.name != "pkcs11_key"
            ]
    for name in filter(None, names):
        value = secrets.get_secret(name)
        if value:
            found.append(value)
    from counter_app.services.context import key_fallback_file

    fallback = key_fallback_file(settings.data_dir)
    if fallback.is_file():
        found.append(fallback.read_text("ascii", errors="replace").strip())
    # Longest first: a secret that contains another is removed whole.
    return sorted({s for s in found if len(s) >= 4}, key=len, reverse=True)


def _clean_url(match: re.Match[str]) -> str:
    try:
        parts = urlsplit(match.group(0))
        netloc = parts.netloc
        if "@" in netloc:
            user = netloc.rsplit("@", 1)[0].split(":", 1)[0]
            netloc = f"{user}:***@{netloc.rsplit('@', 1)[1]}"
        query = "&".join(
            f"{item.split('=', 1)[0]}=***" if "=" in item else item
            for item in parts.query.split("&")
            if item
        )
        return urlunsplit((parts.scheme, netloc, parts.path, query, ""))
    except ValueError:
        return "***"


class Scrubber:
    """Masks personal numbers, the home folder, URL passwords/queries and known secrets."""

    def __init__(self, secret_values: Iterable[str]) -> None:
        self.secrets = list(secret_values)

    def __call__(self, text: str) -> str:
        for value in self.secrets:
            text = text.replace(value, "***")
        return scrub(_URL.sub(_clean_url, text))

    def data(self, value: Any) -> Any:
        if isinstance(value, str):
            return self(value)
        if isinstance(value, dict):
            return {k: self.data(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(v) for v in value]
        return value


def database_summary(settings: Settings, sync_snapshot: SyncSnapshot | None) -> tuple[Any, Any]:
    """(database facts, sync facts), read without migrating or creating anything."""
    from sqlalchemy import func, inspect, select, table

    from counter_app.errors import AppError
    from counter_app.protection import Protector, decode_key, new_key
    from counter_app.services.context import Core, connect_url
    from counter_app.storage.db import Database

    url = settings.database_url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return {"exists": False, "note": "chưa tạo (sẽ tạo khi mở lần đầu)"}, None
    try:
        db = Database(connect_url(settings), synchronous=settings.database.sqlite_synchronous)
    except AppError as exc:
        return {"error": f"[{exc.code}] {exc.message}"}, None
    try:
        with db.engine.connect() as conn:
            names = sorted(inspect(conn).get_table_names())
            counts = {
                name: conn.execute(select(func.count()).select_from(table(name))).scalar_one()
                for name in names
            }
        facts: dict[str, Any] = {
            "dialect": db.dialect,
            "revision": db.current_revision(),
            "head": db.head_revision(),
            "row_counts": counts,
        }
        sync: Any = None
        if sync_snapshot is not None and "outbox" in names:
            # The snapshot reads the outbox and sync_meta only: a throw-away key is enough.
            core = Core(settings=settings, db=db, protector=Protector(decode_key(new_key())))
            sync = sync_snapshot(core).to_dict()
        return facts, sync
    except Exception as exc:  # an unreachable server is a finding, not a failure
        return {"error": f"{type(exc).__name__}: {exc}"}, None
    finally:
        db.dispose()


def _tail(path: Path, limit: int = LOG_TAIL_BYTES) -> str:
    with open(path, "rb") as fh:
        size = fh.seek(0, os.SEEK_END)
        fh.seek(max(0, size - limit))
        data = fh.read()
    text = data.decode("utf-8", errors="replace")
    return text if size <= limit else text.split("\n", 1)[-1]  # from a whole line


def collect_logs(settings: Settings) -> dict[str, str]:
    """{name in the archive: text} for the logs, crash reports and fatal.log."""
    found: dict[str, str] = {}
    for path in log_files(settings.log_dir):
        found[f"logs/{path.name}"] = _tail(path)
    crash_dir = crash_dir_for(settings.log_dir)
    reports = sorted(crash_dir.glob("crash-*.txt"), reverse=True)[:CRASH_REPORTS]
    for path in reports:
        found[f"logs/crash/{path.name}"] = _tail(path)
    fatal = crash_dir / "fatal.log"
    if fatal.is_file() and fatal.stat().st_size:
        found["logs/crash/fatal.log"] = _tail(fatal)
    return found


def write_archive(
    settings: Settings, out: Path, *, sync_snapshot: SyncSnapshot | None = None
) -> dict[str, Any]:
    """Write the archive atomically (temp file, then rename); a summary of what went in."""
    clean = Scrubber(known_secrets(settings))
    database, sync = database_summary(settings, sync_snapshot)
    settings_data = {"settings": settings.redacted(), "sources": settings.sources}
    sync_data = {"settings": settings.redacted()["sync"], "status": sync}
    members: dict[str, str] = {
        "versions.json": _json(versions()),
        "settings.json": _json(clean.data(settings_data)),
        "database.json": _json(clean.data(database)),
        "sync.json": _json(clean.data(sync_data)),
    }
    members.update({name: clean(text) for name, text in collect_logs(settings).items()})
    members["README.txt"] = (
        "Tệp chẩn đoán của Phần mềm Bộ phận Một cửa, "
        f"tạo lúc {datetime.now(UTC).isoformat(timespec='seconds')}.\n"
        "Không chứa mật khẩu, khoá hay số định danh/điện thoại đầy đủ của công dân.\n"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in members.items():
                archive.writestr(name, text)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return {"file": str(out), "members": sorted(members), "bytes": out.stat().st_size}


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
