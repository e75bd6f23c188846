"""What an adapter answers for one outbox row: accepted, retry later, or rejected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Accepted:
    """The province has the change: the row is done."""

    request_hash: str = ""
    response_hash: str = ""


@dataclass(frozen=True)
class RetryLater:
    """Not now (offline, busy, garbage answer): the row waits and is sent again.

    `delay` None means the loop's back-off decides; `server_wide` means the whole endpoint is
    unavailable (circuit open, throttled), so the rest of the batch is not even tried.
    """

    reason: str
    delay: float | None = None
    server_wide: bool = False
    request_hash: str = ""
    response_hash: str = ""


@dataclass(frozen=True)
class Rejected:
    """The province refused the change: the row goes dead and shows in the "rejected" list."""

    reason: str
    request_hash: str = ""
    response_hash: str = ""


Outcome = Accepted | RetryLater | Rejected
