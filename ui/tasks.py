"""Background work that never freezes the window: one obvious mechanism used everywhere.

`runner.run(fn, on_done, on_error)` runs `fn` on the single database worker thread (SQLite
allows one writer; Anki's taskman does the same) and calls `on_done(result)` or
`on_error(exc)` back on the Qt thread (Picard's run_task/to_main). Tests use
`SyncRunner`, which runs everything immediately: deterministic, no sleeps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)
T = TypeVar("T")

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runner(Protocol):
    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> None: ...

    def shutdown(self) -> None: ...


class _Bridge(QObject):
    """Carries a finished task's callbacks to the Qt thread (queued signal)."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._call)

    @Slot(object)
    def _call(self, thunk: Callable[[], None]) -> None:
        thunk()


class TaskRunner:
    """Database work off the Qt thread, results back on it."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")
        self._bridge = _Bridge()
        self.pending = 0

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> None:
        self.pending += 1
        future = self._pool.submit(fn)
        future.add_done_callback(
            lambda f: self._bridge.finished.emit(lambda: self._deliver(f, on_done, on_error))
        )

    def _deliver(self, future: Future[Any], on_done: Done | None, on_error: Failed | None) -> None:
        self.pending -= 1
        exc = future.exception()
        if exc is not None:
            if on_error is not None:
                on_error(exc)
            else:
                log.error("background task failed", exc_info=exc)
            return
        if on_done is not None:
            on_done(future.result())

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class SyncRunner:
    """For tests: runs the task and its callback at once, on the calling thread."""

    pending = 0

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Failed | None = None,
    ) -> None:
        try:
            result = fn()
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
            return
        if on_done is not None:
            on_done(result)

    def shutdown(self) -> None:
        pass
