"""The procedure catalogue: import (all or nothing), list, pick by code or accent-free name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from counter_app.domain.catalog_format import ParsedCatalog, RowProblem, parse_catalog_file
from counter_app.domain.procedures import (
    ComponentSpec,
    CopyType,
    DurationUnit,
    FeeSpec,
    ProcedureSpec,
)
from counter_app.errors import ValidationError
from counter_app.services.context import Actor, Core, require
from counter_app.storage import models as m
from counter_app.text import fold

SAMPLE_CATALOG = (
    Path(__file__).resolve().parents[2] / "resources" / "catalog" / "sample-procedures.json"
)


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    problems: tuple[RowProblem, ...]


class CatalogRejected(ValidationError):
    def __init__(self, problems: tuple[RowProblem, ...]) -> None:
        lines = [f"dòng {p.row} ({p.code or '?'}): [{p.error_code}] {p.message}" for p in problems]
        super().__init__(
            "E_CATALOG_REJECTED",
            f"Danh mục có {len(problems)} dòng lỗi; không nhập gì cả.\n" + "\n".join(lines),
            hint="Sửa các dòng trên rồi nhập lại.",
            problems=[p.__dict__ for p in problems],
        )
        self.problems = problems


def import_file(core: Core, actor: Actor, path: Path) -> ImportReport:
    return import_parsed(core, actor, parse_catalog_file(path), source=path.name)


def import_parsed(core: Core, actor: Actor, parsed: ParsedCatalog, *, source: str) -> ImportReport:
    """Add or update every procedure of the file, or none if any row is bad."""
    require(actor, "catalog")
    if parsed.problems:
        raise CatalogRejected(parsed.problems)
    added = updated = 0
    with core.uow() as uow:
        existing = {
            p.code: p
            for p in uow.session.scalars(
                select(m.Procedure).options(selectinload(m.Procedure.components))
            )
        }
        now = core.now()
        for spec in parsed.procedures:
            row = existing.get(spec.code)
            if row is None:
                row = m.Procedure(code=spec.code, updated_at=now)
                uow.session.add(row)
                added += 1
            else:
                updated += 1
            _fill(row, spec)
            row.updated_at = now
        uow.audit(
            actor,
            "import",
            "catalog",
            source,
            detail=f"Nhập danh mục: {added} thêm mới, {updated} cập nhật",
        )
        uow.commit()
    return ImportReport(added, updated, ())


def _fill(row: m.Procedure, spec: ProcedureSpec) -> None:
    row.name = spec.name
    row.name_folded = fold(spec.name)
    row.field = spec.field
    row.field_code = spec.field_code
    row.level = spec.level
    row.duration = spec.duration
    row.duration_unit = spec.duration_unit.value
    row.cutoff = spec.cutoff.strftime("%H:%M") if spec.cutoff else None
    row.fees = [
        {"name": f.name, "amount_vnd": f.amount_vnd, "code": f.code, "note": f.note}
        for f in spec.fees
    ]
    row.source = spec.source
    row.note = spec.note
    row.active = True
    row.components = [
        m.ProcedureComponent(
            position=i + 1,
            name=c.name,
            code=c.code,
            copy_type=c.copy_type.value,
            count=c.count,
            required=c.required,
            must_digitize=c.must_digitize,
        )
        for i, c in enumerate(spec.components)
    ]


def to_spec(row: m.Procedure) -> ProcedureSpec:
    return ProcedureSpec(
        code=row.code,
        name=row.name,
        field=row.field,
        level=row.level,
        duration=row.duration,
        duration_unit=DurationUnit(row.duration_unit),
        cutoff=time.fromisoformat(row.cutoff) if row.cutoff else None,
        fees=tuple(
            FeeSpec(
                str(f.get("name", "")),
                int(f.get("amount_vnd", 0)),
                str(f.get("code", "")),
                str(f.get("note", "")),
            )
            for f in row.fees
        ),
        components=tuple(
            ComponentSpec(
                c.name, CopyType(c.copy_type), c.count, c.required, c.must_digitize, c.code
            )
            for c in row.components
        ),
        field_code=row.field_code,
        source=row.source,
        note=row.note,
    )


def list_procedures(core: Core, query: str = "", *, limit: int = 500) -> list[ProcedureSpec]:
    """Active procedures, optionally matching a code prefix or accent-free words of the name."""
    with core.uow(write=False) as uow:
        stmt = (
            select(m.Procedure)
            .where(m.Procedure.active.is_(True))
            .options(selectinload(m.Procedure.components))
            .order_by(m.Procedure.code)
        )
        words = fold(query).split()
        if words:
            stmt = stmt.where(
                or_(
                    m.Procedure.code.startswith(query.strip()),
                    *[m.Procedure.name_folded.contains(w) for w in words[:1]],
                )
            )
        rows = uow.session.scalars(stmt.limit(limit * 4 if words else limit)).all()
        specs = [
            to_spec(r)
            for r in rows
            if not words
            or r.code.startswith(query.strip())
            or all(w in r.name_folded for w in words)
        ]
        return specs[:limit]


def get_procedure(core: Core, code: str) -> ProcedureSpec | None:
    with core.uow(write=False) as uow:
        row = uow.session.scalars(
            select(m.Procedure)
            .where(m.Procedure.code == code.strip())
            .options(selectinload(m.Procedure.components))
        ).one_or_none()
        return to_spec(row) if row else None


def catalog_size(core: Core) -> int:
    from sqlalchemy import func

    with core.uow(write=False) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(m.Procedure)) or 0)
