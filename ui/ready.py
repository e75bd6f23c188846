"""Interactive moments, for the start-up benchmark and the end-to-end test.

When `COUNTER_APP_READY_FILE` is set, each moment appends "<stage> <unix time>" to it; else
nothing happens. Stages: login, database, login_submitted, intake, first_run, card_filled.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QTimer


def mark_ready(stage: str) -> None:
    path = os.environ.get("COUNTER_APP_READY_FILE")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{stage} {time.time():.6f}\n")


def when_idle(stage: str) -> None:
    """Mark `stage` once the event loop has drawn what was shown and has nothing left to do."""
    QTimer.singleShot(0, lambda: mark_ready(stage))
