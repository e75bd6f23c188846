"""The supervisor's commands: `queue` (figures for a day or a range) and `report` (the daily
summary as PDF, the tracking book and lists as xlsx / CSV).

The PDF is drawn by `printing` (which the core never imports): `main.py` hands the renderer
in through `commands(render_daily_pdf=...)`. Commands run as the local system account.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

from counter_app.cli_support import CommandGroup, Context, add_json_flag
from counter_app.domain.calendar import VN_TZ
from counter_app.errors import AppError
from counter_app.services import exports, queue
from counter_app.services.context import SYSTEM
from counter_app.services.queue import Category, GroupBy, Period
from counter_app.services.reports import DailySummary

PdfRenderer = Callable[[DailySummary], bytes]


def commands(render_daily_pdf: PdfRenderer | None = None) -> CommandGroup:
    """The command group for `main.py`, with the PDF renderer it was given."""

    def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        add_commands(sub, render_daily_pdf=render_daily_pdf)

    return add


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    *,
    render_daily_pdf: PdfRenderer | None = None,
) -> None:
    p = sub.add_parser("queue", help="số liệu hồ sơ trong ngày hoặc một khoảng ngày (lãnh đạo)")
    p.add_argument("--date", help="ngày YYYY-MM-DD (mặc định: hôm nay)")
    p.add_argument("--to", metavar="DATE", help="ngày cuối, nếu xem cả một khoảng")
    p.add_argument(
        "--by",
        choices=[g.value for g in GroupBy],
        help="chia theo quầy, cán bộ, thủ tục, lĩnh vực hoặc kênh nộp",
    )
    p.add_argument(
        "--list", choices=[c.value for c in Category], help="liệt kê các hồ sơ của một mục"
    )
    add_json_flag(p)
    p.set_defaults(func=cmd_queue)

    rep = sub.add_parser("report", help="báo cáo của lãnh đạo").add_subparsers(
        dest="sub", required=True
    )
    p = rep.add_parser("daily", help="báo cáo tổng hợp trong ngày ra tệp PDF")
    p.add_argument("--date", help="ngày YYYY-MM-DD (mặc định: hôm nay)")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    add_json_flag(p)
    p.set_defaults(func=cmd_report_daily, render=render_daily_pdf)
    p = rep.add_parser(
        "export", help="xuất sổ theo dõi hồ sơ (Mẫu 06) hoặc một danh sách ra .xlsx / .csv"
    )
    p.add_argument("--from", dest="first", help="ngày đầu YYYY-MM-DD (mặc định: hôm nay)")
    p.add_argument("--to", metavar="DATE", help="ngày cuối (mặc định: bằng ngày đầu)")
    p.add_argument(
        "--category",
        choices=[c.value for c in Category],
        help="một mục (quá hạn, đến hạn…); bỏ trống: sổ theo dõi hồ sơ",
    )
    p.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.csv")
    p.add_argument(
        "--unmasked", action="store_true", help="ghi đầy đủ số định danh (ghi nhật ký kiểm toán)"
    )
    add_json_flag(p)
    p.set_defaults(func=cmd_report_export)


def _day(ctx: Context, text: str | None) -> date:
    return queue.parse_day(text) if text else ctx.core.local_now().date()


def _period(ctx: Context, first: str | None, last: str | None) -> Period:
    start = _day(ctx, first)
    return Period(start, queue.parse_day(last) if last else start)


def cmd_queue(ctx: Context) -> int:
    a = ctx.args
    period = _period(ctx, a.date, a.to)
    group_by = GroupBy(a.by) if a.by else None
    if a.list:
        listing = queue.dossiers(ctx.core, SYSTEM, period, Category(a.list))

        def show_list() -> None:
            ctx.print(f"{listing.category.label} – {period.label}: {listing.total} hồ sơ")
            for r in listing.rows:
                late = f" trễ {r.late_by.total_seconds() / 3600:.1f} giờ" if r.late_by else ""
                ctx.print(
                    f"{r.code}  {r.holder_name:<26} {r.procedure_code:<12} "
                    f"{r.status.label:<24} hạn {r.due_at.astimezone(VN_TZ):%H:%M %d/%m/%Y}"
                    f"  {r.timeliness.label}{late}"
                )

        ctx.emit(
            {
                "category": listing.category.value,
                "total": listing.total,
                "rows": [r.to_dict() for r in listing.rows],
            },
            show_list,
        )
        return 0
    result = queue.counts(ctx.core, SYSTEM, period, group_by=group_by)

    def show() -> None:
        ctx.print(
            f"Hồ sơ {period.label} (tính đến {result.as_of.astimezone(VN_TZ):%H:%M %d/%m/%Y})"
        )
        for category, n in result.totals.items():
            ctx.print(f"  {category.label:<18}{n:>8}")
        if group_by is not None:
            ctx.print(f"Theo {group_by.label.lower()}:")
            header = "".join(f"{c.label[:10]:>11}" for c in result.totals)
            ctx.print(f"  {'':<32}{header}")
            for g in result.groups:
                cells = "".join(f"{g.counts[c]:>11}" for c in result.totals)
                ctx.print(f"  {g.label[:32]:<32}{cells}")

    ctx.emit(result.to_dict(), show)
    return 0


def cmd_report_daily(ctx: Context) -> int:
    a = ctx.args
    render: PdfRenderer | None = a.render
    if render is None:
        raise AppError(
            "E_PDF_UNAVAILABLE",
            "Bản cài đặt này không có bộ tạo PDF (gói printing).",
            hint="Dùng lệnh queue --json để lấy số liệu, hoặc cài đầy đủ chương trình.",
        )
    out = Path(a.out)
    summary = exports.save_daily_summary(ctx.core, SYSTEM, _day(ctx, a.date), out, render)
    ctx.emit(
        {**summary.to_dict(), "out": str(out)},
        lambda: ctx.print(
            f"Đã ghi {out} (tiếp nhận {summary.counts[Category.RECEIVED]}, "
            f"quá hạn {summary.counts[Category.OVERDUE]}, "
            f"đúng hạn {summary.on_time.rate_text})."
        ),
    )
    return 0


def cmd_report_export(ctx: Context) -> int:
    a = ctx.args
    period = _period(ctx, a.first, a.to)
    report = exports.export(
        ctx.core,
        SYSTEM,
        period,
        Path(a.out),
        category=Category(a.category) if a.category else None,
        unmasked=a.unmasked,
    )
    ctx.emit(
        {"out": str(report.path), "rows": report.rows, "masked": report.masked},
        lambda: ctx.print(
            f"Đã xuất {report.rows} dòng ra {report.path}"
            + ("" if report.masked else " (KHÔNG che số định danh: đã ghi nhật ký)")
        ),
    )
    return 0
