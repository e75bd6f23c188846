"""The crash handler: a report with version, platform and traceback but no personal data, from
the main thread or any other; faulthandler for fatal errors; the dialog the user sees."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from counter_app import crash
from counter_app.version import __version__

ID = "079195001234"
PHONE = "0987654321"


def _fail_with_personal_data() -> None:
    raise RuntimeError(f"lookup failed for {ID} phone {PHONE} in {Path.home() / 'secret.txt'}")


def _raise_and_hook() -> None:
    try:
        _fail_with_personal_data()
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # what Python does with an unhandled exception


def test_report_has_version_platform_traceback_and_no_personal_data(tmp_path: Path) -> None:
    seen: list[tuple[Path | None, BaseException]] = []
    crash.install(tmp_path / "crash", lambda path, exc: seen.append((path, exc)))
    _raise_and_hook()
    [(path, exc)] = seen
    assert isinstance(exc, RuntimeError) and path is not None and path.parent == tmp_path / "crash"
    text = path.read_text("utf-8")
    assert f"version: {__version__}" in text and "platform: " in text and "python: " in text
    assert "_fail_with_personal_data" in text and "RuntimeError: lookup failed for" in text
    assert ID not in text and PHONE not in text and "0791******34" in text
    assert str(Path.home()) not in text and "~" in text  # the account name stays home


def test_an_exception_in_another_thread_is_reported_with_the_thread_name(tmp_path: Path) -> None:
    seen: list[Path | None] = []
    crash.install(tmp_path / "crash", lambda path, _exc: seen.append(path))
    worker = threading.Thread(target=_fail_with_personal_data, name="sync-loop")
    worker.start()
    worker.join()
    assert len(seen) == 1 and seen[0] is not None
    text = seen[0].read_text("utf-8")
    assert "thread: sync-loop" in text and ID not in text


def test_faulthandler_writes_fatal_errors_to_the_crash_folder(tmp_path: Path) -> None:
    """A crash in C code (no Python exception) still leaves where it happened."""
    code = (
        "import faulthandler, pathlib, sys\n"
        "from counter_app import crash\n"
        f"crash.install(pathlib.Path({str(tmp_path)!r}))\n"
        "faulthandler._sigsegv()\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, timeout=60)
    assert out.returncode != 0
    text = (tmp_path / "fatal.log").read_text("utf-8")
    assert "Fatal Python error" in text and "Segmentation fault" in text


@pytest.mark.ui
def test_the_app_shows_a_vietnamese_dialog_with_the_report_path(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QMessageBox

    from counter_app.config import Settings
    from ui.crash_notice import install_crash_handling

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settings = Settings(data_dir=tmp_path / "data")
    install_crash_handling(app, settings)
    worker = threading.Thread(target=_raise_and_hook, name="worker")  # not the GUI thread
    worker.start()
    worker.join()

    def dialog() -> QMessageBox:
        boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "crashNotice"]
        assert boxes and boxes[0].isVisible()
        box = boxes[0]
        assert isinstance(box, QMessageBox)
        return box

    qtbot.waitUntil(lambda: bool(dialog()), timeout=5000)
    box = dialog()
    reports = list((settings.log_dir / "crash").glob("crash-*.txt"))
    assert len(reports) == 1
    assert "lỗi không mong muốn" in box.text()
    assert str(reports[0]) in box.informativeText() and "CNTT" in box.informativeText()
    assert box.windowTitle() == "Lỗi chương trình"
    box.close()
    log_text = (settings.log_dir / "counter-app.log").read_text("utf-8")
    assert "unhandled exception" in log_text and ID not in log_text
