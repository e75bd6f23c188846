"""The intake form's draft: nothing is lost if the app is closed half-way.

One file per user (`<data dir>/drafts/<username>.json`), sealed with the office's data key
because it holds personal data (an ID number, a name), written atomically (temp → fsync →
rename) so a crash mid-write leaves the previous draft, never half a file.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from counter_app.protection import Protector

log = logging.getLogger(__name__)


class DraftStore:
    def __init__(self, data_dir: Path, username: str, protector: Protector) -> None:
        safe = re.sub(r"[^a-z0-9._-]", "_", username.lower()) or "user"
        self.path = data_dir / "drafts" / f"{safe}.json"
        self._protector = protector

    def save(self, state: dict[str, Any]) -> None:
        raw = json.dumps(state, ensure_ascii=False, sort_keys=True).encode("utf-8")
        blob = self._protector.seal_bytes(raw)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A unique temp name: the debounced save (worker) and the save on close (Qt thread)
        # may overlap; each renames its own complete file into place.
        tmp = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def load(self) -> dict[str, Any] | None:
        """The saved draft, or None; a damaged or foreign file is set aside, not fatal."""
        if not self.path.is_file():
            return None
        try:
            data = json.loads(self._protector.unseal_bytes(self.path.read_bytes()))
        except Exception:
            log.warning("unreadable draft %s set aside", self.path)
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_suffix(".damaged"))
            return None
        return data if isinstance(data, dict) else None

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
