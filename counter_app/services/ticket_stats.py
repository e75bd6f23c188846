"""Waiting and serving times of queue numbers, for the supervisor's desk and reports.

- waiting: ticket taken → first call;
- serving: first call → end; a ticket linked to a dossier ends at that dossier's receipt time,
  so serving is "called → dossier received" (services/tickets.finish);
- no-show: called, then skipped (vắng mặt); unserved: never called on its day.
Figures per local day, per group and per officer (who called it) over a Period.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from counter_app.services.context import Actor, Core, require
from counter_app.services.queue_terms import Period
from counter_app.services.tickets import DONE, SKIPPED, WAITING
from counter_app.storage import models as m

UNKNOWN_OFFICER = "(không rõ cán bộ)"


@dataclass(frozen=True)
class TimeStats:
    """Durations in seconds; None when there is nothing to measure."""

    count: int
    mean: float | None
    p50: float | None
    p90: float | None
    longest: float | None

    @classmethod
    def of(cls, seconds: Iterable[float]) -> TimeStats:
        values = sorted(seconds)
        if not values:
            return cls(0, None, None, None, None)
        return cls(
            len(values),
            sum(values) / len(values),
            percentile(values, 0.5),
            percentile(values, 0.9),
            values[-1],
        )


@dataclass(frozen=True)
class ServiceLine:
    key: str  # ISO day, group code, or officer id ("" = unknown)
    label: str  # what a person reads: "23/11/2026", "A – Chứng thực", the officer's name
    tickets: int  # taken
    served: int  # ended as served (done)
    no_shows: int  # called, did not come (skipped)
    unserved: int  # never called
    with_dossier: int  # served tickets linked to a registered dossier
    waiting: TimeStats  # taken → first call
    serving: TimeStats  # first call → end (dossier receipt when linked)


@dataclass(frozen=True)
class ServiceTimes:
    period: Period
    total: ServiceLine
    by_day: list[ServiceLine]
    by_group: list[ServiceLine]
    by_officer: list[ServiceLine]


@dataclass(frozen=True)
class _Row:
    day: date
    group_code: str
    state: str
    taken_at: datetime
    called_at: datetime | None
    ended_at: datetime | None
    officer_id: int | None
    linked: bool


def percentile(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), on sorted values."""
    if not sorted_values:
        raise ValueError("no values")
    pos = (len(sorted_values) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def service_times(core: Core, actor: Actor, period: Period) -> ServiceTimes:
    """Waiting/serving figures of the tickets taken in the period (by their local day)."""
    require(actor, "supervise")
    with core.uow(write=False) as uow:
        session = uow.session
        rows = [
            _Row(d, g, s, t, c, e, o, dossier is not None)
            for d, g, s, t, c, e, o, dossier in session.execute(
                select(
                    m.Ticket.day,
                    m.Ticket.group_code,
                    m.Ticket.state,
                    m.Ticket.taken_at,
                    m.Ticket.called_at,
                    m.Ticket.ended_at,
                    m.Ticket.officer_id,
                    m.Ticket.dossier_id,
                )
                .where(m.Ticket.day >= period.first, m.Ticket.day <= period.last)
                .order_by(m.Ticket.day, m.Ticket.number)
            )
        ]
        group_names = dict(session.execute(select(m.TicketGroup.code, m.TicketGroup.name)).all())
        officer_ids = {r.officer_id for r in rows if r.officer_id is not None}
        officer_names = (
            dict(
                (uid, f"{name} ({username})")  # two officers may share a name
                for uid, name, username in session.execute(
                    select(m.User.id, m.User.full_name, m.User.username).where(
                        m.User.id.in_(officer_ids)
                    )
                )
            )
            if officer_ids
            else {}
        )

    def group_label(code: str) -> str:
        name = group_names.get(code)
        return f"{code} – {name}" if name else code

    def officer_label(key: str) -> str:
        return officer_names.get(int(key), UNKNOWN_OFFICER) if key else UNKNOWN_OFFICER

    called = [r for r in rows if r.called_at is not None]
    return ServiceTimes(
        period=period,
        total=_line("", f"Tổng {period.label}", rows),
        by_day=_split(
            rows, lambda r: r.day.isoformat(), lambda k: f"{date.fromisoformat(k):%d/%m/%Y}"
        ),
        by_group=_split(rows, lambda r: r.group_code, group_label),
        by_officer=_split(
            called,
            lambda r: "" if r.officer_id is None else str(r.officer_id),
            officer_label,
        ),
    )


def _split(
    rows: list[_Row], key: Callable[[_Row], str], label: Callable[[str], str]
) -> list[ServiceLine]:
    parts: dict[str, list[_Row]] = defaultdict(list)
    for r in rows:
        parts[key(r)].append(r)
    return [_line(k, label(k), part) for k, part in sorted(parts.items())]


def _line(key: str, label: str, rows: list[_Row]) -> ServiceLine:
    waits = [(r.called_at - r.taken_at).total_seconds() for r in rows if r.called_at is not None]
    served = [r for r in rows if r.state == DONE]
    serves = [
        (r.ended_at - r.called_at).total_seconds()
        for r in served
        if r.called_at is not None and r.ended_at is not None
    ]
    return ServiceLine(
        key=key,
        label=label,
        tickets=len(rows),
        served=len(served),
        no_shows=sum(1 for r in rows if r.state == SKIPPED),
        unserved=sum(1 for r in rows if r.state == WAITING),
        with_dossier=sum(1 for r in served if r.linked),
        waiting=TimeStats.of(max(0.0, s) for s in waits),
        serving=TimeStats.of(max(0.0, s) for s in serves),
    )


def minutes(seconds: float | None) -> str:
    """ "12,5" (minutes, Vietnamese decimal comma) or "–" when nothing was measured."""
    if seconds is None:
        return "–"
    return f"{seconds / 60:.1f}".replace(".", ",")
