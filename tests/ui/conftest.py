"""UI tests: offscreen Qt, a synchronous runner, an office with the real sample catalogue."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from counter_app.config import Settings
from counter_app.services import setup, users
from counter_app.services.context import SYSTEM, Core, Role
from tests.support import factories
from ui.app import CounterApp
from ui.login import LoginDialog
from ui.session import Session
from ui.tasks import SyncRunner

PASSWORD = "matkhau-123"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.ui)


@pytest.fixture(autouse=True)
def qt_settings(tmp_path: Path, qapp: QApplication) -> Iterator[None]:
    """QSettings (language, geometry, last user) in a per-test folder, never the user's."""
    QCoreApplication.setOrganizationName("MotCuaTest")
    QCoreApplication.setApplicationName("counter-app-test")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    from ui import i18n

    i18n.install("vi")
    yield
    i18n.install("vi")


@pytest.fixture
def office_core(core: Core) -> Core:
    """An office with the real sample catalogue (the one a fresh install gets)."""
    factories.setup_office(core)
    setup.init(core)
    return core


def make_session(core: Core, username: str = "canbo", role: Role = Role.CLERK) -> Session:
    if not any(u.username == username for u in users.list_users(core)):
        users.add_user(core, SYSTEM, username, "Nguyễn Thị Lan", role, PASSWORD)
    user = users.authenticate(core, username, PASSWORD)
    return Session(core=core, user=user, runner=SyncRunner())


@pytest.fixture
def session(office_core: Core) -> Session:
    return make_session(office_core)


@pytest.fixture
def counter(qapp: QApplication, settings: Settings) -> Iterator[CounterApp]:
    """The whole application, its database work run synchronously."""
    app = CounterApp(qapp, settings, runner=SyncRunner())
    yield app
    app.shutdown()


def sign_in(counter: CounterApp, username: str, password: str = PASSWORD) -> None:
    deadline = time.monotonic() + 10
    while counter.core is None and time.monotonic() < deadline:  # opened once the login shows
        QApplication.processEvents()
    dialog = counter.login
    assert isinstance(dialog, LoginDialog), "the login window is not up"
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.submit()
