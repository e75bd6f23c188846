"""Printed forms (Mẫu 01–06, Circular 03/2025 notices): what a form may be printed for, the
data it is rendered from, and the record of every print.

Rendering lives in `printing` (which the core never imports): `produce` takes the renderer as
a function, so reading the dossier, deciding "BẢN IN LẠI", recording the print with its audit
event and handing the bytes over happen in one transaction, or not at all.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from counter_app.domain.status import OPEN_STATUSES, Status
from counter_app.errors import ValidationError
from counter_app.services import office as office_service
from counter_app.services import payments
from counter_app.services.context import Actor, Core, UnitOfWork, require
from counter_app.services.dossiers import view_in
from counter_app.services.office import OfficeView
from counter_app.services.payments import PaymentQr
from counter_app.services.views import DossierView
from counter_app.storage import models as m
from counter_app.text import mask_phone

S = Status
_RECEIVED_ONWARD = frozenset(
    {
        S.RECEIVED,
        S.PROCESSING,
        S.SUPPLEMENT_REQUESTED,
        S.FINANCIAL_OBLIGATION,
        S.WITHDRAWN,
        S.STOPPED,
        S.DONE,
        S.RETURNED,
    }
)

FORM_NAMES: dict[str, str] = {
    "01": "Mẫu 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Mẫu 02 – Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Mẫu 03 – Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Mẫu 04 – Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "05": "Mẫu 05 – Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "06": "Mẫu 06 – Sổ theo dõi hồ sơ",
    "stop": "Thông báo dừng giải quyết hồ sơ",
}

# The statuses in which each per-dossier form makes sense. The receipt and the control slip
# exist from reception on (reprints included); the others answer one situation each.
FORM_STATUSES: dict[str, frozenset[Status]] = {
    "01": _RECEIVED_ONWARD,
    "02": frozenset({S.SUPPLEMENT_REQUESTED}),
    "03": frozenset({S.NOT_RECEIVED}),
    "04": OPEN_STATUSES,
    "05": _RECEIVED_ONWARD,
    "stop": frozenset({S.STOPPED}),
}

MAX_BOOK_DAYS = 366


@dataclass(frozen=True)
class SlipRow:
    """One hand-over on the control slip (Mẫu 05)."""

    from_party: str
    to_party: str
    at: datetime
    result: str  # early | on_time | late | ""
    note: str


@dataclass(frozen=True)
class ApologyView:
    """The latest apology (Mẫu 04): why the result is late and the new return date."""

    issued_at: datetime
    issued_by_name: str
    reason: str
    previous_due_at: datetime
    new_appointment_at: datetime


@dataclass(frozen=True)
class FormData:
    """Everything a per-dossier form is rendered from."""

    form: str
    view: DossierView
    office: OfficeView
    lead_agency: str
    slip_rows: tuple[SlipRow, ...]
    apology: ApologyView | None
    previous_prints: int
    printed_by: Actor
    now: datetime
    payment: PaymentQr | None = None  # Mẫu 01: the VietQR for the fee still owed

    @property
    def reprint(self) -> bool:
        """The same form was printed before for this dossier: the copy says "BẢN IN LẠI"."""
        return self.previous_prints > 0


@dataclass(frozen=True)
class Output:
    """What a renderer hands back: the bytes and the template they came from."""

    data: bytes
    template_id: str
    template_version: str
    media: str = "pdf"  # pdf | png | escpos | xlsx

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class PrintRecord:
    id: int
    code: str
    form: str
    template_id: str
    template_version: str
    printed_by: str
    printed_at: datetime
    reprint: bool
    sha256: str


def form_name(form: str) -> str:
    if form not in FORM_NAMES:
        raise ValidationError(
            "E_FORM_UNKNOWN",
            f"Không có mẫu {form!r}.",
            hint="Các mẫu: " + ", ".join(FORM_NAMES) + ".",
        )
    return FORM_NAMES[form]


def forms_for(status: Status) -> list[str]:
    """The per-dossier forms that can be printed in `status` (to enable the right buttons)."""
    return [form for form, allowed in FORM_STATUSES.items() if status in allowed]


def check_status(form: str, status: Status) -> None:
    name = form_name(form)
    allowed = FORM_STATUSES.get(form)
    if allowed is None:
        raise ValidationError(
            "E_FORM_UNKNOWN", f"{name} không in cho một hồ sơ riêng lẻ.", hint="Dùng sổ theo dõi."
        )
    if status not in allowed:
        states = ", ".join(f"{int(s)} ({s.label})" for s in sorted(allowed))
        raise ValidationError(
            "E_FORM_STATUS",
            f"Không thể in {name} cho hồ sơ đang ở trạng thái {int(status)} ({status.label}).",
            hint=f"Mẫu này chỉ dùng khi hồ sơ ở trạng thái: {states}.",
            form=form,
            status=int(status),
        )


def gather(uow: UnitOfWork, actor: Actor, code: str, form: str) -> FormData:
    """Read a dossier for `form` inside `uow`; refuse a form that makes no sense for it."""
    form_name(form)
    office = _office(uow)
    view = view_in(uow, code)
    check_status(form, view.status)
    if form == "02" and not view.supplements:
        raise ValidationError("E_FORM_INPUT", "Hồ sơ chưa có yêu cầu bổ sung nào để in Mẫu 02.")
    apology = _latest_apology(uow, view.id) if form == "04" else None
    if form == "04" and apology is None:
        raise ValidationError(
            "E_FORM_INPUT",
            "Hồ sơ chưa có phiếu xin lỗi (lý do chậm và ngày hẹn trả mới) để in Mẫu 04.",
            hint="Lập phiếu xin lỗi và hẹn lại ngày trả kết quả trước khi in.",
        )
    lead_agency = (
        uow.session.scalar(select(m.Dossier.lead_agency).where(m.Dossier.id == view.id)) or ""
    )
    slips = uow.session.scalars(
        select(m.ControlSlipRow)
        .where(m.ControlSlipRow.dossier_id == view.id)
        .order_by(m.ControlSlipRow.at, m.ControlSlipRow.id)
    ).all()
    return FormData(
        form=form,
        view=view,
        office=office,
        lead_agency=lead_agency,
        slip_rows=tuple(SlipRow(s.from_party, s.to_party, s.at, s.result, s.note) for s in slips),
        apology=apology,
        previous_prints=_previous_prints(uow, view.id, form),
        printed_by=actor,
        now=uow.core.now(),
        payment=payments.qr_in(uow, view.code) if form == "01" else None,
    )


def _office(uow: UnitOfWork) -> OfficeView:
    """The agency header of every form; E_OFFICE_MISSING before the first-run set-up."""
    row = office_service.require_office(uow)
    return OfficeView(**{f.name: getattr(row, f.name) for f in dataclasses.fields(OfficeView)})


def _latest_apology(uow: UnitOfWork, dossier_id: int) -> ApologyView | None:
    row = uow.session.scalars(
        select(m.Apology)
        .where(m.Apology.dossier_id == dossier_id)
        .order_by(m.Apology.issued_at.desc(), m.Apology.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return ApologyView(
        row.issued_at, row.issued_by_name, row.reason, row.previous_due_at, row.new_appointment_at
    )


def _previous_prints(uow: UnitOfWork, dossier_id: int, form: str) -> int:
    return int(
        uow.session.scalar(
            select(func.count(m.PrintedForm.id)).where(
                m.PrintedForm.dossier_id == dossier_id, m.PrintedForm.form == form
            )
        )
        or 0
    )


def load(core: Core, actor: Actor, code: str, form: str) -> FormData:
    """The data for a preview: nothing is recorded until the form is printed or saved."""
    require(actor, "view")
    with core.uow(write=False) as uow:
        return gather(uow, actor, code, form)


def produce(
    core: Core,
    actor: Actor,
    code: str,
    form: str,
    render: Callable[[FormData], Output],
    deliver: Callable[[bytes], None],
    *,
    note: str = "",
) -> tuple[Output, PrintRecord]:
    """Render, record and hand over in one transaction: a failed delivery records nothing."""
    require(actor, "view")
    with core.uow() as uow:
        data = gather(uow, actor, code, form)
        output = render(data)
        record = _record(
            uow,
            actor,
            dossier_id=data.view.id,
            code=data.view.code,
            form=form,
            output=output,
            reprint=data.reprint,
            note=note,
        )
        deliver(output.data)
        uow.commit()
        return output, record


def record_print(
    core: Core,
    actor: Actor,
    code: str,
    form: str,
    output: Output,
    *,
    reprint: bool,
    note: str = "",
) -> PrintRecord:
    """Record a form printed (or saved) from the preview: `output` is what was shown."""
    require(actor, "view")
    form_name(form)
    with core.uow() as uow:
        view = view_in(uow, code)
        record = _record(
            uow,
            actor,
            dossier_id=view.id,
            code=view.code,
            form=form,
            output=output,
            reprint=reprint,
            note=note,
        )
        uow.commit()
        return record


def _record(
    uow: UnitOfWork,
    actor: Actor,
    *,
    dossier_id: int | None,
    code: str,
    form: str,
    output: Output,
    reprint: bool,
    note: str,
) -> PrintRecord:
    row = m.PrintedForm(
        dossier_id=dossier_id,
        form=form,
        template_id=output.template_id,
        template_version=output.template_version,
        printed_by=actor.user_id,
        printed_at=uow.core.now(),
        reprint=reprint,
        sha256=output.sha256,
    )
    uow.session.add(row)
    uow.session.flush()
    lookup = ""
    if dossier_id is not None:
        lookup = (
            uow.session.scalar(select(m.Dossier.holder_id_lookup).where(m.Dossier.id == dossier_id))
            or ""
        )
    detail = (
        f"{FORM_NAMES[form]}; mẫu {output.template_id} phiên bản {output.template_version}; "
        f"{'bản in lại' if reprint else 'bản in đầu'}; {output.media}; sha256 {output.sha256}"
    )
    uow.audit(
        actor,
        "export" if output.media == "xlsx" else "print",
        "dossier" if dossier_id is not None else "tracking_book",
        code,
        subject_lookup=lookup,
        detail=f"{detail}; {note}" if note else detail,
    )
    return PrintRecord(
        row.id,
        code,
        form,
        row.template_id,
        row.template_version,
        actor.full_name,
        row.printed_at,
        reprint,
        row.sha256,
    )


def history(core: Core, actor: Actor, code: str) -> list[PrintRecord]:
    """Every form printed for a dossier, oldest first."""
    require(actor, "view")
    with core.uow(write=False) as uow:
        view = view_in(uow, code)
        rows = uow.session.execute(
            select(m.PrintedForm, m.User.full_name)
            .outerjoin(m.User, m.User.id == m.PrintedForm.printed_by)
            .where(m.PrintedForm.dossier_id == view.id)
            .order_by(m.PrintedForm.id)
        ).all()
        return [
            PrintRecord(
                p.id,
                view.code,
                p.form,
                p.template_id,
                p.template_version,
                name or "Hệ thống",
                p.printed_at,
                p.reprint,
                p.sha256,
            )
            for p, name in rows
        ]


# -- Mẫu 06: the tracking book ---------------------------------------------------------------


@dataclass(frozen=True)
class BookRow:
    """One line of the tracking book (Sổ theo dõi hồ sơ)."""

    volume: str
    number: int
    code: str
    procedure_name: str
    sets_count: int
    applicant: str
    address: str
    phone: str  # masked unless an unmasked book was asked for (and allowed)
    lead_agency: str
    received_at: datetime
    appointment_at: datetime
    sent_at: datetime | None  # handed to the processing department (first status 4)
    result_at: datetime | None  # result back from processing (first status 9)
    returned_at: datetime | None
    receiver_name: str
    status: Status
    notes: str


@dataclass(frozen=True)
class TrackingBook:
    office: OfficeView
    start: date
    end: date
    rows: tuple[BookRow, ...]
    masked: bool
    generated_at: datetime

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def tracking_book(
    core: Core, actor: Actor, start: date, end: date, *, unmasked: bool = False
) -> TrackingBook:
    """Dossiers received from `start` to `end` (local dates, inclusive), in book order."""
    require(actor, "view")
    if unmasked:
        require(actor, "export_unmasked")
    if end < start:
        raise ValidationError(
            "E_DATE_RANGE", f"Ngày kết thúc {end:%d/%m/%Y} trước ngày bắt đầu {start:%d/%m/%Y}."
        )
    if end - start > timedelta(days=MAX_BOOK_DAYS):
        raise ValidationError(
            "E_DATE_RANGE",
            f"Khoảng ngày dài quá {MAX_BOOK_DAYS} ngày.",
            hint="In sổ theo từng năm hoặc từng tháng.",
        )
    with core.uow(write=False) as uow:
        office = _office(uow)
        sent = _first_move(Status.PROCESSING)
        done = _first_move(Status.DONE)
        d = m.Dossier
        stmt = (
            select(d, sent.c.at, done.c.at)
            .outerjoin(sent, sent.c.dossier_id == d.id)
            .outerjoin(done, done.c.dossier_id == d.id)
            .where(
                d.received_day >= start,
                d.received_day <= end,
                d.status.not_in([int(S.NEW_ONLINE), int(S.NOT_RECEIVED)]),
            )
            .order_by(d.received_at, d.id)
        )
        rows = tuple(
            BookRow(
                volume=r.book_volume,
                number=r.book_number,
                code=r.code,
                procedure_name=r.procedure_name,
                sets_count=r.sets_count,
                applicant=r.holder_name,
                address=r.holder_address,
                phone=r.holder_phone if unmasked else mask_phone(r.holder_phone),
                lead_agency=r.lead_agency,
                received_at=r.received_at,
                appointment_at=r.appointment_at,
                sent_at=sent_at,
                result_at=result_at,
                returned_at=r.returned_at,
                receiver_name=r.receiver_name,
                status=Status(r.status),
                notes=r.notes,
            )
            for r, sent_at, result_at in uow.session.execute(stmt)
        )
    return TrackingBook(office, start, end, rows, not unmasked, core.now())


def _first_move(status: Status) -> Any:
    sc = m.StatusChange
    return (
        select(sc.dossier_id, func.min(sc.at).label("at"))
        .where(sc.to_status == int(status))
        .group_by(sc.dossier_id)
        .subquery()
    )


def record_book(core: Core, actor: Actor, book: TrackingBook, output: Output) -> PrintRecord:
    """The tracking book printed (audit "print") or exported to a spreadsheet ("export")."""
    require(actor, "view")
    if not book.masked:
        require(actor, "export_unmasked")
    with core.uow() as uow:
        record = _record(
            uow,
            actor,
            dossier_id=None,
            code=book.label,
            form="06",
            output=output,
            reprint=False,
            note=f"{len(book.rows)} hồ sơ" + ("" if book.masked else "; không che số điện thoại"),
        )
        uow.commit()
        return record
