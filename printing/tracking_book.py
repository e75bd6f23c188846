"""Mẫu 06 – Sổ theo dõi hồ sơ: the dossiers received over a date range, as a PDF (A4
landscape, the header repeated on every page) or a spreadsheet with the same columns."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from counter_app.config import PrintingSettings
from counter_app.services import forms
from counter_app.services.context import Actor, Core
from counter_app.services.forms import TrackingBook
from printing import blocks, sheets
from printing.context import Context, book_context
from printing.files import AtomicFile
from printing.layout import Flow
from printing.render import Rendered, media_for
from printing.templates import Template, resolve

NUMERIC_COLUMNS = (0, 3)  # STT and number of sets: numbers in the spreadsheet


def build_book(book: TrackingBook, settings: PrintingSettings, media: str = "pdf") -> Rendered:
    template = resolve(settings.form_set, "06")
    ctx = book_context(book, settings)
    flows: tuple[Flow, ...] = ()
    if media == "xlsx":
        payload, pages, flows = to_xlsx(template, ctx), 1, ()
    else:
        flow = blocks.lay_out(template, blocks.PROFILES["a4-landscape"], ctx)
        running = f"{template.name} – từ {book.start:%d/%m/%Y} đến {book.end:%d/%m/%Y}"
        sheets.decorate(flow, reprint=False, running=running)
        laid = sheets.one_after_another([flow])
        payload = sheets.to_pdf(laid, title=running, author=book.office.name)
        pages, flows = len(laid), (flow,)
    return Rendered(
        form="06",
        code=book.label,
        name=template.name,
        template_id=template.template_id,
        template_version=template.version,
        media=media,
        data=payload,
        pages=pages,
        reprint=False,
        laid_out=flows,
    )


def _columns(template: Template) -> list[dict[str, Any]]:
    for b in template.blocks:
        if b.get("kind") == "table" and b.get("source") == "book":
            return list(b["columns"])
    raise LookupError(f"{template.template_id}: no table of source 'book'")


def to_xlsx(template: Template, ctx: Context) -> bytes:
    columns = _columns(template)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sổ theo dõi hồ sơ"
    v = ctx.values
    titles = [v["unit"], "SỔ THEO DÕI HỒ SƠ", f"Từ {v['start_day']} đến {v['end_day']}"]
    if v.get("masked"):
        titles.append("(Số điện thoại đã được che một phần để bảo vệ dữ liệu cá nhân)")
    for r, text in enumerate(titles, 1):
        ws.cell(r, 1, text).font = Font(bold=r <= 2)
    head = len(titles) + 2
    wrap = Alignment(wrap_text=True, vertical="top")
    for c, col in enumerate(columns, 1):
        cell = ws.cell(head, c, col["title"])
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(c)].width = max(6.0, float(col["width"]) * 1.8)
    for r, row in enumerate(ctx.tables["book"], head + 1):
        for c, value in enumerate(row):
            cell = ws.cell(r, c + 1)
            if c in NUMERIC_COLUMNS and value.isdigit():
                cell.value = int(value)
            else:
                cell.value = value
                cell.data_type = "s"  # a name starting with "=" stays text, never a formula
            cell.alignment = wrap
    ws.freeze_panes = ws.cell(head + 1, 1)
    ws.auto_filter.ref = f"A{head}:{get_column_letter(len(columns))}{max(head, ws.max_row)}"
    wb.properties.title = f"{template.name} – {v['start_day']} – {v['end_day']}"
    wb.properties.creator = "counter-app"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def preview_book(
    core: Core,
    actor: Actor,
    start: date,
    end: date,
    *,
    media: str = "pdf",
    unmasked: bool = False,
) -> Rendered:
    book = forms.tracking_book(core, actor, start, end, unmasked=unmasked)
    return build_book(book, core.settings.printing, media)


def produce_book(
    core: Core,
    actor: Actor,
    start: date,
    end: date,
    out: str | Path,
    *,
    unmasked: bool = False,
) -> Rendered:
    """Write the book to `out` (.pdf or .xlsx) and record it: the file exists iff recorded."""
    path = Path(out)
    media = media_for(path, ("pdf", "xlsx"))
    with AtomicFile(path) as sink:
        book = forms.tracking_book(core, actor, start, end, unmasked=unmasked)
        rendered = build_book(book, core.settings.printing, media)
        sink.write(rendered.data)
        forms.record_book(core, actor, book, rendered.output)
        sink.commit()
    return rendered
