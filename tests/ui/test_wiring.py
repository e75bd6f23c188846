"""The pieces come together in the main window: the supervisor's desk, digitizing a dossier
and the provincial sync's status, each where the person who needs it will look."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app import secrets
from counter_app.config import Settings
from counter_app.services.context import Core, Role
from tests.support.factories import register
from tests.sync.provincial_server import ProvincialServer, ServerConfig
from tests.ui.conftest import make_session, sign_in
from ui.app import CounterApp

ROOT = Path(__file__).resolve().parents[2]


def _open(qtbot: QtBot, counter: CounterApp, core: Core, username: str, role: Role) -> None:
    make_session(core, username, role)
    counter.start()
    sign_in(counter, username)
    assert counter.window is not None
    qtbot.waitExposed(counter.window)


def test_supervisors_get_the_desk_tab_and_clerks_do_not(
    qtbot: QtBot, counter: CounterApp, office_core: Core
) -> None:
    _open(qtbot, counter, office_core, "lanhdao", Role.SUPERVISOR)
    window = counter.window
    assert window is not None and window.desk is not None
    window.show_desk()
    assert window.tabs.currentWidget() is window.desk
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Bàn lãnh đạo"


def test_a_clerk_has_no_desk(qtbot: QtBot, counter: CounterApp, office_core: Core) -> None:
    _open(qtbot, counter, office_core, "canbo", Role.CLERK)
    window = counter.window
    assert window is not None and window.desk is None
    assert window.tabs.count() == 3


def test_the_dossier_screen_opens_the_digitize_screen_for_that_dossier(
    qtbot: QtBot, counter: CounterApp, office_core: Core, monkeypatch: object
) -> None:
    from ui.digitize import dialog as digitize_dialog

    opened: list[str] = []

    def fake_exec(self: digitize_dialog.DigitizeDialog) -> int:
        opened.append(self.windowTitle())
        return 0

    monkeypatch.setattr(digitize_dialog.DigitizeDialog, "exec", fake_exec)  # type: ignore[attr-defined]
    code = register(office_core, procedure="1.001193").code
    _open(qtbot, counter, office_core, "canbo", Role.CLERK)
    window = counter.window
    assert window is not None
    window.open_dossier(code)
    qtbot.waitUntil(lambda: window.dossier.digitize_button.isEnabled())
    window.dossier.digitize_button.click()
    assert len(opened) == 1 and code in opened[0]


def test_sync_runs_in_the_app_and_its_status_shows_in_the_status_bar(
    qtbot: QtBot,
    qapp: QApplication,
    settings: Settings,
    office_core: Core,
    tmp_path: Path,
    memory_keyring: object,
) -> None:
    with ProvincialServer() as server:
        example = (ROOT / "resources" / "examples" / "province-dvc.toml").read_text("utf-8")
        config = tmp_path / "province.toml"
        config.write_text(
            example.replace(
                'base_url = "https://dichvucong.tinh.example.gov.vn"', f'base_url = "{server.url}"'
            ),
            "utf-8",
        )
        defaults = ServerConfig()
        secrets.set_secret("dvc-username", defaults.username)
        secrets.set_secret("dvc-password", defaults.password)
        settings.sync.enabled = True
        settings.sync.config_file = str(config)
        code = register(office_core, procedure="1.001193").code
        from ui.tasks import SyncRunner

        app = CounterApp(qapp, settings, runner=SyncRunner())
        try:
            _open(qtbot, app, office_core, "canbo", Role.CLERK)
            assert app.sync_bridge is not None and app.sync_bridge.running
            window = app.window
            assert window is not None
            qtbot.waitUntil(
                lambda: code in server.state.snapshot(full=False)["case_order"], timeout=20_000
            )
            from ui.sync_bridge import SyncStatusWidget

            widget = window.sync_slot.findChild(SyncStatusWidget)
            assert widget is not None
            qtbot.waitUntil(lambda: "chờ gửi 0" in widget.label.text(), timeout=20_000)
            assert "gửi được lúc" in widget.label.text()
        finally:
            app.shutdown()
