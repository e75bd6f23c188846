"""`ticket …` and `report service-times` as IT and scripts run them: real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def run(home: Path, *args: str, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env["COUNTER_APP_SECRET_DATA_KEY"] = "t" * 43 + "="  # 32 bytes, base64: no OS keyring here
    env["XDG_CONFIG_HOME"] = str(home / "cfg")
    extra = ["--config", str(config)] if config else []
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *extra, "--data-dir", str(home / "data"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("tickets-cli")
    made = run(home, "init", "--demo", "--json")
    assert made.returncode == 0, made.stderr
    return home


def _waiting(home: Path) -> int:
    listed = json.loads(run(home, "ticket", "list", "--json").stdout)
    return sum(1 for t in listed["tickets"] if t["state"] == "waiting")


def test_a_morning_at_the_counter(home: Path) -> None:
    groups = json.loads(run(home, "ticket", "groups", "--json").stdout)
    names = {g["code"]: g["name"] for g in groups}
    assert names["A"] == "Chứng thực"  # seeded from the sample catalogue's fields

    out = home / "so.png"
    taken = run(home, "ticket", "take", "--group", "A", "--out", str(out))
    assert taken.returncode == 0, taken.stderr
    assert "Số thứ tự: 0001" in taken.stdout
    assert "Nhóm: A – Chứng thực" in taken.stdout
    assert "Số người chờ trước: 0" in taken.stdout
    assert Image.open(out).width == 576
    second = json.loads(run(home, "ticket", "take", "--group", "a", "--json").stdout)
    assert (second["ticket"]["label"], second["ahead"]) == ("0002", 1)

    called = run(home, "ticket", "call", "--counter", "3", "--groups", "A")
    assert called.returncode == 0, called.stderr
    assert "Mời số 0001 đến quầy 3" in called.stdout
    first_id = json.loads(run(home, "ticket", "list", "--json").stdout)["tickets"][0]["id"]
    again = run(home, "ticket", "again", str(first_id))
    assert "Mời số 0001 đến quầy 3 (gọi lần 2)" in again.stdout
    skipped = json.loads(run(home, "ticket", "skip", str(first_id), "--json").stdout)
    assert skipped["ticket"]["state"] == "skipped"

    called = json.loads(run(home, "ticket", "call", "--counter", "3", "--json").stdout)
    second_id = called["ticket"]["id"]
    finished = run(home, "ticket", "finish", str(second_id))
    assert "Đã kết thúc số 0002." in finished.stdout
    assert json.loads(run(home, "ticket", "call", "--counter", "3", "--json").stdout) == {
        "ticket": None
    }

    report = json.loads(run(home, "report", "service-times", "--json").stdout)
    total = report["total"]
    assert (total["tickets"], total["served"], total["no_shows"]) == (2, 1, 1)
    assert total["waiting"]["count"] == 2 and total["serving"]["count"] == 1
    table = run(home, "report", "service-times")
    assert "Theo nhóm" in table.stdout and "A – Chứng thực" in table.stdout


def test_errors_have_codes_and_take_no_number(home: Path) -> None:
    before = _waiting(home)
    bad = run(home, "ticket", "take", "--group", "Z")
    assert bad.returncode == 1 and "[E_TICKET_GROUP]" in bad.stderr
    nowhere = run(home, "ticket", "take", "--group", "A", "--out", str(home / "no" / "t.png"))
    assert nowhere.returncode == 1 and "[E_OUT_PATH]" in nowhere.stderr
    unknown = run(home, "ticket", "take", "--group", "A", "--out", str(home / "t.gif"))
    assert unknown.returncode == 1 and "[E_TICKET_MEDIA]" in unknown.stderr
    no_printer = run(home, "ticket", "take", "--group", "A", "--print")
    assert no_printer.returncode == 1 and "[E_TICKET_PRINTER]" in no_printer.stderr
    assert _waiting(home) == before  # a refused print plan costs no number
    assert not list(home.glob("*.tmp")) and not list(home.glob(".*.tmp"))

    missing = run(home, "ticket", "skip", "99999")
    assert missing.returncode == 1 and "[E_TICKET_NOT_FOUND]" in missing.stderr


def test_the_ticket_goes_to_the_configured_printer(home: Path) -> None:
    device = home / "lp0"  # a printer device is a file the program writes raw bytes to
    device.write_bytes(b"")
    config = home / "kiosk.toml"
    config.write_text(f'[queue]\nticket_printer = "{device.as_posix()}"\n', "utf-8")
    printed = run(home, "ticket", "take", "--group", "B", "--print", config=config)
    assert printed.returncode == 0, printed.stderr
    assert f"Đã in phiếu: {device}" in printed.stdout
    data = device.read_bytes()
    assert data.startswith(b"\x1b@") and b"\x1dv0\x00H\x00" in data  # 72 bytes = 576 dots


def test_admins_set_groups(home: Path) -> None:
    made = run(home, "ticket", "groups", "set", "T", "--name", "Thuế, phí", "--fields", "Thuế;Phí")
    assert made.returncode == 0, made.stderr
    groups = {g["code"]: g for g in json.loads(run(home, "ticket", "groups", "--json").stdout)}
    assert groups["T"]["name"] == "Thuế, phí"
    assert groups["T"]["fields"] == ["Phí", "Thuế"]
    stopped = run(home, "ticket", "groups", "set", "T", "--inactive")
    assert stopped.returncode == 0
    refused = run(home, "ticket", "take", "--group", "T")
    assert refused.returncode == 1 and "[E_TICKET_GROUP]" in refused.stderr
