"""Digitization commands for scripted and bulk use.

python main.py attach CODE --component COMP FILE... [--profile text|grey|colour]
python main.py attachments CODE [--json] [--verify]
python main.py attachment-sign CODE --component COMP [--pin-stdin]
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from counter_app.cli_support import Context, add_json_flag
from counter_app.digitize.profiles import PROFILES, profile
from counter_app.errors import NotFound, ValidationError
from counter_app.services import attachments, users
from counter_app.services.attachments import AttachmentView
from counter_app.services.context import SYSTEM, Actor
from counter_app.text import clean


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("attach", help="số hoá: gắn tệp (ảnh, PDF) vào một thành phần hồ sơ")
    p.add_argument("code", help="mã hồ sơ")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--component", help="thành phần: số thứ tự trên giấy tiếp nhận, mã, hoặc tên"
    )
    target.add_argument("--result", action="store_true", help="tệp là kết quả giải quyết")
    p.add_argument("files", nargs="+", metavar="FILE", help="JPEG, PNG, TIFF, PDF (theo thứ tự)")
    p.add_argument("--profile", choices=sorted(PROFILES), help="chế độ (mặc định: theo cấu hình)")
    p.add_argument("--by", metavar="USERNAME", help="cán bộ số hoá (mặc định: hệ thống)")
    add_json_flag(p)
    p.set_defaults(func=cmd_attach)

    p = sub.add_parser("attachments", help="danh sách tệp số hoá của hồ sơ")
    p.add_argument("code")
    p.add_argument("--verify", action="store_true", help="đọc lại và kiểm tra SHA-256, chữ ký")
    add_json_flag(p)
    p.set_defaults(func=cmd_attachments)

    p = sub.add_parser("attachment-sign", help="ký số tệp số hoá của một thành phần")
    p.add_argument("code")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--component")
    target.add_argument("--result", action="store_true")
    p.add_argument("--pin-stdin", action="store_true", help="đọc PIN / mật khẩu từ stdin")
    p.add_argument("--by", metavar="USERNAME")
    add_json_flag(p)
    p.set_defaults(func=cmd_sign)


def _actor(ctx: Context) -> Actor:
    username = clean(getattr(ctx.args, "by", None) or "")
    if not username:
        return SYSTEM
    for user in users.list_users(ctx.core):
        if user.username == username and user.active:
            return user.actor()
    raise NotFound("E_USER_UNKNOWN", f"Không có tài khoản đang hoạt động tên {username!r}.")


def cmd_attach(ctx: Context) -> int:
    a = ctx.args
    prof = profile(a.profile) if a.profile else None
    view = attachments.attach_files(
        ctx.core,
        _actor(ctx),
        a.code,
        None if a.result else a.component,
        [Path(f) for f in a.files],
        prof,
        kind="result" if a.result else "component",
    )

    def human() -> None:
        ctx.print(f"Đã số hoá: {_line(view)}")
        if view.blank_pages:
            pages = ", ".join(map(str, view.blank_pages))
            ctx.print(f"Lưu ý: trang {pages} có vẻ là trang trắng; kiểm tra lại bản giấy.")

    ctx.emit(view.to_dict(), human)
    return 0


def _line(v: AttachmentView) -> str:
    where = f"{v.component_position}. {v.component_name}" if v.kind == "component" else "Kết quả"
    signed = f"ký bởi {v.signed_by}" if v.signed_by else "chưa ký số"
    return f"{where} – {v.pages} trang, {v.size:,} byte, SHA-256 {v.sha256}, {signed}"


def cmd_attachments(ctx: Context) -> int:
    a = ctx.args
    if a.verify:
        results = attachments.verify(ctx.core, SYSTEM, a.code)
        data = [
            {
                **r.attachment.to_dict(),
                "ok": r.ok,
                "error": r.error,
                "message": r.message,
                "signatures": [s.__dict__ for s in r.signatures],
            }
            for r in results
        ]

        def human_verify() -> None:
            for r in results:
                mark = "TỐT " if r.ok else f"LỖI [{r.error}] {r.message}"
                ctx.print(f"{mark} {_line(r.attachment)}")
            ctx.print(f"({len(results)} tệp)")

        ctx.emit(data, human_verify)
        return 0 if all(r.ok for r in results) else 1
    status = attachments.component_status(ctx.core, SYSTEM, a.code)
    views = attachments.list_attachments(ctx.core, SYSTEM, a.code)
    flags = [
        {
            "component": s.position,
            "code": s.code,
            "name": s.name,
            "must_digitize": s.must_digitize,
            "digitized": s.digitized,
        }
        for s in status
    ]

    def human() -> None:
        for s in status:
            mark = "✓" if s.digitized else ("✗ CẦN SỐ HOÁ" if s.must_digitize else "–")
            ctx.print(f"{s.position}. {s.name}  {mark}")
        for v in views:
            ctx.print(f"  {_line(v)}")
        missing = [s for s in status if s.missing]
        if missing:
            ctx.print("Còn thiếu: " + "; ".join(f"{s.position}. {s.name}" for s in missing))

    ctx.emit([v.to_dict() for v in views] if ctx.as_json else flags, human)
    return 0


def cmd_sign(ctx: Context) -> int:
    a = ctx.args
    current = attachments.current_attachment(
        ctx.core, SYSTEM, a.code, None if a.result else a.component
    )
    if current is None:
        raise ValidationError("E_ATTACHMENT_NONE", "Thành phần này chưa có tệp số hoá để ký.")
    secret = (
        sys.stdin.readline().rstrip("\n") if a.pin_stdin else getpass.getpass("PIN / mật khẩu: ")
    )
    view = attachments.sign(ctx.core, _actor(ctx), current.id, secret)
    ctx.emit(view.to_dict(), lambda: ctx.print(f"Đã ký: {_line(view)}"))
    return 0
