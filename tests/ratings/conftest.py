"""Fixtures for satisfaction ratings: staff at two counters, and the UI tests' offscreen Qt,
office and signed-in session (reused from tests/ui)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import dataclass

import pytest

from counter_app.services import lifecycle, users
from counter_app.services.context import SYSTEM, Actor, Core, Role
from tests.support.factories import register
from tests.ui.conftest import office_core, qt_settings, session  # noqa: F401  (shared fixtures)


@dataclass
class Staff:
    supervisor: Actor
    lan: Actor  # clerk at counter 1
    hung: Actor  # clerk at counter 2


@pytest.fixture
def staff(ready_core: Core) -> Staff:
    def add(username: str, name: str, role: Role, counter: str) -> Actor:
        return users.add_user(
            ready_core, SYSTEM, username, name, role, "matkhau-123", counter=counter
        ).actor()

    return Staff(
        supervisor=add("lanhdao", "Trần Văn Minh", Role.SUPERVISOR, ""),
        lan=add("lan", "Nguyễn Thị Lan", Role.CLERK, "1"),
        hung=add("hung", "Lê Văn Hùng", Role.CLERK, "2"),
    )


_ids = iter(f"0010900{n:05d}" for n in range(10, 99999))


def returned(core: Core, received_by: Actor, handed_by: Actor, procedure: str = "1.001193") -> str:
    """A dossier received by one officer and handed over (status 10) by another."""
    code = register(core, received_by, procedure=procedure, id_number=next(_ids)).code
    lifecycle.finish(core, received_by, code)
    lifecycle.hand_over(core, handed_by, code)
    return code
