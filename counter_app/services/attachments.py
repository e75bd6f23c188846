"""Số hoá thành phần hồ sơ: attach pages or files to a component as one PDF, list, verify, sign.

Each use case is one transaction with its audit event and an outbox row (kind "attachment",
ref_id = the attachment) for the provincial system. The PDF is built and written to the store
before the transaction; if the transaction fails, the new file is removed again, so nothing is
half-stored. Attaching to a component that already has a PDF replaces it (the old row is kept,
marked deleted, for the record).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from counter_app.digitize import signing
from counter_app.digitize.files import Limits, load_file
from counter_app.digitize.pages import Page
from counter_app.digitize.pdf import DocumentInfo, assemble
from counter_app.digitize.profiles import ScanProfile, profile
from counter_app.digitize.store import AttachmentStore
from counter_app.domain.procedures import COPY_TYPE_LABELS, CopyType
from counter_app.errors import AppError, NotFound, ValidationError
from counter_app.services import office as office_service
from counter_app.services.context import Actor, Core, UnitOfWork, require
from counter_app.services.lifecycle import load_for_update
from counter_app.storage import models as m
from counter_app.text import clean, fold

log = logging.getLogger(__name__)
KINDS = ("component", "result")


@dataclass(frozen=True)
class AttachmentView:
    id: int
    dossier_code: str
    component_id: int | None
    component_position: int | None
    component_code: str
    component_name: str
    kind: str
    title: str
    sha256: str
    size: int
    pages: int
    copy_type: str
    created_at: datetime
    created_by: str
    signed_by: str
    signed_at: datetime | None
    profile: str
    blank_pages: list[int]
    deleted: bool = False

    @property
    def copy_type_label(self) -> str:
        try:
            return COPY_TYPE_LABELS[CopyType(self.copy_type)]
        except ValueError:
            return self.copy_type

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["created_at"] = self.created_at.isoformat()
        data["signed_at"] = self.signed_at.isoformat() if self.signed_at else None
        return data


@dataclass(frozen=True)
class ComponentStatus:
    """One line of the dossier's checklist on the digitize screen."""

    id: int
    position: int
    code: str
    name: str
    copy_type: str
    required: bool
    must_digitize: bool
    attachment: AttachmentView | None

    @property
    def digitized(self) -> bool:
        return self.attachment is not None

    @property
    def missing(self) -> bool:
        """Must be digitized by law and has no PDF yet."""
        return self.must_digitize and self.attachment is None


@dataclass(frozen=True)
class DigitizationFlags:
    """What the sync sends: HoSoCoThanhPhanSoHoa and TaiLieuNop[].DuocSoHoa (0/1)."""

    dossier: int  # HoSoCoThanhPhanSoHoa: 1 if at least one component has its PDF
    components: dict[int, int]  # component id → DuocSoHoa
    complete: bool  # every "must digitize" component has its PDF
    result: int = 0  # 1 if the result (kết quả) has been digitized


@dataclass(frozen=True)
class VerifyResult:
    attachment: AttachmentView
    ok: bool
    error: str  # stable code, "" when ok
    message: str
    signatures: list[signing.SignatureInfo]


def store_for(core: Core) -> AttachmentStore:
    return AttachmentStore(core.settings.attachments_dir, core.protector)


def limits_for(core: Core) -> Limits:
    return Limits.from_settings(core.settings.digitize)


def default_profile(core: Core) -> ScanProfile:
    return profile(core.settings.digitize.default_profile or "text")


# -- finding things ---------------------------------------------------------------------------


def _dossier(uow: UnitOfWork, code: str) -> m.Dossier:
    dossier = uow.session.scalars(
        select(m.Dossier).where(m.Dossier.code == clean(code).upper())
    ).one_or_none()
    if dossier is None:
        raise NotFound("E_DOSSIER_UNKNOWN", f"Không tìm thấy hồ sơ mã {code!r}.")
    return dossier


def find_component(dossier: m.Dossier, ref: str | int) -> m.DossierComponent:
    """A component by its number on the receipt (1, 2 …), its code, or (part of) its name."""
    text = clean(str(ref))
    comps = list(dossier.components)
    if text.isdigit():
        hit = [c for c in comps if c.position == int(text) or c.id == int(text)]
        hit = [c for c in hit if c.position == int(text)] or hit
    else:
        hit = [c for c in comps if c.code and c.code.lower() == text.lower()]
        if not hit:
            key = fold(text)
            hit = [c for c in comps if fold(c.name) == key] or [
                c for c in comps if key and key in fold(c.name)
            ]
    if len(hit) == 1:
        return hit[0]
    listing = "; ".join(f"{c.position}. {c.name}" for c in comps)
    if not hit:
        raise NotFound(
            "E_COMPONENT_UNKNOWN",
            f"Hồ sơ {dossier.code} không có thành phần {text!r}.",
            hint=f"Chọn theo số thứ tự: {listing}",
        )
    raise ValidationError(
        "E_COMPONENT_AMBIGUOUS",
        f"{text!r} khớp nhiều thành phần của hồ sơ {dossier.code}.",
        hint=f"Chọn theo số thứ tự: {listing}",
    )


def _view(
    row: m.Attachment,
    dossier_code: str,
    comps: dict[int, m.DossierComponent],
    users: dict[int, str],
) -> AttachmentView:
    comp = comps.get(row.component_id) if row.component_id else None
    meta = row.meta or {}
    return AttachmentView(
        id=row.id,
        dossier_code=dossier_code,
        component_id=row.component_id,
        component_position=comp.position if comp else None,
        component_code=comp.code if comp else "",
        component_name=comp.name if comp else row.title,
        kind=row.kind,
        title=row.title,
        sha256=row.sha256,
        size=row.size,
        pages=row.pages,
        copy_type=row.copy_type,
        created_at=row.created_at,
        created_by=users.get(row.created_by or 0, str(meta.get("created_by_name", ""))),
        signed_by=row.signed_by,
        signed_at=row.signed_at,
        profile=str(meta.get("profile", "")),
        blank_pages=[int(i) for i in meta.get("blank_pages", [])],
        deleted=row.deleted,
    )


def _views(uow: UnitOfWork, dossier: m.Dossier, *, include_deleted: bool) -> list[AttachmentView]:
    stmt = select(m.Attachment).where(m.Attachment.dossier_id == dossier.id)
    if not include_deleted:
        stmt = stmt.where(m.Attachment.deleted.is_(False))
    rows = uow.session.scalars(stmt.order_by(m.Attachment.id)).all()
    comps = {c.id: c for c in dossier.components}
    ids = {r.created_by for r in rows if r.created_by}
    users = {
        u.id: u.full_name
        for u in (uow.session.scalars(select(m.User).where(m.User.id.in_(ids))) if ids else [])
    }
    views = [_view(r, dossier.code, comps, users) for r in rows]
    return sorted(views, key=lambda v: (v.component_position or 10_000, v.id))


# -- use cases --------------------------------------------------------------------------------


def attach_pages(
    core: Core,
    actor: Actor,
    code: str,
    component: str | int | None,
    pages: Sequence[Page],
    prof: ScanProfile | None = None,
    *,
    kind: str = "component",
) -> AttachmentView:
    """The pages as one PDF linked to the component (or the dossier's result, kind="result")."""
    require(actor, "intake")
    prof = prof or default_profile(core)
    if not pages:
        raise ValidationError("E_PAGE_NONE", "Chưa có trang nào để lưu.")
    limit = core.settings.digitize.max_pages
    if len(pages) > limit:
        raise ValidationError(
            "E_TOO_MANY_PAGES", f"Một thành phần tối đa {limit} trang; đang có {len(pages)}."
        )
    info, component_id = _target(core, actor, code, component, kind)
    data = assemble(list(pages), info, pdfa=core.settings.digitize.pdfa)
    store = store_for(core)
    stored = store.put(data)
    try:
        with core.uow() as uow:
            dossier = load_for_update(uow, code)
            replaced = _retire(uow, dossier.id, component_id, kind)
            row = m.Attachment(
                dossier_id=dossier.id,
                component_id=component_id,
                kind=kind,
                title=info.component_name[:500],
                sha256=stored.sha256,
                size=stored.size,
                pages=len(pages),
                mime="application/pdf",
                copy_type=info.copy_type,
                created_by=actor.user_id,
                created_at=core.now(),
                meta={
                    "profile": prof.name,
                    "blank_pages": [i + 1 for i, p in enumerate(pages) if p.blank],
                    "stamp_pages": [i + 1 for i, p in enumerate(pages) if p.stamp],
                    "low_dpi_pages": [i + 1 for i, p in enumerate(pages) if p.low_dpi],
                    "dpi": sorted({p.dpi for p in pages}),
                    "created_by_name": actor.full_name,
                    "replaces": replaced,
                },
            )
            uow.session.add(row)
            uow.session.flush()
            uow.audit(
                actor,
                "digitize",
                "attachment",
                str(row.id),
                subject_lookup=dossier.holder_id_lookup,
                detail=f"{dossier.code} · {info.component_code} · {len(pages)} trang · "
                f"sha256 {stored.sha256[:16]}"
                + (f" · thay #{', #'.join(map(str, replaced))}" if replaced else ""),
            )
            uow.enqueue(
                "attachment",
                dossier.id,
                ref_id=row.id,
                payload={"action": "add", "sha256": stored.sha256, "replaces": replaced},
            )
            uow.commit()
            return _views_one(uow, dossier, row.id)
    except BaseException:
        if stored.created:
            store.remove(stored.sha256)
        raise


def _target(
    core: Core, actor: Actor, code: str, component: str | int | None, kind: str
) -> tuple[DocumentInfo, int | None]:
    """The dossier and component the pages go to, checked before any heavy work."""
    if kind not in KINDS:
        raise ValidationError("E_ATTACHMENT_KIND", f"Loại tệp đính kèm không hợp lệ: {kind!r}.")
    with core.uow(write=False) as uow:
        dossier = _dossier(uow, code)
        comp = find_component(dossier, component) if kind == "component" and component else None
        if kind == "component" and comp is None:
            raise ValidationError("E_COMPONENT_REQUIRED", "Chọn thành phần hồ sơ cần số hoá.")
        office_name = office_service.require_office(uow).name
        info = DocumentInfo(
            dossier_code=dossier.code,
            component_code=(comp.code or str(comp.position)) if comp else "KQ",
            component_name=comp.name if comp else "Kết quả giải quyết",
            copy_type=comp.copy_type if comp else CopyType.ORIGINAL.value,
            digitized_by=actor.full_name,
            digitized_at=core.local_now(),
            office=office_name,
        )
        return info, comp.id if comp else None


def _views_one(uow: UnitOfWork, dossier: m.Dossier, attachment_id: int) -> AttachmentView:
    for view in _views(uow, dossier, include_deleted=True):
        if view.id == attachment_id:
            return view
    raise NotFound("E_ATTACHMENT_UNKNOWN", f"Không có tệp số hoá #{attachment_id}.")


def _retire(uow: UnitOfWork, dossier_id: int, component_id: int | None, kind: str) -> list[int]:
    """One current PDF per component (and one result): the previous ones are marked deleted."""
    stmt = select(m.Attachment).where(
        m.Attachment.dossier_id == dossier_id,
        m.Attachment.kind == kind,
        m.Attachment.deleted.is_(False),
    )
    stmt = stmt.where(
        m.Attachment.component_id == component_id
        if component_id is not None
        else m.Attachment.component_id.is_(None)
    )
    old = uow.session.scalars(stmt).all()
    for row in old:
        row.deleted = True
    return [row.id for row in old]


def load_files(
    core: Core,
    paths: Sequence[Path],
    prof: ScanProfile | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Page]:
    """Pages of several files, in order; the first bad file stops everything (all or nothing)."""
    prof = prof or default_profile(core)
    limits = limits_for(core)
    pages: list[Page] = []
    for path in paths:
        report = (
            (lambda done, total, name=path.name: progress(name, done, total)) if progress else None
        )
        pages.extend(load_file(Path(path), prof, limits, report))
        if len(pages) > limits.max_pages:
            raise ValidationError(
                "E_TOO_MANY_PAGES", f"Quá {limits.max_pages} trang cho một thành phần."
            )
    return pages


def attach_files(
    core: Core,
    actor: Actor,
    code: str,
    component: str | int | None,
    paths: Sequence[Path],
    prof: ScanProfile | None = None,
    *,
    kind: str = "component",
) -> AttachmentView:
    require(actor, "intake")
    if not paths:
        raise ValidationError("E_FILE_NONE", "Chưa chọn tệp nào.")
    _target(core, actor, code, component, kind)  # a wrong code fails before reading files
    pages = load_files(core, paths, prof)
    return attach_pages(core, actor, code, component, pages, prof, kind=kind)


def list_attachments(
    core: Core, actor: Actor, code: str, *, include_deleted: bool = False
) -> list[AttachmentView]:
    require(actor, "view")
    with core.uow(write=False) as uow:
        return _views(uow, _dossier(uow, code), include_deleted=include_deleted)


def current_attachment(
    core: Core, actor: Actor, code: str, component: str | int | None
) -> AttachmentView | None:
    """The current PDF of a component (or of the result when `component` is None)."""
    require(actor, "view")
    with core.uow(write=False) as uow:
        dossier = _dossier(uow, code)
        comp_id = find_component(dossier, component).id if component is not None else None
        for view in _views(uow, dossier, include_deleted=False):
            if view.component_id == comp_id and view.kind == ("component" if comp_id else "result"):
                return view
    return None


def component_status(core: Core, actor: Actor, code: str) -> list[ComponentStatus]:
    """The checklist: each component, whether it must be digitized, and its current PDF."""
    require(actor, "view")
    with core.uow(write=False) as uow:
        dossier = _dossier(uow, code)
        current = {
            v.component_id: v
            for v in _views(uow, dossier, include_deleted=False)
            if v.kind == "component"
        }
        return [
            ComponentStatus(
                id=c.id,
                position=c.position,
                code=c.code,
                name=c.name,
                copy_type=c.copy_type,
                required=c.required,
                must_digitize=c.must_digitize,
                attachment=current.get(c.id),
            )
            for c in dossier.components
        ]


def digitization_flags(source: Core | UnitOfWork, dossier_id: int) -> DigitizationFlags:
    """Flags for the sync: per component (DuocSoHoa) and for the dossier (HoSoCoThanhPhanSoHoa).

    Works inside the sync's own unit of work or opens a read-only one.
    """
    if isinstance(source, UnitOfWork):
        return _flags(source, dossier_id)
    with source.uow(write=False) as uow:
        return _flags(uow, dossier_id)


def _flags(uow: UnitOfWork, dossier_id: int) -> DigitizationFlags:
    comps = uow.session.execute(
        select(m.DossierComponent.id, m.DossierComponent.must_digitize).where(
            m.DossierComponent.dossier_id == dossier_id
        )
    ).all()
    attached = uow.session.execute(
        select(m.Attachment.component_id, m.Attachment.kind).where(
            m.Attachment.dossier_id == dossier_id, m.Attachment.deleted.is_(False)
        )
    ).all()
    with_pdf = {cid for cid, kind in attached if kind == "component" and cid is not None}
    per = {cid: int(cid in with_pdf) for cid, _ in comps}
    return DigitizationFlags(
        dossier=int(any(per.values())),
        components=per,
        complete=all(cid in with_pdf for cid, must in comps if must),
        result=int(any(kind == "result" for _, kind in attached)),
    )


def _row(uow: UnitOfWork, attachment_id: int) -> m.Attachment:
    row = uow.session.get(m.Attachment, attachment_id)
    if row is None:
        raise NotFound("E_ATTACHMENT_UNKNOWN", f"Không có tệp số hoá #{attachment_id}.")
    return row


def read(core: Core, actor: Actor, attachment_id: int) -> tuple[AttachmentView, bytes]:
    """The PDF's bytes, decrypted and checked against its SHA-256; the viewing is audited."""
    require(actor, "view")
    with core.uow() as uow:
        row = _row(uow, attachment_id)
        dossier = uow.session.get_one(m.Dossier, row.dossier_id)
        data = store_for(core).get(row.sha256)
        uow.audit(actor, "view", "attachment", str(row.id), subject_lookup=dossier.holder_id_lookup)
        uow.commit()
        return _views_one(uow, dossier, row.id), data


def verify(core: Core, actor: Actor, code: str) -> list[VerifyResult]:
    """Re-read every current PDF of the dossier: present, decryptable, same SHA-256, and
    its signatures (if any) still intact."""
    require(actor, "view")
    store = store_for(core)
    out = []
    for view in list_attachments(core, actor, code):
        try:
            data = store.get(view.sha256)
            sigs = signing.inspect(data) if view.signed_by else []
            bad = [s for s in sigs if not (s.intact and s.valid)]
            if view.signed_by and (not sigs or bad):
                out.append(
                    VerifyResult(
                        view, False, "E_SIGNATURE_INVALID", "Chữ ký số không hợp lệ.", sigs
                    )
                )
            else:
                out.append(VerifyResult(view, True, "", "Tốt", sigs))
        except AppError as err:
            out.append(VerifyResult(view, False, err.code, err.message, []))
    return out


def sign(
    core: Core,
    actor: Actor,
    attachment_id: int,
    secret: str,
    config: signing.SignerConfig | None = None,
) -> AttachmentView:
    """Sign the PDF (PAdES) with the officer's token or certificate file; the row then points
    at the signed file and shows who signed and when."""
    require(actor, "intake")
    config = config or signing.SignerConfig.from_settings(core.settings.digitize)
    store = store_for(core)
    with core.uow(write=False) as uow:
        row = _row(uow, attachment_id)
        if row.deleted:
            raise ValidationError("E_ATTACHMENT_REPLACED", "Tệp này đã được thay bằng bản khác.")
        if row.signed_by:
            raise ValidationError(
                "E_ALREADY_SIGNED", f"Tệp đã được ký bởi {row.signed_by}.", signed_by=row.signed_by
            )
        unsigned_sha = row.sha256
        location = office_service.require_office(uow).name
    data = store.get(unsigned_sha)
    signed, info = signing.sign(data, config, secret, location=location)
    stored = store.put(signed)
    try:
        with core.uow() as uow:
            row = _row(uow, attachment_id)
            if row.sha256 != unsigned_sha or row.signed_by:
                raise ValidationError("E_CHANGED", "Tệp vừa được thay đổi ở máy khác; thử lại.")
            dossier = uow.session.get_one(m.Dossier, row.dossier_id)
            row.sha256, row.size = stored.sha256, stored.size
            row.signed_by = info.signer[:300]
            row.signed_at = info.signed_at or core.now()
            row.meta = {
                **(row.meta or {}),
                "unsigned_sha256": unsigned_sha,
                "signature": {"issuer": info.issuer, "serial": info.serial, "via": config.kind},
            }
            uow.session.flush()
            uow.audit(
                actor,
                "sign",
                "attachment",
                str(row.id),
                subject_lookup=dossier.holder_id_lookup,
                detail=f"{dossier.code} · ký bởi {info.signer} · sha256 {stored.sha256[:16]}",
            )
            uow.enqueue(
                "attachment",
                dossier.id,
                ref_id=row.id,
                payload={"action": "signed", "sha256": stored.sha256},
            )
            uow.commit()
            return _views_one(uow, dossier, row.id)
    except BaseException:
        if stored.created:
            store.remove(stored.sha256)
        raise


def sweep_store(core: Core) -> int:
    """Remove files no attachment refers to (after a crash between writing and committing)."""
    with core.uow(write=False) as uow:
        referenced = set(uow.session.scalars(select(m.Attachment.sha256)))
        for meta in uow.session.scalars(select(m.Attachment.meta)):
            if meta and meta.get("unsigned_sha256"):
                referenced.add(str(meta["unsigned_sha256"]))
    return len(store_for(core).sweep(referenced))
