"""HTTP to the provincial system: timeouts, verified TLS, Retry-After, a circuit breaker.

Every failure that may heal by itself (timeout, reset, 5xx, 429, garbage instead of JSON)
becomes a `TransportFailure`; the adapter turns it into "retry later". A refusal the server
states clearly (HTTP 4xx, or `error_code` ≠ 0 in the JSON) comes back as a `Reply` for the
adapter to judge.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from counter_app.errors import ConfigError
from sync.adapter_config import RetryConfig, TransportConfig
from sync.policy import CircuitBreaker

MAX_RETRY_AFTER = 6 * 3600.0  # a Retry-After beyond this is a server bug, not a plan


class TransportFailure(Exception):
    """The request did not get a usable answer; it may be sent again later."""

    def __init__(
        self,
        reason: str,
        *,
        retry_after: float | None = None,
        server_wide: bool = False,
        request_hash: str = "",
        response_hash: str = "",
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.server_wide = server_wide
        self.request_hash = request_hash
        self.response_hash = response_hash


class SessionExpired(Exception):
    """HTTP 401: log in again."""


@dataclass(frozen=True)
class Reply:
    status: int
    data: dict[str, Any]
    request_hash: str
    response_hash: str


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tls_context(ca_bundle: str) -> ssl.SSLContext:
    """Public roots plus, when configured, the province's own CA. Verification is never off."""
    import certifi

    context = ssl.create_default_context(cafile=certifi.where())
    if ca_bundle:
        path = Path(ca_bundle).expanduser()
        try:
            context.load_verify_locations(cafile=str(path))
        except (OSError, ssl.SSLError) as exc:
            raise ConfigError(
                "E_SYNC_CA_BUNDLE",
                f"Không đọc được tệp chứng chỉ CA của tỉnh {path}: {exc}.",
                hint="ca_bundle phải là tệp PEM chứa chứng chỉ gốc của tỉnh.",
            ) from exc
    return context


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        seconds = (moment - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


class Transport:
    def __init__(
        self,
        config: TransportConfig,
        retry: RetryConfig,
        *,
        clock: Callable[[], float] = time.monotonic,
        http_transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.config = config
        self.breaker = CircuitBreaker(retry.breaker_failures, retry.breaker_cooldown_seconds, clock)
        self._clock = clock
        self._paused_until = 0.0
        self._pause_reason = ""
        self._lock = threading.Lock()
        self.client = httpx.Client(
            base_url=config.base_url,
            timeout=httpx.Timeout(config.timeout_seconds, connect=config.connect_timeout_seconds),
            verify=tls_context(config.ca_bundle),
            headers={"User-Agent": config.user_agent},
            follow_redirects=False,
            transport=http_transport,
        )

    def close(self) -> None:
        self.client.close()

    def wait_time(self) -> float:
        """Seconds before the endpoint may be called again (circuit open or throttled)."""
        with self._lock:
            paused = max(0.0, self._paused_until - self._clock())
        return max(paused, self.breaker.wait_time())

    def pause(self, seconds: float, reason: str) -> None:
        with self._lock:
            until = self._clock() + seconds
            if until > self._paused_until:
                self._paused_until, self._pause_reason = until, reason

    # -- requests ---------------------------------------------------------------------------

    def post_json(
        self, path: str, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> Reply:
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        all_headers = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
        return self._send(lambda: self.client.post(path, content=raw, headers=all_headers), raw)

    def post_file(
        self,
        path: str,
        *,
        field: str,
        filename: str,
        content: bytes,
        mime: str,
        data: dict[str, str],
        headers: dict[str, str] | None = None,
    ) -> Reply:
        files = {field: (filename, content, mime)}
        return self._send(
            lambda: self.client.post(path, files=files, data=data, headers=headers or {}), content
        )

    def _send(self, call: Callable[[], httpx.Response], raw: bytes) -> Reply:
        request_hash = sha256(raw)
        self._gate()
        try:
            response = call()
            content = response.content
        except httpx.TimeoutException as exc:
            raise self._failed(
                f"Máy chủ tỉnh không trả lời trong {self.config.timeout_seconds:g} giây.",
                request_hash,
            ) from exc
        except httpx.ConnectError as exc:
            raise self._failed(_connect_reason(exc), request_hash) from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise self._failed(
                f"Kết nối tới máy chủ tỉnh bị ngắt giữa chừng ({type(exc).__name__}).",
                request_hash,
            ) from exc
        return self._judge(response, content, request_hash)

    def _gate(self) -> None:
        with self._lock:
            paused = self._paused_until - self._clock()
            reason = self._pause_reason
        if paused > 0:
            raise TransportFailure(reason, retry_after=paused, server_wide=True)
        if not self.breaker.allow():
            raise TransportFailure(
                "Tạm ngừng gửi: máy chủ tỉnh lỗi nhiều lần liên tiếp.",
                retry_after=self.breaker.wait_time(),
                server_wide=True,
            )

    def _failed(
        self,
        reason: str,
        request_hash: str,
        response_hash: str = "",
        *,
        retry_after: float | None = None,
    ) -> TransportFailure:
        self.breaker.failure()
        return TransportFailure(
            reason,
            retry_after=retry_after,
            server_wide=self.breaker.state != "closed",
            request_hash=request_hash,
            response_hash=response_hash,
        )

    def _judge(self, response: httpx.Response, content: bytes, request_hash: str) -> Reply:
        status = response.status_code
        response_hash = sha256(content)
        wait = parse_retry_after(response.headers.get("Retry-After"))
        if status == 401:
            self.breaker.success()
            raise SessionExpired()
        if status == 429 or (status == 503 and wait is not None):
            reason = f"Máy chủ tỉnh yêu cầu chờ (HTTP {status})."
            if wait is not None:
                self.pause(wait, reason)
            if status == 503:
                self.breaker.failure()
            else:
                self.breaker.success()  # throttled, but alive
            raise TransportFailure(
                reason,
                retry_after=wait,
                server_wide=wait is not None,
                request_hash=request_hash,
                response_hash=response_hash,
            )
        if status >= 500 or status in (408, 425) or 300 <= status < 400:
            raise self._failed(
                f"Máy chủ tỉnh gặp lỗi (HTTP {status}).", request_hash, response_hash
            )
        try:
            data = json.loads(content.decode("utf-8-sig")) if content.strip() else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if status >= 400:
            self.breaker.success()
            snippet = content[:300].decode("utf-8", "replace").strip()
            detail = data if isinstance(data, dict) else {"message": snippet}
            return Reply(status, detail, request_hash, response_hash)
        if not isinstance(data, dict):
            raise self._failed(
                "Máy chủ tỉnh trả lời không đúng định dạng JSON.", request_hash, response_hash
            )
        self.breaker.success()
        return Reply(status, data, request_hash, response_hash)


def _connect_reason(exc: httpx.ConnectError) -> str:
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate" in text.lower():
        return (
            "Chứng chỉ TLS của máy chủ tỉnh không được tin cậy "
            "(nếu tỉnh dùng CA riêng, khai báo transport.ca_bundle)."
        )
    return f"Không kết nối được máy chủ tỉnh: {text or type(exc).__name__}."
