"""Changes made upstream, applied locally: e.g. processing finished (9) → ready to return.

Each change goes through `lifecycle.move(..., source="upstream")` (history, audit, no outbox
row: the province already knows). Applying the same change twice changes nothing, so the
pull window may overlap. When the province skips a step the rules require (2 → 9), the
shortest allowed path is recorded (2 → 4 → 9) at the upstream time; a change the rules do
not allow from the local state (e.g. an old "processing" after the result was returned) is
ignored and counted.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from counter_app.domain.status import TRANSITIONS, Status
from counter_app.errors import NotFound
from counter_app.services import lifecycle
from counter_app.services.context import Core, UnitOfWork
from counter_app.storage import models as m
from sync.jobs import UpstreamChange
from sync.prepare import SYNC_ACTOR


@dataclass
class PullReport:
    received: int = 0
    applied: int = 0
    unchanged: int = 0
    unknown: int = 0  # no such dossier here (another office's, or a typo upstream)
    impossible: int = 0  # not reachable from the local status


def path_to(current: Status, target: Status) -> list[Status] | None:
    """Shortest chain of allowed moves from `current` to `target` (breadth-first)."""
    seen = {current}
    queue: deque[tuple[Status, list[Status]]] = deque([(current, [])])
    while queue:
        status, path = queue.popleft()
        for nxt in sorted(TRANSITIONS[status]):
            if nxt in seen:
                continue
            if nxt == target:
                return [*path, nxt]
            seen.add(nxt)
            queue.append((nxt, [*path, nxt]))
    return None


def apply_changes(core: Core, changes: Iterable[UpstreamChange]) -> PullReport:
    report = PullReport()
    for change in sorted(changes, key=lambda c: (c.at, c.code)):
        report.received += 1
        with core.uow() as uow:
            outcome = _apply(uow, change)
            if outcome == "applied":
                uow.commit()
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def _apply(uow: UnitOfWork, change: UpstreamChange) -> str:
    try:
        dossier = lifecycle.load_for_update(uow, change.code)
    except NotFound:
        return "unknown"
    try:
        target = Status(change.status)
    except ValueError:
        return "impossible"
    current = Status(dossier.status)
    if current == target or _seen(dossier, target, change.at):
        return "unchanged"
    path = path_to(current, target)
    if path is None:
        return "impossible"
    reason = change.note or target.label
    if change.by:
        reason = f"{reason} ({change.by})"
    for step in path:
        _move(uow, dossier, step, reason, change.at)
    return "applied"


def _seen(dossier: m.Dossier, target: Status, at: datetime) -> bool:
    return any(
        h.source == "upstream" and h.to_status == int(target) and h.at == at
        for h in dossier.history
    )


def _move(uow: UnitOfWork, dossier: m.Dossier, target: Status, reason: str, at: datetime) -> None:
    leaving = Status(dossier.status)
    lifecycle.move(uow, dossier, target, SYNC_ACTOR, reason, at=at, source="upstream")
    # The same bookkeeping the counter's own actions do, so deadlines stay right.
    if target is Status.SUPPLEMENT_REQUESTED:
        dossier.supplements.append(m.SupplementRequest(requested_at=at, reason=reason, items=[]))
        dossier.supplement_count += 1
        dossier.waiting_since = at
    elif leaving is Status.SUPPLEMENT_REQUESTED:
        for s in dossier.supplements:
            if s.received_at is None:
                s.received_at, s.note = at, reason
        dossier.waiting_since = None
    if target is Status.DONE:
        dossier.result_note = reason
    elif target is Status.RETURNED:
        dossier.returned_at = at
