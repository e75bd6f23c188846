"""`form`: print a dossier's form to a file, or the tracking book for a date range.

    python main.py form CODE --form 01|02|03|04|05|stop --out FILE.pdf|.png|.bin
    python main.py form tracking-book --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf|.xlsx

Every file written is recorded on the dossier (template id and version, who, when, reprint);
on any error nothing is written and nothing is recorded.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from counter_app.cli_support import Context, add_json_flag
from counter_app.errors import ValidationError
from counter_app.services.context import SYSTEM

BOOK = "tracking-book"
FORMS = ("01", "02", "03", "04", "05", "stop")


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "form",
        help="in biểu mẫu của hồ sơ ra tệp (Mẫu 01–05, thông báo dừng) hoặc sổ theo dõi hồ sơ",
        description=(
            "form MÃ_HỒ_SƠ --form 01 --out tệp.pdf (.png/.bin: giấy in nhiệt 80 mm cho Mẫu 01); "
            "form tracking-book --from NGÀY --to NGÀY --out tệp.pdf|.xlsx"
        ),
    )
    p.add_argument("code", metavar="MÃ_HỒ_SƠ", help=f"mã hồ sơ, hoặc {BOOK} (Mẫu 06)")
    p.add_argument("--form", choices=FORMS, default="01", help="mẫu cần in (mặc định 01)")
    p.add_argument("--out", required=True, metavar="FILE", help="tệp kết quả")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="sổ theo dõi: từ ngày")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="sổ theo dõi: đến ngày")
    p.add_argument("--unmasked", action="store_true", help="sổ theo dõi: không che số điện thoại")
    add_json_flag(p)
    p.set_defaults(func=cmd_form)


def _day(text: str | None, what: str) -> date:
    if not text:
        raise ValidationError("E_DATE", f"Thiếu {what} (--from/--to YYYY-MM-DD).")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValidationError("E_DATE", f"Ngày không hợp lệ: {text!r} (YYYY-MM-DD).") from exc


def cmd_form(ctx: Context) -> int:
    # Imported here: ReportLab, Pillow and openpyxl stay out of every other command's start.
    from printing import render, tracking_book

    a = ctx.args
    out = Path(a.out)
    if a.code == BOOK:
        result = tracking_book.produce_book(
            ctx.core,
            SYSTEM,
            _day(a.start, "ngày bắt đầu"),
            _day(a.end, "ngày kết thúc"),
            out,
            unmasked=a.unmasked,
        )
    else:
        result = render.produce(ctx.core, SYSTEM, a.code, a.form, out)
    data = {
        "file": str(out),
        "form": result.form,
        "code": result.code,
        "template": result.template_id,
        "version": result.template_version,
        "media": result.media,
        "pages": result.pages,
        "reprint": result.reprint,
        "sha256": result.output.sha256,
    }
    ctx.emit(
        data,
        lambda: ctx.print(
            f"Đã ghi {out} ({result.name}, {result.pages} trang"
            + (", BẢN IN LẠI" if result.reprint else "")
            + ")."
        ),
    )
    return 0
