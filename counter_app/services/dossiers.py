"""Finding and showing dossiers: search-as-you-type, look-up by code, full details."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session, selectinload

from counter_app.domain.status import Status
from counter_app.domain.timeliness import Pause, Timeliness, assess
from counter_app.errors import NotFound
from counter_app.services import search_index
from counter_app.services.context import Actor, Core, UnitOfWork, require
from counter_app.services.views import DossierView, dossier_view
from counter_app.storage import models as m
from counter_app.text import clean, mask_phone

ID_RE = re.compile(r"^\d{9}$|^\d{12}$")
CODE_HINT_RE = re.compile(r"^[0-9A-Z]{2,}[.\-][0-9A-Z.\-]*$")


@dataclass(frozen=True)
class DossierRow:
    """One line of a list: personal data masked."""

    id: int
    code: str
    holder_name: str
    holder_id_masked: str
    phone_masked: str
    procedure_code: str
    procedure_name: str
    status: Status
    received_at: datetime
    appointment_at: datetime
    due_at: datetime
    timeliness: Timeliness


def _full(stmt: Select[Any]) -> Select[Any]:
    return stmt.options(
        selectinload(m.Dossier.components),
        selectinload(m.Dossier.fees),
        selectinload(m.Dossier.history),
        selectinload(m.Dossier.supplements),
    )


def show(core: Core, actor: Actor, code: str, *, reveal: bool = False) -> DossierView:
    """One dossier with its history. Viewing personal data is audited; `reveal` unmasks IDs."""
    require(actor, "view")
    with core.uow() as uow:
        view = view_in(uow, code, reveal=reveal)
        uow.audit(
            actor,
            "view_reveal" if reveal else "view",
            "dossier",
            view.code,
            subject_lookup=_lookup_of(uow, view.id),
        )
        uow.commit()
        return view


def view_in(uow: UnitOfWork, code: str, *, reveal: bool = False) -> DossierView:
    """Read model inside an existing unit of work (for printing and sync)."""
    dossier = uow.session.scalars(
        _full(select(m.Dossier).where(m.Dossier.code == clean(code).upper()))
    ).one_or_none()
    if dossier is None:
        raise NotFound(
            "E_DOSSIER_UNKNOWN",
            f"Không tìm thấy hồ sơ mã {code!r}.",
            hint="Kiểm tra lại mã trên giấy tiếp nhận hoặc tìm theo tên, số định danh.",
        )
    return _view(uow, dossier, reveal=reveal)


def view_by_id(uow: UnitOfWork, dossier_id: int, *, reveal: bool = False) -> DossierView:
    dossier = uow.session.scalars(_full(select(m.Dossier).where(m.Dossier.id == dossier_id))).one()
    return _view(uow, dossier, reveal=reveal)


def _view(uow: UnitOfWork, dossier: m.Dossier, *, reveal: bool) -> DossierView:
    core = uow.core
    officer = uow.session.get(m.User, dossier.officer_id) if dossier.officer_id else None
    return dossier_view(
        dossier,
        calendar=core.calendar(),
        now=core.now(),
        due_soon=_due_soon(core),
        officer_name=officer.full_name if officer else "",
        protector=core.protector if reveal else None,
    )


def _lookup_of(uow: UnitOfWork, dossier_id: int) -> str:
    return (
        uow.session.scalar(select(m.Dossier.holder_id_lookup).where(m.Dossier.id == dossier_id))
        or ""
    )


def _due_soon(core: Core) -> timedelta:
    return timedelta(hours=core.settings.counter.due_soon_hours)


def search(
    core: Core, actor: Actor, query: str, *, limit: int = 50, before_id: int | None = None
) -> list[DossierRow]:
    """Search-as-you-type over name, ID number, phone, code and procedure, accent-insensitive.

    Newest first; `before_id` pages further back (lazy loading in long lists).
    """
    require(actor, "view")
    with core.uow(write=False) as uow:
        ids = find_ids(uow, query, limit=limit, before_id=before_id)
        return rows_for(uow, ids)


_ROW_COLUMNS = (
    m.Dossier.id,
    m.Dossier.code,
    m.Dossier.holder_name,
    m.Dossier.holder_id_masked,
    m.Dossier.holder_phone,
    m.Dossier.procedure_code,
    m.Dossier.procedure_name,
    m.Dossier.status,
    m.Dossier.received_at,
    m.Dossier.appointment_at,
    m.Dossier.ended_at,
    m.Dossier.supplement_count,
)


def rows_for(uow: UnitOfWork, ids: list[int]) -> list[DossierRow]:
    """List rows for `ids`, in that order: only the columns a list shows (a keystroke's budget
    is a few milliseconds), pauses loaded only for dossiers that had a supplement request."""
    if not ids:
        return []
    session = uow.session
    found = {r.id: r for r in session.execute(select(*_ROW_COLUMNS).where(m.Dossier.id.in_(ids)))}
    paused = [i for i, r in found.items() if r.supplement_count]
    pauses: dict[int, list[Pause]] = {i: [] for i in paused}
    if paused:
        for s in session.execute(
            select(
                m.SupplementRequest.dossier_id,
                m.SupplementRequest.requested_at,
                m.SupplementRequest.received_at,
            )
            .where(m.SupplementRequest.dossier_id.in_(paused))
            .order_by(m.SupplementRequest.id)
        ):
            pauses[s.dossier_id].append(Pause(s.requested_at, s.received_at))
    core = uow.core
    calendar, now, due_soon = core.calendar(), core.now(), _due_soon(core)
    rows = []
    for i in ids:
        r = found.get(i)
        if r is None:
            continue
        deadline = assess(
            calendar,
            appointment_at=r.appointment_at,
            pauses=pauses.get(i, []),
            ended_at=r.ended_at,
            now=now,
            due_soon=due_soon,
        )
        rows.append(
            DossierRow(
                id=r.id,
                code=r.code,
                holder_name=r.holder_name,
                holder_id_masked=r.holder_id_masked,
                phone_masked=mask_phone(r.holder_phone),
                procedure_code=r.procedure_code,
                procedure_name=r.procedure_name,
                status=Status(r.status),
                received_at=r.received_at,
                appointment_at=r.appointment_at,
                due_at=deadline.due_at,
                timeliness=deadline.verdict,
            )
        )
    return rows


def find_ids(
    uow: UnitOfWork, query: str, *, limit: int = 50, before_id: int | None = None
) -> list[int]:
    """Dossier ids matching `query`, newest first: the index-backed part of the search."""
    q = clean(query)
    session = uow.session
    page = m.Dossier.id < before_id if before_id else None
    if not q:
        stmt = select(m.Dossier.id).order_by(m.Dossier.id.desc()).limit(limit)
        return list(session.scalars(stmt.where(page) if page is not None else stmt))
    digits = re.sub(r"[\s.\-]", "", q)
    if ID_RE.match(digits):
        lookup = uow.core.protector.lookup(digits)
        stmt = select(m.Dossier.id).where(m.Dossier.holder_id_lookup == lookup)
        if page is not None:
            stmt = stmt.where(page)
        found = list(session.scalars(stmt.order_by(m.Dossier.id.desc()).limit(limit)))
        if found:
            return found
    upper = q.upper()
    if CODE_HINT_RE.match(upper):
        stmt = select(m.Dossier.id).where(
            m.Dossier.code >= upper, m.Dossier.code < upper + "\uffff"
        )
        if page is not None:
            stmt = stmt.where(page)
        found = list(session.scalars(stmt.order_by(m.Dossier.id.desc()).limit(limit)))
        if found:
            return found
    if uow.core.db.is_sqlite:
        sql = "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :match"
        if before_id:
            sql += " AND rowid < :before"
        sql += " ORDER BY rowid DESC LIMIT :limit"
        for match in search_index.fts_queries(query):
            params = {"match": match, "limit": limit, "before": before_id}
            found = [int(r[0]) for r in session.execute(text(sql), params)]
            if found:
                return found
        return []
    # Word-prefix regexes; the trigram index narrows them (STACK.md: folded, unaccent-free).
    for patterns in search_index.pg_patterns(query):
        words_match = [m.Dossier.search_text.op("~")(p) for p in patterns]
        found = _pg_words(session, words_match, limit=limit, before_id=before_id)
        if found:
            return found
    return []


# PostgreSQL search: windows of newest rows scanned directly first; then at most
# PG_INDEX_CAP older hits collected through the trigram index (past that: walk newest-first).
PG_WINDOWS = (500, 5000)
PG_INDEX_CAP = 2000


def _pg_words(
    session: Session, words_match: list[Any], *, limit: int, before_id: int | None
) -> list[int]:
    """Newest-first pattern search on PostgreSQL whose cost stays small whatever is typed.

    Left to itself the planner misjudges regex selectivity: it guesses ~1% for a long rare
    prefix ("doanhuutro": 14 rows) and multiplies guesses for several words taken as
    independent ("nguyen tran": none), then walks the whole table newest-first (0.24 s on 100k
    rows). So: (1) the newest rows are scanned directly, a small window and, if hits there
    are frequent, a larger one (bounded work; enough for anything common); (2) older hits
    come from the trigram index, capped and materialized so the planner cannot turn back to
    the walk: all of them, newest first, when fewer than the cap; (3) past the cap the
    pattern is common, and a newest-first walk finds the rest quickly.
    """
    top = before_id or (session.scalar(select(func.max(m.Dossier.id))) or 0) + 1
    found: list[int] = []
    for size in PG_WINDOWS:
        floor = top - size
        window = select(m.Dossier.id).where(*words_match, m.Dossier.id < top, m.Dossier.id >= floor)
        found += session.scalars(window.order_by(m.Dossier.id.desc()).limit(limit - len(found)))
        if len(found) >= limit or floor <= 1:
            return found
        top = floor
        if len(found) * 100 < size:  # under 1% of rows: the index does better than a walk
            break
    need = limit - len(found)
    hits = (
        select(m.Dossier.id.label("id"))
        .where(*words_match, m.Dossier.id < top)
        .limit(PG_INDEX_CAP)
        .cte("hits")
        .prefix_with("MATERIALIZED")
    )
    older = sorted(session.scalars(select(hits.c.id)), reverse=True)
    if len(older) < PG_INDEX_CAP:
        return found + older[:need]
    walk = select(m.Dossier.id).where(*words_match, m.Dossier.id < top)
    return found + list(session.scalars(walk.order_by(m.Dossier.id.desc()).limit(need)))
