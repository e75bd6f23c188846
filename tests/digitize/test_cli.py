"""`attach` and `attachments` as IT and scripts use them: real processes and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.digitize import documents

pytestmark = pytest.mark.slow  # real processes: `init --demo` and the whole CLI each time
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "dossier-register.json"


def run(
    tmp_path: Path, *args: str, stdin: str = "", extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env["COUNTER_APP_SECRET_DATA_KEY"] = "q" * 43 + "="
    env["XDG_CONFIG_HOME"] = str(tmp_path / "cfg")
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path / "data"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        cwd=ROOT,
    )


def test_attach_then_list(tmp_path: Path) -> None:
    assert run(tmp_path, "init", "--demo").returncode == 0
    code = run(tmp_path, "dossier", "register", "--json", str(EXAMPLE)).stdout.strip()
    page1 = documents.save(documents.text_page(300, lines=5), tmp_path / "p1.png", "PNG")
    page2 = documents.save(documents.stamped_page(200), tmp_path / "p2.jpg", "JPEG", 200)
    out = run(
        tmp_path,
        "attach",
        code,
        "--component",
        "1",
        str(page1),
        str(page2),
        "--profile",
        "text",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    made = json.loads(out.stdout)
    assert made["pages"] == 2 and made["component_position"] == 1
    listed = json.loads(run(tmp_path, "attachments", code, "--json").stdout)
    (row,) = listed
    for key in ("component_name", "pages", "size", "sha256", "signed_by"):
        assert key in row
    assert row["sha256"] == made["sha256"] and row["size"] == made["size"]
    human = run(tmp_path, "attachments", code)
    assert "SHA-256" in human.stdout and "chưa ký số" in human.stdout
    verified = run(tmp_path, "attachments", code, "--verify")
    assert verified.returncode == 0 and "TỐT" in verified.stdout


def test_bad_input_exits_1_with_a_code_and_stores_nothing(tmp_path: Path) -> None:
    run(tmp_path, "init", "--demo")
    code = run(tmp_path, "dossier", "register", "--json", str(EXAMPLE)).stdout.strip()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x8f" * 300)
    out = run(tmp_path, "attach", code, "--component", "1", str(broken))
    assert out.returncode == 1 and "[E_PDF_BROKEN]" in out.stderr and "broken.pdf" in out.stderr
    out = run(tmp_path, "attach", code, "--component", "99", str(broken))
    assert out.returncode == 1 and "E_" in out.stderr
    out = run(tmp_path, "attach", "000.00.01.H22-200101-0001", "--component", "1", str(broken))
    assert out.returncode == 1 and "[E_DOSSIER_UNKNOWN]" in out.stderr
    assert json.loads(run(tmp_path, "attachments", code, "--json").stdout) == []
    store = tmp_path / "data" / "attachments"
    assert not store.exists() or not [p for p in store.rglob("*") if p.is_file()]


@pytest.mark.softhsm
def test_sign_from_the_command_line_with_the_token(tmp_path: Path, softhsm: dict[str, str]) -> None:
    token = {
        "SOFTHSM2_CONF": softhsm["SOFTHSM2_CONF"],
        "COUNTER_APP_DIGITIZE_PKCS11_LIB": softhsm["COUNTER_TEST_PKCS11_LIB"],
        "COUNTER_APP_DIGITIZE_PKCS11_TOKEN": softhsm["COUNTER_TEST_PKCS11_TOKEN"],
    }
    run(tmp_path, "init", "--demo")
    code = run(tmp_path, "dossier", "register", "--json", str(EXAMPLE)).stdout.strip()
    page = documents.save(documents.text_page(300, lines=5), tmp_path / "p1.png", "PNG")
    assert run(tmp_path, "attach", code, "--component", "1", str(page)).returncode == 0
    wrong = run(
        tmp_path,
        "attachment-sign",
        code,
        "--component",
        "1",
        "--pin-stdin",
        stdin="0000\n",
        extra_env=token,
    )
    assert wrong.returncode == 1 and "[E_SIGN_PIN]" in wrong.stderr
    out = run(
        tmp_path,
        "attachment-sign",
        code,
        "--component",
        "1",
        "--pin-stdin",
        stdin=softhsm["COUNTER_TEST_PKCS11_PIN"] + "\n",
        extra_env=token,
    )
    assert out.returncode == 0, out.stderr
    assert "ký bởi Nguyễn Thị Lan" in out.stdout
    (row,) = json.loads(run(tmp_path, "attachments", code, "--json").stdout)
    assert row["signed_by"] == "Nguyễn Thị Lan" and row["signed_at"]
    assert run(tmp_path, "attachments", code, "--verify").returncode == 0
