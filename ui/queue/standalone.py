"""`python main.py hall` and `python main.py kiosk`: one queue window, no sign-in.

Neither window shows personal data: the hall shows numbers and counters, the kiosk takes
numbers. They open the office database like the counter app does (on the worker thread, the
same configuration: `--config`, `--data-dir`, environment) and nothing else.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from ui import i18n
from ui.ready import when_idle
from ui.tasks import Runner, TaskRunner
from ui.widgets import show_error

if TYPE_CHECKING:
    from counter_app.config import Settings
    from counter_app.services.context import Core

KINDS = ("hall", "kiosk")


def make_window(kind: str, core: Core, runner: Runner) -> QWidget:
    if kind == "hall":
        from ui.queue.hall import HallWindow

        return HallWindow(core, runner)
    from ui.queue.kiosk import KioskWindow

    return KioskWindow(core, runner)


def show_window(window: QWidget, kind: str, *, windowed: bool) -> None:
    from ui.queue.hall import HallWindow

    if isinstance(window, HallWindow) and not windowed:
        window.show_on_hall_screen()
    elif windowed:
        window.resize(1024, 700)
        window.show()
    else:
        window.showFullScreen()
    when_idle(kind)


def _database_missing(settings: Settings) -> bool:
    url = settings.database_url
    return url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists()


def run_window(kind: str, args: list[str]) -> int:
    """Open the hall display or the kiosk and run until it is closed; the exit code."""
    parser = argparse.ArgumentParser(prog=f"main.py {kind}")
    parser.add_argument("--config", help="tệp cấu hình")
    parser.add_argument("--data-dir", help="thư mục dữ liệu")
    parser.add_argument("--window", action="store_true", help="cửa sổ thường, không toàn màn hình")
    known = parser.parse_args(args)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName("MotCua")
    QCoreApplication.setApplicationName("counter-app")
    from counter_app.config import load_settings
    from counter_app.errors import AppError, ConfigError

    try:
        settings = load_settings(known.config, known.data_dir)
    except AppError as exc:
        i18n.install(i18n.saved_language())
        show_error(None, exc, QCoreApplication.translate("QueueWindows", "Cấu hình không hợp lệ"))
        return 1
    i18n.install(i18n.saved_language(settings.counter.language))
    from ui.crash_notice import install_crash_handling

    install_crash_handling(app, settings)  # logs and crash reports, as the counter app
    if _database_missing(settings):
        show_error(
            None,
            ConfigError(
                "E_NO_DATABASE",
                QCoreApplication.translate(
                    "QueueWindows", "Máy này chưa có cơ sở dữ liệu của bộ phận một cửa."
                ),
                hint=QCoreApplication.translate(
                    "QueueWindows",
                    "Mở ứng dụng quầy để thiết lập, hoặc cấu hình địa chỉ cơ sở dữ liệu.",
                ),
            ),
        )
        return 1
    runner = TaskRunner()
    opened: list[Core] = []
    windows: list[QWidget] = []

    def open_core() -> Core:
        from counter_app.services.context import open_core

        return open_core(settings)

    def ready(core: Core) -> None:
        opened.append(core)
        window = make_window(kind, core, runner)
        windows.append(window)
        show_window(window, kind, windowed=known.window)

    def failed(exc: BaseException) -> None:
        show_error(
            None, exc, QCoreApplication.translate("QueueWindows", "Không mở được cơ sở dữ liệu")
        )
        app.exit(1)

    runner.run(open_core, ready, failed)
    try:
        code = app.exec()
    finally:
        for window in windows:
            window.close()
        runner.shutdown()
        for core in opened:
            core.close()
    return code
