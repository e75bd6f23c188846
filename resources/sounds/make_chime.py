"""Writes chime.wav, the hall display's call chime (a dev tool; its output is shipped).

    .venv/bin/python resources/sounds/make_chime.py

Two bell-like notes (E6 then C6, "ding-dong"), each a sine with a softer octave partial and an
exponential decay; 22,050 Hz, 16-bit mono, 1.1 s. Made from nothing but this arithmetic, so the
sound is ours to ship (see README.md here).
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
NOTES = ((1318.5, 0.0), (1046.5, 0.45))  # (Hz, start in seconds)
LENGTH = 1.1


def samples() -> list[int]:
    out = []
    for i in range(int(RATE * LENGTH)):
        t = i / RATE
        value = 0.0
        for freq, start in NOTES:
            if t < start:
                continue
            s = t - start
            attack = min(1.0, s / 0.005)  # 5 ms: no click at the start
            envelope = attack * math.exp(-s * 4.5)
            value += envelope * (
                math.sin(2 * math.pi * freq * s) + 0.3 * math.sin(4 * math.pi * freq * s)
            )
        fade = min(1.0, (LENGTH - t) / 0.05)  # and none at the end
        out.append(int(max(-1.0, min(1.0, value * 0.45 * fade)) * 32767))
    return out


def main() -> None:
    path = Path(__file__).with_name("chime.wav")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(struct.pack("<h", v) for v in samples()))
    print(path)


if __name__ == "__main__":
    main()
