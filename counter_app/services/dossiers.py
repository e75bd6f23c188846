"""Finding and showing dossiers: search-as-you-type, look-up by code, full details."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, select, text
from sqlalchemy.orm import selectinload

from counter_app.domain.status import Status
from counter_app.domain.timeliness import Timeliness
from counter_app.errors import NotFound
from counter_app.services.context import Actor, Core, UnitOfWork, require
from counter_app.services.views import DossierView, deadline_of, dossier_view
from counter_app.storage import models as m
from counter_app.text import clean, fold, mask_phone

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
        if not ids:
            return []
        rows = uow.session.scalars(
            select(m.Dossier)
            .where(m.Dossier.id.in_(ids))
            .options(selectinload(m.Dossier.supplements))
        ).all()
        order = {i: n for n, i in enumerate(ids)}
        rows = sorted(rows, key=lambda r: order[r.id])
        return [row_of(core, r) for r in rows]


def row_of(core: Core, r: m.Dossier) -> DossierRow:
    deadline = deadline_of(r, core.calendar(), core.now(), _due_soon(core))
    return DossierRow(
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
    words = re.findall(r"[0-9a-z]+", fold(q))
    if not words:
        return []
    if uow.core.db.is_sqlite:
        match = " AND ".join(f'"{w}"*' for w in words[:8])
        sql = "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :match"
        params: dict[str, object] = {"match": match, "limit": limit}
        if before_id:
            sql += " AND rowid < :before"
            params["before"] = before_id
        sql += " ORDER BY rowid DESC LIMIT :limit"
        return [int(r[0]) for r in session.execute(text(sql), params)]
    stmt = select(m.Dossier.id)
    for w in words[:8]:
        # Word-prefix match; the trigram index narrows it (STACK.md: folded, unaccent-free).
        stmt = stmt.where(m.Dossier.search_text.op("~")(rf"(^| ){re.escape(w)}"))
    if page is not None:
        stmt = stmt.where(page)
    return list(session.scalars(stmt.order_by(m.Dossier.id.desc()).limit(limit)))
