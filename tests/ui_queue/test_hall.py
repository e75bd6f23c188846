"""Calls made at a counter reach the hall display of another PC on the same office database:
the big line, the last calls, who waits, a chime per call and, when asked for, speech."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter_app.services import tickets
from counter_app.services.context import Core
from tests.conftest import Clock
from ui.queue.chime import CHIME_WAV, Chime
from ui.queue.counter_panel import CounterPanel
from ui.queue.hall import HallWindow
from ui.session import Session
from ui.tasks import SyncRunner


class Recorder:
    """A voice that writes down what it was asked to say."""

    name = "recorder"

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)


@pytest.fixture
def panel(qtbot: QtBot, session: Session) -> CounterPanel:
    session.core.settings.counter.counter = "3"
    widget = CounterPanel(session)
    qtbot.addWidget(widget)
    return widget


def make_hall(qtbot: QtBot, core: Core, voice: Recorder | None = None) -> HallWindow:
    hall = HallWindow(core, SyncRunner(), chime=Chime(), voice=voice)
    qtbot.addWidget(hall)
    hall.timer.stop()  # the test polls by hand: what a tick does, without waiting for one
    return hall


def test_next_again_and_skip_at_the_counter_show_on_the_hall_of_another_pc(
    qtbot: QtBot,
    panel: CounterPanel,
    hall_core: Core,
    office_core: Core,
    group_codes: list[str],
    clock: Clock,
) -> None:
    a, b = group_codes[:2]
    for code in (a, a, b):
        tickets.take(office_core, code)
    hall = make_hall(qtbot, hall_core)
    assert hall.number.text() == "Chưa gọi số nào"
    assert ": 2 người" in hall.waiting_list.text()

    panel.next_button.click()
    hall.poll()
    assert hall.shown_call() == "Mời số 0001 đến quầy 3"
    assert hall.chime.count == 1
    assert panel.serving.text().startswith("Đang phục vụ số 0001")

    with qtbot.waitSignal(hall.announced) as announced:
        panel.again_button.click()
        hall.poll()
    assert announced.args[0].repeat and announced.args[0].label == "0001"
    assert hall.shown_call() == "Mời số 0001 đến quầy 3"
    assert hall.chime.count == 2

    panel.skip_button.click()
    assert panel.serving.text() == "Chưa phục vụ số nào"
    hall.poll()
    assert hall.chime.count == 2  # a skip is no call: the hall stays quiet

    panel.next_button.click()
    hall.poll()
    assert hall.shown_call() == "Mời số 0002 đến quầy 3"
    assert "Số 0001 — quầy 3" in hall.recent_list.text()
    assert hall.chime.count == 3
    hall.poll()
    assert hall.chime.count == 3  # nothing new, nothing played


def test_every_new_call_chimes_once_even_when_several_arrive_between_polls(
    qtbot: QtBot, hall_core: Core, office_core: Core, group_codes: list[str]
) -> None:
    from tests.ui.conftest import make_session

    hall = make_hall(qtbot, hall_core)
    played: list[None] = []
    hall.chime.played.connect(lambda: played.append(None))
    clerk = make_session(office_core).actor
    for _ in range(3):
        tickets.take(office_core, group_codes[0])
    for counter in ("1", "2", "4"):
        tickets.call_next(office_core, clerk, counter)
    hall.poll()
    assert len(played) == 3 and hall.chime.count == 3
    assert hall.shown_call() == "Mời số 0003 đến quầy 4"
    assert hall.recent_list.text().splitlines() == ["Số 0002 — quầy 2", "Số 0001 — quầy 1"]


def test_a_hall_opened_late_shows_the_last_call_but_does_not_replay_it(
    qtbot: QtBot, hall_core: Core, office_core: Core, group_codes: list[str]
) -> None:
    from tests.ui.conftest import make_session

    clerk = make_session(office_core).actor
    tickets.take(office_core, group_codes[0])
    tickets.call_next(office_core, clerk, "5")
    hall = make_hall(qtbot, hall_core)
    assert hall.shown_call() == "Mời số 0001 đến quầy 5"
    assert hall.chime.count == 0


def test_calls_are_spoken_in_vietnamese_when_speech_is_on(
    qtbot: QtBot, panel: CounterPanel, hall_core: Core, office_core: Core, group_codes: list[str]
) -> None:
    hall_core.settings.queue.speech = True
    voice = Recorder()
    hall = make_hall(qtbot, hall_core, voice)
    for _ in range(12):
        tickets.take(office_core, group_codes[0])
    from tests.ui.conftest import make_session

    clerk = make_session(office_core).actor
    for _ in range(11):
        tickets.call_next(office_core, clerk, "1")
    hall.poll()
    voice.said.clear()
    panel.next_button.click()
    hall.poll()
    assert voice.said == ["Mời số không không một hai đến quầy số ba"]
    assert hall.chime.count == 12


def test_with_speech_off_only_the_chime_sounds(
    qtbot: QtBot, panel: CounterPanel, hall_core: Core, office_core: Core, group_codes: list[str]
) -> None:
    hall_core.settings.queue.speech = False
    voice = Recorder()
    hall = make_hall(qtbot, hall_core, voice)
    tickets.take(office_core, group_codes[0])
    panel.next_button.click()
    hall.poll()
    assert voice.said == [] and hall.chime.count == 1


def test_the_chime_is_a_short_wav_that_ships_with_the_app() -> None:
    import wave

    with wave.open(str(CHIME_WAV)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
    assert 0.5 < seconds < 2.0


def test_a_database_outage_keeps_the_screen_and_says_so(
    qtbot: QtBot, panel: CounterPanel, hall_core: Core, office_core: Core, group_codes: list[str]
) -> None:
    tickets.take(office_core, group_codes[0])
    panel.next_button.click()
    hall = make_hall(qtbot, hall_core)
    shown = hall.shown_call()

    class Down(SyncRunner):
        def run(self, fn, on_done=None, on_error=None):  # type: ignore[no-untyped-def]
            assert on_error is not None
            on_error(ConnectionError("office server unreachable"))

    hall.runner = Down()
    hall.poll()
    assert hall.shown_call() == shown
    assert hall.notice.text().startswith("Mất kết nối tới cơ sở dữ liệu")
    hall.runner = SyncRunner()
    hall.poll()
    assert hall.notice.text() == ""


def test_the_chime_goes_to_the_system_sound_player_without_waiting_for_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without QtMultimedia (PySide6-Essentials) a Linux hall plays the WAV with aplay & co."""
    heard = tmp_path / "heard.txt"
    player = tmp_path / "aplay"
    player.write_text(f'#!/bin/sh\necho "$@" > {heard}\n')
    player.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    chime = Chime()
    assert chime.backend == "program"
    chime.play()
    qtbot.waitUntil(heard.exists, timeout=10_000)
    assert heard.read_text().split() == ["-q", str(CHIME_WAV)]
    chime.enabled = False  # queue.chime = false
    chime.play()
    assert chime.count == 1
