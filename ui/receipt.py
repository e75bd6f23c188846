"""Forms of a dossier (the receipt, Mẫu 01; the control slip with the hand-over row, Mẫu 05)
and the summary of a stored dossier shown on the return screen.

Rendering, the preview and printing are `ui/print_preview.py` (the printing work); it is
imported when a form is first opened, so start-up does not pay for PDF rendering.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from counter_app.services.views import NOTIFY_LABELS
from ui.widgets import fmt_date, fmt_datetime, fmt_money

if TYPE_CHECKING:
    from counter_app.services.views import DossierView
    from ui.session import Session

RECEIPT_FORM = "01"
HAND_OVER_FORM = "05"  # the control slip's last row records who received the result


def open_form(parent: QWidget, session: Session, code: str, form: str) -> None:
    """Preview a form of a dossier; one more key (Ctrl+P) prints it."""
    from ui import print_preview

    def opened(dialog: QWidget) -> None:
        # The next applicant's card or another receipt scanned: the preview steps aside.
        dialog.setProperty("closes_on_scan", True)

    print_preview.open_form(
        parent, session.core, session.actor, code, form, session.runner, on_open=opened
    )


def summary_html(view: DossierView) -> str:
    """The facts of a stored dossier as a small HTML page (the return screen)."""
    return SummaryText().html(view)


class SummaryText(QObject):
    """Builds the summary; a QObject so its words go through Qt's translation."""

    def _notify(self, view: DossierView) -> str:
        if not view.notify_channel:
            return ""
        channel = NOTIFY_LABELS.get(view.notify_channel, view.notify_channel)
        return self.tr("{0} đến {1}").format(channel, view.notify_phone_masked)

    def html(self, view: DossierView) -> str:
        e = escape
        relation = f" ({view.submitter_relation})" if view.submitter_relation else ""
        fee = fmt_money(view.fee_total) if view.fee_total else self.tr("Không thu")
        book = self.tr("Quyển {0}, số {1}").format(view.book_volume, view.book_number)
        rows = [
            (self.tr("Người nộp (chủ hồ sơ)"), view.holder_name),
            (self.tr("Số định danh"), view.holder_id_masked),
            (self.tr("Ngày sinh"), fmt_date(view.holder_birth_date)),
            (self.tr("Địa chỉ"), view.holder_address),
            (self.tr("Điện thoại"), view.holder_phone),
            (
                self.tr("Người đi nộp"),
                view.submitter_name + relation if view.submitter_name else "",
            ),
            (self.tr("Thủ tục"), f"{view.procedure_code} — {view.procedure_name}"),
            (self.tr("Số bộ hồ sơ"), str(view.sets_count)),
            (self.tr("Thời gian tiếp nhận"), fmt_datetime(view.received_at)),
            (self.tr("Ngày hẹn trả kết quả"), fmt_datetime(view.appointment_at)),
            (self.tr("Trạng thái"), f"{int(view.status)} — {view.status.label}"),
            (self.tr("Tiến độ"), view.timeliness.label),
            (self.tr("Phí, lệ phí"), fee),
            (self.tr("Sổ theo dõi"), book),
            (self.tr("Người nhận kết quả"), view.receiver_name),
            (self.tr("Báo khi có kết quả"), self._notify(view)),
        ]
        table = "".join(
            f"<tr><td style='color:#555;padding-right:12px'>{e(k)}</td><td>{e(v)}</td></tr>"
            for k, v in rows
            if v
        )
        items = "".join(
            f"<li>{e(c.name)} — {e(c.copy_type.label)}, {c.count}</li>" for c in view.components
        )
        history = "".join(
            f"<li>{e(fmt_datetime(h.at))}: {e(h.to_status.label)} — {e(h.user_name)}"
            + (f" — {e(h.reason)}" if h.reason else "")
            + "</li>"
            for h in view.history
        )
        heading_items = e(self.tr("Thành phần hồ sơ"))
        heading_history = e(self.tr("Quá trình"))
        return (
            f"<h2 style='margin:0'>{e(view.code)}</h2>"
            + f"<table>{table}</table>"
            + f"<h3>{heading_items}</h3><ol>{items}</ol>"
            + f"<h3>{heading_history}</h3><ul>{history}</ul>"
        )
