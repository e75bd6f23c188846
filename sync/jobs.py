"""What the loop hands an adapter: plain read models of one outbox row, no ORM, no session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.services.views import DossierView


@dataclass(frozen=True)
class AttachmentInfo:
    """A digitized file of a dossier, with what the province already knows of it."""

    id: int
    kind: str  # component | result
    title: str
    sha256: str
    size: int
    mime: str
    copy_type: str
    deleted: bool
    component_code: str = ""
    component_name: str = ""
    upstream_id: str = ""  # id the province gave the uploaded file
    upstream_url: str = ""


@dataclass(frozen=True)
class DossierPacket:
    """The dossier as the province must see it (clear ID number: reading it is audited)."""

    view: DossierView
    applicant_type: str
    field_code: str
    office_name: str
    lead_agency: str
    attachments: tuple[AttachmentInfo, ...]
    already_sent: bool  # an earlier dossier row was accepted: this one is an update


@dataclass(frozen=True)
class ChangeInfo:
    """One status change (a row of the history) for CapNhatTienDoHoSoMC."""

    id: int
    from_status: int | None
    to_status: int
    at: datetime
    user_name: str
    user_title: str
    reason: str


@dataclass(frozen=True)
class Job:
    row_id: int
    key: str  # the outbox row's UUID: the idempotency key sent upstream
    kind: str  # dossier | progress | attachment | notify
    attempts: int
    dossier: DossierPacket | None = None
    change: ChangeInfo | None = None
    attachment: AttachmentInfo | None = None
    problem: str = ""  # set when the row cannot be built (e.g. its change is gone)


@dataclass(frozen=True)
class UpstreamChange:
    """A status change made upstream (e.g. processing finished → ready to return)."""

    code: str
    status: int
    at: datetime
    note: str = ""
    by: str = ""
