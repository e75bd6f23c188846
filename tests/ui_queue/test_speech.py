"""What the hall says aloud: ticket digits one by one, the counter as a number, in Vietnamese."""

from __future__ import annotations

import wave
from pathlib import Path

from pytestqt.qtbot import QtBot

from ui.queue.speech import EspeakVoice, call_sentence, find_voice, read_digits, read_number


def test_a_ticket_number_is_read_digit_by_digit() -> None:
    assert read_digits("0012") == "không không một hai"
    assert read_digits("4567") == "bốn năm sáu bảy"
    assert read_digits("0890") == "không tám chín không"


def test_a_counter_number_is_read_as_vietnamese_says_it() -> None:
    said = {n: read_number(n) for n in (3, 10, 11, 15, 20, 21, 24, 25, 105, 110, 999)}
    assert said == {
        3: "ba",
        10: "mười",
        11: "mười một",
        15: "mười lăm",
        20: "hai mươi",
        21: "hai mươi mốt",
        24: "hai mươi bốn",
        25: "hai mươi lăm",
        105: "một trăm lẻ năm",
        110: "một trăm mười",
        999: "chín trăm chín mươi chín",
    }


def test_the_whole_call_sentence() -> None:
    assert call_sentence("0012", "3") == "Mời số không không một hai đến quầy số ba"
    assert call_sentence("0105", "12") == "Mời số không một không năm đến quầy số mười hai"
    assert call_sentence("0007", "B2") == "Mời số không không không bảy đến quầy số B hai"


def test_without_any_voice_there_is_no_speech_and_no_error() -> None:
    assert find_voice([lambda: None, lambda: None]) is None

    def broken() -> EspeakVoice:
        raise OSError("audio server gone")

    assert find_voice([broken]) is None


def test_espeak_ng_says_the_call_in_vietnamese_without_blocking(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The Vietnamese voice of espeak-ng (installed by .ci/dev) speaks in a child process:
    `say` returns at once and the sound comes out (here into a WAV file) afterwards."""
    voice = EspeakVoice.find()
    assert voice is not None, "espeak-ng with a Vietnamese voice is part of the test machine"
    voice.wav_dir = str(tmp_path)
    with qtbot.waitSignal(voice.finished, timeout=30_000) as said:
        voice.say(call_sentence("0012", "3"))
        assert voice.said == 0  # not said yet: the call did not wait for the voice
    assert said.args == ["Mời số không không một hai đến quầy số ba"]
    with wave.open(str(tmp_path / "call-1.wav")) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert seconds > 1.0  # a sentence of speech, not an empty file
