"""The fields and tables a template fills in, from the read models (NFC at this boundary)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from counter_app.config import PrintingSettings
from counter_app.domain.procedures import CopyType
from counter_app.domain.status import Status
from counter_app.errors import ConfigError
from counter_app.services.forms import FormData, TrackingBook
from counter_app.services.office import OfficeView
from counter_app.services.views import DossierView
from counter_app.text import nfc
from printing import fmt
from printing.templates import Template

SLIP_RESULTS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


@dataclass
class Context:
    values: dict[str, str]
    tables: dict[str, list[list[str]]] = field(default_factory=dict)
    qr: str = ""  # QR content; "" = no QR
    pay_qr: str = ""  # VietQR payload for the fee still owed; "" = none

    def has(self, name: str) -> bool:
        return bool(self.values.get(name) or self.tables.get(name))


def _copy_label(value: str) -> str:
    try:
        return CopyType(value).label
    except ValueError:
        return value


def _place(office: OfficeView, settings: PrintingSettings) -> str:
    return settings.place or office.commune_name or office.province_name


def _office_values(office: OfficeView, settings: PrintingSettings) -> dict[str, str]:
    agency = office.agency_name
    return {
        "agency": agency or office.name,
        "agency_upper": agency.upper(),
        "unit": office.name,
        "unit_upper": office.name.upper(),
        "unit_id": office.unit_id,
        "office_address": office.address,
        "office_phone": office.phone,
        "signer_title": settings.signer_title,
        "head_title": settings.head_title,
        "head_name": settings.head_name,
    }


def _last_reason(view: DossierView, status: Status) -> tuple[str, datetime | None]:
    for h in reversed(view.history):
        if h.to_status is status:
            return h.reason, h.at
    return "", None


def qr_content(template: str, code: str) -> str:
    if not template:
        return ""
    if "{code}" not in template:
        raise ConfigError(
            "E_CONFIG_VALUE",
            "printing.receipt_qr phải chứa {code} (mã hồ sơ), ví dụ "
            "https://dichvucong.example.gov.vn/tra-cuu?ma={code}.",
        )
    return template.replace("{code}", code)


def dossier_context(data: FormData, template: Template, settings: PrintingSettings) -> Context:
    v, office, actor = data.view, data.office, data.printed_by
    supplement = v.supplements[-1] if v.supplements else None
    apology = data.apology
    reason, status_at = "", v.status_at
    if data.form == "02" and supplement is not None:
        reason = supplement.reason
    elif data.form in ("03", "stop"):
        reason, at = _last_reason(v, Status(v.status))
        status_at = at or v.status_at
    dated = {
        "received": v.received_at,
        "status": status_at,
        "supplement": supplement.requested_at if supplement else v.status_at,
        "apology": apology.issued_at if apology else data.now,
        "now": data.now,
    }[template.date]
    if v.return_method == 1:
        return_place = f"Qua dịch vụ bưu chính công ích: {v.return_address or v.holder_address}"
    else:
        return_place = ", ".join(p for p in (office.name, office.address) if p)
    values = {
        **_office_values(office, settings),
        "code": v.code,
        "place_date": fmt.place_date(_place(office, settings), dated),
        "applicant": v.holder_name,
        "submitter": v.submitted_by,
        "submitter_name": v.submitter_name,
        "submitter_relation": v.submitter_relation,
        "submitter_with_relation": (
            f"{v.submitter_name} ({v.submitter_relation})"
            if v.submitter_relation
            else v.submitter_name
        ),
        "address": v.holder_address,
        "phone": v.holder_phone,
        "email": v.holder_email,
        "procedure": v.procedure_name,
        "procedure_code": v.procedure_code,
        "field": v.field,
        "sets": str(v.sets_count),
        "duration": fmt.duration(v.duration, v.duration_unit),
        "received_at": fmt.long_moment(v.received_at),
        "received_day": fmt.long_day(v.received_at),
        "appointment_at": fmt.long_moment(v.appointment_at),
        "return_place": return_place,
        "fee_total": fmt.money(v.fee_total) if v.fee_total else "",
        "book_volume": v.book_volume,
        "book_number": str(v.book_number) if v.book_number else "",
        "officer": v.officer_name or actor.full_name,
        "printed_by": actor.full_name,
        "status": v.status.label,
        "lead_agency": data.lead_agency,
        "reason": reason,
        "stopped_at": fmt.long_moment(status_at),
        "apology_reason": apology.reason if apology else "",
        "new_appointment_at": fmt.long_moment(apology.new_appointment_at) if apology else "",
        "copy_label": "",
        "qr": "",
    }
    tables = {
        "components": [
            [str(c.position), c.name, c.copy_type.label, str(c.count)] for c in v.components
        ],
        "components_compact": [
            [str(c.position), f"{c.name} ({c.copy_type.label})", str(c.count)] for c in v.components
        ],
        "supplement_items": [
            [
                str(i),
                str(item.get("name", "")),
                _copy_label(str(item.get("copy_type", ""))),
                str(item.get("count", "")),
            ]
            for i, item in enumerate(supplement.items if supplement else [], 1)
        ],
        "slip_rows": [
            [
                str(i),
                f"Giao: {r.from_party}\nNhận: {r.to_party}",
                fmt.short_moment(r.at),
                SLIP_RESULTS.get(r.result, r.result),
                r.note,
            ]
            for i, r in enumerate(data.slip_rows, 1)
        ],
    }
    qr = qr_content(settings.receipt_qr, v.code)
    values["qr"] = qr
    values.update(_payment_values(data))
    return _normalized(Context(values, tables, qr, values["pay_qr"]))


def _payment_values(data: FormData) -> dict[str, str]:
    """The VietQR block: "Quét để nộp phí: 50.000 đồng — <account name>, <bank>"."""
    pay = data.payment
    if pay is None:
        return dict.fromkeys(
            ("pay_qr", "pay_caption", "pay_amount", "pay_account", "pay_purpose"), ""
        )
    payee = ", ".join(p for p in (pay.account_name, pay.bank_name) if p)
    return {
        "pay_qr": pay.payload,
        "pay_caption": f"Quét để nộp phí: {fmt.money(pay.amount)} — {payee}",
        "pay_amount": fmt.money(pay.amount),
        "pay_account": f"{pay.account} ({pay.bank_name})",
        "pay_purpose": pay.purpose,
    }


def book_context(book: TrackingBook, settings: PrintingSettings) -> Context:
    values = {
        **_office_values(book.office, settings),
        "place_date": fmt.place_date(_place(book.office, settings), book.generated_at),
        "start_day": fmt.long_day(book.start),
        "end_day": fmt.long_day(book.end),
        "count": str(len(book.rows)),
        "masked": "1" if book.masked else "",
        "book_volume": book.office.book_volume,
    }
    rows = [
        [
            f"{r.number}" if r.number else str(i),
            r.code,
            r.procedure_name,
            str(r.sets_count),
            r.applicant,
            ", ".join(p for p in (r.address, r.phone) if p),
            r.lead_agency,
            fmt.short_moment(r.received_at),
            fmt.short_moment(r.appointment_at),
            fmt.short_day(r.sent_at),
            fmt.short_day(r.result_at),
            fmt.short_day(r.returned_at),
            r.receiver_name,
            "; ".join(p for p in (r.status.label, r.notes) if p),
        ]
        for i, r in enumerate(book.rows, 1)
    ]
    return _normalized(Context(values, {"book": rows}))


def _normalized(ctx: Context) -> Context:
    """NFC everything (STACK.md trap 3: ReportLab would draw NFD marks beside the letters)."""
    return Context(
        {k: nfc(v) for k, v in ctx.values.items()},
        {k: [[nfc(c) for c in row] for row in rows] for k, rows in ctx.tables.items()},
        nfc(ctx.qr),
        ctx.pay_qr,  # ASCII by construction; its CRC covers these exact bytes
    )
