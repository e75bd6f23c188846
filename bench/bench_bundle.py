"""The packaged program: bundle size on disk, build time, and start-up of the FROZEN app to an
interactive sign-in window against the same app run from source (`python main.py`), in one run.

Targets (issue 9): bundle ≤ 150 MB on disk; frozen start ≤ 1.5× the source start.

Both starts run in a real X server (Xvfb, 1366×768) as separate processes over the same demo
database; each writes "login <unix time>" to $COUNTER_APP_READY_FILE once the sign-in window
is shown and the event loop is idle (ui/ready.py). Cold: the first start of each after dropping
the page cache (needs root; else the first start in this run, and it says so). Warm: the median
of the next runs, frozen and source interleaved so both see the same machine load.

    python bench/bench_bundle.py [--runs 7] [--no-build]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_startup import drop_caches  # noqa: E402
from counter_app.protection import new_key  # noqa: E402
from tests.e2e.xdriver import PYTHON, ReadyFile, Xvfb, cli, missing_tools, running  # noqa: E402


def _load_build_script() -> ModuleType:
    """packaging/build.py (a script, not a package: "build" is also a PyPI package's name)."""
    spec = importlib.util.spec_from_file_location("packaging_build", ROOT / "packaging/build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


packaging_build = _load_build_script()

SIZE_TARGET_MB = 150
RATIO_TARGET = 1.5


def largest_parts(bundle: Path, count: int = 8) -> list[tuple[str, float]]:
    """Where the megabytes go: the biggest entries of the bundle (folders summed), in MB."""
    inside = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    sizes: dict[str, float] = {}
    for entry in [*inside.iterdir(), *(p for p in bundle.iterdir() if p.name != "_internal")]:
        if entry.is_symlink():  # PyInstaller links some libraries to the top: counted once
            continue
        if entry.name == "PySide6":  # Qt's ICU data alone is a large part: show it apart
            for sub in entry.rglob("*"):
                if sub.is_file() and not sub.is_symlink():
                    key = "ICU (Qt)" if sub.name.startswith("libicu") else "Qt/PySide6"
                    sizes[key] = sizes.get(key, 0) + sub.stat().st_size / 1e6
            continue
        files = (
            [entry]
            if entry.is_file()
            else [p for p in entry.rglob("*") if p.is_file() and not p.is_symlink()]
        )
        name = entry.name.split(".so")[0]
        sizes[name] = sizes.get(name, 0) + sum(f.stat().st_size for f in files) / 1e6
    return sorted(sizes.items(), key=lambda item: -item[1])[:count]


def start_to_login(x: Xvfb, work: Path, argv: list[str], env: dict[str, str], tag: str) -> float:
    ready_path = work / f"{tag}-ready.txt"
    ready_path.unlink(missing_ok=True)
    ready = ReadyFile(ready_path)
    config = Path(tempfile.mkdtemp(dir=work))  # fresh QSettings each run
    env = x.env(**env, COUNTER_APP_READY_FILE=str(ready_path), XDG_CONFIG_HOME=str(config))
    spawn = time.time()
    with running(argv, env, work / f"{tag}.log") as proc:
        login = ready.wait("login", proc)
    return login - spawn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="warm starts of each (default 7)")
    parser.add_argument("--no-build", action="store_true", help="measure the existing bundle")
    args = parser.parse_args()
    missing = missing_tools()
    if missing:
        print(f"needs {', '.join(missing)} (bash .ci/dev setup)", file=sys.stderr)
        return 1

    if args.no_build:
        build_seconds = None
    else:
        out = subprocess.run(
            [PYTHON, str(ROOT / "packaging" / "build.py"), "--json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if out.returncode != 0:
            print(out.stdout, out.stderr, file=sys.stderr)
            return 1
        build_seconds = json.loads(out.stdout)["build_seconds"]
    bundle = packaging_build.bundle_dir()
    exe = packaging_build.executable(bundle, cli=False)
    if not exe.is_file():
        print(f"no bundle at {bundle}: run without --no-build", file=sys.stderr)
        return 1
    size_mb = packaging_build.size_on_disk(bundle) / 1e6
    source_mb = (
        sum(
            p.stat().st_size
            for d in ("counter_app", "ui", "printing", "sync", "resources")
            for p in (ROOT / d).rglob("*")
            if p.is_file()
        )
        / 1e6
    )

    env = {
        "COUNTER_APP_SECRET_DATA_KEY": new_key(),  # no keyring under Xvfb
        "COUNTER_APP_COUNTER_IDLE_LOCK_MINUTES": "0",
    }
    frozen_argv = [str(exe)]
    source_argv = [PYTHON, str(ROOT / "main.py")]
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        work = Path(tmp)
        data = work / "data"
        clean = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
        cli(data, "init", "--demo", env={**clean, **env})
        frozen_argv += ["--data-dir", str(data)]
        source_argv += ["--data-dir", str(data)]
        with Xvfb() as x:
            note = drop_caches()
            frozen_cold = start_to_login(x, work, frozen_argv, env, "frozen")
            drop_caches()
            source_cold = start_to_login(x, work, source_argv, env, "source")
            frozen: list[float] = []
            source: list[float] = []
            for _ in range(args.runs):
                frozen.append(start_to_login(x, work, frozen_argv, env, "frozen"))
                source.append(start_to_login(x, work, source_argv, env, "source"))

    frozen_w, source_w = statistics.median(frozen), statistics.median(source)
    print(f"Bundle {bundle.name} ({'Windows' if packaging_build.WINDOWS else 'Linux'}, one folder)")
    print(
        f"  size on disk          {size_mb:8.1f} MB   target ≤ {SIZE_TARGET_MB} MB "
        f"({size_mb / SIZE_TARGET_MB:.2f}× the target; our own code and resources: "
        f"{source_mb:.1f} MB)"
    )
    if build_seconds is not None:
        print(f"  build time            {build_seconds:8.1f} s")
    print("  largest parts: " + ", ".join(f"{n} {mb:.0f} MB" for n, mb in largest_parts(bundle)))
    print(f"Start to the sign-in window (Xvfb 1366×768; {args.runs} warm runs each; cold = {note})")
    print(f"{'':32}{'cold':>9}{'warm median':>14}")
    print(f"{'source: python main.py (baseline)':32}{source_cold:8.3f}s{source_w:13.3f}s")
    print(f"{'frozen bundle':32}{frozen_cold:8.3f}s{frozen_w:13.3f}s")
    print(
        f"ratio frozen / source: cold {frozen_cold / source_cold:.2f}×, "
        f"warm {frozen_w / source_w:.2f}×   (target ≤ {RATIO_TARGET}×)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
