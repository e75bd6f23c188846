"""`vietqr` and `payment record|list` as IT and scripts run them (in-process, real parser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

import main
from counter_app.domain import vietqr
from counter_app.services.context import Actor, Core
from tests.payments.conftest import ACCOUNT, BANK_BIN


def _run(
    capsys: pytest.CaptureFixture[str], core: Core, *args: str, config: Path | None = None
) -> tuple[int, str, str]:
    base = ["--data-dir", str(core.settings.data_dir)]
    if config is not None:
        base += ["--config", str(config)]
    code = main.main([*base, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def config(tmp_path: Path, pay_core: Core) -> Path:
    path = tmp_path / "payment.toml"
    path.write_text(
        f'[database]\nurl = "{pay_core.settings.database_url}"\n'
        f'[payment]\nbank_bin = "{BANK_BIN}"\naccount = "{ACCOUNT}"\n'
        'account_name = "UBND xã Thử Nghiệm"\n',
        "utf-8",
    )
    return path


def test_vietqr_prints_the_payload_from_the_configured_account(
    capsys: pytest.CaptureFixture[str], pay_core: Core, config: Path
) -> None:
    code, out, _ = _run(
        capsys, pay_core, "vietqr", "--amount", "50000", "--purpose", "Lệ phí hồ sơ", config=config
    )
    assert code == 0
    t = vietqr.parse(out.strip()).transfer
    assert (t.bank_bin, t.account, t.amount, t.purpose) == (
        BANK_BIN,
        ACCOUNT,
        50000,
        "Le phi ho so",
    )


def test_vietqr_with_explicit_bank_json_and_png(
    capsys: pytest.CaptureFixture[str], pay_core: Core, tmp_path: Path
) -> None:
    png = tmp_path / "qr.png"
    code, out, _ = _run(
        capsys,
        pay_core,
        "vietqr",
        "--amount",
        "2000",
        "--purpose",
        "HS 1",
        "--bin",
        "970436",
        "--account",
        "0123456789",
        "--png",
        str(png),
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["bank_name"] == "Vietcombank" and data["amount"] == 2000
    [read] = zxingcpp.read_barcodes(Image.open(png))
    assert read.text == data["payload"]
    code, out, _ = _run(capsys, pay_core, "vietqr", "--check", data["payload"], "--json")
    assert code == 0 and json.loads(out)["purpose"] == "HS 1"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["--amount", "0", "--purpose", "x", "--bin", "970436", "--account", "1"],
            "E_VIETQR_AMOUNT",
        ),
        (["--amount", "1000", "--purpose", "x", "--bin", "9704", "--account", "1"], "E_VIETQR_BIN"),
        (
            ["--amount", "1000", "--purpose", "x" * 30, "--bin", "970436", "--account", "1"],
            "E_VIETQR_PURPOSE_TOO_LONG",
        ),
        (["--amount", "1000", "--purpose", "x"], "E_VIETQR_NOT_CONFIGURED"),
        (["--check", "00020101021238570010A0000007276304FFFF"], "E_VIETQR_CRC"),
    ],
)
def test_vietqr_bad_input_exits_1_with_the_code(
    capsys: pytest.CaptureFixture[str],
    pay_core: Core,
    tmp_path: Path,
    args: list[str],
    error: str,
) -> None:
    png = tmp_path / "never.png"
    code, out, err = _run(capsys, pay_core, "vietqr", *args, "--png", str(png))
    assert code == 1 and f"[{error}]" in err and out == ""
    assert not png.exists() and not list(tmp_path.glob("*.tmp"))


def test_payment_record_and_list(
    capsys: pytest.CaptureFixture[str],
    pay_core: Core,
    clerk: Actor,
    fee_code: str,
    config: Path,
) -> None:
    code, out, err = _run(
        capsys,
        pay_core,
        "payment",
        "record",
        fee_code,
        "--method",
        "transfer",
        "--amount",
        "2000",
        config=config,
    )
    assert code == 1 and "[E_PAYMENT_REFERENCE]" in err
    code, out, _ = _run(
        capsys,
        pay_core,
        "payment",
        "record",
        fee_code,
        "--method",
        "transfer",
        "--amount",
        "2000",
        "--reference",
        "FT26327000001",
        config=config,
    )
    assert code == 0 and "Đã nộp đủ" in out
    code, out, _ = _run(capsys, pay_core, "payment", "list", fee_code, "--json", config=config)
    data = json.loads(out)
    assert (data["owed"], data["paid"], data["outstanding"], data["state"]) == (
        2000,
        2000,
        0,
        "paid",
    )
    assert [(p["method"], p["reference"]) for p in data["payments"]] == [
        ("transfer", "FT26327000001")
    ]
    code, out, _ = _run(capsys, pay_core, "payment", "list", fee_code, config=config)
    assert "Chuyển khoản: 2.000 đồng – mã giao dịch FT26327000001" in out
