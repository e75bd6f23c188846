"""Read models handed to front ends (CLI, ui, printing, sync): plain data, no ORM objects."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from datetime import date, datetime, timedelta
from typing import Any

from counter_app.domain.calendar import VN_TZ, WorkingCalendar
from counter_app.domain.procedures import CopyType, DurationUnit
from counter_app.domain.status import Status
from counter_app.domain.timeliness import Deadline, Pause, Timeliness, assess
from counter_app.protection import Protector
from counter_app.storage import models as m

CHANNEL_LABELS = {1: "Trực tiếp", 2: "Trực tuyến", 3: "Bưu chính công ích"}
RETURN_LABELS = {0: "Tại Bộ phận Một cửa", 1: "Qua dịch vụ bưu chính"}
NOTIFY_LABELS = {"sms": "SMS", "zalo": "Zalo"}  # how the citizen is told the result is ready


@dataclass(frozen=True)
class ComponentView:
    id: int
    position: int
    name: str
    copy_type: CopyType
    count: int
    required: bool
    must_digitize: bool
    code: str = ""


@dataclass(frozen=True)
class FeeView:
    name: str
    amount_vnd: int
    code: str = ""
    paid: bool = False
    payment_method: str = ""
    payment_ref: str = ""


@dataclass(frozen=True)
class HistoryView:
    from_status: Status | None
    to_status: Status
    at: datetime
    user_name: str
    reason: str
    source: str


@dataclass(frozen=True)
class SupplementView:
    id: int
    requested_at: datetime
    reason: str
    items: list[dict[str, Any]]
    received_at: datetime | None


@dataclass(frozen=True)
class DossierView:
    """Everything about one dossier a form, a screen or the sync needs."""

    id: int
    code: str
    unit_id: str
    procedure_code: str
    procedure_name: str
    field: str
    holder_name: str
    holder_id_masked: str
    holder_birth_date: date | None
    holder_gender: str
    holder_address: str
    holder_phone: str
    holder_email: str
    submitter_name: str
    submitter_id_masked: str
    submitter_phone: str
    submitter_relation: str
    channel: int
    return_method: int
    return_address: str
    sets_count: int
    duration: int
    duration_unit: DurationUnit
    received_at: datetime
    clock_start_at: datetime
    appointment_at: datetime
    status: Status
    status_at: datetime
    ended_at: datetime | None
    returned_at: datetime | None
    receiver_name: str
    fee_total: int
    notes: str
    counter: str
    officer_name: str
    book_volume: str
    book_number: int
    components: list[ComponentView]
    fees: list[FeeView]
    history: list[HistoryView]
    supplements: list[SupplementView]
    deadline: Deadline
    notify_channel: str = ""  # "sms" | "zalo" when the citizen asked to be told (notify_1)
    notify_phone_masked: str = ""
    holder_id_number: str = ""  # only filled when explicitly revealed (audited)
    submitter_id_number: str = ""
    extra: dict[str, Any] = dc_field(default_factory=dict)

    @property
    def timeliness(self) -> Timeliness:
        return self.deadline.verdict

    @property
    def submitted_by(self) -> str:
        return self.submitter_name or self.holder_name

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(VN_TZ)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in list(data.items()):
            if isinstance(value, datetime | date):
                data[key] = _iso(value)
        data["status"] = int(self.status)
        data["status_label"] = self.status.label
        data["channel_label"] = CHANNEL_LABELS.get(self.channel, "")
        data["return_label"] = RETURN_LABELS.get(self.return_method, "")
        data["timeliness"] = self.timeliness.value
        data["timeliness_label"] = self.timeliness.label
        data["deadline"] = {
            "due_at": _iso(self.deadline.due_at),
            "paused_hours": self.deadline.paused / timedelta(hours=1),
            "late_hours": self.deadline.late_by / timedelta(hours=1),
        }
        for item in data["history"]:
            item["at"] = _iso(item["at"])
        for item in data["supplements"]:
            item["requested_at"] = _iso(item["requested_at"])
            item["received_at"] = _iso(item["received_at"]) if item["received_at"] else None
        if not data["holder_id_number"]:
            data.pop("holder_id_number")
        if not data["submitter_id_number"]:
            data.pop("submitter_id_number")
        return data


def _iso(value: datetime | date) -> str:
    if isinstance(value, datetime):
        return value.astimezone(VN_TZ).isoformat(timespec="seconds")
    return value.isoformat()


def pauses_of(supplements: list[m.SupplementRequest]) -> list[Pause]:
    return [Pause(s.requested_at, s.received_at) for s in supplements]


def deadline_of(
    dossier: m.Dossier, calendar: WorkingCalendar, now: datetime, due_soon: timedelta
) -> Deadline:
    return assess(
        calendar,
        appointment_at=dossier.appointment_at,
        pauses=pauses_of(dossier.supplements),
        ended_at=dossier.ended_at,
        now=now,
        due_soon=due_soon,
    )


def dossier_view(
    dossier: m.Dossier,
    *,
    calendar: WorkingCalendar,
    now: datetime,
    due_soon: timedelta,
    officer_name: str = "",
    protector: Protector | None = None,
) -> DossierView:
    """Build the read model; pass `protector` only where the clear ID is needed (and audited)."""
    return DossierView(
        id=dossier.id,
        code=dossier.code,
        unit_id=dossier.unit_id,
        procedure_code=dossier.procedure_code,
        procedure_name=dossier.procedure_name,
        field=dossier.field,
        holder_name=dossier.holder_name,
        holder_id_masked=dossier.holder_id_masked,
        holder_birth_date=dossier.holder_birth_date,
        holder_gender=dossier.holder_gender,
        holder_address=dossier.holder_address,
        holder_phone=dossier.holder_phone,
        holder_email=dossier.holder_email,
        submitter_name=dossier.submitter_name,
        submitter_id_masked=dossier.submitter_id_masked,
        submitter_phone=dossier.submitter_phone,
        submitter_relation=dossier.submitter_relation,
        channel=dossier.channel,
        return_method=dossier.return_method,
        return_address=dossier.return_address,
        sets_count=dossier.sets_count,
        duration=dossier.duration,
        duration_unit=DurationUnit(dossier.duration_unit),
        received_at=dossier.received_at,
        clock_start_at=dossier.clock_start_at,
        appointment_at=dossier.appointment_at,
        status=Status(dossier.status),
        status_at=dossier.status_at,
        ended_at=dossier.ended_at,
        returned_at=dossier.returned_at,
        receiver_name=dossier.receiver_name,
        notify_channel=dossier.notify_channel if dossier.notify_opt_in else "",
        notify_phone_masked=dossier.notify_phone_masked if dossier.notify_opt_in else "",
        fee_total=dossier.fee_total,
        notes=dossier.notes,
        counter=dossier.counter,
        officer_name=officer_name,
        book_volume=dossier.book_volume,
        book_number=dossier.book_number,
        components=[
            ComponentView(
                c.id,
                c.position,
                c.name,
                CopyType(c.copy_type),
                c.count,
                c.required,
                c.must_digitize,
                c.code,
            )
            for c in dossier.components
        ],
        fees=[
            FeeView(f.name, f.amount_vnd, f.code, f.paid, f.payment_method, f.payment_ref)
            for f in dossier.fees
        ],
        history=[
            HistoryView(
                Status(h.from_status) if h.from_status else None,
                Status(h.to_status),
                h.at,
                h.user_name,
                h.reason,
                h.source,
            )
            for h in dossier.history
        ],
        supplements=[
            SupplementView(s.id, s.requested_at, s.reason, list(s.items), s.received_at)
            for s in dossier.supplements
        ],
        deadline=deadline_of(dossier, calendar, now, due_soon),
        holder_id_number=protector.unseal(dossier.holder_id_sealed) if protector else "",
        submitter_id_number=protector.unseal(dossier.submitter_id_sealed) if protector else "",
    )
