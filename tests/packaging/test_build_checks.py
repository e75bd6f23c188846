"""packaging/build.py (Linux layout) refuses a bundle that lacks what the program reads at
run time, or that still carries what the trimmed spec must leave out (the CI relies on it)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("packaging_build", ROOT / "packaging/build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _build_script()


def _good_bundle(tmp_path: Path) -> Path:
    """A bundle with every file the checks look for (empty files stand for the real ones)."""
    inside = tmp_path / "counter-app-0.1.0" / "_internal"
    shutil.copytree(ROOT / "resources", inside / "resources")
    shutil.copytree(
        ROOT / "counter_app" / "storage" / "migrations", inside / "counter_app/storage/migrations"
    )
    (inside / "pyproject.toml").write_text('version = "0.1.0"\n')
    plugins = inside / "PySide6" / "Qt" / "plugins"
    for name in (
        "platforms/libqxcb.so",
        "platforms/libqoffscreen.so",
        "platforminputcontexts/libibusplatforminputcontextplugin.so",
        "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "iconengines/libqsvgicon.so",
        "imageformats/libqsvg.so",
    ):
        (plugins / name).parent.mkdir(parents=True, exist_ok=True)
        (plugins / name).write_bytes(b"\x7fELF")
    return inside.parent


def test_a_complete_trimmed_bundle_passes(tmp_path: Path) -> None:
    assert build.check_bundle(_good_bundle(tmp_path)) == []


def test_missing_input_methods_migrations_or_fonts_are_reported(tmp_path: Path) -> None:
    bundle = _good_bundle(tmp_path)
    inside = bundle / "_internal"
    (
        inside / "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so"
    ).unlink()
    shutil.rmtree(inside / "counter_app/storage/migrations/versions")
    for font in (inside / "resources" / "fonts").glob("*.ttf"):
        font.unlink()
    problems = build.check_bundle(bundle)
    assert "missing Qt plugin platforminputcontexts/*ibus*" in problems
    assert any("migrations/versions" in p for p in problems)
    assert "missing resources/fonts/*.ttf" in problems


def test_untrimmed_qt_is_reported(tmp_path: Path) -> None:
    bundle = _good_bundle(tmp_path)
    inside = bundle / "_internal"
    gtk = inside / "PySide6/Qt/plugins/platformthemes/libqgtk3.so"
    gtk.parent.mkdir(parents=True)
    gtk.write_bytes(b"")
    (inside / "PySide6/Qt/translations").mkdir(parents=True)
    (inside / "PySide6/Qt/translations/qtbase_de.qm").write_bytes(b"")
    (inside / "PySide6/Qt/lib").mkdir(parents=True)
    (inside / "PySide6/Qt/lib/libQt6Quick.so.6").write_bytes(b"")
    problems = build.check_bundle(bundle)
    assert "unwanted Qt plugin platformthemes/*gtk3*" in problems
    assert "Qt's own translations were not trimmed" in problems
    assert "Qt Quick/QML libraries were not trimmed" in problems
