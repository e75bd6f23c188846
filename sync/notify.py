"""The SMS/Zalo gateway adapter: sends the "your result is ready" messages of the outbox.

Gateway contract (one HTTP call per message):

    POST [notify] url
    Authorization: Bearer <token>          (keyring entry [notify] token_secret)
    Idempotency-Key: <outbox row key>      (the same on every retry of one message)
    {"id": <outbox row key>, "channel": "sms"|"zalo", "to": "84912345678",
     "text": "...", "sender": [notify] sender, "reference": <dossier code>}

    2xx {"error_code": 0|"0"|"00", "message_id": "..."}   → sent (the row is done)
    2xx {"error_code": X, "message": "..."}               → refused: the row is dead, unless
                                                            X is in [notify] retry_codes
    429 / 503 with Retry-After                            → wait that long, then retry
    5xx, 408, timeout, reset, non-JSON answer             → retry with the outbox back-off
    other 4xx (401/403: the token)                        → refused: the row is dead

A lost answer (the gateway got it, the reply did not arrive) is sent again with the same key:
a gateway that honours Idempotency-Key texts the citizen once. The phone number is unsealed
only here, right before the request, and appears in logs masked.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select

from counter_app import secrets
from counter_app.config import NotifySettings
from counter_app.domain.status import Status
from counter_app.errors import ConfigError
from counter_app.services.context import Core
from counter_app.services.result_notice import unavailable_reason
from counter_app.storage import models as m
from counter_app.text import clean, mask_phone
from sync.jobs import Job
from sync.outcome import Accepted, Outcome, Rejected, RetryLater
from sync.policy import CircuitBreaker
from sync.prepare import SYNC_ACTOR
from sync.transport import parse_retry_after, sha256, tls_context

log = logging.getLogger("sync.notify")
SUCCESS_CODES = ("0", "00")
BREAKER_FAILURES = 3  # consecutive failures before the gateway gets a rest
BREAKER_COOLDOWN = 60.0
READ_DETAIL = "Đọc số điện thoại để gửi tin nhắn báo hồ sơ đã có kết quả"


class Notifier:
    def __init__(
        self,
        core: Core,
        config: NotifySettings,
        *,
        token: Callable[[], str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        http_transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.core = core
        self.config = config
        self._token = token or (
            lambda: secrets.require_secret(
                config.token_secret, f"mã truy cập cổng nhắn tin ({config.token_secret})"
            )
        )
        self._clock = clock
        self.breaker = CircuitBreaker(BREAKER_FAILURES, BREAKER_COOLDOWN, clock)
        self._paused_until = 0.0
        self._lock = threading.Lock()
        self._retry_codes = {c.strip() for c in config.retry_codes.split(",") if c.strip()}
        timeout = float(config.timeout_seconds)
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            verify=tls_context(config.ca_bundle),
            headers={"User-Agent": "counter-app-notify"},
            follow_redirects=False,
            transport=http_transport,
        )

    def close(self) -> None:
        self.client.close()

    def wait_time(self) -> float:
        """Seconds before the gateway may be called again (Retry-After, or resting)."""
        with self._lock:
            paused = max(0.0, self._paused_until - self._clock())
        return max(paused, self.breaker.wait_time())

    def _pause(self, seconds: float) -> None:
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + seconds)

    # -- one message ------------------------------------------------------------------------

    def send(self, job: Job) -> Outcome:
        loaded = self._load(job.row_id)
        if isinstance(loaded, Rejected | Accepted):
            return loaded
        payload, phone = loaded
        code = str(payload.get("code", ""))
        masked = mask_phone(phone)
        try:
            token = self._token()
        except ConfigError as exc:
            return Rejected(f"{exc.message} {exc.hint}".strip())
        body = {
            "id": job.key,
            "channel": str(payload.get("channel", self.config.channel)),
            "to": self._format(phone),
            "text": str(payload.get("text", "")),
            "sender": self.config.sender,
            "reference": code,
        }
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        request_hash = sha256(raw)
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Authorization": f"Bearer {token}",
            "Idempotency-Key": job.key,
        }
        try:
            response = self.client.post(self.config.url, content=raw, headers=headers)
            content = response.content
        except httpx.TimeoutException:
            return self._failed(
                f"Cổng nhắn tin không trả lời trong {self.config.timeout_seconds} giây.",
                request_hash,
            )
        except httpx.HTTPError as exc:
            return self._failed(
                f"Không kết nối được cổng nhắn tin ({type(exc).__name__}).", request_hash
            )
        outcome = self._judge(response, content, request_hash)
        if isinstance(outcome, Accepted):
            log.info("result-ready message for %s sent to %s", code, masked)
        else:
            log.info("result-ready message for %s to %s: %s", code, masked, outcome.reason)
        return outcome

    def _load(self, row_id: int) -> tuple[dict[str, Any], str] | Accepted | Rejected:
        """The row's payload and the clear number (reading it is audited, like the sync's
        reading of ID numbers); or an answer without calling the gateway."""
        core = self.core
        with core.uow() as uow:
            row = uow.session.execute(
                select(
                    m.OutboxRow.payload,
                    m.OutboxRow.created_at,
                    m.Dossier.status,
                    m.Dossier.code,
                    m.Dossier.holder_id_lookup,
                )
                .outerjoin(m.Dossier, m.Dossier.id == m.OutboxRow.dossier_id)
                .where(m.OutboxRow.id == row_id)
            ).one_or_none()
            if row is None:
                return Rejected(f"Không tìm thấy tin nhắn #{row_id}.")
            payload, created_at, status, code, lookup = row
            if status == int(Status.RETURNED):
                log.info("result-ready message #%s not sent: the result was handed over", row_id)
                return Accepted()  # nothing left to tell: done, no message
            hours = self.config.max_age_hours
            if hours > 0 and core.now() - created_at > timedelta(hours=hours):
                return Rejected(
                    f"Tin nhắn báo có kết quả chưa gửi được sau {hours} giờ: "
                    "không gửi nữa, hãy gọi điện cho người nộp."
                )
            try:
                phone = core.protector.unseal(str(payload.get("to", "")))
            except ConfigError as exc:
                return Rejected(exc.message)
            if not phone:
                return Rejected("Tin nhắn không có số điện thoại nhận.")
            uow.audit(
                SYNC_ACTOR,
                "sync",
                "dossier",
                code or "",
                subject_lookup=lookup or "",
                detail=READ_DETAIL,
            )
            uow.commit()
        return dict(payload), phone

    def _format(self, phone: str) -> str:
        return "84" + phone[1:] if self.config.phone_format == "84" else phone

    def _failed(self, reason: str, request_hash: str, response_hash: str = "") -> RetryLater:
        self.breaker.failure()
        return RetryLater(reason, request_hash=request_hash, response_hash=response_hash)

    def _judge(self, response: httpx.Response, content: bytes, request_hash: str) -> Outcome:
        status = response.status_code
        response_hash = sha256(content)
        hashes = {"request_hash": request_hash, "response_hash": response_hash}
        hashed = (request_hash, response_hash)
        wait = parse_retry_after(response.headers.get("Retry-After"))
        if status == 429 or (status == 503 and wait is not None):
            self.breaker.success()  # alive, only busy
            if wait is not None:
                self._pause(wait)
            reason = f"Cổng nhắn tin yêu cầu chờ (HTTP {status})."
            return RetryLater(reason, wait, False, *hashed)
        if status >= 500 or status in (408, 425) or 300 <= status < 400:
            return self._failed(f"Cổng nhắn tin gặp lỗi (HTTP {status}).", *hashed)
        try:
            data = json.loads(content.decode("utf-8-sig")) if content.strip() else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if status >= 400:
            self.breaker.success()
            what = "mã truy cập không đúng" if status in (401, 403) else _message(data, content)
            return Rejected(f"Cổng nhắn tin từ chối (HTTP {status}): {what}.", **hashes)
        if not isinstance(data, dict):
            return self._failed("Cổng nhắn tin trả lời không đúng định dạng JSON.", *hashed)
        self.breaker.success()
        code = str(data.get("error_code", "0")).strip()
        if code in SUCCESS_CODES:
            return Accepted(**hashes)
        reason = f"Cổng nhắn tin từ chối: {_message(data, content)} (mã {code})."
        if code in self._retry_codes:
            return RetryLater(reason, None, False, *hashed)
        return Rejected(reason, **hashes)


def _message(data: Any, content: bytes) -> str:
    """The gateway's own words (NFC, like every text that comes in), for the user to read."""
    if isinstance(data, dict):
        for key in ("message", "error_message", "msg"):
            if data.get(key):
                return clean(str(data[key]))[:300]
    return clean(content[:200].decode("utf-8", "replace")) or "không rõ lý do"


def build_notifier(core: Core) -> Notifier | None:
    """The configured gateway, or None when this machine sends no messages."""
    if unavailable_reason(core.settings):
        return None
    return Notifier(core, core.settings.notify)
