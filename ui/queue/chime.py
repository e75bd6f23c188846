"""The hall's call chime: resources/sounds/chime.wav, played without blocking the window.

PySide6-Essentials has no QtMultimedia (STACK.md), so QSoundEffect is used only where
PySide6-Addons happens to be installed; otherwise the WAV goes to what the system has:
Windows' `winsound` (asynchronous), macOS `afplay`, Linux `pw-play` / `paplay` / `aplay`
started as a detached process; with none of them, the desktop's beep. `played` counts the
chimes asked for, whatever the machine did with them (a hall PC may have no speakers).
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QUrl, Signal
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

CHIME_WAV = Path(__file__).resolve().parents[2] / "resources" / "sounds" / "chime.wav"
PLAYERS = ("pw-play", "paplay", "aplay", "afplay")


def _qt_player(path: Path, parent: QObject) -> Callable[[], None] | None:
    try:
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError:
        return None
    effect = QSoundEffect(parent)
    effect.setSource(QUrl.fromLocalFile(str(path)))
    play: Callable[[], None] = effect.play
    return play


def _winsound_player(path: Path) -> Callable[[], None] | None:
    if sys.platform != "win32":
        return None
    import winsound

    flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
    return lambda: winsound.PlaySound(str(path), flags)


def _program_player(path: Path) -> Callable[[], None] | None:
    for name in PLAYERS:
        program = shutil.which(name)
        if program is not None:
            args = ["-q", str(path)] if name == "aplay" else [str(path)]
            return lambda: _detached(program, args)
    return None


def _detached(program: str, args: list[str]) -> None:
    started, _pid = QProcess.startDetached(program, args)
    if not started:
        log.warning("could not start %s to play the chime", program)


class Chime(QObject):
    """`play()` sounds the chime once; `played` is emitted each time (tests count it)."""

    played = Signal()

    def __init__(self, path: Path = CHIME_WAV, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.count = 0
        self.enabled = True
        self.backend = "beep"
        self._play: Callable[[], None] = QApplication.beep
        if path.is_file():
            finders: list[tuple[str, Callable[[], Callable[[], None] | None]]] = [
                ("qt", lambda: _qt_player(path, self)),
                ("winsound", lambda: _winsound_player(path)),
                ("program", lambda: _program_player(path)),
            ]
            for name, find in finders:
                player = find()
                if player is not None:
                    self.backend, self._play = name, player
                    break

    def play(self) -> None:
        if not self.enabled:
            return
        self.count += 1
        try:
            self._play()
        except Exception:  # no sound device: the hall still shows the call
            log.warning("chime could not play", exc_info=True)
        self.played.emit()
