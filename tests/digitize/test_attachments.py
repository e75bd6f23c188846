"""Use cases: attach a component's pages as one PDF, list, replace, verify, flags for the sync."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from sqlalchemy import func, select

from counter_app.digitize import pdf
from counter_app.digitize.processing import prepare
from counter_app.digitize.profiles import profile
from counter_app.errors import AppError, NotFound, ValidationError
from counter_app.services import attachments
from counter_app.services.context import Actor, Core
from counter_app.storage import models as m
from tests.digitize import documents


def _pages(n: int = 2) -> list:  # type: ignore[type-arg]
    return [
        prepare(documents.text_page(300, lines=6 + i), profile("text"), f"p{i}", 300)
        for i in range(n)
    ]


def _count(core: Core, model: type, **where: object) -> int:
    with core.uow(write=False) as uow:
        stmt = select(func.count()).select_from(model)
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        return int(uow.session.scalar(stmt) or 0)


def test_attach_pages_writes_pdf_row_audit_and_outbox_in_one_go(
    ready_core: Core, officer: Actor, dossier_code: str
) -> None:
    view = attachments.attach_pages(ready_core, officer, dossier_code, "2", _pages(2))
    assert view.component_position == 2 and view.component_name == "Giấy chứng sinh"
    assert view.pages == 2 and view.created_by == "Nguyễn Thị Lan" and view.profile == "text"
    assert view.signed_by == "" and len(view.sha256) == 64
    _, data = attachments.read(ready_core, officer, view.id)
    assert len(data) == view.size
    meta = pdf.read_info(data)
    assert meta["MaHoSo"] == dossier_code and meta["SoTrang"] == "2"
    assert meta["NguoiSoHoa"] == "Nguyễn Thị Lan"
    with ready_core.uow(write=False) as uow:
        row = uow.session.scalars(select(m.OutboxRow).where(m.OutboxRow.kind == "attachment")).one()
        assert row.ref_id == view.id and row.payload["sha256"] == view.sha256
        actions = uow.session.scalars(
            select(m.AuditEvent.action).where(m.AuditEvent.object_type == "attachment")
        ).all()
        assert actions == ["digitize", "view"]


def test_component_by_code_name_or_number_and_clear_errors(
    ready_core: Core, officer: Actor, dossier_code: str
) -> None:
    by_name = attachments.attach_pages(
        ready_core, officer, dossier_code, "giay chung sinh", _pages(1)
    )
    assert by_name.component_position == 2
    with pytest.raises(NotFound) as err:
        attachments.attach_pages(ready_core, officer, dossier_code, "9", _pages(1))
    assert err.value.code == "E_COMPONENT_UNKNOWN" and "Giấy chứng sinh" in err.value.hint
    with pytest.raises(ValidationError) as verr:
        attachments.attach_pages(ready_core, officer, dossier_code, "sinh", _pages(1))
    assert verr.value.code == "E_COMPONENT_AMBIGUOUS"
    with pytest.raises(NotFound):
        attachments.attach_pages(ready_core, officer, "000.00.01.H22-200101-9999", "1", _pages(1))
    with pytest.raises(ValidationError) as verr:
        attachments.attach_pages(ready_core, officer, dossier_code, "2", [])
    assert verr.value.code == "E_PAGE_NONE"


def test_missing_components_replacement_and_sync_flags(
    ready_core: Core, officer: Actor, dossier_code: str
) -> None:
    status = attachments.component_status(ready_core, officer, dossier_code)
    assert [s.position for s in status if s.missing] == [2]
    with ready_core.uow(write=False) as uow:
        dossier_id = uow.session.scalar(select(m.Dossier.id).where(m.Dossier.code == dossier_code))
    assert dossier_id is not None
    flags = attachments.digitization_flags(ready_core, dossier_id)
    assert flags.dossier == 0 and not flags.complete and set(flags.components.values()) == {0}

    first = attachments.attach_pages(ready_core, officer, dossier_code, "1", _pages(1))
    flags = attachments.digitization_flags(ready_core, dossier_id)
    assert flags.dossier == 1 and not flags.complete  # the must-digitize one is still missing
    second = attachments.attach_pages(ready_core, officer, dossier_code, "2", _pages(1))
    third = attachments.attach_pages(ready_core, officer, dossier_code, "2", _pages(3))
    with ready_core.uow(write=False) as uow:  # the sync uses its own unit of work
        flags = attachments.digitization_flags(uow, dossier_id)
    assert flags.complete and flags.components[second.component_id or 0] == 1
    assert flags.result == 0

    status = attachments.component_status(ready_core, officer, dossier_code)
    assert not any(s.missing for s in status)
    assert status[1].attachment is not None and status[1].attachment.id == third.id
    current = attachments.list_attachments(ready_core, officer, dossier_code)
    assert [v.id for v in current] == [first.id, third.id]
    history = attachments.list_attachments(ready_core, officer, dossier_code, include_deleted=True)
    assert {v.id for v in history if v.deleted} == {second.id}

    result = attachments.attach_pages(
        ready_core, officer, dossier_code, None, _pages(1), kind="result"
    )
    assert result.kind == "result" and attachments.digitization_flags(ready_core, dossier_id).result


def test_bad_file_among_good_ones_stores_nothing(
    ready_core: Core, officer: Actor, dossier_code: str, tmp_path: Path
) -> None:
    good = documents.save(documents.text_page(300, lines=3), tmp_path / "good.png", "PNG")
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    with pytest.raises(ValidationError) as err:
        attachments.attach_files(ready_core, officer, dossier_code, "2", [good, bad])
    assert err.value.code == "E_IMAGE_BROKEN" and "bad.jpg" in err.value.message
    assert _count(ready_core, m.Attachment) == 0
    assert _count(ready_core, m.OutboxRow, kind="attachment") == 0
    assert list(attachments.store_for(ready_core).files()) == []


def test_a_failed_transaction_removes_the_new_file(
    ready_core: Core, officer: Actor, dossier_code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter_app.services.context import UnitOfWork

    def broken(self: UnitOfWork, *a: object, **k: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(UnitOfWork, "enqueue", broken)
    with pytest.raises(RuntimeError):
        attachments.attach_pages(ready_core, officer, dossier_code, "2", _pages(1))
    assert _count(ready_core, m.Attachment) == 0
    assert list(attachments.store_for(ready_core).files()) == []


def test_verify_finds_a_damaged_or_missing_file(
    ready_core: Core, officer: Actor, dossier_code: str
) -> None:
    a = attachments.attach_pages(ready_core, officer, dossier_code, "1", _pages(1))
    b = attachments.attach_pages(ready_core, officer, dossier_code, "2", _pages(1))
    assert all(r.ok for r in attachments.verify(ready_core, officer, dossier_code))
    store = attachments.store_for(ready_core)
    store.path_of(a.sha256).write_bytes(b"CAv1" + b"\x00" * 64)
    store.path_of(b.sha256).unlink()
    results = {r.attachment.id: r for r in attachments.verify(ready_core, officer, dossier_code)}
    assert results[a.id].error == "E_FILE_DAMAGED" and results[b.id].error == "E_FILE_MISSING"
    with pytest.raises(AppError) as err:
        attachments.read(ready_core, officer, a.id)
    assert err.value.code == "E_FILE_DAMAGED"


def test_pdf_is_not_half_written_if_pages_are_too_many(
    ready_core: Core, officer: Actor, dossier_code: str
) -> None:
    ready_core.settings.digitize.max_pages = 2
    with pytest.raises(ValidationError) as err:
        attachments.attach_pages(ready_core, officer, dossier_code, "2", _pages(3))
    assert err.value.code == "E_TOO_MANY_PAGES"
    assert list(attachments.store_for(ready_core).files()) == []


def test_stored_pdf_opens_and_has_one_page_per_scan(
    ready_core: Core, officer: Actor, dossier_code: str
) -> None:
    view = attachments.attach_pages(ready_core, officer, dossier_code, "2", _pages(3))
    _, data = attachments.read(ready_core, officer, view.id)
    import io

    with pikepdf.open(io.BytesIO(data)) as doc:
        assert len(doc.pages) == 3


def test_sweep_removes_files_left_by_a_crash_but_keeps_every_referenced_one(
    ready_core: Core, officer: Actor, dossier_code: str
) -> None:
    import os

    kept = attachments.attach_pages(ready_core, officer, dossier_code, "2", _pages(1))
    store = attachments.store_for(ready_core)
    orphan = store.put(b"%PDF-1.7 written, then the power went out")
    for sha in (kept.sha256, orphan.sha256):
        os.utime(store.path_of(sha), (1_000_000_000, 1_000_000_000))
    assert attachments.sweep_store(ready_core) == 1
    assert store.exists(kept.sha256) and not store.exists(orphan.sha256)
