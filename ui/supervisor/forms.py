"""Files the desk writes through `printing`: the forms of one dossier (Mẫu 04, 05), the
tracking book (Mẫu 06) and the daily summary.

Mẫu 04/05/06 are drawn by the printing package (`printing.render`, `printing.tracking_book`);
this module is the one place the desk calls them, so a change of their interface is one edit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from counter_app.services import exports
from counter_app.services.context import Actor, Core, require
from counter_app.services.queue import Period


def print_form(core: Core, actor: Actor, code: str, form: str, path: Path) -> None:
    """Mẫu 04 (apology) or 05 (control slip) of `code` to a PDF file, recorded as printed."""
    from printing import render

    require(actor, "supervise")
    render.produce(core, actor, code, form, path)


def tracking_book(core: Core, actor: Actor, period: Period, path: Path) -> None:
    """Sổ theo dõi hồ sơ (Mẫu 06) of the period to a PDF or xlsx file."""
    from printing import tracking_book as book

    require(actor, "supervise")
    book.produce_book(core, actor, period.first, period.last, path)


def daily_pdf(core: Core, actor: Actor, day: date, path: Path) -> None:
    from printing.daily_summary import render_pdf

    exports.save_daily_summary(core, actor, day, path, render_pdf)
