"""Issue 4 benchmark: rendering Mẫu 01 and the tracking book.

Mẫu 01 is the real thing: two copies (Liên 1, Liên 2) on two A5 halves of one A4, each with
its Code128 and look-up QR, from the read model of a registered dossier (a different
dossier each run: names, codes and QR contents differ). The floor, measured in the same run
and interleaved with it, is a page with the same font and the same text only (the laid-out
strings drawn one by one, with the same three subsets embedded): what any PDF of this text
costs. Targets: p50 ≤ 10 ms and ≤ 3× the floor.

The tracking book: 1,000 registered dossiers, read through the service and rendered to a PDF
(A4 landscape, header repeated on every page) and to xlsx; its floor is the same text drawn
without layout. Target: ≤ 1 s.

Wall-clock and CPU time are both printed: on a shared machine other processes inflate wall
time (the load average is printed first); CPU time is what the rendering itself costs.

    .venv/bin/python bench/bench_printing.py [--runs 200] [--book 1000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="bench-printing-"))
os.environ.setdefault("COUNTER_APP_SECRET_DATA_KEY", "q" * 43 + "=")  # no keyring needed
os.environ["XDG_CONFIG_HOME"] = str(TMP / "config")  # never the user's files

from counter_app.config import load_settings  # noqa: E402
from counter_app.domain.calendar import VN_TZ  # noqa: E402
from counter_app.domain.procedures import ComponentSpec, CopyType, ProcedureSpec  # noqa: E402
from counter_app.services import catalog, forms, intake, office  # noqa: E402
from counter_app.services.context import SYSTEM, Core, open_core  # noqa: E402
from printing import sheets  # noqa: E402
from printing.layout import TextOp  # noqa: E402
from printing.render import Rendered, build  # noqa: E402
from printing.tracking_book import build_book  # noqa: E402

T = TypeVar("T")
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
MIDDLE = ["Văn", "Thị", "Hữu", "Ngọc", "Minh", "Thanh", "Quốc", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hương", "Lan", "Nghĩa", "Phượng", "Tuấn", "Yến"]
PROCEDURE = ProcedureSpec(
    code="1.001193",
    name="Thủ tục đăng ký khai sinh",
    field="Hộ tịch",
    duration=3,
    components=(
        ComponentSpec("Tờ khai đăng ký khai sinh theo mẫu"),
        ComponentSpec("Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận việc sinh"),
        ComponentSpec("Văn bản ủy quyền (nếu nộp thay)", CopyType.CERTIFIED_COPY),
    ),
)


def setup(n: int) -> tuple[Core, list[str]]:
    from datetime import datetime

    from counter_app.domain.catalog_format import ParsedCatalog

    settings = load_settings(data_dir=TMP / "data", env={})
    settings.printing.receipt_qr = "https://dichvucong.example.gov.vn/tra-cuu?ma={code}"
    now = datetime(2026, 11, 23, 16, 0, tzinfo=VN_TZ)
    core = open_core(settings, clock=lambda: now)
    office.setup_office(
        core,
        SYSTEM,
        office.OfficeInput(
            unit_id="000.00.01.H22",
            name="Bộ phận Một cửa xã Thử Nghiệm",
            agency_name="ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM",
            commune_name="Xã Thử Nghiệm",
            address="Số 1 đường Trần Hưng Đạo, xã Thử Nghiệm",
        ),
    )
    catalog.import_parsed(core, SYSTEM, ParsedCatalog((PROCEDURE,), ()), source="bench")
    codes = []
    for i in range(n):
        name = f"{FAMILY[i % 10]} {MIDDLE[i // 10 % 8]} {GIVEN[i // 80 % 10]}"
        holder = intake.PersonInput(
            full_name=name,
            address=f"Số {i + 1}, thôn Đông Thượng {i % 17}, xã Thử Nghiệm, tỉnh Hưng Yên",
            phone=f"09{i:08d}",
        )
        request = intake.RegisterRequest(
            procedure_code=PROCEDURE.code,
            holder=holder,
            received_at=datetime(2026, 11, 2 + i % 20, 7 + i % 9, 30, tzinfo=VN_TZ),
        )
        codes.append(intake.register(core, SYSTEM, request).code)
    return core, codes


def text_only(rendered: Rendered) -> Callable[[], bytes]:
    """The floor: the same strings, same fonts, drawn one by one; no layout, lines or codes."""
    flows = rendered.laid_out
    pages = []
    for flow in flows:
        for n, ops in enumerate(flow.pages):
            while len(pages) <= n:
                pages.append([])
            pages[n].append([op for op in ops if isinstance(op, TextOp)])
    width = flows[0].frame_width

    def draw() -> bytes:
        laid = [
            sheets.Sheet(
                width * len(copies),
                flows[0].frame_height,
                tuple(sheets.Placed(i * width, 0.0, ops) for i, ops in enumerate(copies)),
            )
            for copies in pages
        ]
        return sheets.to_pdf(laid, title="floor", author="bench")

    return draw


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def ms(values: list[float]) -> str:
    return f"p50 {statistics.median(values) * 1e3:7.2f} ms   p95 {pct(values, 0.95) * 1e3:7.2f} ms"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--book", type=int, default=1000)
    args = ap.parse_args()
    started = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average at start: {load:.1f} on {os.cpu_count()} CPUs (shared machine)")
    core, codes = setup(max(args.book, 1))
    print(f"set-up: {len(codes)} dossiers registered in {time.perf_counter() - started:.1f} s")
    p = core.settings.printing
    datas = [forms.load(core, SYSTEM, code, "01") for code in codes[: args.runs]]
    for data in datas[:5]:  # warm: fonts registered, modules imported
        build(data, p)
    floors = [text_only(build(data, p)) for data in datas]
    receipt: list[float] = []
    floor: list[float] = []
    receipt_cpu: list[float] = []
    floor_cpu: list[float] = []
    pages = set()
    for data, draw in zip(datas, floors, strict=True):  # interleaved: the same noise for both
        t, c = time.perf_counter(), time.process_time()
        r = build(data, p)
        receipt.append(time.perf_counter() - t)
        receipt_cpu.append(time.process_time() - c)
        pages.add(r.pages)
        t, c = time.perf_counter(), time.process_time()
        draw()
        floor.append(time.perf_counter() - t)
        floor_cpu.append(time.process_time() - c)
    ratio = statistics.median(receipt) / statistics.median(floor)
    cpu_ratio = statistics.median(receipt_cpu) / statistics.median(floor_cpu)
    print(f"\nMẫu 01, 2 liên on A4 (a5x2), Code128 + QR, {len(datas)} dossiers, sheets {pages}")
    print(f"  receipt   wall     {ms(receipt)}")
    print(f"  floor     wall     {ms(floor)}")
    print(f"  receipt   CPU      {ms(receipt_cpu)}")
    print(f"  floor     CPU      {ms(floor_cpu)}")

    def verdict(values: list[float], r: float) -> str:
        return "OK" if statistics.median(values) <= 0.010 and r <= 3 else "MISSED"

    print(f"  ratio p50 {ratio:.2f}× wall, {cpu_ratio:.2f}× CPU")
    print(
        f"  target p50 ≤ 10 ms and ≤ 3× the floor: wall {verdict(receipt, ratio)}, "
        f"CPU {verdict(receipt_cpu, cpu_ratio)}"
    )

    start, end = date(2026, 11, 1), date(2026, 11, 30)
    timings: dict[str, list[tuple[float, float]]] = {}

    def timed(name: str, fn: Callable[..., T], *args: Any) -> T:
        t, c = time.perf_counter(), time.process_time()
        result = fn(*args)
        timings.setdefault(name, []).append((time.perf_counter() - t, time.process_time() - c))
        return result

    for _ in range(3):
        book = timed("read", forms.tracking_book, core, SYSTEM, start, end)
        rendered = timed("pdf", build_book, book, p, "pdf")
        timed("xlsx", build_book, book, p, "xlsx")
        timed("floor", text_only(rendered))

    def med(name: str, cpu: int) -> float:
        return statistics.median(v[cpu] for v in timings[name])

    print(f"\nMẫu 06, tracking book of {len(book.rows)} dossiers ({rendered.pages} pages)")
    print("                        wall        CPU")
    for name, label in (
        ("read", "read (service)"),
        ("pdf", "PDF"),
        ("xlsx", "xlsx"),
        ("floor", "floor (text only)"),
    ):
        print(f"  {label:<18} {med(name, 0) * 1e3:7.1f} ms {med(name, 1) * 1e3:7.1f} ms")
    wall, cpu = med("read", 0) + med("pdf", 0), med("read", 1) + med("pdf", 1)
    print(
        f"  read + PDF: {wall * 1e3:.0f} ms wall, {cpu * 1e3:.0f} ms CPU; "
        f"PDF {med('pdf', 0) / med('floor', 0):.2f}× the floor"
    )
    ok = {True: "OK", False: "MISSED"}
    print(f"  target ≤ 1 s: wall {ok[wall <= 1]}, CPU {ok[cpu <= 1]}")
    core.close()
    shutil.rmtree(TMP, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
