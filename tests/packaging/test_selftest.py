"""`self-test`: passes on a good installation; on a broken one it says plainly what is wrong
and what to do, and exits 1."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from counter_app import selftest
from counter_app.config import Settings, load_settings
from counter_app.protection import new_key
from printing import render
from sync import factory
from tests.support.cli import run_main
from tests.support.memory_keyring import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]


def _checks(settings: Settings) -> dict[str, selftest.CheckResult]:
    results = selftest.run_checks(
        settings,
        render_receipt=lambda core, actor, code: render.preview(core, actor, code, "01").data,
        load_sync_config=factory.load_config,
        sync_credentials=factory.credentials,
    )
    return {r.name: r for r in results}


def test_a_good_installation_passes_every_check_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    monkeypatch.setenv("COUNTER_APP_SECRET_DATA_KEY", new_key())
    written: list[str] = []
    real_set = memory_keyring.set_password

    def spy(service: str, name: str, value: str) -> None:
        written.append(name)
        real_set(service, name, value)

    monkeypatch.setattr(memory_keyring, "set_password", spy)
    settings = load_settings(data_dir=tmp_path / "data", env={})
    checks = _checks(settings)
    assert [c.name for c in checks.values()] == [
        "resources", "database", "register", "receipt", "keyring", "data_key", "sync",
    ]  # fmt: skip
    assert all(c.ok for c in checks.values()), [c for c in checks.values() if not c.ok]
    assert "tiếp nhận hồ sơ 000.00.00.T00-" in checks["register"].verdict
    assert "có mã hồ sơ" in checks["receipt"].verdict
    assert not (tmp_path / "data").exists()  # the temporary database lived elsewhere
    assert written and written[0].startswith(selftest.PROBE_PREFIX)  # really written…
    assert memory_keyring.store == {}  # …and deleted


def test_no_keyring_backend_fails_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(fail.Keyring())
    settings = load_settings(data_dir=tmp_path / "data", env={})
    checks = _checks(settings)
    assert not checks["keyring"].ok
    assert checks["keyring"].verdict == "Máy này không có kho khoá bảo mật của hệ điều hành."
    assert "Credential Manager" in checks["keyring"].action
    assert "COUNTER_APP_SECRET_" in checks["keyring"].action
    assert checks["receipt"].ok  # one broken part does not hide the others


def test_sync_enabled_with_a_missing_adapter_file_fails_plainly(tmp_path: Path) -> None:
    config = tmp_path / "machine.toml"
    config.write_text('[sync]\nenabled = true\nconfig_file = "tinh-khong-co.toml"\n', "utf-8")
    settings = load_settings(config, tmp_path / "data", env={})
    check = _checks(settings)["sync"]
    assert not check.ok and "tinh-khong-co.toml" in check.verdict


def test_sync_with_its_file_but_no_password_says_which_secret(tmp_path: Path) -> None:
    adapter = tmp_path / "province.toml"
    adapter.write_text(
        (ROOT / "resources" / "examples" / "province-dvc.toml").read_text("utf-8"), "utf-8"
    )
    config = tmp_path / "machine.toml"
    config.write_text(f'[sync]\nenabled = true\nconfig_file = "{adapter.as_posix()}"\n', "utf-8")
    settings = load_settings(config, tmp_path / "data", env={})
    check = _checks(settings)["sync"]
    assert not check.ok and "Chưa có" in check.verdict and "secret set" in check.action
    keyring.set_password("counter-app", "dvc-username", "motcua")
    keyring.set_password("counter-app", "dvc-password", "pw")
    assert _checks(settings)["sync"].ok


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command, as IT runs it; this machine has no OS keyring (STACK.md, trap 5)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env.update(
        XDG_CONFIG_HOME=str(tmp_path / "cfg"),
        QT_QPA_PLATFORM="offscreen",
        COUNTER_APP_SECRET_DATA_KEY=new_key(),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return run_main(tmp_path / "d", *args, env=env)


def test_cli_prints_each_verdict_and_exits_1_when_something_is_wrong(tmp_path: Path) -> None:
    out = _cli(tmp_path, "self-test")
    assert out.returncode == 1, out.stderr
    assert "[ĐẠT] In Giấy tiếp nhận (Mẫu 01)" in out.stdout
    assert "[LỖI] Kho khoá bảo mật của hệ điều hành" in out.stdout
    assert "Cách xử lý: Trên Windows" in out.stdout
    assert "1/7 kiểm tra không đạt" in out.stdout
    data = json.loads(_cli(tmp_path, "self-test", "--json").stdout)
    assert data["ok"] is False
    assert [c["name"] for c in data["checks"] if not c["ok"]] == ["keyring"]
