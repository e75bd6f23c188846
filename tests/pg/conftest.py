"""PostgreSQL-only tests: run whenever the test server is configured, whatever `--db` says.

They need COUNTER_TEST_PG_URL (`eval "$(bash .ci/postgres)"`); without it they are skipped
with that reason, and only then.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.config import Settings, load_settings
from counter_app.services.context import Core, open_core
from tests.support import factories, pg

_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    missing = pg.configured_url() is None
    skip = pytest.mark.skip(reason=f"{pg.ENV} is not set: {pg.HOW_TO}")
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(_HERE):
            item.add_marker(pytest.mark.pg)
            if missing:
                item.add_marker(skip)


@pytest.fixture
def pg_url() -> Iterator[str]:
    with pg.fresh_database() as url:
        yield url


@pytest.fixture
def pg_settings(tmp_path: Path, pg_url: str) -> Settings:
    s = load_settings(data_dir=tmp_path / "data", env={})
    s.database.url = pg_url
    return s


@pytest.fixture
def pg_core(pg_settings: Settings, clock: object) -> Iterator[Core]:
    core = open_core(pg_settings, clock=clock)  # type: ignore[arg-type]
    yield core
    core.close()


@pytest.fixture
def pg_ready(pg_core: Core) -> Core:
    factories.setup_office(pg_core)
    factories.load_procedures(pg_core)
    return pg_core
