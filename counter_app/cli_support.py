"""What every command group shares: the context, output helpers, error handling.

Exit codes: 0 success, 1 user error (a clear Vietnamese message with a stable code),
2 internal error (a bug: the log has the details).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from counter_app.config import Settings, load_settings
from counter_app.errors import AppError
from counter_app.services.context import Core, open_core

log = logging.getLogger("counter_app.cli")

CommandGroup = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


@dataclass
class Context:
    args: argparse.Namespace
    _settings: Settings | None = None
    _core: Core | None = None
    stdout: Any = field(default_factory=lambda: sys.stdout)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.args.config, self.args.data_dir)
        return self._settings

    @property
    def core(self) -> Core:
        if self._core is None:
            self._core = open_core(self.settings)
        return self._core

    @property
    def as_json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def print(self, text: str = "") -> None:
        print(text, file=self.stdout)

    def emit(self, data: Any, human: Callable[[], None] | None = None) -> None:
        """JSON for scripts when --json was given, else the human rendering."""
        if self.as_json or human is None:
            print(
                json.dumps(data, ensure_ascii=False, indent=2, default=_json_default),
                file=self.stdout,
            )
        else:
            human()

    def close(self) -> None:
        if self._core is not None:
            self._core.close()


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "__dict__"):
        return value.__dict__
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def build_parser(groups: Sequence[CommandGroup], version: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Phần mềm Bộ phận Một cửa. Không có lệnh: mở ứng dụng.",
    )
    parser.add_argument("--version", action="version", version=f"counter-app {version}")
    parser.add_argument("--config", metavar="FILE", help="tệp cấu hình bổ sung (TOML)")
    parser.add_argument("--data-dir", metavar="DIR", help="thư mục dữ liệu")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    for group in groups:
        group(sub)
    return parser


def run(
    argv: Sequence[str], groups: Sequence[CommandGroup], version: str, *, stdout: Any = None
) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # Vietnamese on a Windows console too
    parser = build_parser(groups, version)
    args = parser.parse_args(list(argv))
    handler = getattr(args, "func", None)
    if handler is None:
        parser.print_help()
        return 1
    ctx = Context(args, stdout=stdout or sys.stdout)
    try:
        return int(handler(ctx) or 0)
    except AppError as err:
        if ctx.as_json:
            print(json.dumps(err.to_dict(), ensure_ascii=False), file=ctx.stdout)
        print(f"Lỗi [{err.code}]: {err.message}", file=sys.stderr)
        if err.hint:
            print(f"Cách xử lý: {err.hint}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 1
    except Exception:
        log.exception("internal error in command %s", args.command)
        print(
            "Lỗi nội bộ của chương trình. Chi tiết đã ghi vào nhật ký; hãy gửi tệp chẩn đoán "
            "(python main.py diagnostics) cho bộ phận CNTT.",
            file=sys.stderr,
        )
        return 2
    finally:
        ctx.close()


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="kết quả dạng JSON")


def read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise AppError("E_FILE_READ", f"Không đọc được tệp {path}: {exc.strerror}.") from exc
