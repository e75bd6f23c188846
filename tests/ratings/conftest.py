"""Fixtures for satisfaction ratings: staff at two counters, and the UI tests' offscreen Qt,
office and signed-in session (reused from tests/ui)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from counter_app.services import lifecycle
from counter_app.services.context import Actor, Core
from tests.support.factories import register
from tests.support.staff import Staff, staff  # noqa: F401  (shared fixture)
from tests.ui.conftest import office_core, qt_settings, session  # noqa: F401  (shared fixtures)

_ids = iter(f"0010900{n:05d}" for n in range(10, 99999))


def returned(core: Core, received_by: Actor, handed_by: Actor, procedure: str = "1.001193") -> str:
    """A dossier received by one officer and handed over (status 10) by another."""
    code = register(core, received_by, procedure=procedure, id_number=next(_ids)).code
    lifecycle.finish(core, received_by, code)
    lifecycle.hand_over(core, handed_by, code)
    return code
