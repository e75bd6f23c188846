"""Reading a digitized file for upload: through the attachment store, which unseals it and
checks it against its SHA-256, so a damaged or wrong file is never sent."""

from __future__ import annotations

from pathlib import Path

from counter_app.digitize.store import AttachmentStore
from counter_app.protection import Protector
from sync.jobs import AttachmentInfo


class StoreReader:
    def __init__(self, root: Path, protector: Protector) -> None:
        self.store = AttachmentStore(root, protector)

    def __call__(self, attachment: AttachmentInfo) -> bytes:
        return self.store.get(attachment.sha256)  # StoreError (an AppError) → row rejected
