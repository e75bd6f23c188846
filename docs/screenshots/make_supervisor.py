"""Draw the supervisor's desk with realistic demo data into docs/screenshots/supervisor.png.

A throw-away office in a temporary folder: the sample catalogue, three clerks at their
counters, two weeks of dossiers (received, finished, returned, supplements, a withdrawal,
late ones, an apology with a new date), then the desk rendered offscreen.

    .venv/bin/python docs/screenshots/make_supervisor.py [OUT.png]
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("COUNTER_APP_SECRET_DATA_KEY", "q" * 43 + "=")  # demo only
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from counter_app.config import load_settings  # noqa: E402
from counter_app.domain.calendar import VN_TZ  # noqa: E402
from counter_app.errors import AppError  # noqa: E402
from counter_app.services import (  # noqa: E402
    dossier_history,
    intake,
    lifecycle,
    setup,
    supervision,
    users,
)
from counter_app.services.context import SYSTEM, Actor, Core, Role, open_core  # noqa: E402
from counter_app.services.queue import Category, GroupBy  # noqa: E402
from ui.supervisor import SupervisorDesk  # noqa: E402
from ui.tasks import SyncRunner  # noqa: E402

NOW = datetime(2026, 11, 26, 10, 40, tzinfo=VN_TZ)  # a Thursday, mid-morning
PROCEDURES = ["1.001193", "1.000894", "2.000815", "2.000884", "1.004194", "1.004222", "1.003677"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Hữu"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long"]


class Clock:
    def __init__(self) -> None:
        self.now = NOW - timedelta(days=16)

    def __call__(self) -> datetime:
        return self.now


def build(core: Core, clock: Clock) -> None:
    setup.init(core, demo=True)
    clerks = [
        users.add_user(core, SYSTEM, name, full, Role.CLERK, "motcua2026", counter=counter).actor()
        for name, full, counter in (
            ("lan", "Nguyễn Thị Lan", "1"),
            ("hung", "Lê Văn Hùng", "2"),
            ("mai", "Phạm Thị Mai", "3"),
        )
    ]
    chief = users.add_user(
        core, SYSTEM, "minh", "Trần Văn Minh", Role.SUPERVISOR, "motcua2026"
    ).actor()
    rng = random.Random(2611)
    codes: list[tuple[str, Actor]] = []
    day = (NOW - timedelta(days=16)).date()
    serial = 0
    while day <= NOW.date():
        if core.calendar().is_working_day(day):
            for _ in range(rng.randint(4, 9)):
                minute = rng.randint(0, 8 * 60)
                at = datetime.combine(day, datetime.min.time(), tzinfo=VN_TZ) + timedelta(
                    hours=7, minutes=30 + minute + (90 if minute > 240 else 0)
                )
                if at >= NOW:
                    continue
                clock.now = at
                serial += 1
                clerk = rng.choice(clerks)
                person = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                request = intake.RegisterRequest(
                    procedure_code=rng.choice(PROCEDURES),
                    holder=intake.PersonInput(
                        full_name=person,
                        id_number=f"0{rng.choice(['01', '79', '31', '36'])}0{rng.randint(60, 99)}"
                        f"{serial:06d}",
                        address="Thôn Đông, xã Minh Khai",
                        phone=f"09{rng.randint(10000000, 99999999)}",
                    ),
                    channel=rng.choice((1, 1, 1, 2, 3)),
                    received_at=at,
                )
                codes.append((intake.register(core, clerk, request).code, clerk))
        day += timedelta(days=1)
    for n, (code, clerk) in enumerate(codes):
        _advance(core, clock, rng, code, clerk, n)
    clock.now = NOW - timedelta(minutes=5)
    late = next((code for code, _ in codes if _is_open(core, chief, code)), None)
    if late is not None:
        with contextlib.suppress(AppError):  # a demo without an open dossier: no apology
            supervision.issue_apology(
                core, chief, late, "Chờ kết quả xác minh của cơ quan khác", date(2026, 12, 2)
            )
    clock.now = NOW


def _is_open(core: Core, actor: Actor, code: str) -> bool:
    return dossier_history.detail(core, actor, code, audit=False).view.status in (2, 4, 5)


def _advance(core: Core, clock: Clock, rng: random.Random, code: str, clerk: Actor, n: int) -> None:
    """Move a dossier along: most finish on time and are returned; a few wait or run late."""
    view = dossier_history.detail(core, SYSTEM, code, audit=False).view
    moment = view.received_at + timedelta(hours=rng.randint(1, 20))
    roll = rng.random()
    try:
        if roll < 0.03 and moment < NOW:
            clock.now = moment
            lifecycle.withdraw(core, clerk, code, "Công dân xin rút hồ sơ")
            return
        if roll < 0.15 and moment < NOW:
            clock.now = moment
            lifecycle.request_supplement(core, clerk, code, "Thiếu bản sao giấy tờ tùy thân")
            moment += timedelta(days=rng.randint(1, 3))
            if moment >= NOW:
                return
            clock.now = moment
            lifecycle.receive_supplement(core, clerk, code, "Công dân đã nộp bổ sung")
        finish = view.appointment_at - timedelta(hours=rng.randint(1, 16))
        if n % 17 == 0:
            finish = view.appointment_at + timedelta(hours=rng.randint(2, 30))  # late
        elif n % 29 == 0:
            return  # forgotten: nobody finished it
        finish = max(finish, moment)
        if finish < NOW:
            clock.now = finish
            lifecycle.finish(core, clerk, code)
            back = finish + timedelta(hours=rng.randint(1, 40))
            if back < NOW:
                clock.now = back
                lifecycle.hand_over(core, clerk, code)
    except AppError:
        pass


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("supervisor.png")
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "cfg")
        settings = load_settings(data_dir=Path(folder) / "data", env={})
        clock = Clock()
        core = open_core(settings, clock=clock)
        try:
            build(core, clock)
            chief = next(u for u in users.list_users(core) if u.username == "minh").actor()
            desk = SupervisorDesk(core, chief, SyncRunner())
            desk.resize(1500, 900)
            desk.group_by.setCurrentIndex(desk.group_by.findData(GroupBy.PROCEDURE.value))
            desk.drill(Category.OVERDUE)
            rows = desk.rows.rows
            if rows:  # the richest history makes the best picture
                pick = max(range(len(rows)), key=lambda i: (rows[i].supplement_count, -i))
                desk.open_dossier(rows[pick].code)
                desk.list_view.selectRow(pick)
                desk.list_view.setFocus()
            desk.show()
            app.processEvents()
            desk.grab().save(str(out))
            print(f"{out} ({len(desk.shown_codes())} hồ sơ quá hạn)")
            desk.close()
        finally:
            core.close()


if __name__ == "__main__":
    main()
