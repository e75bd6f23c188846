"""Result-ready notification tests: a real SMS/Zalo gateway and a real provincial server on
127.0.0.1, a fresh office database each, notifications switched on."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the intake checkbox test

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from counter_app import secrets
from counter_app.config import Settings
from counter_app.services.context import Core
from counter_app.storage import models as m
from sync.adapter_config import AdapterConfig
from sync.loop import SyncLoop
from sync.notify import Notifier
from tests.notify.gateway_server import TOKEN, GatewayServer
from tests.sync.conftest import credentials, live_core, make_loop, province, server  # noqa: F401

ADDRESS = "Số 1 đường Trần Hưng Đạo, xã Thử Nghiệm, tỉnh Thử Nghiệm"
OFFICE_PHONE = "0203 3812 345"


@pytest.fixture
def gateway() -> Iterator[GatewayServer]:
    with GatewayServer() as g:
        yield g


@pytest.fixture
def notify_on(settings: Settings, gateway: GatewayServer, memory_keyring: object) -> Settings:
    """This machine sends messages: [notify] on, the gateway's URL, its token in the keyring."""
    settings.notify.enabled = True
    settings.notify.url = gateway.url
    settings.notify.timeout_seconds = 1
    settings.sync.enabled = True
    secrets.set_secret(settings.notify.token_secret, TOKEN)
    return settings


def with_address(core: Core) -> None:
    """The office's address and phone: what the message tells the citizen."""
    with core.uow() as uow:
        row = uow.session.scalars(select(m.Office)).one()
        row.address, row.phone = ADDRESS, OFFICE_PHONE
        uow.commit()


@pytest.fixture
def notify_loop(
    notify_on: Settings,
    live_core: Core,  # noqa: F811
    province: AdapterConfig,  # noqa: F811
    make_loop: Callable[..., SyncLoop],  # noqa: F811
) -> Iterator[Callable[..., SyncLoop]]:
    """A sync loop with the gateway adapter, on the office with an address."""
    with_address(live_core)
    notifiers: list[Notifier] = []

    def make(**kw: Any) -> SyncLoop:
        notifier = Notifier(live_core, live_core.settings.notify)
        notifiers.append(notifier)
        return make_loop(live_core, province, notifier=notifier, **kw)

    yield make
    for n in notifiers:
        n.close()
