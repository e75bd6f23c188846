"""The attachment store: content-addressed, encrypted at rest, written atomically.

A file is named by a keyed hash of its SHA-256 (so the folder does not even reveal which
well-known document it holds), sealed with the office's data key (AES-GCM), written to a
temporary file, flushed to disk (fsync) and renamed into place: a crash leaves either the old
state or the complete file, never half a file. Reading unseals and checks the SHA-256 again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from counter_app.errors import AppError, ConfigError
from counter_app.protection import Protector

SUFFIX = ".bin"


class StoreError(AppError):
    """The attachment store cannot be written or a stored file does not verify."""


@dataclass(frozen=True)
class Stored:
    sha256: str
    size: int
    created: bool  # False: the same content was already there


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class AttachmentStore:
    def __init__(self, root: Path, protector: Protector) -> None:
        self.root = root
        self._protector = protector

    def path_of(self, sha256: str) -> Path:
        name = self._protector.lookup("attachment:" + sha256)
        return self.root / name[:2] / (name + SUFFIX)

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def put(self, data: bytes) -> Stored:
        digest = sha256_of(data)
        target = self.path_of(digest)
        if target.is_file():
            try:
                self.get(digest)
                return Stored(digest, len(data), created=False)
            except AppError:
                pass  # a damaged copy: write a good one over it
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(self._protector.seal_bytes(data))
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            _fsync_dir(target.parent)
        except OSError as exc:
            raise StoreError(
                "E_STORE_WRITE",
                f"Không ghi được tệp số hoá vào kho ({exc.strerror or exc}).",
                hint="Kiểm tra dung lượng đĩa và quyền ghi của thư mục dữ liệu.",
            ) from exc
        return Stored(digest, len(data), created=True)

    def get(self, sha256: str) -> bytes:
        """The stored bytes, unsealed and verified against their SHA-256."""
        path = self.path_of(sha256)
        try:
            blob = path.read_bytes()
        except FileNotFoundError as exc:
            raise StoreError(
                "E_FILE_MISSING",
                "Không tìm thấy tệp số hoá trong kho (có thể đã bị xoá hoặc chưa sao chép).",
                hint="Khôi phục thư mục dữ liệu từ bản sao lưu.",
                sha256=sha256,
            ) from exc
        except OSError as exc:
            raise StoreError("E_FILE_READ", f"Không đọc được tệp số hoá: {exc.strerror}.") from exc
        try:
            data = self._protector.unseal_bytes(blob)
        except ConfigError as exc:
            raise StoreError("E_FILE_DAMAGED", exc.message, sha256=sha256) from exc
        if sha256_of(data) != sha256:
            raise StoreError(
                "E_FILE_DAMAGED",
                "Tệp số hoá không khớp mã băm SHA-256 đã ghi: tệp đã bị thay đổi.",
                sha256=sha256,
            )
        return data

    def remove(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path_of(sha256).unlink()

    def files(self) -> Iterator[Path]:
        if self.root.is_dir():
            yield from self.root.glob("*/*" + SUFFIX)

    def sweep(self, referenced: set[str], min_age: float = 3600.0) -> list[Path]:
        """Remove files no attachment refers to (left by a crash between write and commit).

        Recent files are spared: another counter may be about to commit their row.
        """
        keep = {self.path_of(sha) for sha in referenced}
        cutoff = time.time() - min_age
        removed = []
        for path in self.files():
            if path not in keep and _mtime(path) < cutoff:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                removed.append(path)
        for tmp in self.root.glob("*/.tmp-*") if self.root.is_dir() else ():
            if _mtime(tmp) < cutoff:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
        return removed


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return float("inf")


def _fsync_dir(path: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
