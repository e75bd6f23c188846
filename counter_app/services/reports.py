"""Reports for the supervisor: the daily summary, the on-time rate, the week's chart and the
rows of the tracking book (Sổ theo dõi hồ sơ, Mẫu 06). Writing them to files: `exports`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, select

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.status import Status
from counter_app.domain.timeliness import Timeliness
from counter_app.services.context import Actor, Core, UnitOfWork, require
from counter_app.services.queue import tally
from counter_app.services.queue_query import JUDGED, QueueQuery, group_key
from counter_app.services.queue_query import D as Dossier
from counter_app.services.queue_terms import Category, GroupBy, Period, QueueRow
from counter_app.storage import models as m
from counter_app.text import mask_phone

WEEK_DAYS = 7


@dataclass(frozen=True)
class OnTimeStats:
    """Dossiers whose processing ended in the period, judged against their deadline."""

    finished: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def rate(self) -> float | None:
        """Share finished early or on time; None when nothing finished."""
        return (self.early + self.on_time) / self.finished if self.finished else None

    @property
    def rate_text(self) -> str:
        rate = self.rate
        return "—" if rate is None else f"{rate * 100:.1f}%".replace(".", ",")

    def add(self, verdict: Timeliness) -> OnTimeStats:
        return OnTimeStats(
            self.finished + 1,
            self.early + (verdict is Timeliness.EARLY),
            self.on_time + (verdict is Timeliness.ON_TIME),
            self.late + (verdict is Timeliness.OVERDUE),
        )


@dataclass(frozen=True)
class ProcedureLine:
    code: str
    name: str
    received: int
    finished: int
    on_time: int
    overdue: int
    returned: int


@dataclass(frozen=True)
class DailySummary:
    day: date
    office_name: str
    unit_id: str
    as_of: datetime
    counts: dict[Category, int]
    on_time: OnTimeStats
    overdue: list[QueueRow]
    procedures: list[ProcedureLine]
    prepared_by: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "office": self.office_name,
            "unit_id": self.unit_id,
            "as_of": self.as_of.astimezone(VN_TZ).isoformat(timespec="seconds"),
            "counts": {c.value: n for c, n in self.counts.items()},
            "finished": self.on_time.finished,
            "early": self.on_time.early,
            "on_time": self.on_time.on_time,
            "late": self.on_time.late,
            "on_time_rate": self.on_time.rate,
            "overdue": [r.to_dict() for r in self.overdue],
            "procedures": [p.__dict__ for p in self.procedures],
        }


@dataclass(frozen=True)
class DayPoint:
    day: date
    received: int
    returned: int
    overdue: int


def on_time_in(q: QueueQuery, group_by: GroupBy | None = None) -> dict[str, OnTimeStats]:
    """On-time figures of dossiers that ended in `q.period` (key "" = all, or per group)."""
    p = q.period
    facts = q.facts(
        and_(
            Dossier.ended_at >= p.start,
            Dossier.ended_at < p.end,
            Dossier.ended_at <= q.as_of,
            Dossier.status.in_(JUDGED),
        )
    )
    out: dict[str, OnTimeStats] = {"": OnTimeStats()}
    for fact, deadline in q.with_deadlines(facts):
        out[""] = out[""].add(deadline.verdict)
        if group_by is not None:
            key = group_key(group_by, fact)
            out[key] = out.get(key, OnTimeStats()).add(deadline.verdict)
    return out


def on_time_rate(core: Core, actor: Actor, period: Period) -> OnTimeStats:
    require(actor, "supervise")
    with core.uow(write=False) as uow:
        return on_time_in(QueueQuery(uow, period))[""]


def daily_summary(core: Core, actor: Actor, day: date) -> DailySummary:
    """Báo cáo tổng hợp trong ngày: counts, on-time rate, overdue list, per procedure."""
    require(actor, "supervise")
    period = Period.day(day)
    with core.uow(write=False) as uow:
        q = QueueQuery(uow, period)
        by_procedure = tally(q, tuple(Category), GroupBy.PROCEDURE)
        stats = on_time_in(q, GroupBy.PROCEDURE)
        overdue = sorted(q.judged(Category.OVERDUE), key=lambda p: (-p[1].late_by, p[1].due_at))
        office = uow.session.scalars(select(m.Office)).first()
        lines = []
        for g in by_procedure.groups:
            done = stats.get(g.key, OnTimeStats())
            line = ProcedureLine(
                code=g.key,
                name=g.label.split(" – ", 1)[-1],
                received=g.counts[Category.RECEIVED],
                finished=done.finished,
                on_time=done.early + done.on_time,
                overdue=g.counts[Category.OVERDUE],
                returned=g.counts[Category.RETURNED],
            )
            if line.received or line.finished or line.overdue or line.returned:
                lines.append(line)
        return DailySummary(
            day=day,
            office_name=office.name if office else "",
            unit_id=office.unit_id if office else "",
            as_of=q.as_of,
            counts=by_procedure.totals,
            on_time=stats[""],
            overdue=q.rows(q.full(overdue)),
            procedures=lines,
            prepared_by=actor.full_name,
        )


def week(core: Core, actor: Actor, last_day: date) -> list[DayPoint]:
    """Received vs returned vs overdue for the seven days ending on `last_day` (the chart)."""
    require(actor, "supervise")
    wanted = (Category.RECEIVED, Category.RETURNED, Category.OVERDUE)
    points = []
    with core.uow(write=False) as uow:
        for n in range(WEEK_DAYS - 1, -1, -1):
            day = last_day - timedelta(days=n)
            totals = tally(QueueQuery(uow, Period.day(day)), wanted).totals
            points.append(
                DayPoint(
                    day,
                    totals[Category.RECEIVED],
                    totals[Category.RETURNED],
                    totals[Category.OVERDUE],
                )
            )
    return points


# -- the tracking book (Mẫu 06) -----------------------------------------------------------


@dataclass(frozen=True)
class BookRow:
    """One line of Sổ theo dõi hồ sơ; personal data masked unless an export unmasks it."""

    number: int
    code: str
    procedure_name: str
    sets_count: int
    holder_name: str
    holder_id: str
    address: str
    phone: str
    lead_agency: str
    received_at: datetime
    appointment_at: datetime
    sent_at: datetime | None  # first hand-over to the processing department
    result_at: datetime | None  # processing finished (status 9)
    returned_at: datetime | None
    receiver_name: str
    note: str


def tracking_book(
    core: Core, actor: Actor, period: Period, *, unmasked: bool = False
) -> list[BookRow]:
    """Dossiers received in the period, in book order (Quyển, Số thứ tự)."""
    require(actor, "export_unmasked" if unmasked else "supervise")
    with core.uow(write=False) as uow:
        return _book_rows(uow, period, unmasked=unmasked)


def _book_rows(uow: UnitOfWork, period: Period, *, unmasked: bool) -> list[BookRow]:
    session, protector = uow.session, uow.core.protector
    rows = session.scalars(
        select(m.Dossier)
        .where(
            Dossier.received_day >= period.first,
            Dossier.received_day <= period.last,
            Dossier.status.notin_((1, 3)),
        )
        .order_by(Dossier.book_volume, Dossier.book_number, Dossier.id)
    ).all()
    first_sent: dict[int, datetime] = {}
    ids = [r.id for r in rows]
    for i in range(0, len(ids), 5000):
        slips = session.execute(
            select(m.ControlSlipRow.dossier_id, m.ControlSlipRow.at)
            .where(m.ControlSlipRow.dossier_id.in_(ids[i : i + 5000]))
            .order_by(m.ControlSlipRow.at)
        )
        for dossier_id, at in slips:
            first_sent.setdefault(dossier_id, at)
    out = []
    for r in rows:
        status = Status(r.status)
        done = r.ended_at if status in (Status.DONE, Status.RETURNED) else None
        out.append(
            BookRow(
                number=r.book_number,
                code=r.code,
                procedure_name=r.procedure_name,
                sets_count=r.sets_count,
                holder_name=r.holder_name,
                holder_id=protector.unseal(r.holder_id_sealed) if unmasked else r.holder_id_masked,
                address=r.holder_address,
                phone=r.holder_phone if unmasked else mask_phone(r.holder_phone),
                lead_agency=r.lead_agency,
                received_at=r.received_at,
                appointment_at=r.appointment_at,
                sent_at=first_sent.get(r.id),
                result_at=done,
                returned_at=r.returned_at,
                receiver_name=r.receiver_name,
                note=status.label,
            )
        )
    return out
