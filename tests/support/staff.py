"""Office staff for desk and rating tests: a supervisor and two clerks at counters 1 and 2."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from counter_app.services import users
from counter_app.services.context import SYSTEM, Actor, Core, Role


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
