"""Spoken calls in Vietnamese for the hall ("Mời số không không một hai đến quầy số ba").

The text is built here (digits read one by one, as a ticket is printed; the counter read as a
number). The voice is whatever the machine has, tried in order: Qt's QtTextToSpeech with a
Vietnamese voice (PySide6-Addons), else `espeak-ng` with its Vietnamese voice. No voice → no
speech (the chime still plays). Speaking never blocks the window: Qt speaks asynchronously and
espeak-ng runs as a child process that is not waited for.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QObject, QProcess, Signal

log = logging.getLogger(__name__)

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def read_digits(text: str) -> str:
    """'0012' → 'không không một hai'; letters are kept as they are ('A3' → 'A ba')."""
    return " ".join(DIGITS[int(ch)] if ch.isdigit() else ch for ch in text if not ch.isspace())


def _below_hundred(n: int) -> str:
    tens, unit = divmod(n, 10)
    if tens == 0:
        return DIGITS[unit]
    head = "mười" if tens == 1 else f"{DIGITS[tens]} mươi"
    if unit == 0:
        return head
    if unit == 5:
        tail = "lăm"  # mười lăm, hai mươi lăm
    elif unit == 1 and tens > 1:
        tail = "mốt"  # hai mươi mốt (but mười một)
    else:
        tail = DIGITS[unit]
    return f"{head} {tail}"


def read_number(n: int) -> str:
    """A counter number as said aloud: 3 → 'ba', 12 → 'mười hai', 105 → 'một trăm lẻ năm'."""
    if n < 0 or n > 999:
        return read_digits(str(n))
    if n < 100:
        return _below_hundred(n)
    hundreds, rest = divmod(n, 100)
    head = f"{DIGITS[hundreds]} trăm"
    if rest == 0:
        return head
    if rest < 10:
        return f"{head} lẻ {DIGITS[rest]}"
    return f"{head} {_below_hundred(rest)}"


def call_sentence(label: str, counter: str) -> str:
    """What the hall says for one call: 'Mời số không không một hai đến quầy số ba'."""
    counter = counter.strip()
    spoken = read_number(int(counter)) if counter.isdigit() else read_digits(counter)
    return f"Mời số {read_digits(label)} đến quầy số {spoken}"


class Voice(Protocol):
    name: str

    def say(self, text: str) -> None: ...


class QtVoice:
    """QtTextToSpeech with a Vietnamese voice (only where PySide6-Addons is installed)."""

    name = "qt"

    def __init__(self, engine: Any) -> None:
        self.engine = engine

    @classmethod
    def find(cls) -> QtVoice | None:
        try:
            from PySide6.QtCore import QLocale
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:
            return None
        engine = QTextToSpeech()
        vietnamese = QLocale.Language.Vietnamese
        locale = next((x for x in engine.availableLocales() if x.language() == vietnamese), None)
        if locale is None:
            return None
        engine.setLocale(locale)
        return cls(engine)

    def say(self, text: str) -> None:
        self.engine.say(text)  # asynchronous in Qt


class EspeakVoice(QObject):
    """espeak-ng's Vietnamese voice in a QProcess: calls queue up and are said one at a time,
    and the window never waits for it."""

    name = "espeak-ng"
    finished = Signal(str)  # the text just said (or failed to be said)

    def __init__(self, program: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.program = program
        self.wav_dir: str | None = None  # tests: write each call to a WAV file instead
        self.said = 0
        self.queue: deque[str] = deque()
        self.process = QProcess(self)
        self.process.finished.connect(self._next)
        self.process.errorOccurred.connect(self._failed)

    @classmethod
    def find(cls) -> EspeakVoice | None:
        program = shutil.which("espeak-ng")
        if program is None:
            return None
        try:
            listed = subprocess.run(
                [program, "--voices=vi"], capture_output=True, text=True, timeout=5
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        # After the header line, a Vietnamese voice is a line whose language column is "vi".
        if not any(line.split()[1:2] == ["vi"] for line in listed.splitlines()[1:]):
            return None
        return cls(program)

    def arguments(self, text: str) -> list[str]:
        args = ["-v", "vi", "-s", "140"]
        if self.wav_dir is not None:
            args += ["-w", f"{self.wav_dir}/call-{self.said + 1}.wav"]
        return [*args, "--", text]

    def say(self, text: str) -> None:
        self.queue.append(text)
        if self.process.state() == QProcess.ProcessState.NotRunning:
            self._start()

    def _start(self) -> None:
        if self.queue:
            self.process.start(self.program, self.arguments(self.queue[0]))

    def _next(self) -> None:
        text = self.queue.popleft() if self.queue else ""
        self.said += 1
        self.finished.emit(text)
        self._start()

    def _failed(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:  # no `finished` will follow
            log.warning("espeak-ng did not start: %s", self.process.errorString())
            self._next()


def find_voice(order: Sequence[Callable[[], Voice | None]] | None = None) -> Voice | None:
    """The first voice this machine has, or None."""
    for finder in order or (QtVoice.find, EspeakVoice.find):
        try:
            voice = finder()
        except Exception:  # a broken speech engine must not stop the hall window
            log.warning("speech engine failed to start", exc_info=True)
            continue
        if voice is not None:
            return voice
    return None
