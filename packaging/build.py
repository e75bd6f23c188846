"""Build the one-folder bundle: `python packaging/build.py` → dist/counter-app-<version>/.

One command on Linux and on Windows (the CI workflow runs it on a Windows runner, then Inno
Setup on packaging/windows/counter-app.iss). It reads the version from pyproject.toml, makes
the Windows icon and version resource, runs PyInstaller on packaging/counter-app.spec, then
checks the bundle holds what the program reads from files at run time and none of what the
trimmed spec must leave out. Exit 1 when a check fails.

    python packaging/build.py [--json] [--keep-work]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
WINDOWS = sys.platform == "win32"


def version() -> str:
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    if not match:
        raise SystemExit("pyproject.toml has no version")
    return match.group(1)


def bundle_dir(ver: str | None = None) -> Path:
    return DIST / f"counter-app-{ver or version()}"


def executable(bundle: Path, cli: bool = True) -> Path:
    """The bundle's program; on Windows the console twin for commands."""
    if WINDOWS:
        return bundle / ("counter-app-cli.exe" if cli else "counter-app.exe")
    return bundle / "counter-app"


def windows_icon(target: Path) -> None:
    """resources/icons/counter-app.svg → a multi-size .ico, drawn by Qt (no other tool)."""
    code = f"""
import sys
from PySide6.QtGui import QGuiApplication, QIcon
app = QGuiApplication(sys.argv)
icon = QIcon({str(ROOT / "resources" / "icons" / "counter-app.svg")!r})
ok = icon.pixmap(256, 256).save({str(target)!r}, "ICO")
sys.exit(0 if ok else 1)
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def windows_version_file(ver: str, target: Path) -> None:
    numbers = [int(n) for n in re.findall(r"\d+", ver)[:4]]
    numbers += [0] * (4 - len(numbers))
    fixed = tuple(numbers)
    target.write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={fixed}, prodvers={fixed}),
  kids=[
    StringFileInfo([StringTable('042a04b0', [
      StringStruct('CompanyName', 'MotCua'),
      StringStruct('FileDescription', 'Phần mềm Bộ phận Một cửa'),
      StringStruct('FileVersion', '{ver}'),
      StringStruct('ProductName', 'counter-app'),
      StringStruct('ProductVersion', '{ver}')])]),
    VarFileInfo([VarStruct('Translation', [0x042A, 1200])])
  ]
)
""",
        "utf-8",
    )


def build(keep_work: bool = False) -> float:
    ver = version()
    WORK.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if WINDOWS:
        windows_icon(PACKAGING / "windows" / "counter-app.ico")
        version_file = WORK / "version-info.txt"
        windows_version_file(ver, version_file)
        env["COUNTER_APP_VERSION_FILE"] = str(version_file)
    target = bundle_dir(ver)
    if target.exists():
        shutil.rmtree(target)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={DIST}",
            f"--workpath={WORK}",
            str(PACKAGING / "counter-app.spec"),
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )
    if not WINDOWS:
        trim_icu(target)
        strip_debug(target)
    elapsed = time.perf_counter() - started
    if not keep_work:
        shutil.rmtree(WORK, ignore_errors=True)
    return elapsed


def trim_icu(bundle: Path) -> None:
    """Qt's ICU data library: 32 MB of every locale → root, English and Vietnamese (icu_trim.py).

    Any failure keeps the original library: the bundle is then larger, never broken.
    """
    found = sorted((internal(bundle) / "PySide6" / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        print("WARNING: Qt's libicudata.so.* not found: ICU data not trimmed", file=sys.stderr)
        return
    library = found[0]
    sys.path.insert(0, str(PACKAGING))
    try:
        import icu_trim

        before, after = icu_trim.trim_library(library)
        print(f"ICU data {before / 1e6:.1f} MB → {after / 1e6:.1f} MB", file=sys.stderr)
    except Exception as exc:  # any failure: keep the full library
        print(f"WARNING: ICU data not trimmed ({exc!r}): original kept", file=sys.stderr)
    finally:
        sys.path.remove(str(PACKAGING))


# Libraries whose symbol tables are worth dropping (`strip --strip-unneeded`: the dynamic
# symbols stay); the rest carry a few kB each.
STRIP_ALL_MIN_BYTES = 100_000


def strip_debug(bundle: Path) -> None:
    """Drop debug sections (libpython carries 18 MB) and large symbol tables (cryptography's
    Rust module 2.6 MB, PDFium 1.2 MB, ICU 1.4 MB) from shared libraries.

    Not from the libraries a wheel vendors in `<name>.libs/` (auditwheel rewrote their headers
    with patchelf: stripping those leaves them unloadable, e.g. NumPy's OpenBLAS). Every
    stripped file must still load (dlopen in a child process); if not, it is put back.
    """
    tool = shutil.which("strip")
    if tool is None:
        return
    inside = internal(bundle)
    for path in sorted(inside.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        if any(part.endswith(".libs") for part in path.parts):
            continue
        sections = symbol_bytes(path)
        if sections["symtab"] >= STRIP_ALL_MIN_BYTES:
            option = "--strip-unneeded"  # also drops the debug sections
        elif sections["debug"]:
            option = "--strip-debug"
        else:
            continue
        original = path.read_bytes()
        subprocess.run([tool, option, str(path)], check=True)
        if not loads(path, inside):
            path.write_bytes(original)
            print(f"WARNING: {path.name} does not load once stripped: kept as is", file=sys.stderr)


def symbol_bytes(path: Path) -> dict[str, int]:
    """Sizes of the debug sections and of the symbol table (+ its strings) of an ELF file."""
    out = subprocess.run(["readelf", "-SW", str(path)], capture_output=True, text=True).stdout
    sizes = {"debug": 0, "symtab": 0}
    for name, size in re.findall(r"\]\s+(\.\S+)\s+\S+\s+\S+\s+\S+\s+([0-9a-f]+)", out):
        if name.startswith(".debug"):
            sizes["debug"] += int(size, 16)
        elif name in (".symtab", ".strtab"):
            sizes["symtab"] += int(size, 16)
    return sizes


def loads(library: Path, inside: Path) -> bool:
    """Whether the dynamic loader still takes the library (in a child: a crash is a no)."""
    code = "import ctypes, os, sys; ctypes.CDLL(sys.argv[1], os.RTLD_NOW | os.RTLD_LOCAL)"
    paths = [inside, inside / "PySide6" / "Qt" / "lib"]
    env = {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(map(str, paths))}
    done = subprocess.run([sys.executable, "-c", code, str(library)], env=env, capture_output=True)
    return done.returncode == 0


def internal(bundle: Path) -> Path:
    """PyInstaller ≥ 6 puts everything but the executables in _internal/."""
    return bundle / "_internal" if (bundle / "_internal").is_dir() else bundle


def check_bundle(bundle: Path) -> list[str]:
    """What is wrong with the bundle (empty: nothing)."""
    inside = internal(bundle)
    problems: list[str] = []
    must = [
        "pyproject.toml",
        "resources/catalog/sample-procedures.json",
        "resources/forms/tt01-2018.toml",
        "resources/translations/counter_app_en.qm",
        "resources/translations/qt_vi.qm",
        "resources/icons/counter-app.svg",
        "resources/examples/province-dvc.toml",
        "counter_app/storage/migrations/env.py",
        "counter_app/storage/migrations/versions/0001_initial_schema.py",
    ]
    # Every resource file the source has (sounds, icons…) must be in the bundle too.
    for path in sorted((ROOT / "resources").rglob("*")):
        if (
            path.is_file()
            and path.suffix not in {".ts", ".py", ".sh"}
            and "__pycache__" not in path.parts
        ):
            must.append(path.relative_to(ROOT).as_posix())
    problems += [f"missing {m}" for m in must if not (inside / m).exists()]
    if not list((inside / "resources" / "fonts").glob("*.ttf")):
        problems.append("missing resources/fonts/*.ttf")
    qt = inside / "PySide6" / ("plugins" if WINDOWS else "Qt/plugins")
    wanted = ["platforms/*qoffscreen*"]
    wanted += ["platforms/*qwindows*"] if WINDOWS else ["platforms/*qxcb*"]
    if not WINDOWS:
        wanted += ["platforminputcontexts/*ibus*", "platforminputcontexts/*compose*"]
    wanted += ["iconengines/*qsvgicon*", "imageformats/*qsvg*"]
    problems += [f"missing Qt plugin {w}" for w in wanted if not list(qt.glob(w))]
    unwanted = ["platformthemes/*gtk3*", "platforms/*wayland*", "platforms/*eglfs*"]
    problems += [f"unwanted Qt plugin {u}" for u in unwanted if list(qt.glob(u))]
    if list(inside.rglob("qtbase_*.qm")):
        problems.append("Qt's own translations were not trimmed")
    if list(inside.rglob("*Qt6Quick*")) or list(inside.rglob("*Qt6Qml*")):
        problems.append("Qt Quick/QML libraries were not trimmed")
    if not WINDOWS:
        problems += unresolved_libraries(inside)
        problems += qt_locale_problems(inside)
    return problems


def unresolved_libraries(inside: Path) -> list[str]:
    """Libraries of the bundle that need one the loader finds neither in the bundle (the frozen
    program puts _internal/ on LD_LIBRARY_PATH) nor on this machine: what the spec leaves to
    the machine (HOST_LIBS, .ci/dev RUN_PKGS) or drops must still resolve."""
    if shutil.which("ldd") is None:
        return []
    env = {**os.environ, "LD_LIBRARY_PATH": str(inside)}
    problems = []
    for path in sorted(inside.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True).stdout
        missing = re.findall(r"^\s*(\S+) => not found", out, re.M)
        if missing:
            problems.append(f"{path.relative_to(inside)} needs {', '.join(missing)}: not found")
    return problems


# Run with the bundle's Qt and ICU libraries (LD_LIBRARY_PATH comes before the wheel's
# RUNPATH): Vietnamese collation (ă after a…z, đ after d…z: the root order differs), the
# counter's time zone with its Vietnamese name, locale case mapping, the Windows-1258 codec.
QT_LOCALE_CHECK = """
import sys
from PySide6.QtCore import QCollator, QDateTime, QLocale, QStringDecoder, QTimeZone
vi = QLocale("vi_VN")
problems = []
words = sorted(["đa", "dz", "ăa", "az", "da"], key=QCollator(vi).sortKey)
if words != ["az", "ăa", "da", "dz", "đa"]:
    problems.append(f"Vietnamese collation: {words}")
zone = QTimeZone(b"Asia/Ho_Chi_Minh")
if not zone.isValid() or zone.offsetFromUtc(QDateTime.currentDateTime()) != 7 * 3600:
    problems.append("time zone Asia/Ho_Chi_Minh")
elif not zone.displayName(QTimeZone.StandardTime, QTimeZone.LongName, vi):
    problems.append("Vietnamese time-zone name")
if vi.toUpper("đường ưu tiên") != "ĐƯỜNG ƯU TIÊN":
    problems.append("Vietnamese upper case")
if not QStringDecoder("windows-1258").isValid():
    problems.append("codec windows-1258")
icu = [line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line]
if not icu or not icu[0].startswith(sys.argv[1]):
    problems.append(f"ICU data not loaded from the bundle: {icu[:1]}")
print("\\n".join(problems))
"""


def qt_locale_problems(inside: Path) -> list[str]:
    """Qt's locale features still work with the bundle's (trimmed) ICU data."""
    qt_lib = inside / "PySide6" / "Qt" / "lib"
    if not list(qt_lib.glob("libQt6Core.so*")):
        return []  # no Qt libraries to run (tests' skeleton bundles); the real build has them
    env = {**os.environ, "LD_LIBRARY_PATH": str(inside / "PySide6" / "Qt" / "lib")}
    done = subprocess.run(
        [sys.executable, "-c", QT_LOCALE_CHECK, str(inside)],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return [f"Qt with the bundle's ICU does not start: {done.stderr.strip()[-300:]}"]
    return [f"Qt/ICU: {line}" for line in done.stdout.splitlines() if line]


def size_on_disk(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--keep-work", action="store_true", help="keep build/pyinstaller")
    parser.add_argument("--check-only", action="store_true", help="check an existing bundle")
    args = parser.parse_args()
    bundle = bundle_dir()
    seconds = 0.0 if args.check_only else build(args.keep_work)
    problems = check_bundle(bundle)
    size = size_on_disk(bundle)
    summary = {
        "version": version(),
        "bundle": str(bundle),
        "executable": str(executable(bundle)),
        "bytes": size,
        "build_seconds": round(seconds, 1),
        "problems": problems,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"bundle  {bundle}")
        print(f"size    {size / 1e6:.1f} MB on disk")
        print(f"built   in {seconds:.0f} s")
        for problem in problems:
            print(f"PROBLEM {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
