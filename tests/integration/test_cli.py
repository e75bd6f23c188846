"""The command line as IT and scheduled tasks use it: real processes, exit codes, messages."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.support.cli import clean_env, run_main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "dossier-register.json"


def run(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_main(tmp_path / "data", *args, env=clean_env(tmp_path), stdin=stdin)


def test_version(tmp_path: Path) -> None:
    out = run(tmp_path, "--version")
    assert out.returncode == 0 and out.stdout.startswith("counter-app ")


def test_init_register_show_and_search(tmp_path: Path) -> None:
    assert run(tmp_path, "init", "--demo").returncode == 0
    listed = json.loads(run(tmp_path, "catalog", "list", "--json").stdout)
    assert len(listed) >= 25
    out = run(tmp_path, "dossier", "register", "--json", str(EXAMPLE))
    assert out.returncode == 0, out.stderr
    code = out.stdout.strip()
    assert code.startswith("000.00.01.H22-")
    shown = json.loads(run(tmp_path, "dossier", "show", code, "--json").stdout)
    assert shown["code"] == code and shown["status"] == 2
    assert shown["holder_id_masked"].startswith("0791") and "holder_id_number" not in shown
    assert all(
        c["copy_type"] in {"original", "certified_copy", "copy", "electronic"}
        for c in shown["components"]
    )
    found = json.loads(run(tmp_path, "dossier", "search", "bich ngoc", "--json").stdout)
    assert code in [r["code"] for r in found]
    human = run(tmp_path, "dossier", "show", code)
    assert "Hẹn trả" in human.stdout and "Trần Thị Bích Ngọc" in human.stdout


def test_bad_register_input_exits_1_with_code_and_writes_nothing(tmp_path: Path) -> None:
    run(tmp_path, "init", "--demo")
    before = json.loads(run(tmp_path, "dossier", "search", "", "--json").stdout)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"procedure": "1.001193", "applicant": {"full_name": "A", "id_number": "12"}})
    )
    out = run(tmp_path, "dossier", "register", "--json", str(bad))
    assert out.returncode == 1
    assert "[E_ID_INVALID]" in out.stderr and "không hợp lệ" in out.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    out = run(tmp_path, "dossier", "register", "--json", str(broken))
    assert out.returncode == 1 and "[E_JSON_SYNTAX]" in out.stderr
    after = json.loads(run(tmp_path, "dossier", "search", "", "--json").stdout)
    assert after == before


def test_due_computes_the_appointment(tmp_path: Path) -> None:
    out = run(
        tmp_path,
        "due",
        "--received",
        "2026-02-13 10:00",
        "--duration",
        "3",
        "--unit",
        "days",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["appointment"].startswith("2026-02-25T10:00")
    out = run(
        tmp_path, "due", "--received", "2026-11-23 15:30", "--duration", "0", "--cutoff", "15:00"
    )
    assert "17:00 25/11/2026" in out.stdout
    assert run(tmp_path, "due", "--received", "hôm qua", "--duration", "1").returncode == 1


@pytest.mark.parametrize(("number", "code"), [("079203001245", 0), ("12345", 1)])
def test_id_check_exit_codes(tmp_path: Path, number: str, code: int) -> None:
    out = run(tmp_path, "id", "check", number, "--json")
    assert out.returncode == code
    data = json.loads(out.stdout)
    assert data["valid"] is (code == 0)
    if code == 0:
        assert data["province_code"] == "079" and data["birth_year"] == 2003


def test_id_parse_qr_tolerates_scanner_noise(tmp_path: Path) -> None:
    text = (
        "079195001234||Trần Thị Bích Ngọc|12031995|Nữ|Phường Bến Nghé, TP Hồ Chí Minh|01022021\r\n"
    )
    out = run(tmp_path, "id", "parse-qr", text, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["full_name"] == "Trần Thị Bích Ngọc" and data["id_number"] == "079195001234"
    out = run(tmp_path, "id", "parse-qr", "not a card")
    assert out.returncode == 1 and "[E_QR_FORMAT]" in out.stderr


def test_catalog_import_rejects_a_file_with_bad_rows(tmp_path: Path) -> None:
    run(tmp_path, "init")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,name,field,level,duration,duration_unit,cutoff,fee_vnd,fee_name,"
        "components,source\n1.000001,Thủ tục tốt,Hộ tịch,Cấp xã,1,days,,0,,,x\n"
        ",Thiếu mã,Hộ tịch,Cấp xã,1,days,,0,,,x\n",
        encoding="utf-8",
    )
    out = run(tmp_path, "catalog", "import", str(bad))
    assert out.returncode == 1 and "E_CATALOG_REJECTED" in out.stderr
    names = [p["code"] for p in json.loads(run(tmp_path, "catalog", "list", "--json").stdout)]
    assert "1.000001" not in names


def test_audit_verify_on_a_fresh_database(tmp_path: Path) -> None:
    run(tmp_path, "init", "--demo")
    out = run(tmp_path, "audit", "verify")
    assert out.returncode == 0 and "nguyên vẹn" in out.stdout
