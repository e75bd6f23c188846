"""The attachment store: encrypted at rest, atomic, verified by SHA-256 on every read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from counter_app.digitize.store import AttachmentStore, StoreError, sha256_of
from counter_app.protection import Protector

PDF = b"%PDF-1.7\n" + "Giấy chứng sinh của Nguyễn Văn An".encode() + b"\n%%EOF\n" * 50


@pytest.fixture
def store(tmp_path: Path) -> AttachmentStore:
    return AttachmentStore(tmp_path / "attachments", Protector(b"k" * 32))


def test_round_trip_and_nothing_readable_on_disk(store: AttachmentStore) -> None:
    stored = store.put(PDF)
    assert stored.sha256 == sha256_of(PDF) and stored.created and stored.size == len(PDF)
    assert store.get(stored.sha256) == PDF
    files = list(store.files())
    assert len(files) == 1
    raw = files[0].read_bytes()
    assert b"%PDF" not in raw and "Nguyễn".encode() not in raw
    assert stored.sha256 not in str(files[0])  # the name does not reveal the content's hash
    again = store.put(PDF)
    assert not again.created and len(list(store.files())) == 1


def test_a_copied_folder_is_useless_without_the_key(store: AttachmentStore, tmp_path: Path) -> None:
    stored = store.put(PDF)
    thief = AttachmentStore(store.root, Protector(b"x" * 32))
    assert not thief.exists(stored.sha256)  # names are keyed too
    stolen = AttachmentStore(store.root, Protector(b"x" * 32))
    stolen.path_of = store.path_of  # type: ignore[method-assign]
    with pytest.raises(StoreError) as err:
        stolen.get(stored.sha256)
    assert err.value.code == "E_FILE_DAMAGED"


def test_tampering_and_loss_are_detected(store: AttachmentStore) -> None:
    stored = store.put(PDF)
    path = store.path_of(stored.sha256)
    data = bytearray(path.read_bytes())
    data[40] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as err:
        store.get(stored.sha256)
    assert err.value.code == "E_FILE_DAMAGED"
    assert store.put(PDF).created  # a damaged copy is rewritten
    assert store.get(stored.sha256) == PDF
    path.unlink()
    with pytest.raises(StoreError) as err:
        store.get(stored.sha256)
    assert err.value.code == "E_FILE_MISSING"


def test_a_failed_write_leaves_no_file_and_no_temporary(
    store: AttachmentStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(StoreError) as err:
        store.put(PDF)
    assert err.value.code == "E_STORE_WRITE"
    assert [p for p in store.root.rglob("*") if p.is_file()] == []


def test_sweep_removes_only_old_unreferenced_files(store: AttachmentStore) -> None:
    keep = store.put(PDF)
    orphan = store.put(PDF + b"orphan")
    fresh = store.put(PDF + b"just written by another counter")
    old = 1_000_000_000
    for s in (keep, orphan):
        os.utime(store.path_of(s.sha256), (old, old))
    removed = store.sweep({keep.sha256})
    assert removed == [store.path_of(orphan.sha256)]
    assert store.exists(keep.sha256) and store.exists(fresh.sha256)
