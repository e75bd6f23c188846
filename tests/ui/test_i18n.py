"""Language: Vietnamese on screen (Qt's own dialogs included), English shipped and switchable."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import sign_in
from ui import i18n
from ui.app import CounterApp
from ui.intake.view import IntakeView
from ui.session import Session

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TOOLS = Path(sys.executable).parent


def test_qt_dialog_buttons_and_menus_speak_vietnamese(qtbot: QtBot) -> None:
    i18n.install("vi")
    box = QMessageBox(QMessageBox.Icon.Question, "", "")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert box.button(QMessageBox.StandardButton.Yes).text() == "&Có"
    assert box.button(QMessageBox.StandardButton.No).text() == "&Không"
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Huỷ"
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Đồng ý"
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = [a.text().split("\t")[0] for a in edit.createStandardContextMenu().actions()]
    assert "&Dán" in menu and "Chọn tất cả" in menu


def test_english_is_shipped_and_used_for_the_app_and_qt(qtbot: QtBot, session: Session) -> None:
    i18n.install("en")
    view = IntakeView(session)
    qtbot.addWidget(view)
    assert view.register_button.text() == "&Register dossier"
    assert view.applicant.title() == "Applicant (dossier holder)"
    assert view.channel.itemText(0) == "In person"
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancel"


def test_switching_language_rebuilds_the_window_and_keeps_the_draft(
    qtbot: QtBot, counter: CounterApp, office_core: object
) -> None:
    from tests.ui.conftest import make_session

    make_session(office_core)  # type: ignore[arg-type]
    counter.start()
    sign_in(counter, "canbo")
    first = counter.window
    assert first is not None
    first.intake.applicant.name_edit.setText("Vương Thị Yến")
    counter.set_language("en")
    window = counter.window
    assert window is not None and window is not first
    assert window.tabs.tabText(window.INTAKE) == "Intake"
    assert window.intake.applicant.name_edit.text() == "Vương Thị Yến"
    assert QSettings().value("language") == "en"
    counter.set_language("vi")
    assert counter.window is not None
    assert counter.window.tabs.tabText(window.INTAKE) == "Tiếp nhận hồ sơ"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def _finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
    return all(form.strip() for form in forms)


def test_every_string_on_screen_has_a_finished_english_translation(tmp_path: Path) -> None:
    """The shipped .ts covers the code as it is now, and the .qm is compiled from it."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    shipped = _messages(TRANSLATIONS / "counter_app_en.ts")
    needed = set(_messages(fresh))
    missing = sorted(needed - set(shipped))
    unfinished = sorted(key for key in needed & set(shipped) if not _finished(shipped[key]))
    assert missing == [] and unfinished == []
    compiled = tmp_path / "en.qm"
    subprocess.run(
        [
            str(TOOLS / "pyside6-lrelease"),
            str(TRANSLATIONS / "counter_app_en.ts"),
            "-qm",
            str(compiled),
        ],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (TRANSLATIONS / "counter_app_en.qm").read_bytes()
