"""A generated office database with N dossiers, built once and reused (bench/out/).

Rows are bulk-inserted through SQLAlchemy Core (the FTS5 triggers fill the search index),
with realistic Vietnamese names, procedures and a spread of receipt days and statuses.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from counter_app.config import Settings, load_settings  # noqa: E402
from counter_app.protection import new_key  # noqa: E402
from counter_app.services.context import Core, open_core  # noqa: E402
from counter_app.services.search_index import index_text  # noqa: E402
from counter_app.services.setup import DEMO_OFFICE  # noqa: E402
from counter_app.storage import models as m  # noqa: E402
from counter_app.text import fold, mask_id  # noqa: E402

OUT = ROOT / "bench" / "out"
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Đoàn",
    "Lương",
    "Mai",
    "Tô",
]
MIDDLE = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Ngọc",
    "Thanh",
    "Quốc",
    "Xuân",
    "Thu",
    "Bích",
    "Hoàng",
    "Gia",
    "Kim",
    "Công",
    "Đình",
    "Thế",
    "Phương",
    "Anh",
    "Trọng",
]
GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Đức",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Ngọc",
    "Nhung",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trung",
    "Tuấn",
    "Tùng",
    "Uyên",
    "Vân",
    "Việt",
    "Vinh",
    "Yến",
    "Đạt",
    "Thủy",
    "Loan",
]
PROCEDURES = [
    ("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"),
    ("1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch"),
    ("1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch"),
    ("1.004227", "Thủ tục xác nhận tình trạng hôn nhân", "Hộ tịch"),
    ("2.000815", "Thủ tục chứng thực bản sao từ bản chính", "Chứng thực"),
    ("2.000884", "Thủ tục chứng thực chữ ký", "Chứng thực"),
    ("1.001612", "Thủ tục đăng ký thường trú", "Cư trú"),
    ("1.001776", "Thủ tục trợ cấp xã hội hằng tháng", "Bảo trợ xã hội"),
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def bench_settings(name: str, url: str | None = None) -> Settings:
    os.environ.setdefault("COUNTER_APP_SECRET_DATA_KEY", _stable_key())
    s = load_settings(data_dir=OUT / name, env={})
    if url:
        s.database.url = url
    return s


def _stable_key() -> str:
    key_file = OUT / "bench.key"
    OUT.mkdir(parents=True, exist_ok=True)
    if not key_file.exists():
        key_file.write_text(new_key())
    return key_file.read_text().strip()


def build(core: Core, n: int, *, seed: int = 7, batch: int = 20_000) -> None:
    """Fill an empty database with an office, the procedures and `n` dossiers."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with core.uow() as uow:
        uow.session.add(
            m.Office(
                unit_id=DEMO_OFFICE.unit_id, name=DEMO_OFFICE.name, created_at=now, settings={}
            )
        )
        for code, name, field in PROCEDURES:
            uow.session.add(
                m.Procedure(
                    code=code,
                    name=name,
                    name_folded=fold(name),
                    field=field,
                    duration=3,
                    updated_at=now,
                )
            )
        uow.commit()
    table = m.Dossier.__table__
    first_day = date(2024, 1, 1)
    days = (date(2026, 11, 23) - first_day).days
    per_day: dict[date, int] = {}
    rows = []
    started = time.perf_counter()
    for i in range(n):
        day = first_day + timedelta(days=int(days * i / n))
        seq = per_day[day] = per_day.get(day, 0) + 1
        code = f"{DEMO_OFFICE.unit_id}-{day:%y%m%d}-{seq:04d}"
        name = person(rng)
        proc_code, proc_name, field = rng.choice(PROCEDURES)
        number = (
            f"0{rng.randint(1, 96):02d}{rng.randint(0, 3)}"
            f"{rng.randint(40, 99):02d}{rng.randint(0, 999999):06d}"
        )
        phone = f"09{rng.randint(0, 99999999):08d}"
        received = datetime(
            day.year, day.month, day.day, 1 + rng.randint(0, 8), rng.randint(0, 59), tzinfo=UTC
        )
        appointment = received + timedelta(days=3)
        status = rng.choice([2, 4, 4, 5, 9, 10, 10, 10, 10, 10]) if i > n - 5000 else 10
        ended = appointment - timedelta(hours=rng.randint(-30, 40)) if status in (9, 10) else None
        rows.append(
            {
                "code": code,
                "unit_id": DEMO_OFFICE.unit_id,
                "received_day": day,
                "seq": seq,
                "procedure_code": proc_code,
                "procedure_name": proc_name,
                "field": field,
                "holder_name": name,
                "holder_id_lookup": core.protector.lookup(number),
                "holder_id_masked": mask_id(number),
                "holder_id_sealed": "",
                "holder_phone": phone,
                "received_at": received,
                "clock_start_at": received,
                "appointment_at": appointment,
                "status": status,
                "status_at": ended or received,
                "ended_at": ended,
                "returned_at": ended if status == 10 else None,
                "counter": str(1 + i % 4),
                "search_text": index_text(
                    code=code,
                    procedure_code=proc_code,
                    procedure_name=proc_name,
                    names=[name],
                    phones=[phone],
                ),
                "created_at": received,
                "updated_at": received,
            }
        )
        if len(rows) == batch:
            with core.db.engine.begin() as conn:
                conn.execute(insert(table), rows)
            rows.clear()
            print(
                f"\r  {i + 1:>9,} dossiers  ({time.perf_counter() - started:5.1f} s)",
                end="",
                file=sys.stderr,
                flush=True,
            )
    if rows:
        with core.db.engine.begin() as conn:
            conn.execute(insert(table), rows)
    print(file=sys.stderr)


def open_dataset(name: str, n: int) -> Core:
    """The cached database `bench/out/<name>` with `n` dossiers (built on first use)."""
    settings = bench_settings(name)
    ready = settings.data_dir / f".ready-{n}"
    if not ready.exists():
        for f in settings.data_dir.glob("counter.db*"):
            f.unlink()
        print(f"building {n:,}-dossier database in {settings.data_dir} …", file=sys.stderr)
        core = open_core(settings)
        build(core, n)
        with core.db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        ready.touch()
        return core
    return open_core(settings)
