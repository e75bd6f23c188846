"""Queue-number commands: `ticket take|call|again|skip|finish|list|groups` and
`report service-times` (waiting and serving times).

The ticket's printout is rendered by `printing` (counter_app never imports it): main.py hands
a renderer to `commands(...)`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any, TypeAlias

from counter_app.cli_support import CommandGroup, Context, add_json_flag
from counter_app.domain.calendar import VN_TZ
from counter_app.errors import AppError, ValidationError
from counter_app.services import office, ticket_stats, tickets
from counter_app.services.context import SYSTEM
from counter_app.services.exports import replace_atomically
from counter_app.services.queue_terms import Period, parse_day
from counter_app.services.ticket_stats import ServiceLine, minutes
from counter_app.services.tickets import Taken, TicketView
from counter_app.text import clean

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
# (ticket just taken, office name, media: png | escpos | pdf) → bytes
TicketRenderer = Callable[[Taken, str, str], bytes]
MEDIA_BY_SUFFIX = {".png": "png", ".pdf": "pdf", ".bin": "escpos", ".prn": "escpos"}


def commands(render_ticket: TicketRenderer | None = None) -> CommandGroup:
    """The command group for `main.py`, with the ticket renderer it was given."""

    def add(sub: Sub) -> None:
        add_commands(sub, render_ticket=render_ticket)

    return add


def add_commands(sub: Sub, *, render_ticket: TicketRenderer | None = None) -> None:
    tk = sub.add_parser("ticket", help="số thứ tự: lấy số, gọi số, danh sách").add_subparsers(
        dest="sub", required=True
    )
    p = tk.add_parser("take", help="lấy số thứ tự cho một nhóm (in phiếu nếu cần)")
    p.add_argument("--group", required=True, help="mã nhóm, ví dụ A (xem: ticket groups)")
    p.add_argument("--out", metavar="FILE", help="lưu phiếu ra tệp .png, .pdf hoặc .bin (ESC/POS)")
    p.add_argument(
        "--media", choices=["png", "escpos", "pdf"], help="dạng phiếu (mặc định: theo đuôi tệp)"
    )
    p.add_argument(
        "--print",
        dest="to_printer",
        action="store_true",
        help="gửi phiếu (ESC/POS) tới máy in nhiệt 80 mm: queue.ticket_printer hoặc --printer",
    )
    p.add_argument("--printer", metavar="DEVICE", help="thiết bị máy in, ví dụ /dev/usb/lp0")
    add_json_flag(p)
    p.set_defaults(func=cmd_take, render=render_ticket)

    p = tk.add_parser("call", help="gọi số tiếp theo (kết thúc số đang phục vụ tại quầy)")
    p.add_argument("--counter", help="số quầy (mặc định: quầy trong cấu hình)")
    p.add_argument("--groups", help="các nhóm quầy này gọi, ví dụ A,B (mặc định: cấu hình)")
    add_json_flag(p)
    p.set_defaults(func=cmd_call)

    for name, help_text in (
        ("again", "gọi lại một số (người dân chưa nghe thấy)"),
        ("skip", "bỏ qua số đã gọi mà người dân không có mặt"),
        ("finish", "kết thúc phục vụ một số (gắn hồ sơ đã tiếp nhận nếu có)"),
    ):
        p = tk.add_parser(name, help=help_text)
        p.add_argument("id", type=int, help="mã phiếu (cột ID trong ticket list)")
        if name == "finish":
            p.add_argument("--dossier", default="", help="mã hồ sơ đã tiếp nhận cho số này")
        add_json_flag(p)
        p.set_defaults(func=cmd_action, action=name)

    p = tk.add_parser("list", help="các số trong ngày")
    p.add_argument("--date", help="ngày YYYY-MM-DD (mặc định: hôm nay)")
    p.add_argument("--state", choices=list(tickets.STATE_LABELS), help="chỉ một trạng thái")
    add_json_flag(p)
    p.set_defaults(func=cmd_list)

    p = tk.add_parser("groups", help="các nhóm số thứ tự; 'groups set' để thêm hoặc sửa")
    add_json_flag(p)
    p.set_defaults(func=cmd_groups)
    gs = p.add_subparsers(dest="groups_sub")
    q = gs.add_parser("set", help="thêm hoặc sửa một nhóm (quản trị)")
    q.add_argument("code", help="mã nhóm, ví dụ A")
    q.add_argument("--name", help="tên nhóm, ví dụ 'Chứng thực'")
    q.add_argument("--fields", help="các lĩnh vực thủ tục nhóm phục vụ, cách nhau bởi ';'")
    state = q.add_mutually_exclusive_group()
    state.add_argument("--active", dest="active", action="store_true", default=None)
    state.add_argument("--inactive", dest="active", action="store_false")
    add_json_flag(q)
    q.set_defaults(func=cmd_groups_set)

    p = _report_group(sub).add_parser(
        "service-times", help="thời gian chờ và thời gian phục vụ theo số thứ tự"
    )
    p.add_argument("--from", dest="first", help="ngày đầu YYYY-MM-DD (mặc định: hôm nay)")
    p.add_argument("--to", metavar="DATE", help="ngày cuối (mặc định: bằng ngày đầu)")
    add_json_flag(p)
    p.set_defaults(func=cmd_service_times)


def _report_group(sub: Sub) -> Sub:
    """The `report` command's sub-commands: joined when another group made it, else made."""
    parser = sub.choices.get("report")
    if parser is None:
        parser = sub.add_parser("report", help="báo cáo của lãnh đạo")
        return parser.add_subparsers(dest="sub", required=True)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError("the report command has no sub-commands")


# -- handlers -------------------------------------------------------------------------------


def cmd_take(ctx: Context) -> int:
    a = ctx.args
    render: TicketRenderer | None = a.render
    media, out, device = _print_plan(ctx)
    if media and render is None:
        raise AppError("E_TICKET_PRINT", "Bản này không có phần in phiếu.")
    taken = tickets.take(ctx.core, a.group)
    saved: list[str] = []
    if media and render is not None:
        view = office.get_office(ctx.core)
        name = view.name if view else ctx.settings.office.name
        try:
            if out is not None:
                data = render(taken, name, media)

                def write(tmp: Path) -> None:
                    tmp.write_bytes(data)

                replace_atomically(out, write)
                saved.append(str(out))
            if device is not None:
                _send_to_printer(device, render(taken, name, "escpos"))
                saved.append(device)
        except AppError as err:  # the number exists: say which, so the clerk can write it
            raise AppError(
                err.code,
                f"Đã cấp số {taken.ticket.label} nhưng chưa in được phiếu: {err.message}",
                hint=err.hint,
            ) from err
    t = taken.ticket

    def human() -> None:
        ctx.print(f"Số thứ tự: {t.label}")
        ctx.print(f"Nhóm: {t.group_code} – {t.group_name}")
        ctx.print(f"Số người chờ trước: {taken.ahead}")
        ctx.print(f"Thời gian lấy số: {_hm(t.taken_at)}")
        for place in saved:
            ctx.print(f"Đã in phiếu: {place}")

    ctx.emit({"ticket": _ticket_dict(t), "ahead": taken.ahead, "printed": saved}, human)
    return 0


def _print_plan(ctx: Context) -> tuple[str, Path | None, str | None]:
    """(media, file, device): checked before a number is taken, so a wrong path costs none."""
    a = ctx.args
    out = Path(a.out).expanduser() if a.out else None
    device = a.printer or (ctx.settings.queue.ticket_printer if a.to_printer else None)
    if a.to_printer and not device:
        raise ValidationError(
            "E_TICKET_PRINTER",
            "Chưa cấu hình máy in phiếu (queue.ticket_printer).",
            hint="Thêm --printer /dev/usb/lp0 hoặc đặt queue.ticket_printer trong cấu hình.",
        )
    media = a.media or ""
    if out is not None:
        if out.is_dir() or not out.parent.is_dir():
            raise ValidationError("E_OUT_PATH", f"Không lưu được vào {out}: thư mục không có.")
        media = media or MEDIA_BY_SUFFIX.get(out.suffix.lower(), "")
        if not media:
            raise ValidationError(
                "E_TICKET_MEDIA", "Không rõ dạng phiếu: dùng đuôi .png, .pdf, .bin hoặc --media."
            )
    elif device:
        media = "escpos"
    return media, out, device or None


def _send_to_printer(device: str, data: bytes) -> None:
    """Raw ESC/POS to a printer device or a shared printer path (\\\\PC\\XP80 on Windows)."""
    try:
        with open(device, "wb") as printer:
            printer.write(data)
    except OSError as exc:
        raise AppError(
            "E_TICKET_PRINTER",
            f"Không gửi được tới máy in {device}: {exc.strerror or exc}.",
            hint="Kiểm tra máy in đã bật, có giấy, và đường dẫn thiết bị.",
        ) from exc


def cmd_call(ctx: Context) -> int:
    a = ctx.args
    counter = a.counter or ctx.settings.counter.counter
    wanted = a.groups if a.groups is not None else ctx.settings.queue.groups
    codes = [c for c in (clean(x) for x in wanted.split(",")) if c] or None
    t = tickets.call_next(ctx.core, SYSTEM, counter, codes)

    def human() -> None:
        if t is None:
            ctx.print("Không còn ai chờ.")
        else:
            ctx.print(f"Mời số {t.label} đến quầy {t.counter} ({t.group_name}). ID: {t.id}")

    ctx.emit({"ticket": _ticket_dict(t) if t else None}, human)
    return 0


def cmd_action(ctx: Context) -> int:
    a = ctx.args
    if a.action == "again":
        t = tickets.call_again(ctx.core, SYSTEM, a.id)
        text = f"Mời số {t.label} đến quầy {t.counter} (gọi lần {t.call_count})."
    elif a.action == "skip":
        t = tickets.skip(ctx.core, SYSTEM, a.id)
        text = f"Đã bỏ qua số {t.label} (vắng mặt)."
    else:
        t = tickets.finish(ctx.core, SYSTEM, a.id, a.dossier)
        linked = f", gắn hồ sơ {t.dossier_code}" if t.dossier_code else ""
        text = f"Đã kết thúc số {t.label}{linked}."
    ctx.emit({"ticket": _ticket_dict(t)}, lambda: ctx.print(text))
    return 0


def cmd_list(ctx: Context) -> int:
    a = ctx.args
    day = parse_day(a.date) if a.date else ctx.core.local_now().date()
    rows = tickets.tickets_of_day(ctx.core, day, [a.state] if a.state else None)

    def human() -> None:
        ctx.print(f"Số thứ tự ngày {day:%d/%m/%Y}: {len(rows)} số")
        table = [["ID", "Số", "Nhóm", "Trạng thái", "Lấy số", "Gọi", "Xong", "Quầy", "Hồ sơ"]]
        for t in rows:
            table.append(
                [
                    str(t.id),
                    t.label,
                    t.group_code,
                    t.state_label,
                    _hm(t.taken_at),
                    _hm(t.called_at),
                    _hm(t.ended_at),
                    t.counter,
                    t.dossier_code,
                ]
            )
        _table(ctx, table)

    ctx.emit({"day": day, "tickets": [_ticket_dict(t) for t in rows]}, human)
    return 0


def cmd_groups(ctx: Context) -> int:
    rows = tickets.groups(ctx.core, include_inactive=True)
    waiting = tickets.waiting_counts(ctx.core)

    def human() -> None:
        table = [["Mã", "Tên nhóm", "Lĩnh vực", "Đang chờ", "Dùng"]]
        for g in rows:
            table.append(
                [
                    g.code,
                    g.name,
                    "; ".join(g.fields) or "(mọi lĩnh vực)",
                    str(waiting.get(g.code, 0)),
                    "có" if g.active else "ngừng",
                ]
            )
        _table(ctx, table)

    ctx.emit(
        [{**asdict(g), "fields": list(g.fields), "waiting": waiting.get(g.code, 0)} for g in rows],
        human,
    )
    return 0


def cmd_groups_set(ctx: Context) -> int:
    a = ctx.args
    fields = None if a.fields is None else [f for f in a.fields.split(";") if clean(f)]
    g = tickets.set_group(ctx.core, SYSTEM, a.code, name=a.name, fields=fields, active=a.active)
    ctx.emit(
        {**asdict(g), "fields": list(g.fields)},
        lambda: ctx.print(
            f"Đã lưu nhóm {g.code} – {g.name} ({'; '.join(g.fields) or 'mọi lĩnh vực'})."
        ),
    )
    return 0


def cmd_service_times(ctx: Context) -> int:
    a = ctx.args
    first = parse_day(a.first) if a.first else ctx.core.local_now().date()
    period = Period(first, parse_day(a.to) if a.to else first)
    report = ticket_stats.service_times(ctx.core, SYSTEM, period)

    def human() -> None:
        ctx.print(f"Thời gian chờ và phục vụ (phút) – {period.label}")
        for title, lines in (
            ("Theo ngày", report.by_day),
            ("Theo nhóm", report.by_group),
            ("Theo cán bộ", report.by_officer),
        ):
            ctx.print()
            ctx.print(title)
            _table(ctx, [HEADER, *(_stat_row(line) for line in lines)])
        ctx.print()
        _table(ctx, [HEADER, _stat_row(report.total)])

    ctx.emit(asdict(report), human)
    return 0


HEADER = [
    "",
    "Số",
    "Đã phục vụ",
    "Vắng",
    "Chưa gọi",
    "Có hồ sơ",
    "Chờ TB",
    "Chờ p50",
    "Chờ p90",
    "Phục vụ TB",
    "Phục vụ p50",
    "Phục vụ p90",
]


def _stat_row(line: ServiceLine) -> list[str]:
    w, s = line.waiting, line.serving
    return [
        line.label,
        str(line.tickets),
        str(line.served),
        str(line.no_shows),
        str(line.unserved),
        str(line.with_dossier),
        minutes(w.mean),
        minutes(w.p50),
        minutes(w.p90),
        minutes(s.mean),
        minutes(s.p50),
        minutes(s.p90),
    ]


# -- output helpers -------------------------------------------------------------------------


def _ticket_dict(t: TicketView) -> dict[str, Any]:
    return {**asdict(t), "state_label": t.state_label}


def _hm(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment.astimezone(VN_TZ):%H:%M}"


def _table(ctx: Context, rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        ctx.print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
