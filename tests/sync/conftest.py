"""Sync tests: a real provincial test server on 127.0.0.1, a fresh office database each."""

from __future__ import annotations

import dataclasses
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the bridge tests in this folder

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from counter_app import secrets
from counter_app.config import Settings
from counter_app.services.context import Core, open_core
from sync.adapter_config import AdapterConfig, load_adapter_config
from sync.factory import build_adapter
from sync.loop import SyncLoop
from tests.support import factories
from tests.sync.provincial_server import ProvincialServer, ServerConfig

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "province-dvc.toml"


def fast(config: AdapterConfig, **retry: Any) -> AdapterConfig:
    """The example configuration with waits short enough for tests."""
    values = {
        "base_seconds": 0.01,
        "max_seconds": 0.05,
        "breaker_failures": 3,
        "breaker_cooldown_seconds": 0.3,
        **retry,
    }
    return dataclasses.replace(
        config,
        retry=dataclasses.replace(config.retry, **values),
        transport=dataclasses.replace(config.transport, timeout_seconds=1.0),
    )


@pytest.fixture
def server() -> Iterator[ProvincialServer]:
    with ProvincialServer() as s:
        yield s


@pytest.fixture
def credentials(memory_keyring: object) -> None:
    defaults = ServerConfig()
    secrets.set_secret("dvc-username", defaults.username)
    secrets.set_secret("dvc-password", defaults.password)


@pytest.fixture
def province(server: ProvincialServer, credentials: None) -> AdapterConfig:
    return fast(load_adapter_config(EXAMPLE).with_base_url(server.url))


@pytest.fixture
def live_core(settings: Settings) -> Iterator[Core]:
    """An office on the real clock (the loop waits on real back-off times)."""
    core = open_core(settings)
    factories.setup_office(core)
    factories.load_procedures(core)
    yield core
    core.close()


@pytest.fixture
def make_loop() -> Callable[..., SyncLoop]:
    loops: list[SyncLoop] = []

    def make(core: Core, config: AdapterConfig, **kw: Any) -> SyncLoop:
        kw.setdefault("interval", 0.05)
        kw.setdefault("pull_enabled", False)
        loop = SyncLoop(core, build_adapter(core, config), config.retry, **kw)
        loops.append(loop)
        return loop

    yield make
    for loop in loops:
        loop.adapter.close()
