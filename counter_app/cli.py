"""The core's headless commands: init, catalog, dossier, due, id, users, audit, calendar, secret.

Used by IT, by scheduled tasks and by tests; `main.py` joins them with `printing` and `sync`.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date, datetime, time
from pathlib import Path

from counter_app import secrets
from counter_app.cli_support import Context, add_json_flag, read_input
from counter_app.domain.calendar import VN_TZ, WorkingCalendar
from counter_app.domain.catalog_format import procedure_to_dict
from counter_app.domain.identity import check_id, parse_card_qr
from counter_app.domain.procedures import DurationUnit
from counter_app.errors import AppError, ValidationError
from counter_app.services import (
    audit,
    calendar_days,
    catalog,
    dossiers,
    intake,
    lifecycle,
    setup,
    users,
)
from counter_app.services.context import SYSTEM
from counter_app.services.views import CHANNEL_LABELS, NOTIFY_LABELS, DossierView


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="tạo cơ sở dữ liệu, danh mục mẫu (--demo: dữ liệu mẫu)")
    p.add_argument("--demo", action="store_true", help="thêm cơ quan, tài khoản và hồ sơ mẫu")
    add_json_flag(p)
    p.set_defaults(func=cmd_init)

    cat = sub.add_parser("catalog", help="danh mục thủ tục").add_subparsers(
        dest="sub", required=True
    )
    p = cat.add_parser("import", help="nhập danh mục từ tệp JSON hoặc CSV (tất cả hoặc không)")
    p.add_argument("file")
    add_json_flag(p)
    p.set_defaults(func=cmd_catalog_import)
    p = cat.add_parser("list", help="liệt kê thủ tục")
    p.add_argument("--search", default="", help="mã hoặc tên (gõ không dấu cũng được)")
    add_json_flag(p)
    p.set_defaults(func=cmd_catalog_list)

    dos = sub.add_parser("dossier", help="hồ sơ").add_subparsers(dest="sub", required=True)
    p = dos.add_parser("register", help="tiếp nhận hồ sơ từ tệp JSON (xem README)")
    p.add_argument(
        "--json",
        dest="json_file",
        required=True,
        metavar="FILE",
        help="tệp JSON mô tả hồ sơ ('-' để đọc từ stdin)",
    )
    p.add_argument("--output-json", dest="json", action="store_true", help="kết quả dạng JSON")
    p.set_defaults(func=cmd_dossier_register)
    p = dos.add_parser("show", help="xem một hồ sơ")
    p.add_argument("code")
    p.add_argument("--reveal", action="store_true", help="hiện đầy đủ số định danh (ghi nhật ký)")
    add_json_flag(p)
    p.set_defaults(func=cmd_dossier_show)
    p = dos.add_parser("search", help="tìm hồ sơ theo tên, số định danh, điện thoại, mã")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50)
    add_json_flag(p)
    p.set_defaults(func=cmd_dossier_search)
    for name, help_text in ACTIONS.items():
        p = dos.add_parser(name, help=help_text)
        p.add_argument("code")
        p.add_argument("--reason", default="", help="lý do / nội dung")
        if name == "hand-over":
            p.add_argument("--receiver", default="", help="họ tên người nhận kết quả")
            p.add_argument("--receiver-id", default="", help="số định danh người nhận")
        add_json_flag(p)
        p.set_defaults(func=cmd_dossier_action, action=name)

    p = sub.add_parser("due", help="tính ngày hẹn trả theo lịch làm việc")
    p.add_argument("--received", required=True, help='"YYYY-MM-DD HH:MM" (giờ Việt Nam)')
    p.add_argument("--duration", type=int, required=True)
    p.add_argument("--unit", choices=["days", "hours"], default="days")
    p.add_argument("--procedure", help="mã thủ tục (lấy giờ chốt nhận của thủ tục)")
    p.add_argument("--cutoff", help="giờ chốt nhận HH:MM (nếu không dùng --procedure)")
    add_json_flag(p)
    p.set_defaults(func=cmd_due)

    ids = sub.add_parser("id", help="số định danh, mã QR căn cước").add_subparsers(
        dest="sub", required=True
    )
    p = ids.add_parser("check", help="kiểm tra số định danh (12 số) hoặc CMND (9 số)")
    p.add_argument("number")
    add_json_flag(p)
    p.set_defaults(func=cmd_id_check)
    p = ids.add_parser("parse-qr", help="đọc chuỗi QR của thẻ căn cước")
    p.add_argument("text")
    add_json_flag(p)
    p.set_defaults(func=cmd_id_parse_qr)

    usr = sub.add_parser("users", help="tài khoản").add_subparsers(dest="sub", required=True)
    p = usr.add_parser("add", help="thêm tài khoản (mật khẩu từ stdin hoặc hỏi)")
    p.add_argument("username")
    p.add_argument("--name", required=True)
    p.add_argument("--role", choices=["clerk", "supervisor", "admin"], default="clerk")
    p.add_argument("--counter", default="")
    p.add_argument("--title", default="")
    p.set_defaults(func=cmd_users_add)
    p = usr.add_parser("list", help="liệt kê tài khoản")
    add_json_flag(p)
    p.set_defaults(func=cmd_users_list)
    for name, active in (("disable", False), ("enable", True)):
        p = usr.add_parser(name, help="vô hiệu hoá" if not active else "mở lại tài khoản")
        p.add_argument("username")
        p.set_defaults(func=cmd_users_active, active=active)
    p = usr.add_parser("reset-password", help="đặt mật khẩu tạm (mật khẩu từ stdin hoặc hỏi)")
    p.add_argument("username")
    p.set_defaults(func=cmd_users_reset)

    aud = sub.add_parser("audit", help="nhật ký kiểm toán").add_subparsers(
        dest="sub", required=True
    )
    p = aud.add_parser("verify", help="kiểm tra chuỗi băm của nhật ký")
    add_json_flag(p)
    p.set_defaults(func=cmd_audit_verify)

    cal = sub.add_parser("calendar", help="ngày nghỉ thêm, ngày làm bù").add_subparsers(
        dest="sub", required=True
    )
    p = cal.add_parser("list")
    add_json_flag(p)
    p.set_defaults(func=cmd_calendar_list)
    for name, working in (("add-off", False), ("add-working", True)):
        p = cal.add_parser(name)
        p.add_argument("day", help="YYYY-MM-DD")
        p.add_argument("--note", default="")
        p.set_defaults(func=cmd_calendar_set, working=working)
    p = cal.add_parser("remove")
    p.add_argument("day")
    p.set_defaults(func=cmd_calendar_remove)

    sec = sub.add_parser("secret", help="bí mật trong kho khoá của hệ điều hành").add_subparsers(
        dest="sub", required=True
    )
    p = sec.add_parser("set", help="lưu một bí mật (đọc từ stdin)")
    p.add_argument("name")
    p.set_defaults(func=cmd_secret_set)


ACTIONS = {
    "process": "chuyển xử lý",
    "supplement": "yêu cầu bổ sung (cần --reason)",
    "receive-supplement": "đã nhận hồ sơ bổ sung",
    "finish": "đã xử lý xong, chờ trả kết quả",
    "hand-over": "trả kết quả",
    "withdraw": "công dân rút hồ sơ (cần --reason)",
    "stop": "dừng xử lý (cần --reason)",
    "refuse": "không tiếp nhận hồ sơ trực tuyến (cần --reason)",
}


# -- init / catalog ---------------------------------------------------------------------------


def cmd_init(ctx: Context) -> int:
    report = setup.init(ctx.core, demo=ctx.args.demo)

    def human() -> None:
        ctx.print(f"Cơ sở dữ liệu: {ctx.settings.database_url}")
        ctx.print(f"Danh mục: thêm {report.catalog_added} thủ tục.")
        if not report.office_ready:
            ctx.print("Chưa có thông tin cơ quan: mở ứng dụng để thiết lập lần đầu.")
        if report.users_created:
            ctx.print(
                f"Tài khoản mẫu: {', '.join(report.users_created)} "
                f"(mật khẩu {setup.DEMO_PASSWORD})."
            )
        if report.dossiers_created:
            ctx.print(f"Hồ sơ mẫu: {', '.join(report.dossiers_created)}")

    ctx.emit(report.__dict__, human)
    return 0


def cmd_catalog_import(ctx: Context) -> int:
    report = catalog.import_file(ctx.core, SYSTEM, Path(ctx.args.file))
    ctx.emit(
        {"added": report.added, "updated": report.updated},
        lambda: ctx.print(
            f"Đã nhập danh mục: {report.added} thủ tục mới, {report.updated} cập nhật."
        ),
    )
    return 0


def cmd_catalog_list(ctx: Context) -> int:
    procs = catalog.list_procedures(ctx.core, ctx.args.search)

    def human() -> None:
        for p in procs:
            time_text = f"{p.duration} {p.duration_unit.label}" if p.duration else "trong ngày"
            ctx.print(f"{p.code:<24} {p.name}  [{p.field}; {time_text}]")
        ctx.print(f"({len(procs)} thủ tục)")

    ctx.emit([procedure_to_dict(p) for p in procs], human)
    return 0


# -- dossiers ---------------------------------------------------------------------------------


def cmd_dossier_register(ctx: Context) -> int:
    raw = read_input(ctx.args.json_file)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError("E_JSON_SYNTAX", f"Tệp hồ sơ không phải JSON hợp lệ: {exc}") from exc
    result = intake.register(ctx.core, SYSTEM, intake.request_from_dict(data))
    for warning in result.warnings:
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    ctx.emit(
        {
            "code": result.code,
            "appointment_at": result.appointment_at.astimezone(VN_TZ),
            "warnings": list(result.warnings),
        },
        lambda: ctx.print(result.code),
    )
    return 0


def cmd_dossier_show(ctx: Context) -> int:
    view = dossiers.show(ctx.core, SYSTEM, ctx.args.code, reveal=ctx.args.reveal)
    ctx.emit(view.to_dict(), lambda: print_dossier(ctx, view))
    return 0


def print_dossier(ctx: Context, v: DossierView) -> None:
    fmt = "%H:%M %d/%m/%Y"
    ctx.print(f"Mã hồ sơ:      {v.code}")
    ctx.print(f"Thủ tục:       {v.procedure_code} – {v.procedure_name}")
    ctx.print(f"Người nộp:     {v.holder_name}  ({v.holder_id_number or v.holder_id_masked})")
    if v.submitter_name:
        ctx.print(f"Người đi nộp:  {v.submitter_name} ({v.submitter_relation})")
    ctx.print(f"Địa chỉ:       {v.holder_address}")
    ctx.print(f"Kênh:          {CHANNEL_LABELS.get(v.channel, '')}")
    ctx.print(f"Tiếp nhận:     {v.local(v.received_at).strftime(fmt)}")
    ctx.print(f"Hẹn trả:       {v.local(v.appointment_at).strftime(fmt)}")
    ctx.print(f"Trạng thái:    {int(v.status)} – {v.status.label} ({v.timeliness.label})")
    if v.notify_channel:
        channel = NOTIFY_LABELS.get(v.notify_channel, v.notify_channel)
        ctx.print(f"Báo có kết quả: {channel} đến {v.notify_phone_masked}")
    ctx.print("Thành phần hồ sơ:")
    for c in v.components:
        ctx.print(f"  {c.position}. {c.name} – {c.copy_type.label} × {c.count}")
    ctx.print("Quá trình:")
    for h in v.history:
        ctx.print(
            f"  {v.local(h.at).strftime(fmt)}  {int(h.to_status)} {h.to_status.label}"
            f" – {h.user_name}: {h.reason}"
        )


def cmd_dossier_search(ctx: Context) -> int:
    rows = dossiers.search(ctx.core, SYSTEM, ctx.args.query, limit=ctx.args.limit)

    def human() -> None:
        for r in rows:
            ctx.print(
                f"{r.code}  {r.holder_name:<28} {r.holder_id_masked:<14} "
                f"{r.status.label:<22} hẹn {r.appointment_at.astimezone(VN_TZ):%d/%m/%Y}"
            )
        ctx.print(f"({len(rows)} hồ sơ)")

    ctx.emit([{**r.__dict__, "status": int(r.status)} for r in rows], human)
    return 0


def cmd_dossier_action(ctx: Context) -> int:
    a, core, code, reason = ctx.args, ctx.core, ctx.args.code, ctx.args.reason
    match a.action:
        case "process":
            moved = lifecycle.start_processing(core, SYSTEM, code, reason)
        case "supplement":
            moved = lifecycle.request_supplement(core, SYSTEM, code, reason)
        case "receive-supplement":
            moved = lifecycle.receive_supplement(core, SYSTEM, code, reason)
        case "finish":
            moved = lifecycle.finish(core, SYSTEM, code, reason)
        case "hand-over":
            moved = lifecycle.hand_over(
                core, SYSTEM, code, receiver_name=a.receiver, receiver_id=a.receiver_id, note=reason
            )
        case "withdraw":
            moved = lifecycle.withdraw(core, SYSTEM, code, reason)
        case "stop":
            moved = lifecycle.stop(core, SYSTEM, code, reason)
        case _:
            moved = lifecycle.refuse(core, SYSTEM, code, reason)
    ctx.emit(
        {"code": moved.code, "status": int(moved.status), "at": moved.at},
        lambda: ctx.print(f"{moved.code}: {int(moved.status)} – {moved.status.label}"),
    )
    return 0


# -- due / id ---------------------------------------------------------------------------------


def cmd_due(ctx: Context) -> int:
    a = ctx.args
    try:
        received = datetime.strptime(a.received.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=VN_TZ)
    except ValueError as exc:
        raise ValidationError(
            "E_DATETIME",
            f'Thời điểm tiếp nhận không hợp lệ: {a.received!r} (dùng "YYYY-MM-DD HH:MM").',
        ) from exc
    if a.duration < 0:
        raise ValidationError("E_DURATION", "Thời hạn giải quyết không thể âm.")
    cutoff: time | None = None
    if a.procedure:
        spec = catalog.get_procedure(ctx.core, a.procedure)
        if spec is None:
            raise ValidationError("E_PROCEDURE_UNKNOWN", f"Không có thủ tục mã {a.procedure!r}.")
        cutoff = spec.cutoff
    elif a.cutoff:
        try:
            cutoff = time.fromisoformat(a.cutoff)
        except ValueError as exc:
            raise ValidationError("E_CUTOFF", f"Giờ chốt không hợp lệ: {a.cutoff!r}.") from exc
    calendar = ctx.core.calendar() if a.procedure or _has_db(ctx) else WorkingCalendar()
    unit = DurationUnit(a.unit)
    start = calendar.start_of_clock(received, cutoff)
    due = calendar.appointment(received, a.duration, unit, cutoff)
    data = {
        "received": received.isoformat(),
        "clock_start": start.isoformat(),
        "appointment": due.isoformat(),
        "duration": a.duration,
        "unit": unit.value,
        "cutoff": cutoff.strftime("%H:%M") if cutoff else None,
    }
    ctx.emit(
        data,
        lambda: ctx.print(
            f"Bắt đầu tính: {start:%H:%M %d/%m/%Y}\n"
            f"Hẹn trả:      {due:%H:%M %d/%m/%Y} ({_weekday(due.date())})"
        ),
    )
    return 0


def _has_db(ctx: Context) -> bool:
    url = ctx.settings.database_url
    return not url.startswith("sqlite:///") or Path(url.removeprefix("sqlite:///")).is_file()


def _weekday(day: date) -> str:
    return ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"][
        day.weekday()
    ]


def cmd_id_check(ctx: Context) -> int:
    result = check_id(ctx.args.number)

    def human() -> None:
        ctx.print(f"{'Hợp lệ' if result.valid else 'KHÔNG hợp lệ'}: {result.number}")
        if result.province_name:
            ctx.print(f"Nơi đăng ký khai sinh: {result.province_name} ({result.province_code})")
        if result.gender:
            ctx.print(f"Giới tính: {'Nam' if result.gender.value == 'male' else 'Nữ'}")
        if result.birth_year:
            ctx.print(f"Năm sinh: {result.birth_year} (thế kỷ {result.century})")
        for problem in result.problems:
            ctx.print(f"- {problem}")

    ctx.emit(result.to_dict(), human)
    return 0 if result.valid else 1


def cmd_id_parse_qr(ctx: Context) -> int:
    card = parse_card_qr(ctx.args.text)

    def human() -> None:
        ctx.print(f"Số định danh: {card.id_number}")
        if card.old_id:
            ctx.print(f"CMND cũ:      {card.old_id}")
        ctx.print(f"Họ và tên:    {card.full_name}")
        ctx.print(f"Ngày sinh:    {card.birth_date:%d/%m/%Y}")
        ctx.print(f"Giới tính:    {'Nam' if card.gender.value == 'male' else 'Nữ'}")
        ctx.print(f"Thường trú:   {card.address}")
        if card.issued_on:
            ctx.print(f"Ngày cấp:     {card.issued_on:%d/%m/%Y}")
        for w in card.warnings:
            ctx.print(f"Cảnh báo: {w}")

    ctx.emit(card.to_dict(), human)
    return 0


# -- users / audit / calendar / secrets -------------------------------------------------------


def _password(prompt: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Nhập lại: ") != first:
            raise ValidationError("E_PASSWORD_MISMATCH", "Hai lần nhập mật khẩu không khớp.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cmd_users_add(ctx: Context) -> int:
    a = ctx.args
    user = users.add_user(
        ctx.core,
        SYSTEM,
        a.username,
        a.name,
        a.role,
        _password("Mật khẩu: "),
        counter=a.counter,
        title=a.title,
    )
    ctx.print(f"Đã tạo tài khoản {user.username} ({user.role.label}).")
    return 0


def cmd_users_list(ctx: Context) -> int:
    rows = users.list_users(ctx.core)

    def human() -> None:
        for u in rows:
            state = "" if u.active else " (đã vô hiệu hoá)"
            ctx.print(f"{u.username:<16} {u.full_name:<28} {u.role.label}{state}")

    ctx.emit([{**u.__dict__, "role": u.role.value} for u in rows], human)
    return 0


def cmd_users_active(ctx: Context) -> int:
    users.set_active(ctx.core, SYSTEM, ctx.args.username, ctx.args.active)
    ctx.print("Đã cập nhật.")
    return 0


def cmd_users_reset(ctx: Context) -> int:
    users.reset_password(ctx.core, SYSTEM, ctx.args.username, _password("Mật khẩu tạm: "))
    ctx.print("Đã đặt mật khẩu tạm; người dùng phải đổi khi đăng nhập.")
    return 0


def cmd_audit_verify(ctx: Context) -> int:
    report = audit.verify(ctx.core)
    ctx.emit(
        {
            "ok": report.ok,
            "checked": report.checked,
            "broken_at": report.broken_at,
            "problem": report.problem,
        },
        lambda: ctx.print(
            f"Nhật ký nguyên vẹn: {report.checked} sự kiện."
            if report.ok
            else f"NHẬT KÝ BỊ CAN THIỆP: {report.problem}"
        ),
    )
    return 0 if report.ok else 1


def cmd_calendar_list(ctx: Context) -> int:
    rows = calendar_days.list_overrides(ctx.core)

    def human() -> None:
        for r in rows:
            ctx.print(f"{r.day:%d/%m/%Y} {'làm việc' if r.working else 'nghỉ'}  {r.note}")

    ctx.emit(
        [{"day": r.day.isoformat(), "working": r.working, "note": r.note} for r in rows], human
    )
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError("E_DATE", f"Ngày không hợp lệ: {text!r} (YYYY-MM-DD).") from exc


def cmd_calendar_set(ctx: Context) -> int:
    calendar_days.set_override(
        ctx.core, SYSTEM, _day(ctx.args.day), ctx.args.working, ctx.args.note
    )
    ctx.print("Đã lưu.")
    return 0


def cmd_calendar_remove(ctx: Context) -> int:
    if not calendar_days.remove_override(ctx.core, SYSTEM, _day(ctx.args.day)):
        raise AppError("E_NOT_FOUND", "Ngày này không có trong danh sách điều chỉnh.")
    ctx.print("Đã xoá.")
    return 0


def cmd_secret_set(ctx: Context) -> int:
    value = (
        sys.stdin.readline().rstrip("\r\n")
        if not sys.stdin.isatty()
        else getpass.getpass(f"Giá trị của {ctx.args.name}: ")
    )
    if not value:
        raise ValidationError("E_SECRET_EMPTY", "Giá trị bí mật rỗng.")
    secrets.set_secret(ctx.args.name, value)
    ctx.print(f"Đã lưu {ctx.args.name} vào kho khoá của hệ điều hành.")
    return 0
