"""The app's view of the sync: a thread that never blocks the window, the status bar, and the
list of rejected rows with "Gửi lại"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter_app.services import lifecycle
from counter_app.services.context import SYSTEM, Core
from counter_app.storage import models as m
from sync.adapter_config import AdapterConfig
from sync.factory import build_adapter
from sync.loop import SyncLoop
from sync.status import SyncSnapshot
from tests.support.factories import register
from tests.sync.provincial_server import Fault, ProvincialServer
from ui.sync_bridge import RejectedListDialog, SyncBridge, SyncStatusWidget
from ui.tasks import SyncRunner

pytestmark = pytest.mark.ui


@pytest.fixture
def bridge(live_core: Core, province: AdapterConfig) -> Iterator[SyncBridge]:
    loop = SyncLoop(
        live_core, build_adapter(live_core, province), province.retry, interval=0.1,
        pull_enabled=False, in_flight=1,
    )  # fmt: skip
    b = SyncBridge(loop, min_interval=0.05)
    yield b
    b.stop()


def _snapshot(**kw: object) -> SyncSnapshot:
    values: dict[str, object] = {
        "pending": 0, "sending": 0, "dead": 0, "last_success_at": None, "last_error": "",
        "last_error_at": None, "last_pull_at": None, "oldest_waiting_at": None,
    }  # fmt: skip
    values.update(kw)
    return SyncSnapshot(**values)  # type: ignore[arg-type]


def test_the_status_bar_shows_backlog_last_success_and_warns_on_rejections(
    qtbot: QtBot,
) -> None:
    widget = SyncStatusWidget()
    qtbot.addWidget(widget)
    widget.show_snapshot(_snapshot(pending=12))
    assert widget.label.text() == "Đồng bộ tỉnh: chờ gửi 12 · chưa gửi được lần nào"
    assert not widget.warning and widget.rejected.isHidden()
    sent = datetime(2026, 11, 23, 3, 5, tzinfo=UTC)  # 10:05 in Hà Nội
    widget.show_snapshot(_snapshot(dead=3, last_success_at=sent, last_error="[E12] Sai mã thủ tục"))
    assert widget.label.text() == "Đồng bộ tỉnh: chờ gửi 0 · gửi được lúc 10:05 23/11"
    assert widget.warning and not widget.rejected.isHidden()
    assert widget.rejected.text() == "3 bị tỉnh từ chối"
    assert "#8a1c00" in widget.label.styleSheet()
    assert "[E12] Sai mã thủ tục" in widget.label.toolTip()
    with qtbot.waitSignal(widget.rejectedClicked):
        widget.rejected.click()


def test_the_bridge_syncs_on_its_own_thread_and_reports_to_the_widget(
    qtbot: QtBot, live_core: Core, server: ProvincialServer, bridge: SyncBridge
) -> None:
    widget = SyncStatusWidget()
    qtbot.addWidget(widget)
    widget.connect_bridge(bridge)
    codes = [register(live_core, name=f"Người nộp {i}").code for i in range(5)]
    bridge.start()
    assert bridge.running
    qtbot.waitUntil(lambda: server.snapshot()["case_count"] == 5, timeout=20_000)
    qtbot.waitUntil(
        lambda: bridge.latest is not None and bridge.latest.backlog == 0, timeout=20_000
    )
    assert "chờ gửi 0" in widget.label.text() and "gửi được lúc" in widget.label.text()
    lifecycle.start_processing(live_core, SYSTEM, codes[0])
    bridge.wake()
    qtbot.waitUntil(lambda: codes[0] in server.snapshot()["progress"], timeout=20_000)
    with qtbot.waitSignal(bridge.stopped, timeout=20_000):
        bridge.stop()
    assert not bridge.running


def test_rejected_rows_are_listed_with_the_reason_and_sent_again(
    qtbot: QtBot, live_core: Core, server: ProvincialServer, province: AdapterConfig
) -> None:
    first = register(live_core, name="Đỗ Thị Một")
    second = register(live_core, name="Ngô Văn Hai")
    server.add_fault(Fault("error", "DongBoHoSoMC", times=2, message="Thiếu mã lĩnh vực"))
    loop = SyncLoop(live_core, build_adapter(live_core, province), province.retry, in_flight=1)
    loop.cycle(pull=False)
    dialog = RejectedListDialog(live_core, SYSTEM, SyncRunner())
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 0).text() == first.code
    assert dialog.table.item(0, 1).text() == "Đỗ Thị Một"
    assert dialog.table.item(0, 4).text() == "[E_TU_CHOI] Thiếu mã lĩnh vực"
    assert not dialog.send_selected.isEnabled()
    dialog.table.selectionModel().select(
        dialog.table.model().index(1, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert dialog.send_selected.isEnabled()
    with qtbot.waitSignal(dialog.sentAgain) as sent:
        dialog.send_selected.click()
    assert len(sent.args[0]) == 1
    assert [dialog.table.item(0, 0).text()] == [first.code] and dialog.table.rowCount() == 1
    loop.cycle(pull=False)
    assert list(server.snapshot()["cases"]) == [second.code]
    dialog.send_all.click()
    assert dialog.table.rowCount() == 0 and not dialog.send_all.isEnabled()
    loop.cycle(pull=False)
    loop.adapter.close()
    with live_core.uow(write=False) as uow:
        assert set(uow.session.scalars(select(m.OutboxRow.state))) == {"done"}
