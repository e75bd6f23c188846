"""Run `python main.py …` as a real process, the way IT and scheduled tasks do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No COUNTER_APP_* from the developer's shell, a data key instead of the OS keyring, and
    QSettings/config files under `tmp_path`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env["COUNTER_APP_SECRET_DATA_KEY"] = "q" * 43 + "="  # 32 bytes, base64
    env["XDG_CONFIG_HOME"] = str(tmp_path / "cfg")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env | extra


def run_main(
    data_dir: Path,
    *args: str,
    env: dict[str, str],
    stdin: str | None = None,
    timeout: float = 180,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=ROOT,
    )
