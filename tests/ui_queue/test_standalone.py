"""`python main.py hall` and `python main.py kiosk` open their window alone, without sign-in,
on the office database named by the usual configuration."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app.config import Settings
from counter_app.services.context import Core
from tests.support.memory_keyring import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind", ["hall", "kiosk"])
def test_the_window_opens_without_sign_in(
    kind: str,
    office_core: Core,
    settings: Settings,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    group_codes: list[str],
) -> None:
    ready = tmp_path / "ready.txt"
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        COUNTER_APP_READY_FILE=str(ready),
        COUNTER_APP_SECRET_DATA_KEY=str(memory_keyring.store[("counter-app", "data-key")]),
        XDG_CONFIG_HOME=str(tmp_path / "xdg"),
    )
    argv = [sys.executable, "main.py", kind, "--window", "--data-dir", str(settings.data_dir)]
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if ready.exists() and kind in ready.read_text():
                break
            time.sleep(0.05)
        assert process.poll() is None, process.stdout.read().decode() if process.stdout else ""
        assert ready.read_text().split()[0] == kind
    finally:
        process.terminate()
        process.wait(timeout=30)
