"""Scanners behind one interface: SANE on Linux (the `scanimage` program), WIA on Windows.

`backend_for(settings)` picks the platform's backend; `scan_pages` turns what the scanner
delivers into clean pages for a profile. A scan can be cancelled from another thread (the
screen's "Huỷ" button) through a `threading.Event`. eSCL network scanners are reached through
SANE's own `escl` backend on Linux.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PIL import Image

from counter_app.config import DigitizeSettings
from counter_app.digitize.pages import Page
from counter_app.digitize.processing import prepare
from counter_app.digitize.profiles import ScanProfile
from counter_app.errors import AppError

Progress = Callable[[int, int], None]  # (pages done, pages expected or 0 if unknown)
A4_MM = (210.0, 297.0)


class ScannerError(AppError):
    """The scanner is missing, busy, out of paper or failed."""


@dataclass(frozen=True)
class ScannerDevice:
    backend: str  # "sane" | "wia"
    id: str  # what the backend needs to open it
    label: str  # what the clerk sees


@dataclass(frozen=True)
class RawScan:
    image: Image.Image
    dpi: float


class ScannerBackend(Protocol):
    name: str

    def available(self) -> bool: ...

    def devices(self) -> list[ScannerDevice]: ...

    def scan(
        self,
        device: str,
        profile: ScanProfile,
        *,
        cancel: threading.Event | None = None,
        progress: Progress | None = None,
    ) -> list[RawScan]: ...


def cancelled() -> ScannerError:
    return ScannerError("E_SCAN_CANCELLED", "Đã huỷ lượt quét.")


# -- SANE -------------------------------------------------------------------------------------

_OPTION = re.compile(r"^\s+(--?[\w-]+)(?:\[=\(([^)]*)\)\]|\s+(.*?))?\s+\[([^\]]*)\]\s*$")


@dataclass(frozen=True)
class SaneOption:
    name: str
    values: tuple[str, ...]  # a list of choices; empty for ranges
    low: float | None = None
    high: float | None = None
    current: str = ""


def parse_options(help_text: str) -> dict[str, SaneOption]:
    """The device's options from `scanimage -d DEV -A` (choices, or a numeric range)."""
    options: dict[str, SaneOption] = {}
    for line in help_text.splitlines():
        match = _OPTION.match(line)
        if not match:
            continue
        name, bool_values, spec, current = match.groups()
        spec = bool_values or spec or ""
        if "[inactive]" in line:
            continue
        low = high = None
        numeric = re.match(r"^(-?[\d.]+)\.\.(-?[\d.]+)", spec)
        values: tuple[str, ...] = ()
        if numeric:
            low, high = float(numeric.group(1)), float(numeric.group(2))
        else:
            values = tuple(v for v in re.sub(r"(dpi|mm|%)$", "", spec).split("|") if v)
        options[name.lstrip("-")] = SaneOption(name, values, low, high, current)
    return options


def _pick(choices: tuple[str, ...], wanted: list[str]) -> str | None:
    lowered = {c.lower(): c for c in choices}
    for word in wanted:
        if word in lowered:
            return lowered[word]
    for word in wanted:
        for low, original in lowered.items():
            if word in low:
                return original
    return None


class SaneScanner:
    """SANE through the `scanimage` program (sane-utils), which every distribution ships."""

    name = "sane"

    def __init__(self, program: str = "scanimage", extra: list[str] | None = None) -> None:
        self.program = program
        self.extra = list(extra or [])
        self.page_timeout = 180.0

    def available(self) -> bool:
        return shutil.which(self.program) is not None

    def _run(self, args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
        if not self.available():
            raise ScannerError(
                "E_SCANNER_MISSING",
                "Máy tính chưa cài SANE (chương trình scanimage).",
                hint="Cài gói sane-utils (Debian/Ubuntu) hoặc dùng chức năng nhập tệp.",
            )
        try:
            return subprocess.run(
                [self.program, *args], capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise ScannerError("E_SCANNER_TIMEOUT", "Máy quét không trả lời.") from exc

    def devices(self) -> list[ScannerDevice]:
        out = self._run(["-f", "%d\t%v %m (%t)%n"], timeout=60)
        found = []
        for line in out.stdout.splitlines():
            if "\t" in line:
                dev, label = line.split("\t", 1)
                found.append(ScannerDevice("sane", dev.strip(), label.strip()))
        return found

    def options(self, device: str) -> dict[str, SaneOption]:
        out = self._run(["-d", device, "-A"], timeout=60)
        if out.returncode != 0:
            raise _sane_error(out.stderr, device)
        return parse_options(out.stdout)

    def arguments(self, device: str, profile: ScanProfile) -> tuple[list[str], bool]:
        """scanimage arguments for `profile` on `device`, and whether the feeder is used."""
        opts = self.options(device)
        args = ["-d", device, "--format=tiff"]
        mode = opts.get("mode")
        if mode and mode.values:
            wanted = (
                ["color", "colour", "rgb"] if profile.scan_mode == "Color" else ["gray", "grey"]
            )
            chosen = _pick(mode.values, wanted)
            if chosen:
                args.append(f"--mode={chosen}")
        res = opts.get("resolution")
        if res:
            args.append(f"--resolution={_resolution(res, profile.dpi)}")
        feeder = False
        source = opts.get("source")
        if profile.duplex or profile.feeder:
            if not source or not source.values:
                raise ScannerError("E_SCANNER_NO_FEEDER", "Máy quét này không có khay nạp giấy.")
            if profile.duplex:
                chosen = _pick(source.values, ["adf duplex", "duplex"])
                if chosen is None:
                    raise ScannerError(
                        "E_SCANNER_NO_DUPLEX",
                        "Máy quét này không quét được hai mặt.",
                        hint="Bỏ chọn 'hai mặt' hoặc dùng máy quét có khay hai mặt.",
                    )
            else:
                chosen = _pick(source.values, ["adf", "adf front", "automatic document feeder"])
                chosen = chosen or _pick(source.values, ["feeder"])
                if chosen is None:
                    raise ScannerError("E_SCANNER_NO_FEEDER", "Máy quét này không có khay nạp.")
            args.append(f"--source={chosen}")
            feeder = True
        elif source and source.values:
            flatbed = _pick(source.values, ["flatbed"])
            if flatbed:
                args.append(f"--source={flatbed}")
        for axis, size in zip(("x", "y"), A4_MM, strict=True):
            geometry = opts.get(axis)
            if geometry and geometry.high is not None:
                args.append(f"-{axis}")
                args.append(f"{min(size, geometry.high):g}")
        return args + self.extra, feeder

    def scan(
        self,
        device: str,
        profile: ScanProfile,
        *,
        cancel: threading.Event | None = None,
        progress: Progress | None = None,
    ) -> list[RawScan]:
        args, feeder = self.arguments(device, profile)
        with tempfile.TemporaryDirectory(prefix="scan-") as tmp:
            folder = Path(tmp)
            if feeder:
                args += [f"--batch={folder / 'page%04d.tif'}", "--batch-print"]
            else:
                args += ["-o", str(folder / "page0001.tif")]
            proc = subprocess.Popen(
                [self.program, *args],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            deadline = time.monotonic() + self.page_timeout
            seen = 0
            while proc.poll() is None:
                if cancel is not None and cancel.wait(0.1):
                    proc.kill()
                    proc.wait()
                    raise cancelled()
                if cancel is None:
                    time.sleep(0.1)
                done = len(list(folder.glob("page*.tif")))
                if done != seen:
                    seen, deadline = done, time.monotonic() + self.page_timeout
                    if progress:
                        progress(done, 0)
                if time.monotonic() > deadline:
                    proc.kill()
                    proc.wait()
                    raise ScannerError("E_SCANNER_TIMEOUT", "Máy quét không trả lời.")
            stderr = proc.stderr.read() if proc.stderr else ""
            files = sorted(folder.glob("page*.tif"))
            if proc.returncode != 0 and not (feeder and files and _feeder_empty(stderr)):
                raise _sane_error(stderr, device)
            if not files:
                raise _sane_error(stderr or "no pages", device)
            scans = []
            for path in files:
                with Image.open(path) as image:
                    image.load()
                    dpi = image.info.get("dpi", (profile.dpi, profile.dpi))[0]
                    scans.append(RawScan(image.copy(), float(dpi) or float(profile.dpi)))
            return scans


def _resolution(option: SaneOption, wanted: int) -> int:
    if option.values:
        numbers = [int(float(v)) for v in option.values if re.fullmatch(r"\d+(\.\d+)?", v)]
        if numbers:
            # The smallest resolution at or above the profile's; else the highest there is.
            above = [n for n in numbers if n >= wanted]
            return min(above) if above else max(numbers)
    low = option.low if option.low is not None else wanted
    high = option.high if option.high is not None else wanted
    return int(max(low, min(high, wanted)))


def _feeder_empty(stderr: str) -> bool:
    return "out of documents" in stderr.lower() or "feeder" in stderr.lower()


def _sane_error(stderr: str, device: str) -> ScannerError:
    text = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    low = text.lower()
    if "out of documents" in low or "no documents" in low:
        return ScannerError(
            "E_SCANNER_EMPTY", "Khay nạp giấy của máy quét đang trống.", hint="Đặt giấy rồi quét."
        )
    if "busy" in low:
        return ScannerError("E_SCANNER_BUSY", "Máy quét đang bận (máy khác đang dùng).")
    if "invalid argument" in low or "no such device" in low or "open of device" in low:
        return ScannerError(
            "E_SCANNER_MISSING",
            f"Không mở được máy quét {device!r}.",
            hint="Kiểm tra cáp, nguồn điện, hoặc chọn máy quét khác.",
        )
    return ScannerError("E_SCANNER_FAILED", f"Máy quét báo lỗi: {text or 'không rõ'}.")


# -- choosing a backend -----------------------------------------------------------------------


def backend_for(settings: DigitizeSettings) -> ScannerBackend:
    """WIA on Windows, SANE elsewhere (or as configured)."""
    choice = settings.scanner_backend
    if choice == "wia" or (choice == "auto" and sys.platform == "win32"):
        from counter_app.digitize.wia import WiaScanner

        return WiaScanner()
    extra = settings.scanner_options.split() if settings.scanner_options else []
    return SaneScanner(os.environ.get("COUNTER_APP_SCANIMAGE", "scanimage"), extra)


def list_devices(backend: ScannerBackend, settings: DigitizeSettings) -> list[ScannerDevice]:
    """Scanners found, with the configured one first even if discovery cannot see it."""
    found = backend.devices() if backend.available() else []
    if settings.scanner_device and all(d.id != settings.scanner_device for d in found):
        found.insert(
            0, ScannerDevice(backend.name, settings.scanner_device, settings.scanner_device)
        )
    return found


def scan_pages(
    backend: ScannerBackend,
    device: str,
    profile: ScanProfile,
    *,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> list[Page]:
    raw = backend.scan(device, profile, cancel=cancel, progress=progress)
    pages = []
    for number, scan in enumerate(raw, start=1):
        if cancel is not None and cancel.is_set():
            raise cancelled()
        pages.append(prepare(scan.image, profile, f"Máy quét {device} – trang {number}", scan.dpi))
    return pages
