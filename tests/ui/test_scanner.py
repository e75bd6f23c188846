"""The scanner router: a fast burst ending in Enter is a scan; everything else is typing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from counter_app.domain.identity import looks_like_card_qr
from tests.ui.keys import enter, focused, press, type_focused
from ui.scanner import ScanRouter

QR = "001090012345|123456789|Nguyễn Văn An|15031990|Nam|Thôn Đông, xã Minh Khai, Hà Nội|01012021"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.step = 5.0  # ms between keys: a scanner

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def clock() -> FakeClock:  # type: ignore[override]
    return FakeClock()


@pytest.fixture
def router(qapp: QApplication, clock: FakeClock) -> Iterator[ScanRouter]:
    r = ScanRouter(clock=clock)
    r.accepts = lambda text: looks_like_card_qr(text) or text.startswith("000.00.01.H22-")
    qapp.installEventFilter(r)
    yield r
    qapp.removeEventFilter(r)


@pytest.fixture
def form(qtbot: QtBot) -> tuple[QWidget, QLineEdit, QCheckBox]:
    window = QWidget()
    line = QLineEdit()
    box = QCheckBox("Bản sao")
    layout = QVBoxLayout(window)
    layout.addWidget(line)
    layout.addWidget(box)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    line.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is line)
    return window, line, box


def test_a_card_scan_is_routed_and_the_field_gets_nothing(
    qtbot: QtBot, router: ScanRouter, form: tuple[QWidget, QLineEdit, QCheckBox]
) -> None:
    _, line, _ = form
    line.setText("đã gõ")
    with qtbot.waitSignal(router.scanned, timeout=1000) as signal:
        type_focused(QR)
        enter(focused())
    assert signal.args == [QR]
    assert line.text() == "đã gõ"


def test_a_scan_into_a_checkbox_does_not_toggle_it(
    qtbot: QtBot, router: ScanRouter, form: tuple[QWidget, QLineEdit, QCheckBox]
) -> None:
    _, _, box = form
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    with qtbot.waitSignal(router.scanned, timeout=1000):
        type_focused(QR)  # the name and address hold spaces: each would toggle the box
        enter(focused())
    assert not box.isChecked()


def test_slow_typing_reaches_the_field_unchanged(
    qtbot: QtBot, router: ScanRouter, clock: FakeClock, form: tuple[QWidget, QLineEdit, QCheckBox]
) -> None:
    _, line, _ = form
    clock.step = 150.0  # a person
    type_focused("Nguyễn Thị Ánh")
    router.flush()
    assert line.text() == "Nguyễn Thị Ánh"


def test_a_fast_burst_nobody_wants_is_replayed_with_its_enter(
    qtbot: QtBot, router: ScanRouter, form: tuple[QWidget, QLineEdit, QCheckBox]
) -> None:
    _, line, _ = form
    with qtbot.waitSignal(line.returnPressed, timeout=1000):
        type_focused("chứng thực")
        enter(focused())
    assert line.text() == "chứng thực"
    assert router.pending == ""


def test_a_burst_without_enter_is_delivered_after_the_pause(
    qtbot: QtBot, router: ScanRouter, form: tuple[QWidget, QLineEdit, QCheckBox]
) -> None:
    _, line, _ = form
    type_focused("Lê Văn Đức")
    assert line.text() == ""  # held for a few ms …
    qtbot.waitUntil(lambda: line.text() == "Lê Văn Đức", timeout=1000)  # … then typed


def test_keys_keep_their_order_around_editing_keys(
    qtbot: QtBot, router: ScanRouter, form: tuple[QWidget, QLineEdit, QCheckBox]
) -> None:
    from PySide6.QtCore import Qt

    _, line, _ = form
    type_focused("Nguyễn Vănn")
    press(focused(), int(Qt.Key.Key_Backspace))  # not held: flushes what came before it
    type_focused(" An")
    router.flush()
    assert line.text() == "Nguyễn Văn An"


def test_a_receipt_code_typed_fast_anywhere_is_a_scan(
    qtbot: QtBot, router: ScanRouter, form: tuple[QWidget, QLineEdit, QCheckBox]
) -> None:
    _, line, _ = form
    with qtbot.waitSignal(router.scanned, timeout=1000) as signal:
        type_focused("000.00.01.H22-261123-0001")
        enter(focused())
    assert signal.args == ["000.00.01.H22-261123-0001"]
    assert line.text() == ""


def test_a_slow_enter_after_a_pause_is_ordinary_typing(
    qtbot: QtBot, router: ScanRouter, clock: FakeClock, form: tuple[QWidget, QLineEdit, QCheckBox]
) -> None:
    _, line, _ = form
    scans: list[str] = []
    router.scanned.connect(scans.append)
    type_focused("000.00.01.H22-261123-0001")
    clock.step = 500.0  # a person presses Enter half a second later
    with qtbot.waitSignal(line.returnPressed, timeout=1000):
        enter(focused())
    qtbot.wait(20)
    assert scans == []
    assert line.text() == "000.00.01.H22-261123-0001"
