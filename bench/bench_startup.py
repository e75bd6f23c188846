"""Start-up: from `python main.py` to an interactive intake window, cold and warm, against a
bare PySide6 window started the same way in the same run (issue 3 target: ≤ 2.5× the bare
window).

Both run in a real X server (Xvfb, 1366×768) as separate processes. Each says when it is
interactive by writing "<stage> <unix time>" to $COUNTER_APP_READY_FILE once its window is
shown and the event loop is idle:

- bare window: `ready` (a QMainWindow with a line edit);
- the app: `login` (the sign-in window), then, after xdotool types the user name and the
  password right away, `login_submitted` and `intake` (the intake window).

"interactive intake" = (login − spawn) + (intake − login_submitted): the app's own time; the
time xdotool spends typing is left out, and whatever the app still has to load when the
password arrives is included (a person types slower, so real sign-ins wait less).

Cold: the first start of each after dropping the OS page cache (needs root; if refused, it is
the first start in this run and says so). Warm: the median of the next runs.

    python bench/bench_startup.py [--runs 5]

`--list N` measures instead the dossier list over an N-dossier database (built once into
bench/out/ by bench/dataset.py): the lazy Qt model's first page and each further page as the
view scrolls, against loading every row up front (what a list without lazy loading does before
it can show anything), both in the same run, offscreen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from counter_app.protection import new_key  # noqa: E402
from tests.e2e.xdriver import (  # noqa: E402
    PYTHON,
    Keyboard,
    ReadyFile,
    Xvfb,
    cli,
    missing_tools,
    running,
)

BARE = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow

def ready():
    with open(os.environ["COUNTER_APP_READY_FILE"], "a") as fh:
        fh.write(f"ready {time.time():.6f}\\n")

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.setCentralWidget(QLineEdit())
window.resize(1366, 740)
window.show()
QTimer.singleShot(0, ready)
sys.exit(app.exec())
"""


def drop_caches() -> str:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return "page cache dropped"
    except OSError as exc:
        return f"page cache not dropped ({exc.strerror}): first start in this run"


def bare_start(x: Xvfb, work: Path, env: dict[str, str]) -> float:
    ready_path = work / "bare-ready.txt"
    ready_path.unlink(missing_ok=True)
    ready = ReadyFile(ready_path)
    env = x.env(**env, COUNTER_APP_READY_FILE=str(ready_path))
    spawn = time.time()
    with running([PYTHON, "-c", BARE], env, work / "bare.log") as proc:
        return ready.wait("ready", proc) - spawn


def app_start(
    x: Xvfb, work: Path, data: Path, env: dict[str, str], *, wait_database: bool = False
) -> dict[str, float]:
    ready_path = work / "app-ready.txt"
    ready_path.unlink(missing_ok=True)
    ready = ReadyFile(ready_path)
    config = Path(tempfile.mkdtemp(dir=work))  # fresh QSettings: the same keys every run
    env = x.env(**env, COUNTER_APP_READY_FILE=str(ready_path), XDG_CONFIG_HOME=str(config))
    keys = Keyboard(x)
    spawn = time.time()
    with running(
        [PYTHON, str(ROOT / "main.py"), "--data-dir", str(data)], env, work / "app.log"
    ) as proc:
        login = ready.wait("login", proc)
        keys.window("Đăng nhập")
        if wait_database:  # a person takes seconds to type a password: the core is open by then
            ready.wait("database", proc)
        keys.type("canbo", delay_ms=12)
        keys.key("Tab")
        keys.type("motcua2026", delay_ms=12)
        keys.key("Return")
        intake = ready.wait("intake", proc)
        submitted = ready.stages()["login_submitted"]
        keys.window("Tiếp nhận hồ sơ")
        keys.key("ctrl+q")
        proc.wait(timeout=30)
    return {
        "database": ready.stages()["database"] - spawn,
        "login": login - spawn,
        "signin": intake - submitted,
        "interactive": (login - spawn) + (intake - submitted),
    }


def bench_list(n: int) -> int:
    """The lazy dossier list against loading everything, on an n-dossier database."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from bench.dataset import open_dataset
    from counter_app.services import dossiers, users
    from counter_app.services.context import SYSTEM
    from ui.dossier_model import PAGE, DossierTableModel, _line
    from ui.session import Session
    from ui.tasks import SyncRunner

    app = QApplication.instance() or QApplication([])
    core = open_dataset(f"list-{n}", n)
    session = Session(
        core, users.UserView(0, "bench", "Bench", SYSTEM.role, True, "", "", False), SyncRunner()
    )
    model = DossierTableModel(session)
    view = QTableView()
    view.setModel(model)
    view.resize(1366, 600)
    view.show()

    started = time.perf_counter()
    model.set_query("")
    app.processEvents()
    first_page = time.perf_counter() - started
    pages: list[float] = []
    while model.rowCount() < min(n, 50 * PAGE):
        before = model.rowCount()
        started = time.perf_counter()
        view.scrollToBottom()  # the view asks the model for more, as a user scrolling does
        app.processEvents()
        if model.rowCount() == before:
            break
        pages.append(time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(20):
        view.viewport().repaint()
    repaint = (time.perf_counter() - started) / 20
    started = time.perf_counter()
    model.set_query("nguyen van")
    app.processEvents()
    typed = time.perf_counter() - started

    started = time.perf_counter()
    everything = [_line(r) for r in dossiers.search(core, SYSTEM, "", limit=n)]
    eager = time.perf_counter() - started
    print(f"dossier list over {n:,} dossiers (offscreen, page = {PAGE} rows)")
    print(f"  lazy: first page on screen          {first_page * 1000:9.1f} ms")
    print(
        f"  lazy: each next page while scrolling {statistics.median(pages) * 1000:8.1f} ms "
        f"(median of {len(pages)})"
    )
    print(f"  lazy: repaint of the visible rows    {repaint * 1000:8.1f} ms")
    print(f"  lazy: search-as-you-type page        {typed * 1000:8.1f} ms")
    print(
        f"  baseline, every row loaded first     {eager * 1000:8.1f} ms ({len(everything):,} rows)"
    )
    print(f"  ratio baseline / lazy first page: {eager / first_page:.0f}×")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs of each (default 5)")
    parser.add_argument("--list", type=int, metavar="N", help="measure the dossier list instead")
    args = parser.parse_args()
    if args.list:
        return bench_list(args.list)
    missing = missing_tools()
    if missing:
        print(f"needs {', '.join(missing)} (bash .ci/dev setup)", file=sys.stderr)
        return 1
    env = {
        "COUNTER_APP_SECRET_DATA_KEY": new_key(),  # no keyring under Xvfb
        "COUNTER_APP_COUNTER_IDLE_LOCK_MINUTES": "0",
    }
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        work = Path(tmp)
        data = work / "data"
        clean = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
        cli(data, "init", "--demo", env={**clean, **env})
        with Xvfb() as x:
            cold_note = drop_caches()
            bare_cold = bare_start(x, work, env)
            drop_caches()
            fast_cold = app_start(x, work, data, env)
            bare: list[float] = []
            fast: list[dict[str, float]] = []
            paced: list[dict[str, float]] = []
            for _ in range(args.runs):
                bare.append(bare_start(x, work, env))
                fast.append(app_start(x, work, data, env))
                paced.append(app_start(x, work, data, env, wait_database=True))

    def med(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in rows)

    bare_w = statistics.median(bare)
    rows = [
        ("bare PySide6 window (baseline)", bare_cold, bare_w),
        ("app: login window interactive", fast_cold["login"], med(fast, "login")),
        ("app: database open (background)", fast_cold["database"], med(fast, "database")),
        ("app: sign-in → intake, typed at once", fast_cold["signin"], med(fast, "signin")),
        ("app: sign-in → intake, database open", None, med(paced, "signin")),
        (
            "app: interactive intake, typed at once",
            fast_cold["interactive"],
            med(fast, "interactive"),
        ),
        ("app: interactive intake, database open", None, med(paced, "interactive")),
    ]
    print(
        f"Start-up to an interactive window: Xvfb 1366×768, {args.runs} warm runs of each; "
        f"cold = {cold_note}."
    )
    print(f"{'':42}{'cold':>9}{'warm median':>14}")
    for label, cold, warm in rows:
        cold_text = f"{cold:8.3f}s" if cold is not None else f"{'—':>9}"
        print(f"{label:42}{cold_text}{warm:13.3f}s")
    print(
        f"ratio login window / bare: cold {fast_cold['login'] / bare_cold:.2f}×, "
        f"warm {med(fast, 'login') / bare_w:.2f}×"
    )
    print(
        f"ratio interactive intake / bare, password typed at once: "
        f"cold {fast_cold['interactive'] / bare_cold:.2f}×, "
        f"warm {med(fast, 'interactive') / bare_w:.2f}×"
    )
    print(
        f"ratio interactive intake / bare, password typed once the database is open: "
        f"warm {med(paced, 'interactive') / bare_w:.2f}×   (target ≤ 2.5×)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
