"""What the user sees when the program meets a bug: a plain Vietnamese dialog saying what
happened, that nothing more was done, and where the crash report is (for IT).

The crash handler (`counter_app.crash`) may call from any thread; a Qt dialog may only be shown
from the GUI thread, so the notice goes through a signal (queued when it comes from another
thread). Installed before the login window, so it avoids Qt's `Qt` namespace until a crash
(13 ms of start-up, ui/login.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

if TYPE_CHECKING:
    from counter_app.config import Settings


def install_crash_handling(app: QApplication, settings: Settings) -> None:
    """Logs in the platform's log folder (rotated, personal numbers masked); an unhandled
    exception in any thread writes a crash report there and tells the user where it is."""
    from PySide6 import __version__ as qt_version

    from counter_app import crash
    from counter_app.logs import setup_logging

    setup_logging(settings.log_dir)
    notice = CrashNotice(app)  # a child of the application: lives as long as it does
    crash.install(
        crash.crash_dir_for(settings.log_dir), notice.notify, extra={"qt (PySide6)": qt_version}
    )


def crash_message(path: Path | None, exc: BaseException) -> tuple[str, str]:
    """(text, informative text) of the dialog."""
    from counter_app.errors import AppError

    if isinstance(exc, AppError):  # the core's own words: the user can act on it
        return exc.message, exc.hint
    text = QCoreApplication.translate(
        "CrashNotice",
        "Chương trình gặp lỗi không mong muốn; thao tác vừa rồi chưa được thực hiện. "
        "Dữ liệu đã lưu trước đó vẫn an toàn.",
    )
    if path is None:
        detail = QCoreApplication.translate(
            "CrashNotice",
            "Không ghi được báo cáo lỗi. Hãy báo bộ phận CNTT; họ có thể tạo tệp chẩn đoán "
            "bằng lệnh diagnostics của chương trình.",
        )
    else:
        detail = QCoreApplication.translate(
            "CrashNotice",
            "Báo cáo lỗi (không chứa dữ liệu cá nhân) đã được lưu tại:\n{path}\n"
            "Hãy gửi tệp này cho bộ phận CNTT.",
        ).format(path=str(path))
    return text, detail


class CrashNotice(QObject):
    """Shows the crash dialog in the GUI thread, whichever thread crashed."""

    crashed = Signal(str, object)
    shown: list[QMessageBox]  # the open dialogs (tests look at them)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shown = []
        self.crashed.connect(self._show)  # auto: queued from other threads, direct in ours

    def notify(self, path: Path | None, exc: BaseException) -> None:
        """The crash handler's callback: safe from any thread."""
        self.crashed.emit(str(path) if path is not None else "", exc)

    def _show(self, path: str, exc: BaseException) -> None:
        from PySide6.QtCore import Qt

        text, detail = crash_message(Path(path) if path else None, exc)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("CrashNotice", "Lỗi chương trình"),
            text,
            QMessageBox.StandardButton.Ok,
            QApplication.activeWindow(),
        )
        box.setObjectName("crashNotice")
        box.setInformativeText(detail)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shown.append(box)
        box.finished.connect(lambda _r: self.shown.remove(box) if box in self.shown else None)
        box.open()  # not exec(): a crash inside a nested loop must not stack event loops
