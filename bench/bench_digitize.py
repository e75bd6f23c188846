"""Issue 6 benchmark: bytes and time per A4 page of the digitization pipeline.

Pages (made here, deterministic): a 300 dpi text page as a scanner delivers it (greyscale,
0.8° skew, paper tone and sensor noise) and a 200 dpi greyscale page with a photo.
Ours: clean-up (crop, deskew, blank/stamp checks) + PDF assembly (text: CCITT G4; grey: JPEG).
Baseline, same run, same raw pages: img2pdf's lossless output (PNG → PDF, Flate), i.e. what
"just put the scan in a PDF" costs. Sensor noise makes PNG nearly incompressible, so a
noise-free text page is measured too (the baseline's best case).
Targets: text page ≤ 50 KB, greyscale page ≤ 250 KB, ≤ 300 ms per page.

    .venv/bin/python bench/bench_digitize.py [--runs 7]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import img2pdf
import numpy as np
from PIL import Image

from counter_app.digitize.pages import Page
from counter_app.digitize.pdf import DocumentInfo, assemble
from counter_app.digitize.processing import prepare
from counter_app.digitize.profiles import ScanProfile, profile
from tests.digitize import documents

INFO = DocumentInfo(
    "000.00.01.H22-261123-0001",
    "2",
    "Giấy chứng sinh",
    "copy",
    "Nguyễn Thị Lan",
    datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
)


def scanned(page: Image.Image, seed: int) -> Image.Image:
    """What a scanner adds: a grey-ish paper tone and sensor noise."""
    arr = np.asarray(page, dtype=np.float64)
    arr += np.random.default_rng(seed).normal(0, 4, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def ours(raw: Image.Image, prof: ScanProfile, dpi: int) -> bytes:
    page: Page = prepare(raw, prof, "bench", dpi)
    return assemble([page], INFO)


def baseline(raw: Image.Image, dpi: int) -> bytes:
    buf = io.BytesIO()
    raw.save(buf, "PNG", dpi=(dpi, dpi))
    return bytes(img2pdf.convert(buf.getvalue()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cases = [
        (
            "text page, 300 dpi",
            scanned(documents.text_page(300, skew=0.8, paper=235), 1),
            profile("text"),
            300,
            50_000,
        ),
        (
            "text page, 300 dpi, noise-free",
            documents.text_page(300, skew=0.8, paper=235),
            profile("text"),
            300,
            50_000,
        ),
        (
            "greyscale page with photo, 200 dpi",
            scanned(documents.photo_page(200), 2),
            profile("grey"),
            200,
            250_000,
        ),
    ]
    ours(cases[0][1], cases[0][2], cases[0][3])  # warm up imports and caches
    print(
        f"{'page':<36} {'ours':>10} {'img2pdf':>10} {'size ratio':>10} "
        f"{'ours ms':>8} {'img2pdf ms':>10}  target"
    )
    ok = True
    for name, raw, prof, dpi, size_target in cases:
        ms, data = median_ms(lambda raw=raw, prof=prof, dpi=dpi: ours(raw, prof, dpi), args.runs)
        base_ms, base = median_ms(lambda raw=raw, dpi=dpi: baseline(raw, dpi), args.runs)
        assert isinstance(data, bytes) and isinstance(base, bytes)
        meets = len(data) <= size_target and ms <= 300
        ok &= meets
        print(
            f"{name:<36} {len(data) / 1024:>8.1f}KB {len(base) / 1024:>8.1f}KB "
            f"{len(data) / len(base):>10.3f} {ms:>8.0f} {base_ms:>10.0f}  "
            f"≤{size_target // 1000} KB, ≤300 ms: {'OK' if meets else 'MISSED'}"
        )
    pages = [
        scanned(documents.text_page(300, skew=0.5 * (i % 3), lines=30 + i), 10 + i)
        for i in range(10)
    ]
    text = profile("text")
    start = time.perf_counter()
    doc = assemble([prepare(p, text, f"p{i}", 300) for i, p in enumerate(pages)], INFO)
    ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    base_doc = img2pdf.convert([baseline_png(p) for p in pages])
    base_ms = (time.perf_counter() - start) * 1000
    print(
        f"{'10 text pages in one PDF, per page':<36} {len(doc) / 10240:>8.1f}KB "
        f"{len(base_doc) / 10240:>8.1f}KB {len(doc) / len(base_doc):>10.3f} "
        f"{ms / 10:>8.0f} {base_ms / 10:>10.0f}"
    )
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


def baseline_png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", dpi=(300, 300))
    return buf.getvalue()


if __name__ == "__main__":
    sys.exit(main())
