"""Queue numbers (số thứ tự): take a ticket at the kiosk, call it at a counter, end it.

One number sequence per office and local day, shared by every group ("0001", "0002", … across
groups A, B, …). Several counters share the queue through the office database:
- taking bumps a `(day) → last` row with one upsert (services/sequences.py), so two kiosks
  never print the same number;
- calling picks the oldest waiting ticket inside a writing transaction: SQLite's
  `BEGIN IMMEDIATE` lets one writer in at a time, PostgreSQL locks the picked row with
  `FOR UPDATE SKIP LOCKED`, so two counters calling at once never get the same ticket.
Every call and recall is a `ticket_calls` row: the hall display on another PC polls them by id.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Select, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.domain.calendar import VN_TZ
from counter_app.errors import InvalidTransition, NotFound, ValidationError
from counter_app.services.context import Actor, Core, UnitOfWork, require
from counter_app.services.sequences import next_value
from counter_app.storage import models as m
from counter_app.text import clean

WAITING, CALLED, DONE, SKIPPED = "waiting", "called", "done", "skipped"
STATE_LABELS = {
    WAITING: "Đang chờ",
    CALLED: "Đang phục vụ",
    DONE: "Đã xong",
    SKIPPED: "Vắng mặt",
}
DEFAULT_GROUP_NAME = "Tiếp nhận hồ sơ"


@dataclass(frozen=True)
class TicketGroupView:
    code: str  # short, e.g. "A"
    name: str  # "Chứng thực", "Hộ tịch", …
    fields: tuple[str, ...]  # procedure fields (Procedure.field) this group serves; () = any
    active: bool = True


@dataclass(frozen=True)
class TicketView:
    id: int
    day: date  # local day (Asia/Ho_Chi_Minh)
    number: int  # one sequence per office per local day, shared by all groups
    label: str  # f"{number:04d}", what the hall shows
    group_code: str
    group_name: str
    state: str  # waiting | called | done | skipped
    taken_at: datetime
    called_at: datetime | None
    ended_at: datetime | None
    counter: str  # the counter that called it ("" while waiting)
    officer_id: int | None
    call_count: int
    dossier_code: str  # "" until a dossier is registered for it

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)


@dataclass(frozen=True)
class Taken:
    ticket: TicketView
    ahead: int  # tickets of the same group still waiting before this one


@dataclass(frozen=True)
class CallEvent:
    """One call or recall, for the hall display (polled by id)."""

    id: int
    ticket_id: int
    label: str
    group_name: str
    counter: str
    at: datetime
    repeat: bool  # a "call again"


def label_of(number: int) -> str:
    return f"{number:04d}"


# -- groups ---------------------------------------------------------------------------------


def groups(core: Core, *, include_inactive: bool = False) -> list[TicketGroupView]:
    """The ticket groups in display order; seeded from the catalogue on first use."""
    return _groups(core, include_inactive)


def _groups(core: Core, include_inactive: bool) -> list[TicketGroupView]:
    with core.uow(write=False) as uow:
        views = [_group_view(r) for r in _group_rows(uow.session)]
    if not views:
        seed_groups(core)
        with core.uow(write=False) as uow:
            views = [_group_view(r) for r in _group_rows(uow.session)]
    return [g for g in views if include_inactive or g.active]


def seed_groups(core: Core) -> int:
    """One group per procedure field of the catalogue (A, B, …), or one group for everything
    when the catalogue has no fields. Does nothing when groups exist; safe on two PCs at once."""
    with core.uow() as uow:
        if uow.session.scalar(select(func.count()).select_from(m.TicketGroup)):
            return 0
        fields = sorted(
            {
                clean(f)
                for f in uow.session.scalars(
                    select(m.Procedure.field).where(m.Procedure.active.is_(True))
                )
                if clean(f)
            }
        )
        plan = [(_seed_code(i), f, [f]) for i, f in enumerate(fields)]
        if not plan:
            plan = [("A", DEFAULT_GROUP_NAME, [])]
        insert = postgresql.insert if core.db.dialect == "postgresql" else sqlite.insert
        for position, (code, name, served) in enumerate(plan):
            uow.session.execute(
                insert(m.TicketGroup)
                .values(code=code, name=name, fields=served, position=position, active=True)
                .on_conflict_do_nothing(index_elements=["code"])
            )
        uow.commit()
        return len(plan)


def set_group(
    core: Core,
    actor: Actor,
    code: str,
    *,
    name: str | None = None,
    fields: Sequence[str] | None = None,
    active: bool | None = None,
) -> TicketGroupView:
    """Add or change a group (administrators). A new group needs a name."""
    require(actor, "office")
    code = _group_code(code)
    seed_groups(core)  # an admin edits the groups seeded from the catalogue, not a blank list
    with core.uow() as uow:
        row = uow.session.get(m.TicketGroup, code)
        if row is None:
            if not name or not clean(name):
                raise ValidationError(
                    "E_TICKET_GROUP_NAME",
                    f"Nhóm {code} chưa có: cần tên nhóm để tạo mới.",
                    hint="Thêm --name, ví dụ --name 'Chứng thực'.",
                )
            last = uow.session.scalar(select(func.max(m.TicketGroup.position)))
            row = m.TicketGroup(
                code=code, name="", fields=[], position=(last or 0) + 1, active=True
            )
            uow.session.add(row)
        if name is not None:
            if not clean(name):
                raise ValidationError("E_TICKET_GROUP_NAME", "Tên nhóm không được để trống.")
            row.name = clean(name)[:200]
        if fields is not None:
            row.fields = sorted({clean(f) for f in fields if clean(f)})
        if active is not None:
            row.active = active
        uow.audit(actor, "ticket_group_set", "ticket_group", code, detail=row.name)
        uow.commit()
        return _group_view(row)


# -- the kiosk ------------------------------------------------------------------------------


def take(core: Core, group_code: str) -> Taken:
    """Take the next number for a group (the kiosk: no login, no personal data)."""
    code = _group_code(group_code)
    try:
        return _take(core, code)
    except NotFound:
        # The first ticket of a new office: seed the groups (or another kiosk just did).
        seed_groups(core)
        return _take(core, code)


def _take(core: Core, code: str) -> Taken:
    with core.uow() as uow:
        group = uow.session.get(m.TicketGroup, code)
        if group is None or not group.active:
            raise _unknown_group(code)
        now = core.now()
        day = now.astimezone(VN_TZ).date()
        number = next_value(uow.session, m.TicketSequence, {"day": day})
        ticket = m.Ticket(
            day=day,
            number=number,
            group_code=code,
            state=WAITING,
            taken_at=now,
            counter="",
            call_count=0,
            dossier_code="",
        )
        uow.session.add(ticket)
        uow.session.flush()
        ahead = uow.session.scalar(
            select(func.count())
            .select_from(m.Ticket)
            .where(
                m.Ticket.day == day,
                m.Ticket.state == WAITING,
                m.Ticket.group_code == code,
                m.Ticket.number < number,
            )
        )
        view = _view(ticket, group.name)
        uow.commit()
        return Taken(view, int(ahead or 0))


# -- the counter ----------------------------------------------------------------------------


def call_next(
    core: Core, actor: Actor, counter: str, groups: Sequence[str] | None = None
) -> TicketView | None:
    """End this counter's current ticket (served without a dossier) and call the oldest
    waiting ticket of today in the given groups (None = all). None when nobody waits."""
    require(actor, "intake")
    counter = _counter(counter)
    codes = _group_codes(groups)
    with core.uow() as uow:
        _check_known(uow.session, codes)
        now = core.now()
        _end_current(uow.session, counter, now)
        pick: Select[m.Ticket] = (
            select(m.Ticket)
            .where(m.Ticket.day == now.astimezone(VN_TZ).date(), m.Ticket.state == WAITING)
            .order_by(m.Ticket.number)
            .limit(1)
        )
        if codes is not None:
            pick = pick.where(m.Ticket.group_code.in_(codes))
        if core.db.dialect == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        ticket = uow.session.scalars(pick).first()
        if ticket is None:
            uow.commit()  # the previous ticket still ends
            return None
        ticket.state = CALLED
        ticket.called_at = now
        ticket.counter = counter
        ticket.officer_id = actor.user_id
        view = _record_call(uow, actor, ticket, repeat=False)
        uow.commit()
        return view


def call_again(core: Core, actor: Actor, ticket_id: int) -> TicketView:
    """Call the same number again (the citizen did not hear it). A skipped ticket whose
    holder turns up later is called back to the counter that skipped it."""
    require(actor, "intake")
    with core.uow() as uow:
        ticket = _ticket(uow.session, ticket_id)
        if ticket.state not in (CALLED, SKIPPED):
            raise _wrong_state(ticket, "gọi lại")
        if ticket.state == SKIPPED:
            _end_current(uow.session, ticket.counter, core.now())
            ticket.state = CALLED
            ticket.ended_at = None
        view = _record_call(uow, actor, ticket, repeat=True)
        uow.commit()
        return view


def skip(core: Core, actor: Actor, ticket_id: int) -> TicketView:
    """The called citizen did not come (vắng mặt): the counter moves on."""
    require(actor, "intake")
    with core.uow() as uow:
        ticket = _ticket(uow.session, ticket_id)
        if ticket.state != CALLED:
            raise _wrong_state(ticket, "bỏ qua")
        ticket.state = SKIPPED
        ticket.ended_at = core.now()
        uow.audit(actor, "ticket_skip", "ticket", str(ticket.id), detail=_detail(ticket))
        view = _view(ticket, _group_name(uow.session, ticket.group_code))
        uow.commit()
        return view


def finish(core: Core, actor: Actor, ticket_id: int, dossier_code: str = "") -> TicketView:
    """Serving ends. With a dossier code, links the dossier registered for this ticket:
    serving then ends at its receipt time. A ticket already ended by "call next" can still
    be linked to its dossier."""
    require(actor, "intake")
    code = clean(dossier_code)
    with core.uow() as uow:
        session = uow.session
        ticket = _ticket(session, ticket_id)
        relinking = ticket.state == DONE and bool(code) and ticket.dossier_id is None
        if ticket.state != CALLED and not relinking:
            raise _wrong_state(ticket, "kết thúc")
        now = core.now()
        ended = now
        if code:
            dossier = session.scalars(select(m.Dossier).where(m.Dossier.code == code)).first()
            if dossier is None:
                raise NotFound(
                    "E_TICKET_DOSSIER_NOT_FOUND",
                    f"Không có hồ sơ mã {code}.",
                    hint="Kiểm tra mã trên giấy tiếp nhận.",
                )
            other = session.scalars(
                select(m.Ticket).where(m.Ticket.dossier_id == dossier.id, m.Ticket.id != ticket.id)
            ).first()
            if other is not None:
                raise ValidationError(
                    "E_TICKET_DOSSIER_LINKED",
                    f"Hồ sơ {code} đã gắn với số {label_of(other.number)} "
                    f"ngày {other.day:%d/%m/%Y}.",
                )
            assert ticket.called_at is not None
            if dossier.received_at < ticket.called_at:
                raise ValidationError(
                    "E_TICKET_DOSSIER_TIME",
                    f"Hồ sơ {code} được tiếp nhận trước khi gọi số {label_of(ticket.number)}, "
                    "nên không phải hồ sơ của số này.",
                )
            ticket.dossier_id = dossier.id
            ticket.dossier_code = dossier.code
            # Serving ends at the receipt, never later than the ticket already ended.
            ended = min(
                dossier.received_at, ticket.ended_at if relinking and ticket.ended_at else now
            )
        ticket.state = DONE
        ticket.ended_at = ended
        try:
            session.flush()
        except IntegrityError as exc:  # another screen linked this dossier a moment ago
            raise ValidationError(
                "E_TICKET_DOSSIER_LINKED", f"Hồ sơ {code} vừa được gắn với một số khác."
            ) from exc
        uow.audit(actor, "ticket_finish", "ticket", str(ticket.id), detail=_detail(ticket))
        view = _view(ticket, _group_name(session, ticket.group_code))
        uow.commit()
        return view


# -- what screens read ----------------------------------------------------------------------


def current(core: Core, counter: str) -> TicketView | None:
    """The ticket this counter is serving (called, not ended)."""
    with core.uow(write=False) as uow:
        row = uow.session.scalars(
            select(m.Ticket)
            .where(m.Ticket.counter == clean(counter), m.Ticket.state == CALLED)
            .order_by(m.Ticket.called_at.desc(), m.Ticket.id.desc())
            .limit(1)
        ).first()
        return None if row is None else _view(row, _group_name(uow.session, row.group_code))


def waiting_counts(core: Core, groups: Sequence[str] | None = None) -> dict[str, int]:
    """Today's waiting tickets per group code (every active group, zero included)."""
    codes = _group_codes(groups)
    known = [g.code for g in _groups(core, False) if codes is None or g.code in codes]
    if codes is not None:
        with core.uow(write=False) as uow:
            _check_known(uow.session, codes)
    day = core.local_now().date()
    with core.uow(write=False) as uow:
        rows = uow.session.execute(
            select(m.Ticket.group_code, func.count())
            .where(m.Ticket.day == day, m.Ticket.state == WAITING)
            .group_by(m.Ticket.group_code)
        ).all()
    found = {code: int(n) for code, n in rows}
    return {code: found.get(code, 0) for code in known}


def calls_since(core: Core, after_id: int, limit: int = 20) -> list[CallEvent]:
    """Calls with an id above `after_id`, oldest first (the hall display's poll)."""
    with core.uow(write=False) as uow:
        rows = uow.session.execute(
            select(m.TicketCall, m.Ticket.number, m.TicketGroup.name)
            .join(m.Ticket, m.Ticket.id == m.TicketCall.ticket_id)
            .join(m.TicketGroup, m.TicketGroup.code == m.Ticket.group_code)
            .where(m.TicketCall.id > after_id)
            .order_by(m.TicketCall.id)
            .limit(max(1, min(limit, 500)))
        ).all()
        return [
            CallEvent(c.id, c.ticket_id, label_of(number), name, c.counter, _utc(c.at), c.repeat)
            for c, number, name in rows
        ]


def last_call_id(core: Core) -> int:
    """Where a hall display that just started begins polling (it does not replay the day)."""
    with core.uow(write=False) as uow:
        return int(uow.session.scalar(select(func.max(m.TicketCall.id))) or 0)


def get(core: Core, ticket_id: int) -> TicketView:
    with core.uow(write=False) as uow:
        row = _ticket(uow.session, ticket_id, lock=False)
        return _view(row, _group_name(uow.session, row.group_code))


def tickets_of_day(
    core: Core, day: date | None = None, states: Iterable[str] | None = None
) -> list[TicketView]:
    """A day's tickets in number order (today by default)."""
    day = day or core.local_now().date()
    query = select(m.Ticket, m.TicketGroup.name).join(
        m.TicketGroup, m.TicketGroup.code == m.Ticket.group_code
    )
    query = query.where(m.Ticket.day == day).order_by(m.Ticket.number)
    if states is not None:
        query = query.where(m.Ticket.state.in_(list(states)))
    with core.uow(write=False) as uow:
        return [_view(t, name) for t, name in uow.session.execute(query).all()]


# -- helpers --------------------------------------------------------------------------------


def _record_call(uow: UnitOfWork, actor: Actor, ticket: m.Ticket, *, repeat: bool) -> TicketView:
    """Count the call, audit it, and add the row the hall display polls.

    Order matters on PostgreSQL. Every row lock comes first (the flush), then the audit
    chain's lock (services/context.py), held to commit: a transaction holding that lock never
    waits for a row, so no deadlock; and the call row gets its id under it, so ids commit in
    order and a display polling "calls after id N" never misses one committed late."""
    session = uow.session
    ticket.call_count += 1
    session.flush()
    view = _view(ticket, _group_name(session, ticket.group_code))  # before the lock: brief
    uow.audit(
        actor,
        "ticket_recall" if repeat else "ticket_call",
        "ticket",
        str(ticket.id),
        detail=_detail(ticket),
    )
    session.add(
        m.TicketCall(
            ticket_id=ticket.id,
            at=uow.core.now(),
            counter=ticket.counter,
            officer_id=actor.user_id,
            repeat=repeat,
        )
    )
    session.flush()
    return view


def _end_current(session: Session, counter: str, now: datetime) -> None:
    session.execute(
        update(m.Ticket)
        .where(m.Ticket.counter == counter, m.Ticket.state == CALLED)
        .values(state=DONE, ended_at=now)
        .execution_options(synchronize_session="fetch")
    )


def _detail(ticket: m.Ticket) -> str:
    return f"{ticket.day.isoformat()} số {label_of(ticket.number)} quầy {ticket.counter}"


def _view(t: m.Ticket, group_name: str) -> TicketView:
    return TicketView(
        id=t.id,
        day=t.day,
        number=t.number,
        label=label_of(t.number),
        group_code=t.group_code,
        group_name=group_name,
        state=t.state,
        taken_at=_utc(t.taken_at),
        called_at=_utc(t.called_at) if t.called_at else None,
        ended_at=_utc(t.ended_at) if t.ended_at else None,
        counter=t.counter,
        officer_id=t.officer_id,
        call_count=t.call_count,
        dossier_code=t.dossier_code,
    )


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _group_view(row: m.TicketGroup) -> TicketGroupView:
    return TicketGroupView(row.code, row.name, tuple(row.fields or ()), row.active)


def _group_rows(session: Session) -> list[m.TicketGroup]:
    return list(
        session.scalars(select(m.TicketGroup).order_by(m.TicketGroup.position, m.TicketGroup.code))
    )


def _group_name(session: Session, code: str) -> str:
    return session.scalar(select(m.TicketGroup.name).where(m.TicketGroup.code == code)) or code


def _seed_code(i: int) -> str:
    letter = string.ascii_uppercase[i % 26]
    return letter if i < 26 else f"{letter}{i // 26 + 1}"


def _group_code(code: str) -> str:
    text = clean(code).upper()
    if not text or len(text) > 8 or not text.isalnum() or not text.isascii():
        raise ValidationError(
            "E_TICKET_GROUP",
            f"Mã nhóm '{clean(code)}' không hợp lệ: 1–8 chữ cái hoặc chữ số, ví dụ A.",
        )
    return text


def _group_codes(wanted: Sequence[str] | None) -> list[str] | None:
    """Normalized group codes of a filter; None (or nothing but blanks) means every group."""
    if wanted is None:
        return None
    return [_group_code(c) for c in wanted if clean(c)] or None


def _check_known(session: Session, codes: list[str] | None) -> None:
    if codes is None:
        return
    known = set(session.scalars(select(m.TicketGroup.code).where(m.TicketGroup.code.in_(codes))))
    for code in codes:
        if code not in known:
            raise _unknown_group(code)


def _unknown_group(code: str) -> NotFound:
    return NotFound(
        "E_TICKET_GROUP",
        f"Không có nhóm số thứ tự {code} (hoặc nhóm đã ngừng).",
        hint="Xem các nhóm: python main.py ticket groups",
    )


def _counter(counter: str) -> str:
    text = clean(counter)
    if not text or len(text) > 40:
        raise ValidationError(
            "E_TICKET_COUNTER", "Cần số quầy (tối đa 40 ký tự) để gọi số.", hint="Ví dụ: 3"
        )
    return text


def _ticket(session: Session, ticket_id: int, *, lock: bool = True) -> m.Ticket:
    """The ticket, locked until commit on PostgreSQL (SQLite's writer already is alone), so
    two screens acting on one ticket at once take turns and the second sees the first."""
    row = session.get(m.Ticket, ticket_id, with_for_update=lock)
    if row is None:
        raise NotFound("E_TICKET_NOT_FOUND", f"Không có số thứ tự mã {ticket_id}.")
    return row


def _wrong_state(ticket: m.Ticket, what: str) -> InvalidTransition:
    return InvalidTransition(
        "E_TICKET_STATE",
        f"Không thể {what} số {label_of(ticket.number)}: số này "
        f"{STATE_LABELS.get(ticket.state, ticket.state).lower()}.",
        state=ticket.state,
    )
