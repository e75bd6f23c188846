"""Logging for the app and the CLI: the platform's log folder, rotated, personal data masked.

Every record that reaches our handler goes through `MaskFilter` first: 12-digit ID numbers,
9-digit CMND numbers and phone numbers in the message, its arguments and its traceback are
masked the way lists mask them (`0792******45`). Names and addresses cannot be recognised by a
pattern: code must not log them (it logs dossier codes instead).

A filter on the handler (not on a logger) sees records from every logger that propagates to the
root, so a library's message is masked too.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from counter_app.text import mask_id, mask_phone

LOG_NAME = "counter-app.log"
MAX_BYTES = 2_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(process)d %(threadName)s %(name)s: %(message)s"

# Not inside a longer run of letters or digits: a SHA-256 or a UUID is left alone.
_EDGE_L = r"(?<![0-9A-Za-z])"
_EDGE_R = r"(?![0-9A-Za-z])"
_PHONE = re.compile(_EDGE_L + r"(?:\+?84|0)(?:[ .-]?\d){9}" + _EDGE_R)
_ID = re.compile(_EDGE_L + r"(?:\d{12}|\d{9})" + _EDGE_R)


def mask_text(text: str) -> str:
    """Mask ID numbers (12 or 9 digits) and Vietnamese phone numbers found anywhere in `text`."""
    text = _PHONE.sub(lambda m: mask_phone(re.sub(r"[ .-]", "", m.group(0))), text)
    return _ID.sub(lambda m: mask_id(m.group(0)), text)


class MaskFilter(logging.Filter):
    """Rewrites each record's message, traceback and stack with personal numbers masked."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what there is, masked
            message = f"{record.msg!r} {record.args!r}"
        record.msg = mask_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True


class _OurHandler(logging.handlers.RotatingFileHandler):
    """Marks the handler this module installed, so a second set-up replaces it."""


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send the root logger to `log_dir/counter-app.log` (rotated, masked). Idempotent.

    Returns the log file, or None when the folder cannot be written (the program still runs;
    a read-only profile must not stop a counter).
    """
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _OurHandler)]:
        root.removeHandler(old)
        old.close()
    path = log_dir / LOG_NAME
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = _OurHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(MaskFilter())
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return path


def current_log_file() -> Path | None:
    """The file this process logs to, if `setup_logging` succeeded."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, _OurHandler):
            return Path(handler.baseFilename)
    return None


def log_files(log_dir: Path) -> list[Path]:
    """The current log and its rotated copies, newest first."""
    found = [log_dir / LOG_NAME]
    found += [log_dir / f"{LOG_NAME}.{n}" for n in range(1, BACKUPS + 1)]
    return [p for p in found if p.is_file()]


def setup_cli_logging(config: str | None, data_dir: str | None) -> Path | None:
    """The CLI's logging and crash hooks, from its --config/--data-dir; a bad configuration is
    the command's to report (with its own message), so it only means no log file here."""
    from counter_app import crash
    from counter_app.config import load_settings
    from counter_app.errors import AppError

    try:
        settings = load_settings(config, data_dir)
    except AppError:
        return None
    path = setup_logging(settings.log_dir)
    crash.install(crash.crash_dir_for(settings.log_dir))
    return path
