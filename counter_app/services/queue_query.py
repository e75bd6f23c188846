"""How the queue's questions are answered at a million dossiers.

Two kinds of figure:
* events inside the period: received, due, returned, refused, withdrawn, and dossiers that
  ended late in the period;
* states at the period's end ("as of": the end of its last day, or now while it lasts):
  waiting for a supplement, ready to return, due soon, and open dossiers already late.
"Overdue" joins the open-and-late ones with those that ended late inside the period.

Overdue is derived, never stored (`domain.timeliness.assess`). Judging a million rows in
Python is too slow, so SQL first narrows to *candidates* with a condition the indexes can
answer, and the exact calendar check runs on those only. The condition is necessary, not a
guess: the deadline is the appointment moved *later* by paused time, so a dossier can only
be late at T if its appointment is before T or it had more than one supplement request; it
can only be due soon if its appointment is before the due-soon horizon; and it can only be
due in a period its appointment precedes if a supplement moved its deadline. Candidates are
read from covering indexes (only the columns a deadline check needs); the other columns are
fetched for the members only, when a list or a grouping needs them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.status import OPEN_STATUSES, Status
from counter_app.domain.timeliness import Deadline, Pause, Timeliness, assess
from counter_app.services.context import UnitOfWork
from counter_app.services.queue_terms import Category, GroupBy, Period, QueueRow
from counter_app.services.views import CHANNEL_LABELS
from counter_app.storage import models as m

D = m.Dossier
OPEN = tuple(sorted(int(s) for s in OPEN_STATUSES))
JUDGED = (7, 8, 9, 10)  # ended statuses judged for timeliness; 3 was never received
RECEIVED_STATUSES = tuple(s for s in range(2, 11) if s != 3)
CHUNK = 5000  # ids per IN (...) list


class Light(NamedTuple):
    """What a deadline check reads: all in the covering indexes."""

    id: int
    status: int
    received_at: datetime
    appointment_at: datetime
    ended_at: datetime | None
    supplement_count: int


class Fact(NamedTuple):
    """A dossier as a list line needs it, read without building ORM objects."""

    id: int
    status: int
    received_at: datetime
    appointment_at: datetime
    ended_at: datetime | None
    supplement_count: int
    code: str
    holder_name: str
    holder_id_masked: str
    procedure_code: str
    procedure_name: str
    field: str
    channel: int
    counter: str
    officer_id: int | None
    returned_at: datetime | None


# Who handles the dossier now: the assignee after a reassignment, else who received it.
OFFICER = func.coalesce(D.assignee_id, D.officer_id)
LIGHT_COLUMNS = (D.id, D.status, D.received_at, D.appointment_at, D.ended_at, D.supplement_count)
FACT_COLUMNS = (
    *LIGHT_COLUMNS,
    D.code,
    D.holder_name,
    D.holder_id_masked,
    D.procedure_code,
    D.procedure_name,
    D.field,
    D.channel,
    D.counter,
    OFFICER.label("officer_id"),
    D.returned_at,
)
GROUP_COLUMNS: dict[GroupBy, Any] = {
    GroupBy.COUNTER: D.counter,
    GroupBy.OFFICER: OFFICER,
    GroupBy.PROCEDURE: D.procedure_code,
    GroupBy.FIELD: D.field,
    GroupBy.CHANNEL: D.channel,
}
SQL_ORDER: dict[Category, Any] = {
    Category.RECEIVED: D.received_at,
    Category.WAITING: D.appointment_at,
    Category.READY: D.ended_at,
    Category.RETURNED: D.returned_at,
    Category.REFUSED: D.ended_at,
    Category.WITHDRAWN: D.ended_at,
}

Judged = tuple[Light, Deadline]


def group_key(group_by: GroupBy, fact: Fact) -> str:
    value = {
        GroupBy.COUNTER: fact.counter,
        GroupBy.OFFICER: fact.officer_id,
        GroupBy.PROCEDURE: fact.procedure_code,
        GroupBy.FIELD: fact.field,
        GroupBy.CHANNEL: fact.channel,
    }[group_by]
    return "" if value is None else str(value)


def group_matches(group_by: GroupBy | None, key: str | None) -> ColumnElement[bool] | None:
    """SQL filter for a drill-down from one group's count to its dossiers."""
    if group_by is None or key is None:
        return None
    column = GROUP_COLUMNS[group_by]
    matches: ColumnElement[bool]
    if group_by in (GroupBy.OFFICER, GroupBy.CHANNEL):
        matches = column.is_(None) if key == "" else column == int(key)
    else:
        matches = column == key
    return matches


def chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


class QueueQuery:
    """One period's questions inside one read transaction (shared by counts, lists, reports).

    Deadlines are judged once per dossier and shared between categories: the nine tiles of
    the desk cost little more than the costliest one.
    """

    def __init__(self, uow: UnitOfWork, period: Period) -> None:
        core = uow.core
        self.session: Session = uow.session
        self.period = period
        self.now = core.now()
        self.as_of = min(self.now, period.end)
        self.live = self.now < period.end
        self.calendar: WorkingCalendar = core.calendar()
        self.due_soon = timedelta(hours=core.settings.counter.due_soon_hours)
        self._users: dict[int, str] | None = None
        self._members: dict[tuple[Category, bool], list[Judged]] = {}
        self._verdicts: dict[int, tuple[Deadline, bool]] = {}
        self._promised: dict[int, datetime | None] = {}

    # -- exact categories: one indexed query ---------------------------------------------

    def exact_filter(self, category: Category) -> ColumnElement[bool]:
        p, as_of = self.period, self.as_of
        match category:
            case Category.RECEIVED:
                return and_(
                    D.received_day >= p.first,
                    D.received_day <= p.last,
                    D.status.in_(RECEIVED_STATUSES),
                )
            case Category.RETURNED:
                return and_(D.returned_at >= p.start, D.returned_at < p.end)
            case Category.REFUSED | Category.WITHDRAWN:
                code = 3 if category is Category.REFUSED else 7
                return and_(D.ended_at >= p.start, D.ended_at < p.end, D.status == code)
            case Category.WAITING if self.live:
                return D.status == int(Status.SUPPLEMENT_REQUESTED)
            case Category.WAITING:
                s = m.SupplementRequest
                waiting = select(s.dossier_id).where(
                    s.requested_at <= as_of, or_(s.received_at.is_(None), s.received_at > as_of)
                )
                return and_(D.id.in_(waiting), or_(D.ended_at.is_(None), D.ended_at > as_of))
            case Category.READY if self.live:
                return D.status == int(Status.DONE)
            case Category.READY:
                # Two disjoint halves, each on its own index (an OR of them lets SQLite pull
                # the shared `ended_at` term out and walk all of history on it).
                done = select(D.id).where(D.status == int(Status.DONE), D.ended_at <= as_of)
                back_later = select(D.id).where(D.returned_at > as_of, D.ended_at <= as_of)
                return D.id.in_(done.union_all(back_later))
        raise ValueError(f"{category} is derived, not exact")

    def count_exact(self, category: Category, group_by: GroupBy | None) -> Counter[str]:
        return self._count_where(self.exact_filter(category), group_by)

    # -- derived categories: candidates, then the exact calendar check -------------------

    def judged(self, category: Category, *, paused_only: bool = False) -> list[Judged]:
        """Members of a derived category with their deadline as of the period's end.

        `paused_only`: among dossiers open at `as_of`, only those with a supplement request
        (the others are counted in SQL by `count_derived`).
        """
        key = (category, paused_only)
        if key not in self._members:
            candidates = self._candidates(category, paused_only=paused_only)
            fresh = [c for c in candidates if c.id not in self._verdicts]
            pauses = self.pauses(fresh)
            for c in fresh:
                self._verdicts[c.id] = self.judge(c, pauses.get(c.id, ()))
            if category is Category.DUE:
                self._promised.update(self.promised([c.id for c in candidates]))
            members = []
            for c in candidates:
                deadline, waiting = self._verdicts[c.id]
                if self.belongs(category, c, deadline, waiting, self._promised.get(c.id)):
                    members.append((c, deadline))
            self._members[key] = members
        return self._members[key]

    def count_derived(self, category: Category, group_by: GroupBy | None) -> Counter[str]:
        """How many members, in total ("") or per group.

        A dossier open at `as_of` that never waited for a supplement has its appointment as
        deadline, so SQL answers exactly: late iff the appointment is before the last working
        moment, due soon iff it is between that moment and the due-soon horizon. Only the
        others (paused, or ended in the period) are judged one by one.
        """
        if category is Category.DUE:
            members = self.judged(category)
            return self._counter([light.id for light, _ in members], group_by)
        floor = self._last_working()
        if category is Category.OVERDUE:
            plain = D.appointment_at < floor
        else:
            plain = and_(D.appointment_at >= floor, D.appointment_at <= self._horizon())
        common = and_(D.supplement_count == 0, D.received_at <= self.as_of, plain)
        counter: Counter[str] = Counter()
        # `status + 0`: keep the status index out of the ended_at branch (see _candidates).
        ended_later = and_(D.ended_at > self.as_of, (D.status + 0).in_(JUDGED))
        for is_open in (D.status.in_(OPEN), ended_later):
            counter.update(self._count_where(and_(is_open, common), group_by))
        judged = self.judged(category, paused_only=True)
        counter.update(self._counter([light.id for light, _ in judged], group_by))
        if group_by is None:
            return Counter({"": sum(counter.values())})
        return +counter

    def _count_where(self, where: ColumnElement[bool], group_by: GroupBy | None) -> Counter[str]:
        if group_by is None:
            total = self.session.scalar(select(func.count()).select_from(D).where(where))
            return Counter({"": int(total or 0)})
        column = GROUP_COLUMNS[group_by]
        rows = self.session.execute(select(column, func.count()).where(where).group_by(column))
        return Counter({("" if k is None else str(k)): int(n) for k, n in rows})

    def _counter(self, ids: Sequence[int], group_by: GroupBy | None) -> Counter[str]:
        if group_by is None:
            return Counter({"": len(ids)})
        keys = self.group_keys(ids, group_by)
        return Counter(keys[i] for i in ids)

    def judge(self, d: Light | Fact, pauses: Sequence[Pause]) -> tuple[Deadline, bool]:
        """(deadline, waiting for a supplement) of one dossier as it stood at `as_of`."""
        as_of = self.as_of
        ended = d.ended_at if d.ended_at is not None and d.ended_at <= as_of else None
        clipped = [
            Pause(p.start, p.end if p.end is not None and p.end <= as_of else None)
            for p in pauses
            if p.start <= as_of
        ]
        deadline = assess(
            self.calendar,
            appointment_at=d.appointment_at,
            pauses=clipped,
            ended_at=ended,
            now=as_of,
            due_soon=self.due_soon,
        )
        return deadline, ended is None and any(p.end is None for p in clipped)

    def belongs(
        self,
        category: Category,
        d: Light | Fact,
        deadline: Deadline,
        waiting: bool,
        promised: datetime | None,
    ) -> bool:
        """The definition of a derived category, for one dossier judged at `as_of`.

        `_candidates` only narrows the rows this is asked about; it never changes the answer.
        """
        p, as_of, verdict = self.period, self.as_of, deadline.verdict
        if d.status not in RECEIVED_STATUSES:
            return False
        ended = d.ended_at
        open_then = d.received_at <= as_of and (ended is None or ended > as_of)
        if category is Category.OVERDUE:
            ended_in = ended is not None and p.start <= ended < p.end and ended <= as_of
            return verdict is Timeliness.OVERDUE and (open_then or ended_in)
        if category is Category.DUE_SOON:
            return open_then and verdict is Timeliness.DUE_SOON and not waiting
        if (ended is not None and ended < p.start) or waiting or d.received_at >= p.end:
            return False
        due_in = p.start <= deadline.due_at < p.end
        return due_in or (promised is not None and p.start <= promised < p.end)

    def _candidates(self, category: Category, *, paused_only: bool = False) -> list[Light]:
        """A superset of the category's members, one indexed query per branch.

        Open now: ix_dossiers_open_cover (status, appointment_at, …). Open back then (ended
        after `as_of`) and ended in the period: ix_dossiers_ended_cover (ended_at, …). Status
        and receipt are left to `belongs` in those branches: naming them lets the planner
        take the status index and walk all of history.
        """
        p, as_of = self.period, self.as_of
        still_open: ColumnElement[bool] = D.status.in_(OPEN)
        open_then: ColumnElement[bool] = D.ended_at > as_of
        if paused_only:
            still_open = and_(still_open, D.supplement_count > 0)
            open_then = and_(open_then, D.supplement_count > 0)
        branches: list[ColumnElement[bool]]
        if category is Category.OVERDUE:
            late = (D.appointment_at < as_of, D.supplement_count > 1)
            branches = [and_(now, cond) for now in (still_open, open_then) for cond in late]
            branches.append(
                and_(
                    D.ended_at >= p.start,
                    D.ended_at < p.end,
                    D.ended_at <= as_of,
                    or_(D.ended_at > D.appointment_at, D.supplement_count > 1),
                )
            )
        elif category is Category.DUE_SOON:
            horizon = self._horizon()
            # Without a pause the deadline is the appointment; one before the last working
            # moment has working time past it, so it is late, not "due soon".
            not_late = or_(D.supplement_count > 0, D.appointment_at >= self._last_working())
            branches = [
                and_(now, D.appointment_at <= horizon, not_late) for now in (still_open, open_then)
            ]
        else:  # DUE
            apologised = select(m.Apology.dossier_id).where(
                m.Apology.new_appointment_at >= p.start, m.Apology.new_appointment_at < p.end
            )
            branches = [
                and_(
                    D.status.in_(RECEIVED_STATUSES),
                    D.appointment_at >= p.start,
                    D.appointment_at < p.end,
                    or_(D.ended_at.is_(None), D.ended_at >= p.start),
                ),
                and_(still_open, D.appointment_at < p.start, D.supplement_count > 0),
                and_(D.ended_at >= p.start, D.appointment_at < p.start, D.supplement_count > 0),
                D.id.in_(apologised),
            ]
        found: dict[int, Light] = {}
        for where in branches:  # separate queries: an OR would let the planner scan
            for row in self.session.execute(select(*LIGHT_COLUMNS).where(where)):
                found.setdefault(row.id, Light._make(row))
        return list(found.values())

    def _horizon(self) -> datetime:
        """The latest deadline still "due soon": due-soon hours of working time from `as_of`
        (up to the next opening, as no working time passes before it)."""
        return self.calendar.next_working_moment(
            self.calendar.add_working_time(self.as_of, self.due_soon)
        )

    def _last_working(self) -> datetime:
        """The latest moment ≤ `as_of` with no working time between it and `as_of`."""
        as_of = self.as_of
        day = as_of.astimezone(self.calendar.tz).date()
        for _ in range(366):
            for start, end in reversed(self.calendar.periods(day)):
                if start <= as_of < end:
                    return as_of
                if end <= as_of:
                    return end
            day -= timedelta(days=1)
        return as_of  # no working day in a year: no narrowing

    # -- shared look-ups ----------------------------------------------------------------

    def facts(
        self, where: ColumnElement[bool], *, order: Any = None, limit: int | None = None
    ) -> list[Fact]:
        stmt = select(*FACT_COLUMNS).where(where)
        if order is not None:
            stmt = stmt.order_by(order, D.id)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [Fact._make(row) for row in self.session.execute(stmt)]

    def full(self, pairs: Sequence[Judged]) -> list[tuple[Fact, Deadline]]:
        """The list-line columns of judged members, in the same order."""
        found: dict[int, Fact] = {}
        ids = [light.id for light, _ in pairs]
        for chunk in chunks(ids):
            for row in self.session.execute(select(*FACT_COLUMNS).where(D.id.in_(chunk))):
                found[row.id] = Fact._make(row)
        return [(found[light.id], deadline) for light, deadline in pairs]

    def group_keys(self, ids: Sequence[int], group_by: GroupBy) -> dict[int, str]:
        column = GROUP_COLUMNS[group_by]
        out: dict[int, str] = {}
        for chunk in chunks(ids):
            for dossier_id, key in self.session.execute(
                select(D.id, column).where(D.id.in_(chunk))
            ):
                out[dossier_id] = "" if key is None else str(key)
        return out

    def pauses(self, dossiers: Iterable[Light | Fact]) -> dict[int, list[Pause]]:
        ids = [d.id for d in dossiers if d.supplement_count]
        s = m.SupplementRequest
        out: dict[int, list[Pause]] = {}
        for chunk in chunks(ids):
            rows = self.session.execute(
                select(s.dossier_id, s.requested_at, s.received_at)
                .where(s.dossier_id.in_(chunk))
                .order_by(s.id)
            )
            for dossier_id, start, end in rows:
                out.setdefault(dossier_id, []).append(Pause(start, end))
        return out

    def promised(self, ids: Sequence[int]) -> dict[int, datetime]:
        """The latest new appointment given by an apology (Mẫu 04), per dossier."""
        a = m.Apology
        out: dict[int, datetime] = {}
        for chunk in chunks(ids):
            rows = self.session.execute(
                select(a.dossier_id, a.new_appointment_at)
                .where(a.dossier_id.in_(chunk))
                .order_by(a.issued_at, a.id)
            )
            out.update({dossier_id: at for dossier_id, at in rows})
        return out

    def with_deadlines(self, facts: Sequence[Fact]) -> list[tuple[Fact, Deadline]]:
        pauses = self.pauses(facts)
        return [(f, self.judge(f, pauses.get(f.id, ()))[0]) for f in facts]

    def users(self) -> dict[int, str]:
        if self._users is None:
            self._users = dict(self.session.execute(select(m.User.id, m.User.full_name)).all())
        return self._users

    def rows(self, pairs: Sequence[tuple[Fact, Deadline]]) -> list[QueueRow]:
        users = self.users()
        promised = self.promised([f.id for f, _ in pairs])
        return [
            QueueRow(
                id=f.id,
                code=f.code,
                holder_name=f.holder_name,
                holder_id_masked=f.holder_id_masked,
                procedure_code=f.procedure_code,
                procedure_name=f.procedure_name,
                field=f.field,
                channel=f.channel,
                counter=f.counter,
                officer_id=f.officer_id,
                officer_name=users.get(f.officer_id, "") if f.officer_id else "",
                status=Status(f.status),
                received_at=f.received_at,
                appointment_at=f.appointment_at,
                due_at=d.due_at,
                timeliness=d.verdict,
                late_by=d.late_by,
                ended_at=f.ended_at,
                returned_at=f.returned_at,
                supplement_count=f.supplement_count,
                new_appointment_at=promised.get(f.id),
            )
            for f, d in pairs
        ]

    def group_label(self, group_by: GroupBy, key: str, names: dict[str, str]) -> str:
        if group_by is GroupBy.OFFICER:
            return self.users().get(int(key), "?") if key else "Chưa phân công"
        if group_by is GroupBy.COUNTER:
            return f"Quầy {key}" if key else "Không rõ quầy"
        if group_by is GroupBy.CHANNEL:
            return CHANNEL_LABELS.get(int(key), key) if key else "?"
        if group_by is GroupBy.PROCEDURE:
            return f"{key} – {names[key]}" if names.get(key) else key
        return key or "Chưa phân lĩnh vực"

    def procedure_names(self, codes: list[str]) -> dict[str, str]:
        if not codes:
            return {}
        rows = self.session.execute(
            select(D.procedure_code, func.min(D.procedure_name))
            .where(D.procedure_code.in_(codes))
            .group_by(D.procedure_code)
        )
        return {code: name for code, name in rows}
