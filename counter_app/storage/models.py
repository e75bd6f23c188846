"""The schema: one typed model per table (SQLAlchemy 2 declarative, `Mapped[...]`).

Personal identifiers are never stored in clear: `*_sealed` holds the encrypted value,
`*_lookup` a keyed hash for equality search, `*_masked` what lists may show.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from counter_app.storage.types import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime()}


class Office(Base):
    """The receiving unit (Bộ phận một cửa) this database belongs to: one row."""

    __tablename__ = "office"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[str] = mapped_column(String(40))  # QCVN 102:2016, e.g. 000.00.01.H22
    name: Mapped[str] = mapped_column(String(300))
    agency_name: Mapped[str] = mapped_column(String(300), default="")  # cơ quan chủ quản
    province_code: Mapped[str] = mapped_column(String(10), default="")
    province_name: Mapped[str] = mapped_column(String(200), default="")
    commune_code: Mapped[str] = mapped_column(String(10), default="")
    commune_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    book_volume: Mapped[str] = mapped_column(String(40), default="1")  # Quyển số
    code_pattern: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime]
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")  # chức danh, printed on forms
    role: Mapped[str] = mapped_column(String(20))  # clerk | supervisor | admin
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    counter: Mapped[str] = mapped_column(String(40), default="")  # quầy số
    created_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None]


class Procedure(Base):
    __tablename__ = "procedures"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    name_folded: Mapped[str] = mapped_column(String(500), index=True)
    field: Mapped[str] = mapped_column(String(200), default="")
    field_code: Mapped[str] = mapped_column(String(60), default="")
    level: Mapped[str] = mapped_column(String(60), default="")
    duration: Mapped[int] = mapped_column(default=1)
    duration_unit: Mapped[str] = mapped_column(String(10), default="days")
    cutoff: Mapped[str | None] = mapped_column(String(5))  # "HH:MM"
    fees: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{name, amount_vnd, code, note}]
    source: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime]
    components: Mapped[list[ProcedureComponent]] = relationship(
        back_populates="procedure",
        order_by="ProcedureComponent.position",
        cascade="all, delete-orphan",
    )


class ProcedureComponent(Base):
    __tablename__ = "procedure_components"
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(60), default="")
    copy_type: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(default=1)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    must_digitize: Mapped[bool] = mapped_column(Boolean, default=False)
    procedure: Mapped[Procedure] = relationship(back_populates="components")


class Applicant(Base):
    """People the counter has seen: a known ID brings back their details at the next visit."""

    __tablename__ = "applicants"
    id: Mapped[int] = mapped_column(primary_key=True)
    id_lookup: Mapped[str] = mapped_column(String(64), unique=True)
    id_sealed: Mapped[str] = mapped_column(String(200))
    id_masked: Mapped[str] = mapped_column(String(20))
    old_id_sealed: Mapped[str] = mapped_column(String(200), default="")
    full_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[str] = mapped_column(String(10), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime]


class Dossier(Base):
    """A case (hồ sơ). Holder details are a snapshot as received: the receipt never changes."""

    __tablename__ = "dossiers"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    unit_id: Mapped[str] = mapped_column(String(40))
    received_day: Mapped[date] = mapped_column(Date)  # local (Asia/Ho_Chi_Minh) receipt date
    seq: Mapped[int]
    procedure_id: Mapped[int | None] = mapped_column(ForeignKey("procedures.id"))
    procedure_code: Mapped[str] = mapped_column(String(60))
    procedure_name: Mapped[str] = mapped_column(String(500))
    field: Mapped[str] = mapped_column(String(200), default="")
    # Holder (chủ hồ sơ)
    holder_name: Mapped[str] = mapped_column(String(200))
    holder_id_sealed: Mapped[str] = mapped_column(String(200), default="")
    holder_id_lookup: Mapped[str] = mapped_column(String(64), default="")
    holder_id_masked: Mapped[str] = mapped_column(String(20), default="")
    holder_birth_date: Mapped[date | None] = mapped_column(Date)
    holder_gender: Mapped[str] = mapped_column(String(10), default="")
    holder_address: Mapped[str] = mapped_column(String(500), default="")
    holder_phone: Mapped[str] = mapped_column(String(40), default="")
    holder_email: Mapped[str] = mapped_column(String(200), default="")
    applicant_type: Mapped[str] = mapped_column(String(20), default="citizen")
    # Submitter (người nộp), when not the holder
    submitter_name: Mapped[str] = mapped_column(String(200), default="")
    submitter_id_sealed: Mapped[str] = mapped_column(String(200), default="")
    submitter_id_masked: Mapped[str] = mapped_column(String(20), default="")
    submitter_phone: Mapped[str] = mapped_column(String(40), default="")
    submitter_relation: Mapped[str] = mapped_column(String(100), default="")
    # Case
    channel: Mapped[int] = mapped_column(default=1)  # KenhThucHien: 1 direct, 2 online, 3 post
    return_method: Mapped[int] = mapped_column(default=0)  # HinhThuc: 0 counter, 1 post
    return_address: Mapped[str] = mapped_column(String(500), default="")
    sets_count: Mapped[int] = mapped_column(default=1)
    duration: Mapped[int] = mapped_column(default=1)
    duration_unit: Mapped[str] = mapped_column(String(10), default="days")
    received_at: Mapped[datetime]
    clock_start_at: Mapped[datetime]
    appointment_at: Mapped[datetime]
    status: Mapped[int]
    status_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]  # first end of processing (9, else 10, 8, 3, 7): a fact
    supplement_count: Mapped[int] = mapped_column(default=0)
    waiting_since: Mapped[datetime | None]  # set while a supplement is outstanding
    fee_total: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    counter: Mapped[str] = mapped_column(String(40), default="")
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # received by
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # handling now
    book_volume: Mapped[str] = mapped_column(String(40), default="1")
    book_number: Mapped[int] = mapped_column(default=0)
    lead_agency: Mapped[str] = mapped_column(String(300), default="")
    returned_at: Mapped[datetime | None]
    receiver_name: Mapped[str] = mapped_column(String(200), default="")
    receiver_id_sealed: Mapped[str] = mapped_column(String(200), default="")
    receiver_id_masked: Mapped[str] = mapped_column(String(20), default="")
    result_note: Mapped[str] = mapped_column(Text, default="")
    # "Nhắn tin khi có kết quả" (notify_1): the citizen's opt-in, given at intake
    notify_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)
    notify_channel: Mapped[str] = mapped_column(String(10), default="")  # sms | zalo
    notify_phone_sealed: Mapped[str] = mapped_column(String(200), default="")
    notify_phone_masked: Mapped[str] = mapped_column(String(20), default="")
    notify_opted_at: Mapped[datetime | None]
    search_text: Mapped[str] = mapped_column(Text, default="")  # folded: FTS5 / trigram source
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    components: Mapped[list[DossierComponent]] = relationship(
        order_by="DossierComponent.position", cascade="all, delete-orphan"
    )
    fees: Mapped[list[DossierFee]] = relationship(cascade="all, delete-orphan")
    history: Mapped[list[StatusChange]] = relationship(
        order_by="StatusChange.id", cascade="all, delete-orphan"
    )
    supplements: Mapped[list[SupplementRequest]] = relationship(
        order_by="SupplementRequest.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_dossiers_received_day_status", "received_day", "status"),
        Index("ix_dossiers_status_appointment", "status", "appointment_at"),
        Index("ix_dossiers_holder_lookup", "holder_id_lookup"),
        Index("ix_dossiers_officer_day", "officer_id", "received_day"),
        Index("ix_dossiers_procedure_day", "procedure_code", "received_day"),
        Index("ix_dossiers_ended_at", "ended_at"),
        Index("ix_dossiers_returned_at", "returned_at"),
        # The supervisor's queue (queue_1): every column a deadline check reads, so the
        # candidates of "overdue", "due", "due soon" come from the index, not the table.
        Index(
            "ix_dossiers_open_cover",
            "status",
            "appointment_at",
            "supplement_count",
            "received_at",
            "ended_at",
        ),
        Index(
            "ix_dossiers_ended_cover",
            "ended_at",
            "appointment_at",
            "supplement_count",
            "received_at",
            "status",
        ),
        Index("ix_dossiers_returned_ended", "returned_at", "ended_at"),
        UniqueConstraint("unit_id", "received_day", "seq", name="uq_dossiers_unit_day_seq"),
    )


class DossierComponent(Base):
    __tablename__ = "dossier_components"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(60), default="")
    copy_type: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(default=1)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    must_digitize: Mapped[bool] = mapped_column(Boolean, default=False)
    from_catalog: Mapped[bool] = mapped_column(Boolean, default=True)


class DossierFee(Base):
    __tablename__ = "dossier_fees"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    code: Mapped[str] = mapped_column(String(60), default="")
    amount_vnd: Mapped[int] = mapped_column(default=0)
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
    payment_method: Mapped[str] = mapped_column(String(20), default="")  # cash | transfer
    payment_ref: Mapped[str] = mapped_column(String(100), default="")
    paid_at: Mapped[datetime | None]


class StatusChange(Base):
    """Status history: who moved the dossier, when, and why."""

    __tablename__ = "status_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[int | None]
    to_status: Mapped[int]
    at: Mapped[datetime]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    user_name: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default="local")  # local | upstream


class SupplementRequest(Base):
    """Yêu cầu bổ sung: the clock pauses from `requested_at` until `received_at`."""

    __tablename__ = "supplement_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    requested_at: Mapped[datetime]
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    items: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{name, copy_type, count}]
    received_at: Mapped[datetime | None]
    received_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    # Who was waiting at a given moment (queue_1): requests still open then, table untouched.
    __table_args__ = (
        Index("ix_supplement_requests_received", "received_at", "requested_at", "dossier_id"),
    )


class ControlSlipRow(Base):
    """Mẫu 05 rows: the paper dossier handed from one department to the next."""

    __tablename__ = "control_slip_rows"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    from_party: Mapped[str] = mapped_column(String(300))
    to_party: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime]
    result: Mapped[str] = mapped_column(String(20), default="")  # early | on_time | late
    note: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class PrintedForm(Base):
    __tablename__ = "printed_forms"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    form: Mapped[str] = mapped_column(String(40))  # 01 … 06, tt03-stop …
    template_id: Mapped[str] = mapped_column(String(80))
    template_version: Mapped[str] = mapped_column(String(20))
    printed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    printed_at: Mapped[datetime]
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    sha256: Mapped[str] = mapped_column(String(64), default="")


class Attachment(Base):
    """A digitized component or result: one PDF in the content-addressed store."""

    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    component_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossier_components.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(20), default="component")  # component | result
    title: Mapped[str] = mapped_column(String(500), default="")
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    pages: Mapped[int] = mapped_column(default=1)
    mime: Mapped[str] = mapped_column(String(60), default="application/pdf")
    copy_type: Mapped[str] = mapped_column(String(20), default="copy")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    signed_by: Mapped[str] = mapped_column(String(300), default="")
    signed_at: Mapped[datetime | None]
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AuditEvent(Base):
    """Append-only audit log, chained by hash so an edit or a deletion is detectable."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    user_id: Mapped[int | None]
    username: Mapped[str] = mapped_column(String(60), default="")
    action: Mapped[str] = mapped_column(String(40))  # view | create | update | print | export …
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(80), default="")
    subject_lookup: Mapped[str] = mapped_column(String(64), default="", index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    workstation: Mapped[str] = mapped_column(String(120), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutboxRow(Base):
    """A change waiting to reach the provincial system; written with the change itself.

    `id` orders rows (per dossier, in id order); `key` (UUID) is the idempotency key.
    """

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # dossier | progress | attachment | notify
    ref_id: Mapped[int | None]  # status change / attachment this row is about
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending|sending|done|dead
    last_error: Mapped[str] = mapped_column(Text, default="")
    request_hash: Mapped[str] = mapped_column(String(64), default="")
    response_hash: Mapped[str] = mapped_column(String(64), default="")
    claimed_by: Mapped[str] = mapped_column(String(80), default="")
    claimed_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_outbox_state_next", "state", "next_attempt_at"),)


class SyncMeta(Base):
    __tablename__ = "sync_meta"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class CodeSequence(Base):
    """Last dossier sequence per unit and receipt day, bumped in the registering transaction."""

    __tablename__ = "code_sequences"
    unit_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class BookSequence(Base):
    """Số thứ tự in the tracking book (Sổ theo dõi hồ sơ), per volume."""

    __tablename__ = "book_sequences"
    volume: Mapped[str] = mapped_column(String(40), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class CalendarOverride(Base):
    """Extra days off and extra working days (e.g. the government's yearly swaps)."""

    __tablename__ = "calendar_overrides"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(300), default="")


class Blob(Base):
    """Small binary settings (e.g. a logo) that must travel with the office database."""

    __tablename__ = "blobs"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Apology(Base):
    """Mẫu 04 (phiếu xin lỗi và hẹn lại ngày trả kết quả): reason and the new return date.

    The dossier's `appointment_at` stays the original promise: timeliness is judged against
    it, so an apology never turns a late dossier into an on-time one.
    """

    __tablename__ = "apologies"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    issued_at: Mapped[datetime]
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_by_name: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text)
    previous_due_at: Mapped[datetime]  # the deadline in force when the apology was issued
    new_appointment_at: Mapped[datetime] = mapped_column(index=True)


class Reassignment(Base):
    """A supervisor hands a dossier to another officer (cán bộ xử lý)."""

    __tablename__ = "reassignments"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime]
    from_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    to_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    by_name: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")


# --- queue numbers (migration tickets_1) ---


class TicketGroup(Base):
    """A queue-number group (nhóm số thứ tự) serving some procedure fields; () = any field."""

    __tablename__ = "ticket_groups"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)  # "A", "B", …
    name: Mapped[str] = mapped_column(String(200))
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Ticket(Base):
    """One queue number (số thứ tự) taken at the kiosk; numbered per local day."""

    __tablename__ = "tickets"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)  # local (Asia/Ho_Chi_Minh) day taken
    number: Mapped[int]
    group_code: Mapped[str] = mapped_column(ForeignKey("ticket_groups.code"))
    state: Mapped[str] = mapped_column(String(10), default="waiting")  # see services/tickets
    taken_at: Mapped[datetime]
    called_at: Mapped[datetime | None]  # first call: waiting time ends here
    ended_at: Mapped[datetime | None]
    counter: Mapped[str] = mapped_column(String(40), default="")
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    call_count: Mapped[int] = mapped_column(default=0)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    dossier_code: Mapped[str] = mapped_column(String(60), default="")

    __table_args__ = (
        UniqueConstraint("day", "number", name="uq_tickets_day_number"),
        Index("ix_tickets_waiting", "day", "state", "group_code", "number"),
        Index("ix_tickets_counter_state", "counter", "state"),
        Index("ix_tickets_taken_at", "taken_at"),
    )


class TicketSequence(Base):
    """Last queue number per local day, bumped in the taking transaction (one per office DB)."""

    __tablename__ = "ticket_sequences"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class TicketCall(Base):
    """One call or recall of a ticket: what the hall display polls (by id)."""

    __tablename__ = "ticket_calls"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    counter: Mapped[str] = mapped_column(String(40))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    repeat: Mapped[bool] = mapped_column(Boolean, default=False)


# --- fee payments (migration payments_1) ---


class FeePayment(Base):
    """Nộp phí, lệ phí: one payment received for a dossier, in cash or by bank transfer
    (VietQR). Rows are only ever added: what the counter received is a fact."""

    __tablename__ = "fee_payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    method: Mapped[str] = mapped_column(String(20))  # cash | transfer
    amount_vnd: Mapped[int]
    reference: Mapped[str] = mapped_column(String(100), default="")  # the bank's reference
    recorded_at: Mapped[datetime] = mapped_column(index=True)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(200), default="")
    counter: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    # One bank transaction pays one fee, whichever counter records it.
    __table_args__ = (
        Index(
            "ix_fee_payments_reference",
            "reference",
            unique=True,
            sqlite_where=text("method = 'transfer'"),
            postgresql_where=text("method = 'transfer'"),
        ),
    )


# --- satisfaction ratings (migration ratings_1) ---


class SatisfactionRating(Base):
    """One citizen's tap on the rating window (đánh giá mức độ hài lòng).

    The officer comes from the hand-over (who recorded status 10), never from the citizen; no
    personal data is asked for. One rating per dossier (the unique key); a walk-in rating has
    no dossier. Names are a snapshot as rated, like the other acts.
    """

    __tablename__ = "satisfaction_ratings"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossiers.id", ondelete="SET NULL"), unique=True
    )
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    officer_name: Mapped[str] = mapped_column(String(200), default="")
    procedure_code: Mapped[str] = mapped_column(String(60), default="")
    procedure_name: Mapped[str] = mapped_column(String(500), default="")
    counter: Mapped[str] = mapped_column(String(40), default="")
    level: Mapped[str] = mapped_column(String(20))  # very_satisfied | satisfied | not_satisfied
    comment: Mapped[str] = mapped_column(Text, default="")
    rated_at: Mapped[datetime] = mapped_column(index=True)
    workstation: Mapped[str] = mapped_column(String(100), default="")

    __table_args__ = (
        Index("ix_satisfaction_ratings_officer_at", "officer_id", "rated_at"),
        Index("ix_satisfaction_ratings_procedure_at", "procedure_code", "rated_at"),
    )


# --- result-ready notifications (migration notify_1) ---
