"""Where pages come from: the scanner (with its profile, resolution, feeder, duplex), files
chosen or dropped, and the copier's watched folder. One bar of controls; the pages it gets
arrive through `pagesArrived`, failures through `failed`, all work on the runner's worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.digitize import scanners
from counter_app.digitize.files import load_file
from counter_app.digitize.pages import Page
from counter_app.digitize.profiles import MIN_DPI, PROFILES, ScanProfile
from counter_app.digitize.watch import FolderWatcher
from counter_app.errors import AppError
from counter_app.services import attachments
from counter_app.services.context import Core
from ui.tasks import Runner

FILE_FILTER = "Ảnh hoặc PDF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Tất cả (*)"
RESOLUTIONS = (200, 300, 400, 600)


class SourceBar(QWidget):
    pagesArrived = Signal(list, object)  # pages, row to insert at (None: where the clerk chose)
    failed = Signal(object)  # the exception
    started = Signal(str, bool)  # what is going on, whether it can be cancelled
    scanProgress = Signal(int)  # pages received so far (emitted from the worker thread)

    def __init__(
        self,
        core: Core,
        runner: Runner,
        backend: scanners.ScannerBackend,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.core, self.runner, self.backend = core, runner, backend
        self.settings = core.settings.digitize
        self.cancel = threading.Event()
        self.busy = False
        self.choose_files: Callable[[], list[str]] = self._choose_files
        watch = self.settings.watch_folder
        self.watcher = FolderWatcher(Path(watch)) if watch else None
        self.watch_timer = QTimer(self)
        self.watch_timer.setInterval(2000)
        self.watch_timer.timeout.connect(self.poll_watch_folder)
        self._build()
        self.scanProgress.connect(
            lambda n: self.started.emit(self.tr("Đã quét %1 trang…").replace("%1", str(n)), True)
        )

    def _button(self, text: str, slot: Callable[[], object], key: str = "") -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        if key:
            button.setShortcut(QKeySequence(key))
        return button

    def _build(self) -> None:
        self.profile_box = QComboBox()
        self.profile_box.setAccessibleName(self.tr("Chế độ quét"))
        for name, prof in PROFILES.items():
            self.profile_box.addItem(prof.label, name)
        self.dpi_box = QComboBox()
        self.dpi_box.setAccessibleName(self.tr("Độ phân giải"))
        for dpi in RESOLUTIONS:
            self.dpi_box.addItem(f"{dpi} dpi", dpi)
        self.profile_box.currentIndexChanged.connect(self._profile_changed)
        default = self.profile_box.findData(self.settings.default_profile)
        self.profile_box.setCurrentIndex(max(0, default))
        self._profile_changed()
        self.device_box = QComboBox()
        self.device_box.setMinimumWidth(160)
        self.device_box.setAccessibleName(self.tr("Máy quét"))
        self.feeder = QCheckBox(self.tr("Khay nạp giấy"))
        self.duplex = QCheckBox(self.tr("Hai mặt"))
        self.scan_button = self._button(self.tr("&Quét"), self.scan, "F5")
        self.cancel_button = self._button(self.tr("Huỷ"), self.cancel.set)
        self.cancel_button.hide()
        self.import_button = self._button(self.tr("&Nhập tệp…"), self.import_dialog)
        self.import_button.setToolTip(self.tr("JPEG, PNG, TIFF nhiều trang, PDF; hoặc kéo thả tệp"))
        self.watch_box = QCheckBox(self.tr("Nhận từ thư mục máy photo"))
        self.watch_box.setEnabled(self.watcher is not None)
        self.watch_box.setToolTip(self.settings.watch_folder or self.tr("Chưa cấu hình thư mục"))
        self.watch_box.toggled.connect(self._toggle_watch)
        # Two short rows, so the screen fits a 1366-pixel-wide counter PC.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        for widgets in (
            (QLabel(self.tr("Chế độ:")), self.profile_box, self.dpi_box, self.feeder, self.duplex),
            (
                QLabel(self.tr("Máy quét:")),
                self.device_box,
                self.scan_button,
                self.cancel_button,
                self.import_button,
                self.watch_box,
            ),
        ):
            row = QHBoxLayout()
            for widget in widgets:
                row.addWidget(widget)
            row.addStretch(1)
            rows.addLayout(row)

    def _profile_changed(self) -> None:
        prof = PROFILES[str(self.profile_box.currentData())]
        self.dpi_box.setCurrentIndex(max(0, self.dpi_box.findData(prof.dpi)))

    def profile(self) -> ScanProfile:
        base = PROFILES[str(self.profile_box.currentData())]
        dpi = int(self.dpi_box.currentData() or base.dpi)
        return base.with_options(
            dpi=max(MIN_DPI, dpi), feeder=self.feeder.isChecked(), duplex=self.duplex.isChecked()
        )

    def set_busy(self, busy: bool, *, cancellable: bool = False) -> None:
        self.busy = busy
        self.cancel_button.setVisible(busy and cancellable)
        self.scan_button.setEnabled(self.device_box.count() > 0 and not busy)
        self.import_button.setEnabled(not busy)

    def _run(
        self,
        text: str,
        work: Callable[[], list[Page]],
        row: int | None = None,
        *,
        cancellable: bool = False,
    ) -> None:
        self.set_busy(True, cancellable=cancellable)
        self.started.emit(text, cancellable)

        def arrived(pages: list[Page]) -> None:
            self.set_busy(False)
            self.pagesArrived.emit(pages, row)

        def failed(exc: BaseException) -> None:
            self.set_busy(False)
            self.failed.emit(exc)

        self.runner.run(work, arrived, failed)

    # -- scanner ------------------------------------------------------------------------------

    def refresh_devices(self) -> None:
        backend, settings = self.backend, self.settings

        def found(devices: list[scanners.ScannerDevice]) -> None:
            self.device_box.clear()
            for d in devices:
                self.device_box.addItem(d.label, d.id)
            self.set_busy(self.busy)

        def missing(exc: BaseException) -> None:
            self.device_box.clear()
            self.device_box.setToolTip(str(getattr(exc, "message", exc)))
            self.set_busy(self.busy)

        self.runner.run(lambda: scanners.list_devices(backend, settings), found, missing)

    def scan(self) -> None:
        device = str(self.device_box.currentData() or "")
        backend, prof, cancel = self.backend, self.profile(), self.cancel
        cancel.clear()
        self._run(
            self.tr("Đang quét…"),
            lambda: scanners.scan_pages(
                backend,
                device,
                prof,
                cancel=cancel,
                progress=lambda done, _total: self.scanProgress.emit(done),
            ),
            cancellable=True,
        )

    # -- files --------------------------------------------------------------------------------

    def _choose_files(self) -> list[str]:
        title = self.tr("Chọn tệp cần số hoá")
        files, _ = QFileDialog.getOpenFileNames(self, title, "", FILE_FILTER)
        return list(files)

    def import_dialog(self) -> None:
        files = self.choose_files()
        if files:
            self.import_files(files)

    def import_files(self, files: list[str], row: int | None = None) -> None:
        core, prof, paths = self.core, self.profile(), [Path(f) for f in files]
        text = self.tr("Đang đọc %1 tệp…").replace("%1", str(len(paths)))
        self._run(text, lambda: attachments.load_files(core, paths, prof), row)

    # -- the copier's folder ------------------------------------------------------------------

    def _toggle_watch(self, on: bool) -> None:
        if on:
            self.watch_timer.start()
            self.poll_watch_folder()
        else:
            self.watch_timer.stop()

    def poll_watch_folder(self) -> None:
        """Take the copier's finished files; refused ones go to `loi/` with the reason."""
        watcher, prof, limits = self.watcher, self.profile(), attachments.limits_for(self.core)
        if watcher is None or self.busy:
            return

        def collect() -> tuple[list[Page], list[AppError]]:
            pages: list[Page] = []
            errors: list[AppError] = []
            for path in watcher.ready():
                try:
                    pages += load_file(path, prof, limits)
                    watcher.mark_done(path)
                except AppError as err:
                    watcher.mark_failed(path, err)
                    errors.append(err)
            return pages, errors

        def done(result: tuple[list[Page], list[AppError]]) -> None:
            pages, errors = result
            if pages:
                self.pagesArrived.emit(pages, None)
            for err in errors:
                self.failed.emit(err)

        self.runner.run(collect, done, self.failed.emit)

    def stop(self) -> None:
        self.watch_timer.stop()
        self.cancel.set()
