"""`python main.py sync …` as a scheduled task runs it: real processes, the example province
file with only its base URL changed, credentials from environment variables."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.sync.conftest import EXAMPLE, ROOT
from tests.sync.provincial_server import Fault, ProvincialServer, ServerConfig

REGISTER = ROOT / "resources" / "examples" / "dossier-register.json"


class Cli:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.config = tmp_path / "may.toml"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
        self.env.update(
            COUNTER_APP_SECRET_DATA_KEY="q" * 43 + "=",
            XDG_CONFIG_HOME=str(tmp_path / "cfg"),
            QT_QPA_PLATFORM="offscreen",
        )
        self.config.write_text("", encoding="utf-8")

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(self.tmp / "data"),
             "--config", str(self.config), *args],
            capture_output=True, text=True, env=self.env, timeout=120, cwd=ROOT,
        )  # fmt: skip

    def json(self, *args: str) -> dict[str, object]:
        out = self(*args, "--json")
        assert out.returncode == 0, out.stderr
        return dict(json.loads(out.stdout))

    def point_at(self, url: str) -> None:
        """The example province file, only its base URL changed; secrets in the environment."""
        text = EXAMPLE.read_text("utf-8")
        province = self.tmp / "data" / "province-dvc.toml"
        province.write_text(
            text.replace("https://dichvucong.tinh.example.gov.vn", url), encoding="utf-8"
        )
        self.config.write_text(
            '[sync]\nenabled = true\nconfig_file = "province-dvc.toml"\ninterval_seconds = 1\n',
            encoding="utf-8",
        )
        defaults = ServerConfig()
        self.env["COUNTER_APP_SECRET_DVC_USERNAME"] = defaults.username
        self.env["COUNTER_APP_SECRET_DVC_PASSWORD"] = defaults.password


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    run = Cli(tmp_path)
    assert run("init", "--demo").returncode == 0
    return run


@pytest.mark.slow
def test_status_run_once_and_send_again(cli: Cli, server: ProvincialServer) -> None:
    before = cli.json("sync", "status")
    assert before["backlog"] == 6 and before["dead"] == 0 and before["last_success_at"] is None

    out = cli("sync", "run", "--once")
    assert out.returncode == 1 and "[E_SYNC_DISABLED]" in out.stderr
    cli.config.write_text("[sync]\nenabled = true\n", encoding="utf-8")
    out = cli("sync", "run", "--once")
    assert out.returncode == 1 and "[E_SYNC_NOT_CONFIGURED]" in out.stderr

    cli.point_at(server.url)
    done = cli.json("sync", "run", "--once")
    assert (done["sent"], done["backlog"], done["dead"]) == (6, 0, 0)
    state = server.snapshot()
    assert state["case_count"] == 4 and state["problems"] == []

    server.add_fault(Fault("error", "DongBoHoSoMC", message="Thủ tục chưa được công bố"))
    code = cli("dossier", "register", "--json", str(REGISTER)).stdout.strip()
    rejected = cli.json("sync", "run", "--once")
    assert (rejected["rejected"], rejected["dead"]) == (1, 1)
    human = cli("sync", "status")
    assert "Bị tỉnh từ chối:         1" in human.stdout
    assert code in human.stdout and "Thủ tục chưa được công bố" in human.stdout
    one = cli.json("sync", "status", "--dossier", code)
    assert one["state"] == "rejected" and "Thủ tục chưa được công bố" in str(one["reason"])

    assert cli("sync", "retry", "999999").returncode == 1
    bad = cli("sync", "retry")
    assert bad.returncode == 1 and "[E_SYNC_RETRY_TARGET]" in bad.stderr
    revived = cli.json("sync", "retry", "--all-dead")
    assert len(revived["revived"]) == 1  # type: ignore[arg-type]
    final = cli.json("sync", "run", "--once")
    assert (final["sent"], final["backlog"], final["dead"]) == (1, 0, 0)
    assert server.snapshot()["case_count"] == 5
    assert cli.json("sync", "status", "--dossier", code)["state"] == "sent"


@pytest.mark.slow
def test_sync_run_keeps_going_and_stops_cleanly_on_sigterm(
    cli: Cli, server: ProvincialServer
) -> None:
    cli.point_at(server.url)
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(cli.tmp / "data"),
         "--config", str(cli.config), "sync", "run"],
        env=cli.env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while server.snapshot()["case_count"] < 4 and time.monotonic() < deadline:
            time.sleep(0.1)
        code = cli("dossier", "register", "--json", str(REGISTER)).stdout.strip()
        while code not in server.snapshot()["cases"] and time.monotonic() < deadline:
            time.sleep(0.1)  # picked up by the running loop at its next interval
        assert code in server.snapshot()["cases"]
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "stopped" in err  # it finished its work and said so
    assert cli.json("sync", "status")["backlog"] == 0
