"""`sync run [--once]`, `sync status [--json]`, `sync retry ID|CODE|--all-dead`.

`sync run` is what a Windows scheduled task or a Linux timer runs on a machine without the app
(or where the app is closed): the same loop as the app's sync thread.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from datetime import datetime
from typing import Any

from counter_app.cli_support import Context, add_json_flag
from counter_app.domain.calendar import VN_TZ
from counter_app.errors import AppError, ValidationError
from counter_app.services.context import SYSTEM
from sync import status
from sync.factory import build_loop, require_enabled


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    grp = sub.add_parser("sync", help="đồng bộ với hệ thống một cửa của tỉnh").add_subparsers(
        dest="sub", required=True
    )
    p = grp.add_parser("run", help="gửi thay đổi lên tỉnh, nhận thay đổi từ tỉnh")
    p.add_argument("--once", action="store_true", help="một lượt rồi thoát (tác vụ định kỳ)")
    add_json_flag(p)
    p.set_defaults(func=cmd_run)
    p = grp.add_parser("status", help="số thay đổi chờ gửi, lần gửi được gần nhất, bị từ chối")
    p.add_argument("--dossier", metavar="MÃ", help="tình trạng đồng bộ của một hồ sơ")
    add_json_flag(p)
    p.set_defaults(func=cmd_status)
    p = grp.add_parser("retry", help="gửi lại thay đổi bị tỉnh từ chối (sau khi đã sửa)")
    p.add_argument("target", nargs="?", metavar="ID|MÃ", help="số thứ tự thay đổi hoặc mã hồ sơ")
    p.add_argument("--all-dead", action="store_true", help="tất cả thay đổi bị từ chối")
    add_json_flag(p)
    p.set_defaults(func=cmd_retry)


def _when(moment: datetime | None) -> str:
    return moment.astimezone(VN_TZ).strftime("%H:%M:%S %d/%m/%Y") if moment else "chưa có"


def _log_to_stderr() -> None:
    """`sync run` shows what it does on the terminal (or the scheduled task's output) as well
    as in the log file, masked the same way."""
    from counter_app.logs import MaskFilter

    logger = logging.getLogger("sync")
    streams = [*logging.getLogger().handlers, *logger.handlers]
    # Exact type: a FileHandler is a StreamHandler too, and the log file is not the terminal.
    if any(type(h) is logging.StreamHandler for h in streams):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    handler.addFilter(MaskFilter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def cmd_run(ctx: Context) -> int:
    core = ctx.core
    require_enabled(core)
    loop = build_loop(core)
    _log_to_stderr()
    try:
        if ctx.args.once:
            report = loop.cycle(pull=True)
            snap = status.snapshot(core)
            data: dict[str, Any] = {
                "sent": report.sent,
                "retried": report.retried,
                "rejected": report.rejected,
                "paused_for": round(report.paused_for, 1),
                "pulled": report.pull.applied if report.pull else 0,
                **snap.to_dict(),
            }
            ctx.emit(
                data,
                lambda: ctx.print(
                    f"Đã gửi {report.sent}, chờ thử lại {report.retried}, "
                    f"bị từ chối {report.rejected}; còn chờ {snap.backlog}, "
                    f"tổng bị từ chối {snap.dead}."
                ),
            )
            return 0
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: loop.stop())
        loop.run()
        return 0
    finally:
        loop.adapter.close()


def cmd_status(ctx: Context) -> int:
    core = ctx.core
    if ctx.args.dossier:
        state = status.dossier_state(core, ctx.args.dossier)
        ctx.emit(
            {"state": state.state.value, "label": state.state.label, **state.__dict__},
            lambda: ctx.print(
                f"{state.state.label}" + (f": {state.reason}" if state.reason else "")
            ),
        )
        return 0
    snap = status.snapshot(core)
    dead = status.dead_rows(core)

    def human() -> None:
        ctx.print(f"Chờ gửi lên tỉnh:        {snap.backlog}")
        if snap.oldest_waiting_at:
            ctx.print(f"  cũ nhất từ:            {_when(snap.oldest_waiting_at)}")
        ctx.print(f"Gửi được gần nhất:       {_when(snap.last_success_at)}")
        ctx.print(f"Nhận từ tỉnh gần nhất:   {_when(snap.last_pull_at)}")
        if snap.last_error:
            ctx.print(f"Lỗi gần nhất:            {snap.last_error} ({_when(snap.last_error_at)})")
        ctx.print(f"Bị tỉnh từ chối:         {snap.dead}")
        for row in dead:
            ctx.print(
                f"  #{row.id:<6} {row.dossier_code:<28} {row.kind_label:<14} "
                f"({row.attempts} lần) {row.reason}"
            )
        if dead:
            ctx.print("Sửa nguyên nhân rồi chạy: python main.py sync retry ID (hoặc --all-dead)")

    ctx.emit(
        {
            **snap.to_dict(),
            "rejected": [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "dossier_code": r.dossier_code,
                    "attempts": r.attempts,
                    "reason": r.reason,
                    "created_at": r.created_at.isoformat(),
                }
                for r in dead
            ],
        },
        human,
    )
    return 0


def cmd_retry(ctx: Context) -> int:
    target, all_dead = ctx.args.target, ctx.args.all_dead
    if bool(target) == bool(all_dead):
        raise ValidationError(
            "E_SYNC_RETRY_TARGET",
            "Cần đúng một trong: số thứ tự thay đổi, mã hồ sơ, hoặc --all-dead.",
        )
    if all_dead:
        revived = status.send_again(ctx.core, SYSTEM)
    elif target.isdigit():
        revived = status.send_again(ctx.core, SYSTEM, [int(target)])
    else:
        revived = status.send_again(ctx.core, SYSTEM, dossier_code=target)
    if not revived and not all_dead:
        raise AppError(
            "E_SYNC_NOTHING_TO_RETRY",
            f"Không có thay đổi nào bị tỉnh từ chối ứng với {target!r}.",
            hint="Xem danh sách bằng: python main.py sync status",
        )
    ctx.emit(
        {"revived": revived},
        lambda: ctx.print(f"Đã đưa {len(revived)} thay đổi vào hàng chờ gửi lại."),
    )
    return 0
