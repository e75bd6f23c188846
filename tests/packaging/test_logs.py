"""Logs: every record masked (ID numbers, CMND, phones, in messages, arguments and
tracebacks), rotated, and written by the CLI into its log folder."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app import logs
from counter_app.config import Settings, default_data_dir

ROOT = Path(__file__).resolve().parents[2]
ID = "079195001234"
CMND = "025123456"
PHONE = "0912345678"
DIGEST = "a3f1079195001234b9c2" + "0" * 44  # a SHA-256 that happens to hold 12 digits


def test_mask_text_masks_ids_cmnd_and_phones_but_not_codes_or_hashes() -> None:
    text = (
        f"hồ sơ 000.00.01.H22-261124-0001 của {ID}, CMND {CMND}, "
        f"ĐT {PHONE} / +84 912 345 678 / 84912345678, băm {DIGEST}"
    )
    masked = logs.mask_text(text)
    assert DIGEST in masked  # left whole: it is not a number on its own
    for raw in (ID, CMND, PHONE, "+84 912 345 678", "84912345678"):
        assert raw not in masked.replace(DIGEST, "")
    assert "0791******34" in masked and "0251***56" in masked and "*******678" in masked
    assert "000.00.01.H22-261124-0001" in masked and DIGEST in masked


def test_records_from_any_logger_are_masked_in_the_file(tmp_path: Path) -> None:
    path = logs.setup_logging(tmp_path / "logs")
    assert path == tmp_path / "logs" / "counter-app.log"
    logging.getLogger("sync.dvc").warning("rejected %s phone %s", ID, PHONE)
    logging.getLogger("counter_app.services").info("CMND " + CMND)
    try:
        raise ValueError(f"bad holder {ID}")
    except ValueError:
        logging.getLogger("ui").exception("failed for %s", CMND)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text("utf-8")
    assert "rejected 0791******34 phone *******678" in text
    assert "ValueError: bad holder 0791******34" in text  # the traceback too
    for raw in (ID, CMND, PHONE):
        assert raw not in text


def test_logs_rotate_and_keep_a_bounded_number_of_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 4_000)
    folder = tmp_path / "logs"
    logs.setup_logging(folder)
    log = logging.getLogger("counter_app.test")
    for n in range(2_000):
        log.info("dòng nhật ký số %05d của %s", n, ID)
    files = logs.log_files(folder)
    assert [f.name for f in files][:2] == ["counter-app.log", "counter-app.log.1"]
    assert len(files) == logs.BACKUPS + 1  # older ones are deleted
    assert all(f.stat().st_size <= 4_200 for f in files)
    assert "01999" in files[0].read_text("utf-8")  # the newest line is in the current file
    assert all(ID not in f.read_text("utf-8") for f in files)


def test_setting_up_twice_replaces_the_handler(tmp_path: Path) -> None:
    logs.setup_logging(tmp_path / "a")
    logs.setup_logging(tmp_path / "b")
    assert logs.current_log_file() == tmp_path / "b" / "counter-app.log"
    ours = [h for h in logging.getLogger().handlers if isinstance(h, logs._OurHandler)]
    assert len(ours) == 1


def test_log_dir_is_the_platform_log_folder_unless_the_data_folder_moved(tmp_path: Path) -> None:
    import platformdirs

    assert Settings(data_dir=default_data_dir()).log_dir == Path(
        platformdirs.user_log_dir("counter-app", "MotCua")
    )
    assert Settings(data_dir=tmp_path).log_dir == tmp_path / "logs"


def test_cli_logs_its_internal_errors_masked(tmp_path: Path) -> None:
    """A command that fails inside leaves its traceback in the log, with numbers masked."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env["COUNTER_APP_SECRET_DATA_KEY"] = "q" * 43 + "="
    env["XDG_CONFIG_HOME"] = str(tmp_path / "cfg")
    data = tmp_path / "data"
    data.mkdir()
    (data / "counter.db").write_text(f"not a database, holder {ID}")  # a damaged file
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "dossier", "show", "X"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )
    assert out.returncode == 2, out.stderr
    assert "nhật ký" in out.stderr
    text = (data / "logs" / "counter-app.log").read_text("utf-8")
    assert "internal error in command dossier" in text and "Traceback" in text
