"""The program's version: one source of truth, `pyproject.toml`."""

from __future__ import annotations

import re
import sys
from pathlib import Path


def _read_version() -> str:
    # Source checkout first (the file a developer edits), then installed metadata, then
    # the copy PyInstaller collects next to the frozen executable.
    roots = [Path(__file__).resolve().parent.parent]
    if getattr(sys, "frozen", False):
        roots.insert(0, Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)))
    for root in roots:
        pyproject = root / "pyproject.toml"
        if pyproject.is_file():
            match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text("utf-8"), re.M)
            if match:
                return match.group(1)
    from importlib import metadata  # only here: it costs ~50 ms of every start-up

    try:
        return metadata.version("counter-app")
    except metadata.PackageNotFoundError:
        return "0.0.0+unknown"


__version__ = _read_version()
