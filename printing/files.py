"""Writing output files whole or not at all: a temp file in the target folder, then a rename.

The temp file is created first, so an unwritable path fails before any work is done; on any
error it is removed: no partial or orphan file is left behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from counter_app.errors import ValidationError


def check_target(target: Path) -> None:
    """A file path in a folder that exists (before anything is rendered)."""
    if target.is_dir():
        raise ValidationError("E_OUT_PATH", f"{target} là một thư mục, không phải tệp.")
    if not target.parent.is_dir():
        raise ValidationError(
            "E_OUT_PATH",
            f"Thư mục {target.parent} không tồn tại.",
            hint="Chọn một thư mục có sẵn để lưu tệp.",
        )


class AtomicFile:
    def __init__(self, target: str | Path) -> None:
        self.target = Path(target).expanduser()
        self._file: IO[bytes] | None = None
        self._tmp: Path | None = None

    def __enter__(self) -> Self:
        check_target(self.target)
        parent = self.target.parent
        try:
            fd, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=parent)
        except OSError as exc:
            raise ValidationError(
                "E_OUT_PATH",
                f"Không ghi được vào thư mục {parent}: {exc.strerror}.",
                hint="Chọn thư mục khác hoặc kiểm tra quyền ghi.",
            ) from exc
        self._tmp = Path(name)
        self._file = os.fdopen(fd, "wb")
        return self

    def write(self, data: bytes) -> None:
        assert self._file is not None, "use AtomicFile as a context manager"
        try:
            self._file.write(data)
            self._file.flush()
            os.fsync(self._file.fileno())
        except OSError as exc:
            raise ValidationError(
                "E_OUT_WRITE", f"Ghi tệp {self.target} thất bại: {exc.strerror}."
            ) from exc

    def commit(self) -> None:
        """Put the finished file in place (atomic on the same file system)."""
        assert self._file is not None and self._tmp is not None
        self._file.close()
        try:
            os.replace(self._tmp, self.target)
        except OSError as exc:
            raise ValidationError(
                "E_OUT_WRITE", f"Không thay được tệp {self.target}: {exc.strerror}."
            ) from exc
        self._tmp = None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._file is not None and not self._file.closed:
            self._file.close()
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)
            self._tmp = None


def write_atomic(target: str | Path, data: bytes) -> None:
    with AtomicFile(target) as f:
        f.write(data)
        f.commit()
