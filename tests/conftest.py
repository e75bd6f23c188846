"""Shared fixtures: a fresh database per test (SQLite file, or PostgreSQL with --db=pg)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import keyring
import pytest

from counter_app.config import Settings, load_settings
from counter_app.services.context import Core, open_core
from tests.support import factories
from tests.support.memory_keyring import MemoryKeyring


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        default=os.environ.get("COUNTER_TEST_DB", "sqlite"),
        choices=["sqlite", "pg"],
        help="database the core tests run on",
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """With COUNTER_NO_SKIPS=1 (CI), a skipped test is a failure: a missing scanner driver,
    token or database must never pass as "nothing to test"."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if (
        report.skipped
        and os.environ.get("COUNTER_NO_SKIPS") == "1"
        and not hasattr(report, "wasxfail")
    ):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI (COUNTER_NO_SKIPS=1): {report.longrepr}"


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    # Keep tests away from the developer's real config folder (data-key fallback file).
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    for name in list(os.environ):
        if name.startswith("COUNTER_APP_"):
            monkeypatch.delenv(name)
    yield backend
    keyring.set_keyring(previous)


class Clock:
    """A clock tests can set and move; the core asks it for "now"."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def set(self, moment: datetime) -> None:
        self.current = moment


@pytest.fixture
def clock() -> Clock:
    return Clock(factories.vn(2026, 11, 23, 9, 0))


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.config.getoption("--db") == "pg":
        from tests.support.pg import fresh_database

        with fresh_database() as url:
            yield url
    else:
        yield f"sqlite:///{(tmp_path / 'data' / 'counter.db').as_posix()}"


@pytest.fixture
def settings(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    s = load_settings(data_dir=tmp_path / "data", env={})
    s.database.url = database_url
    if not database_url.startswith("sqlite"):
        # The CLI run by a test (in or out of process) must open the same database.
        monkeypatch.setenv("COUNTER_APP_DATABASE_URL", database_url)
    return s


@pytest.fixture
def core(settings: Settings, clock: Clock) -> Iterator[Core]:
    c = open_core(settings, clock=clock)
    yield c
    c.close()


@pytest.fixture
def ready_core(core: Core) -> Core:
    """An office with the test procedures loaded."""
    factories.setup_office(core)
    factories.load_procedures(core)
    return core
