"""The supervisor's daily summary as a PDF (Báo cáo tổng hợp trong ngày): the day's counts,
the on-time rate, counts per procedure and the list of overdue dossiers.

Drawn with ReportLab in the bundled Vietnamese font (resources/fonts), or DejaVu from the
system when the bundle lacks it. Text is NFC already (the core cleans it at the boundary).
"""

from __future__ import annotations

import io
import threading
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from counter_app.domain.calendar import VN_TZ
from counter_app.errors import ConfigError
from counter_app.services.queue import Category
from counter_app.services.reports import DailySummary

BUNDLED = Path(__file__).resolve().parents[1] / "resources" / "fonts"
SYSTEM_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONT_CHOICES = (
    (BUNDLED / "DejaVuSerifCondensed.ttf", BUNDLED / "DejaVuSerifCondensed-Bold.ttf"),
    (SYSTEM_DEJAVU / "DejaVuSans.ttf", SYSTEM_DEJAVU / "DejaVuSans-Bold.ttf"),
)
REGULAR, BOLD = "DailySummary", "DailySummary-Bold"
_lock = threading.Lock()

ORDER = (
    Category.RECEIVED,
    Category.DUE,
    Category.DUE_SOON,
    Category.OVERDUE,
    Category.WAITING,
    Category.READY,
    Category.RETURNED,
    Category.REFUSED,
    Category.WITHDRAWN,
)


def _fonts() -> None:
    with _lock:
        if REGULAR in pdfmetrics.getRegisteredFontNames():
            return
        for regular, bold in FONT_CHOICES:
            if regular.is_file() and bold.is_file():
                pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
                pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
                return
    raise ConfigError(
        "E_FONT_MISSING",
        "Không tìm thấy phông chữ tiếng Việt để in báo cáo.",
        hint="Cài lại chương trình (phông chữ đi kèm trong resources/fonts).",
    )


def _local(moment: datetime | None, fmt: str = "%H:%M %d/%m/%Y") -> str:
    return moment.astimezone(VN_TZ).strftime(fmt) if moment else ""


def render_pdf(summary: DailySummary) -> bytes:
    """The summary as PDF bytes (A4 portrait); the caller writes or prints them."""
    _fonts()
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=10, leading=13)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=10.5)
    head = ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=11, spaceBefore=8)
    title = ParagraphStyle(
        "title", parent=base, fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER
    )
    centered = ParagraphStyle("centered", parent=base, alignment=TA_CENTER)

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(escape(text), style)

    story: list[Any] = [
        p(summary.office_name.upper(), ParagraphStyle("office", parent=base, fontName=BOLD)),
        p(f"Mã đơn vị: {summary.unit_id}", small),
        Spacer(1, 6 * mm),
        p("BÁO CÁO TỔNG HỢP TIẾP NHẬN VÀ TRẢ KẾT QUẢ", title),
        p(
            f"Ngày {summary.day:%d/%m/%Y} – số liệu tính đến {_local(summary.as_of)}",
            centered,
        ),
        Spacer(1, 4 * mm),
        p("1. Số liệu trong ngày", head),
    ]
    counts = [[p(c.label), p(str(summary.counts.get(c, 0)))] for c in ORDER]
    half = (len(counts) + 1) // 2
    grid = [
        left + (counts[half + i] if half + i < len(counts) else [p(""), p("")])
        for i, left in enumerate(counts[:half])
    ]
    story.append(_table(grid, [55 * mm, 25 * mm, 55 * mm, 25 * mm], header=False))
    stats = summary.on_time
    story += [
        p("2. Giải quyết đúng hạn", head),
        p(
            f"Kết thúc xử lý trong ngày: {stats.finished} hồ sơ – trước hạn {stats.early}, "
            f"đúng hạn {stats.on_time}, quá hạn {stats.late}. "
            f"Tỷ lệ đúng hạn: {stats.rate_text}."
        ),
        p("3. Theo thủ tục", head),
    ]
    if summary.procedures:
        rows = [
            [
                p(h, small)
                for h in ("Mã", "Thủ tục", "Tiếp nhận", "Kết thúc", "Đúng hạn", "Quá hạn", "Đã trả")
            ]
        ]
        rows += [
            [
                p(line.code, small),
                p(line.name, small),
                *(
                    p(str(n), small)
                    for n in (
                        line.received,
                        line.finished,
                        line.on_time,
                        line.overdue,
                        line.returned,
                    )
                ),
            ]
            for line in summary.procedures
        ]
        widths = [24 * mm, 66 * mm] + [16 * mm] * 5
        story.append(_table(rows, widths))
    else:
        story.append(p("Không có hồ sơ nào trong ngày."))
    story.append(p(f"4. Hồ sơ quá hạn ({len(summary.overdue)})", head))
    if summary.overdue:
        rows = [
            [
                p(h, small)
                for h in ("STT", "Mã hồ sơ", "Người nộp", "Thủ tục", "Hạn", "Trễ (giờ)", "Cán bộ")
            ]
        ]
        for n, r in enumerate(summary.overdue, start=1):
            late = r.late_by.total_seconds() / 3600
            rows.append(
                [
                    p(str(n), small),
                    p(r.code, small),
                    p(r.holder_name, small),
                    p(r.procedure_name, small),
                    p(_local(r.due_at), small),
                    p(f"{late:.1f}".replace(".", ","), small),
                    p(r.officer_name, small),
                ]
            )
        widths = [10 * mm, 36 * mm, 30 * mm, 44 * mm, 22 * mm, 14 * mm, 24 * mm]
        story.append(_table(rows, widths))
    else:
        story.append(p("Không có hồ sơ quá hạn."))
    story += [Spacer(1, 8 * mm), p(f"Người lập: {summary.prepared_by}")]

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"Báo cáo tổng hợp ngày {summary.day:%d/%m/%Y}",
        author=summary.office_name,
    )

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, f"Trang {document.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _table(rows: list[list[Any]], widths: list[float], *, header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")))
    table.setStyle(TableStyle(style))
    return table
