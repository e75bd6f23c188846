"""`diagnostics --out FILE.zip`: versions, redacted settings, database facts and recent logs,
with no secret (database password, gateway token, data key) and no personal number."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from counter_app import diagnostics, logs
from counter_app.config import load_settings
from counter_app.protection import new_key
from tests.support.cli import run_main

ROOT = Path(__file__).resolve().parents[2]
DB_PASSWORD = "Pg-S3cret-pw!"
TOKEN = "tok-9f8e7d6c5b4a"
ID = "079195001234"
PHONE = "0912345678"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "cfg"), QT_QPA_PLATFORM="offscreen", **extra)
    return env


def _cli(tmp_path: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_main(tmp_path / "data", *args, env=env)


def _read(archive: Path) -> dict[str, str]:
    with zipfile.ZipFile(archive) as z:
        return {name: z.read(name).decode("utf-8") for name in z.namelist()}


def test_archive_of_a_working_office(tmp_path: Path) -> None:
    data_key = new_key()
    env = _env(
        tmp_path, COUNTER_APP_SECRET_DATA_KEY=data_key, COUNTER_APP_SECRET_NOTIFY_TOKEN=TOKEN
    )
    assert _cli(tmp_path, "init", "--demo", env=env).returncode == 0
    # A leak written by some earlier version: raw numbers and a secret in the log.
    log_dir = tmp_path / "data" / "logs"
    (log_dir / "counter-app.log.1").write_text(
        f"2026-11-20 WARNING old: holder {ID} phone {PHONE} token {TOKEN} key {data_key}\n",
        "utf-8",
    )
    out = _cli(tmp_path, "diagnostics", "--out", str(tmp_path / "diag.zip"), "--json", env=env)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["file"] == str(tmp_path / "diag.zip")
    files = _read(tmp_path / "diag.zip")
    assert {"versions.json", "settings.json", "database.json", "sync.json"} <= set(files)
    assert "logs/counter-app.log.1" in files
    versions = json.loads(files["versions.json"])
    assert versions["counter-app"] and versions["sqlalchemy"] and versions["qt (PySide6)"] != "?"
    assert versions["python"] and versions["os"]
    database = json.loads(files["database.json"])
    assert database["revision"] == database["head"] and database["row_counts"]["dossiers"] >= 1
    assert json.loads(files["sync.json"])["status"]["backlog"] >= 1  # demo dossiers wait to go up
    everything = "\n".join(files.values())
    for secret in (TOKEN, data_key, ID, PHONE):
        assert secret not in everything
    assert "holder 0791******34" in files["logs/counter-app.log.1"]


def test_database_password_never_leaves_even_when_it_is_in_the_url(tmp_path: Path) -> None:
    config = tmp_path / "machine.toml"
    url = f"postgresql+psycopg://counter:{DB_PASSWORD}@127.0.0.1:1/motcua?sslpassword={TOKEN}"
    config.write_text(f'[database]\nurl = "{url}"\n', "utf-8")
    settings = load_settings(config, tmp_path / "data", env={})
    logs.setup_logging(settings.log_dir)
    logging.getLogger("counter_app.test").error("could not connect to %s", url)
    summary = diagnostics.write_archive(settings, tmp_path / "d.zip")
    files = _read(Path(summary["file"]))
    everything = "\n".join(files.values())
    assert DB_PASSWORD not in everything and TOKEN not in everything
    assert "counter:***@127.0.0.1:1" in files["settings.json"]
    assert "error" in json.loads(files["database.json"])  # unreachable: said, not crashed
    assert "could not connect to postgresql+psycopg://counter:***@" in everything


def test_a_bad_target_is_a_clear_error_and_leaves_no_file(tmp_path: Path) -> None:
    env = _env(tmp_path, COUNTER_APP_SECRET_DATA_KEY=new_key())
    out = _cli(tmp_path, "diagnostics", "--out", str(tmp_path / "diag.txt"), env=env)
    assert out.returncode == 1 and "[E_OUT_FORMAT]" in out.stderr
    blocked = tmp_path / "file"
    blocked.write_text("x")
    out = _cli(tmp_path, "diagnostics", "--out", str(blocked / "d.zip"), env=env)
    assert out.returncode == 1 and "[E_FILE_WRITE]" in out.stderr
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("url", ["https://gw.example/send?token=abc123&to=1", "x"])
def test_urls_lose_their_query_values(url: str) -> None:
    cleaned = diagnostics.Scrubber([])(url)
    assert "abc123" not in cleaned
