"""An office's PostgreSQL password lives in the OS keyring, never in a configuration file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import make_url

from counter_app.config import load_settings
from counter_app.errors import AppError
from counter_app.services import backup
from counter_app.services.context import SYSTEM, open_core
from tests.support.memory_keyring import MemoryKeyring


def _config(tmp_path: Path, pg_url: str) -> Path:
    url = make_url(pg_url)
    config = tmp_path / "may-quay-3.toml"  # what IT's installer writes on a counter PC
    without = url.set(password="").render_as_string(hide_password=False).replace(":@", "@")
    config.write_text(f'[database]\nurl = "{without}"\npassword_key = "db-motcua"\n', "utf-8")
    assert url.password and str(url.password) not in config.read_text("utf-8")
    return config


def test_the_password_comes_from_the_keyring(
    tmp_path: Path, pg_url: str, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password("counter-app", "db-motcua", str(make_url(pg_url).password))
    settings = load_settings(_config(tmp_path, pg_url), tmp_path / "data", env={})
    core = open_core(settings)
    try:
        assert not core.db.needs_migration()
        assert str(make_url(pg_url).password) not in str(settings.redacted())
        # pg_dump gets the same password (through its environment, not its command line)
        assert backup.backup(core, SYSTEM, tmp_path / "office.zip").path.is_file()
    finally:
        core.close()


def test_a_missing_password_says_how_to_store_it(tmp_path: Path, pg_url: str) -> None:
    settings = load_settings(_config(tmp_path, pg_url), tmp_path / "data", env={})
    with pytest.raises(AppError) as err:
        open_core(settings)
    assert err.value.code == "E_SECRET_MISSING"
    assert "secret set db-motcua" in err.value.hint
