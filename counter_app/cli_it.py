"""IT's commands after a roll-out: `self-test` (does this installation work?) and
`diagnostics --out FILE.zip` (what to send to support, without secrets or personal data).

The receipt renderer and the sync's configuration loader live in `printing` and `sync`, which
the core never imports: `main.py` hands them in through `commands(...)`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counter_app.cli_support import CommandGroup, Context, add_json_flag
from counter_app.errors import AppError
from counter_app.services.context import Actor, Core

FormRenderer = Callable[[Core, Actor, str, str], Any]  # printing.render.preview → .data (bytes)


def commands(
    *,
    render_form: FormRenderer | None = None,
    sync_config: Callable[[Core], Any] | None = None,
    sync_credentials: Callable[[Any], tuple[str, str]] | None = None,
    sync_snapshot: Callable[[Core], Any] | None = None,
) -> CommandGroup:
    """The command group for `main.py`, with the functions of `printing` and `sync` it needs."""

    def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        p = sub.add_parser(
            "self-test",
            help="tự kiểm tra bản cài đặt: CSDL tạm, tiếp nhận, in biên nhận, kho khoá, đồng bộ",
        )
        add_json_flag(p)
        p.set_defaults(
            func=lambda ctx: cmd_self_test(ctx, render_form, sync_config, sync_credentials)
        )
        p = sub.add_parser(
            "diagnostics",
            help="gói thông tin chẩn đoán cho bộ phận CNTT (không chứa bí mật, dữ liệu cá nhân)",
        )
        p.add_argument("--out", required=True, metavar="FILE.zip", help="tệp zip kết quả")
        add_json_flag(p)
        p.set_defaults(func=lambda ctx: cmd_diagnostics(ctx, sync_snapshot))

    return add


def cmd_self_test(
    ctx: Context,
    render_form: FormRenderer | None,
    sync_config: Callable[[Core], Any] | None,
    sync_credentials: Callable[[Any], tuple[str, str]] | None,
) -> int:
    from counter_app import selftest

    def render_receipt(core: Core, actor: Actor, code: str) -> bytes:
        assert render_form is not None
        data: bytes = render_form(core, actor, code, "01").data
        return data

    results = selftest.run_checks(
        ctx.settings,
        render_receipt=render_receipt if render_form is not None else None,
        load_sync_config=sync_config,
        sync_credentials=sync_credentials,
    )
    passed = selftest.all_passed(results)

    def human() -> None:
        for r in results:
            ctx.print(f"[{'ĐẠT' if r.ok else 'LỖI'}] {r.title}: {r.verdict}")
            if r.action:
                ctx.print(f"       Cách xử lý: {r.action}")
        failed = sum(not r.ok for r in results)
        ctx.print(
            "Kết quả: mọi kiểm tra đều đạt."
            if passed
            else f"Kết quả: {failed}/{len(results)} kiểm tra không đạt (xem “Cách xử lý”)."
        )

    ctx.emit({"ok": passed, "checks": [r.to_dict() for r in results]}, human)
    return 0 if passed else 1


def cmd_diagnostics(ctx: Context, sync_snapshot: Callable[[Core], Any] | None) -> int:
    from counter_app import diagnostics

    out = Path(ctx.args.out)
    if out.suffix.lower() != ".zip":
        raise AppError("E_OUT_FORMAT", f"Tệp chẩn đoán phải có đuôi .zip: {out.name}.")
    try:
        summary = diagnostics.write_archive(ctx.settings, out, sync_snapshot=sync_snapshot)
    except OSError as exc:
        raise AppError(
            "E_FILE_WRITE",
            f"Không ghi được tệp {out}: {exc.strerror}.",
            hint="Chọn thư mục khác mà tài khoản này được phép ghi.",
        ) from exc
    ctx.emit(
        summary,
        lambda: ctx.print(
            f"Đã ghi tệp chẩn đoán {out} ({summary['bytes'] // 1024} KB, "
            f"{len(summary['members'])} tệp). Gửi tệp này cho bộ phận CNTT."
        ),
    )
    return 0
