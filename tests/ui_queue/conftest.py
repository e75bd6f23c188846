"""Queue screens: offscreen Qt and the UI tests' fixtures, plus a second PC on one database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest

from counter_app.config import Settings
from counter_app.services import tickets
from counter_app.services.context import Core, open_core
from tests.conftest import Clock
from tests.ui.conftest import office_core, qt_settings, session  # noqa: F401  (fixtures)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui_queue/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.ui)


@pytest.fixture
def hall_core(office_core: Core, settings: Settings, clock: Clock) -> Iterator[Core]:  # noqa: F811
    """The hall's PC: its own connection to the same office database (same clock)."""
    other = open_core(settings, clock=clock)
    yield other
    other.close()


@pytest.fixture
def group_codes(office_core: Core) -> list[str]:  # noqa: F811
    """The ticket groups the sample catalogue gives (seeded on first use)."""
    codes = [g.code for g in tickets.groups(office_core)]
    assert len(codes) >= 2, "the sample catalogue should give at least two groups"
    return codes
