"""The bundle leaves NumPy out (42 MB of the 150 MB budget): scanning clean-up, the PDF of a
digitized component and the thermal receipt must work in a Python where NumPy cannot load."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime

    class NoNumpy:
        def find_spec(self, name, path=None, target=None):
            if name == "numpy" or name.startswith("numpy."):
                raise ImportError("numpy is not in the bundle")

    sys.meta_path.insert(0, NoNumpy())
    from PIL import Image, ImageDraw

    from counter_app.digitize import pdf, processing
    from counter_app.digitize.profiles import profile
    from printing import raster

    page = Image.new("RGB", (1700, 2200), "white")
    draw = ImageDraw.Draw(page)
    for y in range(200, 2000, 60):
        draw.rectangle((150, y, 1550, y + 18), fill="black")  # lines of "text"
    draw.ellipse((1200, 1700, 1500, 2000), outline=(200, 20, 20), width=14)  # a red stamp
    page = page.rotate(2.0, fillcolor="white", expand=False)
    clean = processing.prepare(page, profile("text"), "scan.png", 200)
    assert 1.5 < abs(clean.skew) < 2.5, clean.skew  # the 2° turn was found and corrected
    info = pdf.DocumentInfo(
        "000.00.01.H22-261123-0001", "TP1", "Tờ khai", "original", "Cán bộ", datetime.now(UTC)
    )
    assert pdf.assemble([clean], info).startswith(b"%PDF")
    assert raster.gs_v0(Image.new("1", (576, 40), 0)).startswith(b"\\x1dv0")
    assert "numpy" not in sys.modules
    print("ok")
    """
)


def test_digitizing_and_thermal_printing_need_no_numpy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
