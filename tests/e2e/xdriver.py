"""Driving the real app in a real X server (Xvfb) the way a person does, with xdotool.

Shared by the end-to-end test and `bench/bench_startup.py`. A scanner is a keyboard: a scan is
`xdotool type` with a few milliseconds between keys, then Return.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
TOOLS = ("Xvfb", "xdotool", "xmodmap", "import")
SCAN_DELAY_MS = 4  # a 2D scanner in keyboard mode
TYPE_DELAY_MS = 60  # a person typing quickly


def keysym(ch: str) -> str:
    """The X key symbol of a character, by code point: the same for xmodmap and xdotool."""
    return f"U{ord(ch):04X}"


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


class Xvfb:
    """An X server on a free display, 1366×768 (the common counter screen)."""

    def __init__(self, size: str = "1366x768x24") -> None:
        self.size = size
        self.number = next(n for n in range(90, 200) if not Path(f"/tmp/.X{n}-lock").exists())
        self.display = f":{self.number}"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Xvfb:
        self.process = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", self.size, "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = Path(f"/tmp/.X11-unix/X{self.number}")
        deadline = time.monotonic() + 15
        while not socket.exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"Xvfb did not start on {self.display}")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        env.update(extra)
        env.update(DISPLAY=self.display, QT_QPA_PLATFORM="xcb")  # CI exports "offscreen"
        return env


class Keyboard:
    """xdotool on one display; counts the keys a person presses (a chord counts once)."""

    def __init__(self, x: Xvfb) -> None:
        self.x = x
        self.counting = False
        self.presses = 0

    def run(self, *args: str, timeout: float = 30) -> str:
        out = subprocess.run(
            ["xdotool", *args],
            env=self.x.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
        return out.stdout.strip()

    def window(self, name: str, timeout: float = 30) -> str:
        """Wait for a visible window whose title contains `name`; focus it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                found = self.run("search", "--onlyvisible", "--name", name, timeout=5)
            except subprocess.CalledProcessError:
                found = ""
            if found:
                wid = found.splitlines()[-1]
                self.run("windowfocus", "--sync", wid)
                return wid
            time.sleep(0.1)
        raise TimeoutError(f"no window named {name!r}")

    def has_window(self, name: str) -> bool:
        try:
            return bool(self.run("search", "--onlyvisible", "--name", name, timeout=5))
        except subprocess.CalledProcessError:
            return False

    def map_characters(self, *texts: str) -> None:
        """Give every non-ASCII character of `texts` a key of its own, as a Vietnamese
        keyboard layout (or a scanner's) has. Call it once the app's window is up.

        Otherwise xdotool re-maps a spare key for each such character while it types, and a
        busy client that reads the key after the next re-map sees the wrong letter or none:
        a fault of the test tool, not of the program. (Xvfb applies a key map change only
        while an XKB client, such as the app, is connected: hence "once the window is up".)
        """
        needed = sorted({ch for text in texts for ch in text if ord(ch) > 0x7E})
        table = self._key_table()
        free = [int(line.split()[1]) for line in table.splitlines() if line.rstrip().endswith("=")]
        if len(free) < len(needed):
            raise RuntimeError("not enough free key codes for the characters to type")
        codes = list(reversed(free))[: len(needed)]
        expressions: list[str] = []
        for code, ch in zip(codes, needed, strict=True):
            expressions += ["-e", f"keycode {code} = {keysym(ch)}"]
        deadline = time.monotonic() + 10
        while expressions:
            subprocess.run(["xmodmap", *expressions], env=self.x.env(), check=True, timeout=30)
            still_free = {
                int(line.split()[1])
                for line in self._key_table().splitlines()
                if line.rstrip().endswith("=")
            }
            if not still_free & set(codes):
                return
            if time.monotonic() > deadline:
                raise RuntimeError("the X server did not take the key map change")
            time.sleep(0.2)

    def _key_table(self) -> str:
        return subprocess.run(
            ["xmodmap", "-pke"], env=self.x.env(), capture_output=True, text=True, check=True
        ).stdout

    def type(self, text: str, delay_ms: int = TYPE_DELAY_MS) -> None:
        self.run("type", "--delay", str(delay_ms), "--", text)
        if self.counting:
            self.presses += len(text)

    def key(self, *keys: str) -> None:
        for key in keys:
            self.run("key", key)
            if self.counting:
                self.presses += 1

    def scan(self, payload: str) -> None:
        """What a scanner does: the payload in a burst, then Return. Not a person's keys.

        Each character is sent as its key symbol (U+XXXX), found in the key map as set up by
        `map_characters`, so nothing is re-mapped while the burst is under way.
        """
        symbols = [keysym(ch) for ch in payload]
        self.run("key", "--delay", str(SCAN_DELAY_MS), *symbols, "Return")

    def screenshot(self, path: Path, window: str = "root") -> None:
        subprocess.run(
            ["import", "-window", window, str(path)], env=self.x.env(), check=True, timeout=30
        )


def cli(data_dir: Path, *args: str, env: dict[str, str]) -> str:
    """`python main.py --data-dir D …`, the way IT or a script does it."""
    out = subprocess.run(
        [PYTHON, str(ROOT / "main.py"), "--data-dir", str(data_dir), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise RuntimeError(f"CLI {args} failed: {out.stderr}")
    return out.stdout


class ReadyFile:
    """The app's "<stage> <unix time>" lines (COUNTER_APP_READY_FILE)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def lines(self) -> list[tuple[str, float]]:
        if not self.path.exists():
            return []
        found = []
        for line in self.path.read_text("utf-8").splitlines():
            stage, _, moment = line.partition(" ")
            found.append((stage, float(moment)))
        return found

    def stages(self) -> dict[str, float]:
        """The first moment of each stage."""
        found: dict[str, float] = {}
        for stage, moment in self.lines():
            found.setdefault(stage, moment)
        return found

    def count(self, stage: str) -> int:
        return sum(1 for name, _ in self.lines() if name == stage)

    def wait(
        self, stage: str, process: subprocess.Popen[bytes], timeout: float = 60, *, after: int = 0
    ) -> float:
        """The moment `stage` is reached for the (after+1)-th time."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            moments = [moment for name, moment in self.lines() if name == stage]
            if len(moments) > after:
                return moments[after]
            if process.poll() is not None:
                raise RuntimeError(f"the app exited ({process.returncode}) before {stage!r}")
            time.sleep(0.01)
        raise TimeoutError(f"the app never reached {stage!r}")


@contextmanager
def running(argv: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with open(log, "wb") as out:
        process = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
