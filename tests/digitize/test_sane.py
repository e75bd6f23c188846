"""Scanning through SANE's `test` device: a real driver, installed by .ci/dev from Debian."""

from __future__ import annotations

import threading

import pytest

from counter_app.config import DigitizeSettings
from counter_app.digitize import scanners
from counter_app.digitize.profiles import profile
from counter_app.services import attachments
from counter_app.services.context import Actor, Core

pytestmark = pytest.mark.sane
GRID = ["--test-picture=Grid"]  # black-and-white squares: a page with content


def test_options_are_read_from_the_device(scanimage: str) -> None:
    options = scanners.SaneScanner(scanimage).options("test")
    assert {"Gray", "Color"} <= set(options["mode"].values)
    assert "Automatic Document Feeder" in options["source"].values
    assert options["resolution"].high is not None and options["resolution"].high >= 600
    args, feeder = scanners.SaneScanner(scanimage).arguments("test", profile("grey"))
    assert "--mode=Gray" in args and "--resolution=200" in args and not feeder
    args, _ = scanners.SaneScanner(scanimage).arguments("test", profile("colour"))
    assert "--mode=Color" in args


def test_flatbed_scan_gives_a_clean_page_at_the_profile_resolution(scanimage: str) -> None:
    scanner = scanners.SaneScanner(scanimage, GRID)
    pages = scanners.scan_pages(scanner, "test", profile("grey"))
    (page,) = pages
    assert page.dpi == 200 and page.image.mode == "L"
    assert page.image.width >= 1500  # the test device's 200 mm wide bed at 200 dpi
    assert not page.blank and "test" in page.source


def test_the_feeder_delivers_every_sheet_and_blank_ones_are_flagged(scanimage: str) -> None:
    scanner = scanners.SaneScanner(scanimage, ["--test-picture=Solid white"])
    seen: list[int] = []
    pages = scanners.scan_pages(
        scanner,
        "test",
        profile("grey").with_options(feeder=True),
        progress=lambda done, _total: seen.append(done),
    )
    assert len(pages) == 10  # the test device's feeder holds ten sheets
    assert all(p.blank for p in pages)  # flagged for the clerk, not dropped
    assert seen and max(seen) <= 10


def test_duplex_on_a_simplex_scanner_and_an_unknown_device_are_clear_errors(
    scanimage: str,
) -> None:
    scanner = scanners.SaneScanner(scanimage)
    with pytest.raises(scanners.ScannerError) as err:
        scanner.scan("test", profile("text").with_options(duplex=True))
    assert err.value.code == "E_SCANNER_NO_DUPLEX"
    with pytest.raises(scanners.ScannerError) as err:
        scanner.scan("khong-co-may-nay", profile("text"))
    assert err.value.code in ("E_SCANNER_MISSING", "E_SCANNER_FAILED")


def test_a_cancelled_scan_stops_and_returns_nothing(scanimage: str) -> None:
    cancel = threading.Event()
    cancel.set()
    scanner = scanners.SaneScanner(
        scanimage, [*GRID, "--read-delay=yes", "--read-delay-duration=200000"]
    )
    with pytest.raises(scanners.ScannerError) as err:
        scanner.scan("test", profile("grey").with_options(feeder=True), cancel=cancel)
    assert err.value.code == "E_SCAN_CANCELLED"


def test_configured_device_is_offered_even_when_discovery_misses_it(scanimage: str) -> None:
    settings = DigitizeSettings(scanner_device="test", scanner_backend="sane")
    backend = scanners.backend_for(settings)
    assert backend.name == "sane"
    devices = scanners.list_devices(backend, settings)
    assert devices[0].id == "test"


def test_scan_to_attachment(
    scanimage: str, ready_core: Core, officer: Actor, dossier_code: str
) -> None:
    scanner = scanners.SaneScanner(scanimage, GRID)
    pages = scanners.scan_pages(scanner, "test", profile("text").with_options(feeder=True))
    view = attachments.attach_pages(ready_core, officer, dossier_code, "2", pages[:3])
    assert view.pages == 3
    status = attachments.component_status(ready_core, officer, dossier_code)
    assert not any(s.missing for s in status)
