"""The adapter protocol: one implementation per style of provincial system."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from sync.jobs import AttachmentInfo, Job, UpstreamChange
from sync.outcome import Outcome

FileReader = Callable[[AttachmentInfo], bytes]
# Called when the province acknowledged an uploaded file: (attachment id, upstream id, url).
UploadListener = Callable[[int, str, str], None]


class Adapter(Protocol):
    """Each push answers accepted / retry later / rejected; it never raises for a network or
    server failure. `pull_changes` raises `TransportFailure` when it cannot ask."""

    name: str

    def push_dossier(self, job: Job) -> Outcome: ...

    def push_progress(self, job: Job) -> Outcome: ...

    def upload_attachment(self, job: Job) -> Outcome: ...

    def pull_changes(self, since: datetime, until: datetime) -> list[UpstreamChange]: ...

    def wait_time(self) -> float:
        """Seconds before the endpoint may be called again (0: now)."""
        ...

    def close(self) -> None: ...
