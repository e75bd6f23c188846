"""The supervisor's queue: counts and lists of dossiers for any day or date range, in total
or by counter, officer, procedure, field or channel.

The words (categories, periods, read models) are in `queue_terms`; how the questions are
answered at a million dossiers (indexed candidates, then the calendar) is in `queue_query`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sqlalchemy import and_, func, select

from counter_app.services.context import Actor, Core, require
from counter_app.services.queue_query import (
    SQL_ORDER,
    D,
    QueueQuery,
    group_matches,
)
from counter_app.services.queue_terms import (
    DERIVED,
    Category,
    GroupBy,
    GroupCount,
    Period,
    QueueCounts,
    QueueList,
    QueueRow,
    parse_day,
)

__all__ = [
    "Category",
    "GroupBy",
    "GroupCount",
    "Period",
    "QueueCounts",
    "QueueList",
    "QueueRow",
    "counts",
    "dossiers",
    "parse_day",
    "tally",
]


def counts(
    core: Core,
    actor: Actor,
    period: Period,
    *,
    group_by: GroupBy | None = None,
    categories: Sequence[Category] = tuple(Category),
) -> QueueCounts:
    """How many dossiers fall in each category, in total and per group."""
    require(actor, "supervise")
    with core.uow(write=False) as uow:
        return tally(QueueQuery(uow, period), categories, group_by)


def tally(
    q: QueueQuery, categories: Sequence[Category], group_by: GroupBy | None = None
) -> QueueCounts:
    """Counts inside an open query (reports reuse it within their own transaction)."""
    per_category: dict[Category, Counter[str]] = {}
    for category in categories:
        if category in DERIVED:
            per_category[category] = q.count_derived(category, group_by)
        else:
            per_category[category] = q.count_exact(category, group_by)
    totals = {c: sum(per_category[c].values()) for c in categories}
    groups: list[GroupCount] = []
    if group_by is not None:
        keys = sorted({k for counter in per_category.values() for k in counter})
        names = q.procedure_names(keys) if group_by is GroupBy.PROCEDURE else {}
        groups = [
            GroupCount(
                key,
                q.group_label(group_by, key, names),
                {c: per_category[c].get(key, 0) for c in categories},
            )
            for key in keys
        ]
        groups.sort(key=lambda g: (-sum(g.counts.values()), g.label))
    return QueueCounts(q.period, q.as_of, q.live, totals, group_by, groups)


def dossiers(
    core: Core,
    actor: Actor,
    period: Period,
    category: Category,
    *,
    group_by: GroupBy | None = None,
    group_key_value: str | None = None,
    limit: int = 2000,
) -> QueueList:
    """The dossiers behind one count (optionally one group's): the supervisor's drill-down."""
    require(actor, "supervise")
    with core.uow(write=False) as uow:
        q = QueueQuery(uow, period)
        if category in DERIVED:
            members = q.judged(category)
            if group_by is not None and group_key_value is not None:
                keys = q.group_keys([light.id for light, _ in members], group_by)
                members = [p for p in members if keys[p[0].id] == group_key_value]
            if category is Category.OVERDUE:
                members = sorted(members, key=lambda p: (-p[1].late_by, p[1].due_at, p[0].id))
            else:
                members = sorted(members, key=lambda p: (p[1].due_at, p[0].id))
            rows = q.rows(q.full(members[:limit]))
            return QueueList(category, period, q.as_of, len(members), rows)
        where = q.exact_filter(category)
        extra = group_matches(group_by, group_key_value)
        if extra is not None:
            where = and_(where, extra)
        total = int(uow.session.scalar(select(func.count()).select_from(D).where(where)) or 0)
        facts = q.facts(where, order=SQL_ORDER[category], limit=limit)
        return QueueList(category, period, q.as_of, total, q.rows(q.with_deadlines(facts)))
