"""The crash handler: an unhandled exception (any thread) or a fatal signal leaves a report.

`install(crash_dir)` sets `sys.excepthook` and `threading.excepthook` and turns on
`faulthandler` into `crash_dir/fatal.log` (a segfault in a C library has no Python exception:
only faulthandler sees it). Each exception writes `crash_dir/crash-<time>-<pid>.txt` with the
program's version, the platform and the traceback, personal numbers masked and the user's home
folder (which carries their account name) replaced by `~`; then the caller's `on_crash`
(the desktop app shows a dialog) gets the report's path.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from counter_app.logs import mask_text
from counter_app.version import __version__

log = logging.getLogger(__name__)

OnCrash = Callable[[Path | None, BaseException], None]
_fatal_file: IO[str] | None = None  # kept open for faulthandler for the life of the process


def scrub(text: str) -> str:
    """Masked personal numbers; the home folder (the account name) as `~`."""
    home = str(Path.home())
    if len(home) > 3:
        text = text.replace(home, "~")
    return mask_text(text)


def report_text(
    kind: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    *,
    thread: str = "",
    extra: Mapping[str, str] | None = None,
) -> str:
    lines = [
        "Báo cáo lỗi – Phần mềm Bộ phận Một cửa (counter-app)",
        f"time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"version: {__version__}",
        f"frozen: {bool(getattr(sys, 'frozen', False))}",
        f"python: {platform.python_version()} ({platform.python_implementation()})",
        f"platform: {platform.platform()}",
        f"machine: {platform.machine()}",
        f"thread: {thread or threading.current_thread().name}",
    ]
    lines += [f"{key}: {value}" for key, value in (extra or {}).items()]
    lines += ["", "".join(traceback.format_exception(kind, exc, tb))]
    return scrub("\n".join(lines))


def write_report(
    crash_dir: Path,
    kind: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    *,
    thread: str = "",
    extra: Mapping[str, str] | None = None,
) -> Path | None:
    """Write one report; its path, or None when the folder cannot be written."""
    text = report_text(kind, exc, tb, thread=thread, extra=extra)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = crash_dir / f"crash-{stamp}-{os.getpid()}.txt"
    try:
        crash_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    except OSError:
        return None
    return path


def install(
    crash_dir: Path,
    on_crash: OnCrash | None = None,
    *,
    extra: Mapping[str, str] | None = None,
) -> None:
    """Install the hooks for this process (again: the newest `on_crash` wins)."""
    global _fatal_file

    def handle(
        kind: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        thread: str = "",
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        path = write_report(crash_dir, kind, exc, tb, thread=thread, extra=extra)
        log.critical("unhandled exception; report: %s", path, exc_info=(kind, exc, tb))
        if on_crash is not None:
            try:
                on_crash(path, exc)
            except Exception:  # the handler must never raise from inside a hook
                log.exception("the crash notice failed")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else ""
        handle(args.exc_type, args.exc_value, args.exc_traceback, name)

    sys.excepthook = handle
    threading.excepthook = thread_hook
    try:
        crash_dir.mkdir(parents=True, exist_ok=True)
        target = crash_dir / "fatal.log"
        if _fatal_file is None or Path(_fatal_file.name) != target:
            if _fatal_file is not None:
                faulthandler.disable()
                _fatal_file.close()
            _fatal_file = open(target, "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(file=_fatal_file, all_threads=True)
    except OSError:
        log.warning("faulthandler not enabled: %s is not writable", crash_dir)


def crash_dir_for(log_dir: Path) -> Path:
    return log_dir / "crash"
