"""The copier's "scan to folder": files that appear in a shared folder become pages.

Polling (not OS notifications) works the same on a network share, on Windows and on Linux.
A file is taken only once its size has stayed the same for `settle` seconds (the copier may
still be writing it); copier temporary names are ignored. Once handled, a file is moved to
`da-nhap/` (imported) or `loi/` (refused, with a `.txt` saying why): nothing is silently
dropped and nothing is imported twice.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from counter_app.errors import AppError

DONE_DIR = "da-nhap"
FAILED_DIR = "loi"
_IGNORED_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".txt", "~")


@dataclass
class FolderWatcher:
    folder: Path
    settle: float = 2.0
    clock: Callable[[], float] = time.monotonic
    _seen: dict[Path, tuple[int, float, float]] = field(default_factory=dict)

    def ready(self) -> list[Path]:
        """Files that have stopped growing, oldest first."""
        if not self.folder.is_dir():
            return []
        now = self.clock()
        ready: list[tuple[float, Path]] = []
        present = set()
        for path in self.folder.iterdir():
            name = path.name
            if name.startswith((".", "~$")) or name.lower().endswith(_IGNORED_SUFFIXES):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            if not path.is_file():
                continue
            present.add(path)
            signature = (stat.st_size, stat.st_mtime)
            previous = self._seen.get(path)
            if previous is None or previous[:2] != signature:
                self._seen[path] = (*signature, now)
                continue
            if stat.st_size > 0 and now - previous[2] >= self.settle:
                ready.append((stat.st_mtime, path))
        for gone in set(self._seen) - present:
            del self._seen[gone]
        return [p for _, p in sorted(ready)]

    def mark_done(self, path: Path) -> Path:
        self._seen.pop(path, None)
        return _move(path, self.folder / DONE_DIR)

    def mark_failed(self, path: Path, error: AppError | str) -> Path:
        self._seen.pop(path, None)
        target = _move(path, self.folder / FAILED_DIR)
        reason = f"[{error.code}] {error.message}" if isinstance(error, AppError) else str(error)
        with contextlib.suppress(OSError):
            target.with_name(target.name + ".txt").write_text(reason + "\n", encoding="utf-8")
        return target


def _move(path: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    stem, suffix, n = path.stem, path.suffix, 1
    while target.exists():
        n += 1
        target = folder / f"{stem} ({n}){suffix}"
    os.replace(path, target)
    return target
