"""The sync, seen from the window: its own thread, a status-bar widget, the rejected list.

`SyncBridge` runs `sync.loop.SyncLoop.run()` on a `threading.Thread`, never on the Qt thread.
The loop's notifications arrive on that thread; the bridge keeps only the latest snapshot
and hands it to the Qt thread through a queued signal, at most every `min_interval` seconds,
so draining 10,000 rows never floods the event loop, and the last state always arrives.

Database work of the dialog (listing rejected rows, "send again") goes through the app's
task runner (`ui.tasks`), like every other screen.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import VN_TZ
from counter_app.services.context import Actor, Core
from sync import status
from sync.factory import build_loop, require_enabled
from sync.loop import SyncLoop
from sync.status import DeadRow, SyncSnapshot
from ui.tasks import Runner
from ui.widgets import show_error

log = logging.getLogger("ui.sync")
WARNING_STYLE = "color: #8a1c00; background: #ffe3d6; border-radius: 3px; padding: 1px 6px;"


class SyncBridge(QObject):
    """Owns the sync thread; turns the loop's notifications into `snapshotChanged`."""

    snapshotChanged = Signal(object)  # sync.status.SyncSnapshot
    stopped = Signal()
    _poke = Signal()  # loop thread → Qt thread: "there is a newer snapshot"

    def __init__(
        self, loop: SyncLoop, *, min_interval: float = 0.2, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.loop = loop
        self.min_interval = min_interval
        self.latest: SyncSnapshot | None = None
        self._lock = threading.Lock()
        self._pending: SyncSnapshot | None = None
        self._last_delivery = 0.0
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._deliver)
        self._poke.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        loop.subscribe(self._on_loop_snapshot)

    @classmethod
    def for_core(cls, core: Core, parent: QObject | None = None) -> SyncBridge:
        """The configured sync; raises the core's ConfigError when it is off or not set up."""
        require_enabled(core)
        return cls(build_loop(core), parent=parent)

    # -- control (Qt thread) ----------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        # Draining a backlog allocates fast, which makes CPython's full collections frequent,
        # and each one walks every object of the app (Qt wrappers, SQLAlchemy, the catalogue):
        # 100–250 ms with the whole process stopped. Moving what exists now out of the
        # collector's way keeps those pauses to a few ms (CPython's gc.freeze() recipe).
        gc.collect()
        gc.freeze()
        self._thread = threading.Thread(target=self._run, name="sync-loop", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the loop; wait at most `timeout` for requests in flight. A row whose answer was
        not recorded is simply sent again next time (the province recognises it)."""
        self.loop.stop()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.loop.adapter.close()

    def wake(self) -> None:
        """Send now (e.g. right after a registration or "send again")."""
        self.loop.wake()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        try:
            self.loop.publish()
            self.loop.run()
        except Exception:  # the loop logs its own failures; this is a last resort
            log.exception("sync thread ended")
        finally:
            self.stopped.emit()

    # -- loop thread → Qt thread -------------------------------------------------------------

    def _on_loop_snapshot(self, snapshot: SyncSnapshot) -> None:
        with self._lock:
            first = self._pending is None
            self._pending = snapshot
        if first:
            self._poke.emit()

    @Slot()
    def _deliver(self) -> None:
        wait = self.min_interval - (time.monotonic() - self._last_delivery)
        if wait > 0:
            if not self._timer.isActive():
                self._timer.start(int(wait * 1000) + 1)
            return
        with self._lock:
            snapshot, self._pending = self._pending, None
        if snapshot is None:
            return
        self._last_delivery = time.monotonic()
        self.latest = snapshot
        self.snapshotChanged.emit(snapshot)


def _when(moment: datetime | None) -> str:
    return moment.astimezone(VN_TZ).strftime("%H:%M %d/%m") if moment else ""


class SyncStatusWidget(QWidget):
    """Status bar: what waits to go up, when it last succeeded; orange when rows were refused."""

    rejectedClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("Đồng bộ tỉnh: đang kiểm tra…"))
        self.rejected = QPushButton()
        self.rejected.setFlat(True)
        self.rejected.setCursor(Qt.CursorShape.PointingHandCursor)
        self.rejected.clicked.connect(self.rejectedClicked)
        self.rejected.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.rejected)
        self.warning = False

    def connect_bridge(self, bridge: SyncBridge) -> None:
        bridge.snapshotChanged.connect(self.show_snapshot)

    @Slot(object)
    def show_snapshot(self, snap: SyncSnapshot) -> None:
        parts = [self.tr("Đồng bộ tỉnh: chờ gửi %n", "", snap.backlog)]
        if snap.last_success_at:
            parts.append(self.tr("gửi được lúc %1").replace("%1", _when(snap.last_success_at)))
        else:
            parts.append(self.tr("chưa gửi được lần nào"))
        if snap.paused_for > 0:
            parts.append(self.tr("tạm ngừng gửi"))
        self.label.setText(" · ".join(parts))
        tip = self.tr("Lỗi gần nhất: %1").replace("%1", snap.last_error) if snap.last_error else ""
        self.label.setToolTip(tip)
        warning = snap.dead > 0
        self.rejected.setText(self.tr("%n bị tỉnh từ chối", "", snap.dead))
        if warning != self.warning:  # restyling re-polishes the widget: only on a change
            self.warning = warning
            self.rejected.setVisible(warning)
            self.rejected.setStyleSheet(WARNING_STYLE)
            self.label.setStyleSheet(WARNING_STYLE if warning else "")


class RejectedListDialog(QDialog):
    """Rows the province refused, with its reason; "Gửi lại" once the cause is fixed."""

    sentAgain = Signal(list)  # ids put back in the queue: connect to SyncBridge.wake

    def __init__(
        self, core: Core, actor: Actor, runner: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.core, self.actor, self.runner = core, actor, runner
        self.rows: list[DeadRow] = []
        self.setWindowTitle(self.tr("Thay đổi bị hệ thống tỉnh từ chối"))
        self.resize(900, 420)
        columns = [
            self.tr("Mã hồ sơ"),
            self.tr("Người nộp"),
            self.tr("Loại"),
            self.tr("Số lần gửi"),
            self.tr("Lý do tỉnh từ chối"),
            self.tr("Tạo lúc"),
        ]
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.hint = QLabel(
            self.tr("Sửa nguyên nhân (thông tin hồ sơ, danh mục, cấu hình) rồi bấm “Gửi lại”.")
        )
        self.send_selected = QPushButton(self.tr("Gửi lại"))
        self.send_all = QPushButton(self.tr("Gửi lại tất cả"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.addButton(self.send_selected, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.send_all, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.send_selected.clicked.connect(self._send_selected)
        self.send_all.clicked.connect(lambda: self._send_again(None))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        core = self.core
        self.runner.run(lambda: status.dead_rows(core), self._fill, self._failed)

    def _fill(self, rows: list[DeadRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (
                row.dossier_code,
                row.holder_name,
                row.kind_label,
                str(row.attempts),
                row.reason,
                row.created_at.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y"),
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 4:
                    item.setToolTip(value)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.send_selected.setEnabled(bool(self.table.selectionModel().selectedRows()))
        self.send_all.setEnabled(bool(self.rows))

    def _send_selected(self) -> None:
        picked = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        self._send_again([self.rows[i].id for i in picked])

    def _send_again(self, ids: Sequence[int] | None) -> None:
        core, actor = self.core, self.actor
        self.runner.run(lambda: status.send_again(core, actor, ids), self._sent, self._failed)

    def _sent(self, revived: list[int]) -> None:
        self.sentAgain.emit(revived)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)
