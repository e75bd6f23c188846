"""The national-portal style adapter (DongBoHoSoMC, CapNhatTienDoHoSoMC, dstcode sessions).

Shape of the conversation (DOMAIN.md, from public integrations):
  POST {auth_path}         {"username","password"} + header dstcode → {"error_code":0,"session"}
  POST {integration_path}  {"session","madonvi","service", …} + header dstcode
Success is `error_code` 0 or "00". Re-sending is safe: the province keys cases by MaHoSo, and
every call carries the outbox row's UUID (a header and/or a field, per configuration) so a
progress event re-sent after a crash is recognised as the same event.
"""

from __future__ import annotations

import dataclasses
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from counter_app.errors import AppError
from counter_app.text import clean
from sync.adapter import FileReader, UploadListener
from sync.adapter_config import AdapterConfig
from sync.jobs import AttachmentInfo, DossierPacket, Job, UpstreamChange
from sync.outcome import Accepted, Outcome, Rejected, RetryLater
from sync.payload import Formats, dossier_item, progress_item
from sync.transport import Reply, SessionExpired, Transport, TransportFailure

Credentials = Callable[[], tuple[str, str]]


class LoginRefused(Exception):
    pass


def derived_key(key: str, purpose: str) -> str:
    """A stable second key for a follow-up call of the same row (e.g. the dossier update that
    follows a progress event), so each distinct call has its own idempotency key."""
    try:
        base = uuid.UUID(key)
    except ValueError:
        base = uuid.uuid5(uuid.NAMESPACE_URL, key)
    return str(uuid.uuid5(base, purpose))


class DvcAdapter:
    name = "dvc-national"

    def __init__(
        self,
        config: AdapterConfig,
        credentials: Credentials,
        *,
        transport: Transport | None = None,
        files: FileReader | None = None,
        on_uploaded: UploadListener | None = None,
        unit_id: str = "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.unit = config.service.unit_code or unit_id  # madonvi
        self.formats = Formats(config)
        self.transport = transport or Transport(config.transport, config.retry, clock=clock)
        self._credentials = credentials
        self._files = files
        self._on_uploaded = on_uploaded
        self._clock = clock
        self._token = ""
        self._token_until = 0.0
        self._login_lock = threading.Lock()
        self.logins = 0

    def wait_time(self) -> float:
        return self.transport.wait_time()

    def close(self) -> None:
        self.transport.close()

    # -- the four operations ----------------------------------------------------------------

    def push_dossier(self, job: Job) -> Outcome:
        packet = _packet(job)
        return self._guarded(lambda: self._sync_dossier(packet, job.key, packet.already_sent))

    def push_progress(self, job: Job) -> Outcome:
        packet = _packet(job)
        if job.change is None:
            return Rejected(job.problem or "Không tìm thấy thay đổi trạng thái cần gửi.")
        change = job.change

        def send() -> Outcome:
            item = progress_item(packet, change, self.config, self.formats)
            reply = self._call(self.config.service.progress_service, {"data": [item]}, job.key)
            outcome = self._judge(reply)
            if (
                not isinstance(outcome, Accepted)
                or not self.config.service.resync_dossier_on_progress
            ):
                return outcome
            key = derived_key(job.key, self.config.service.dossier_service)
            return self._sync_dossier(packet, key, updating=True)

        return self._guarded(send)

    def upload_attachment(self, job: Job) -> Outcome:
        packet = _packet(job)
        attachment = job.attachment
        if attachment is None:
            return Rejected(job.problem or "Không tìm thấy tệp đính kèm cần gửi.")
        if self.config.attachments.mode == "none":
            return Accepted()

        def send() -> Outcome:
            current = packet
            if (
                self.config.attachments.mode == "upload"
                and not attachment.upstream_id
                and not attachment.deleted
            ):
                uploaded = self._upload(packet, attachment, job.key)
                if not isinstance(uploaded, AttachmentInfo):
                    return uploaded
                current = dataclasses.replace(
                    packet,
                    attachments=tuple(
                        uploaded if a.id == uploaded.id else a for a in packet.attachments
                    ),
                )
            key = derived_key(job.key, self.config.service.dossier_service)
            return self._sync_dossier(current, key, updating=True)

        return self._guarded(send)

    def pull_changes(self, since: datetime, until: datetime) -> list[UpstreamChange]:
        pull = self.config.pull
        fields = {
            pull.from_field: self.formats.when(since),
            pull.to_field: self.formats.when(until),
        }
        try:
            reply = self._call(pull.service, fields, "")
        except LoginRefused as exc:
            raise TransportFailure(str(exc), server_wide=True) from exc
        outcome = self._judge(reply)
        if not isinstance(outcome, Accepted):
            reason = outcome.reason
            raise TransportFailure(f"Không lấy được thay đổi từ hệ thống tỉnh: {reason}")
        items = reply.data.get(pull.list_field) or []
        return [c for c in (self._change(i) for i in items if isinstance(i, dict)) if c]

    # -- conversation -----------------------------------------------------------------------

    def _sync_dossier(self, packet: DossierPacket, key: str, updating: bool) -> Outcome:
        service = self.config.service
        item = dossier_item(packet, self.config, self.formats)
        fields = {"isUpdating": self.formats.flag(updating), "data": [item]}
        outcome = self._judge(self._call(service.dossier_service, fields, key))
        if isinstance(outcome, Rejected) and not updating and self._exists(outcome):
            # Sent before and the answer was lost: the province has the case; update it.
            return self._sync_dossier(packet, derived_key(key, "isUpdating"), updating=True)
        return outcome

    def _exists(self, outcome: Rejected) -> bool:
        return any(outcome.reason.startswith(f"[{c}]") for c in self.config.service.exists_codes)

    def _call(self, service: str, fields: dict[str, Any], key: str) -> Reply:
        svc = self.config.service
        data = fields.get("data")
        if svc.idempotency_field and key and isinstance(data, list):
            for item in data:
                item[svc.idempotency_field] = key
        for _ in range(2):
            token = self._session()
            body = {
                self.config.session.session_field: token,
                "madonvi": self.unit,
                "service": service,
                **fields,
            }
            try:
                reply = self.transport.post_json(svc.integration_path, body, self._headers(key))
            except SessionExpired:
                self._forget(token)
                continue
            if _code(reply.data) in self.config.session.expired_codes:
                self._forget(token)
                continue
            return reply
        raise TransportFailure("Phiên đăng nhập hệ thống tỉnh hết hạn ngay sau khi đăng nhập.")

    def _headers(self, key: str) -> dict[str, str]:
        headers = {"dstcode": self.config.session.dstcode}
        if key and self.config.service.idempotency_header:
            headers[self.config.service.idempotency_header] = key
        return headers

    def _forget(self, token: str) -> None:
        with self._login_lock:
            if self._token == token:
                self._token = ""

    def _session(self) -> str:
        """The current session; one login at a time even with several requests in flight."""
        with self._login_lock:
            if self._token and self._clock() < self._token_until:
                return self._token
            return self._login()

    def _login(self) -> str:
        s = self.config.session
        username, password = self._credentials()
        try:
            reply = self.transport.post_json(
                s.auth_path,
                {"username": username, "password": password},
                {"dstcode": s.dstcode},
            )
        except SessionExpired as exc:
            raise LoginRefused("Hệ thống tỉnh từ chối đăng nhập (HTTP 401).") from exc
        token = reply.data.get(s.session_field)
        if reply.status >= 400 or _code(reply.data) not in self.config.service.success_codes:
            raise LoginRefused(f"Đăng nhập hệ thống tỉnh thất bại: {self._message(reply.data)}")
        if not isinstance(token, str) or not token:
            raise TransportFailure("Hệ thống tỉnh trả lời đăng nhập thiếu mã phiên.")
        self.logins += 1
        self._token, self._token_until = token, self._clock() + s.ttl_seconds
        return token

    def _upload(
        self, packet: DossierPacket, attachment: AttachmentInfo, key: str
    ) -> AttachmentInfo | Outcome:
        cfg = self.config.attachments
        if self._files is None:
            return Rejected("Máy này không đọc được kho tệp đính kèm.")
        try:
            content = self._files(attachment)
        except AppError as exc:
            return Rejected(exc.message)
        data = {
            self.config.session.session_field: self._session(),
            "madonvi": self.unit,
            "MaHoSo": packet.view.code,
        }
        reply = self.transport.post_file(
            cfg.upload_path,
            field=cfg.upload_field,
            filename=f"{attachment.sha256[:16]}.pdf",
            content=content,
            mime=attachment.mime,
            data=data,
            headers=self._headers(derived_key(key, "upload")),
        )
        outcome = self._judge(reply)
        if not isinstance(outcome, Accepted):
            return outcome
        upstream_id = clean(str(reply.data.get(cfg.upload_id_field) or ""))
        url = clean(str(reply.data.get(cfg.upload_url_field) or ""))
        if not upstream_id:
            return RetryLater("Hệ thống tỉnh nhận tệp nhưng không trả mã tệp.")
        if self._on_uploaded is not None:
            self._on_uploaded(attachment.id, upstream_id, url)
        return dataclasses.replace(attachment, upstream_id=upstream_id, upstream_url=url)

    def _guarded(self, send: Callable[[], Outcome]) -> Outcome:
        """Network and login trouble become "retry later"; the row is never lost."""
        try:
            return send()
        except TransportFailure as exc:
            return RetryLater(
                exc.reason,
                delay=exc.retry_after,
                server_wide=exc.server_wide,
                request_hash=exc.request_hash,
                response_hash=exc.response_hash,
            )
        except LoginRefused as exc:
            wait = self.config.retry.breaker_cooldown_seconds
            self.transport.pause(wait, str(exc))
            return RetryLater(str(exc), delay=wait, server_wide=True)
        except AppError as exc:  # e.g. credentials missing from the keyring
            wait = self.config.retry.breaker_cooldown_seconds
            self.transport.pause(wait, exc.message)
            return RetryLater(exc.message, delay=wait, server_wide=True)

    def _judge(self, reply: Reply) -> Outcome:
        req, resp = reply.request_hash, reply.response_hash
        message = self._message(reply.data)
        if reply.status >= 400:
            return Rejected(f"[HTTP {reply.status}] {message}", req, resp)
        code = _code(reply.data)
        if not code:
            missing = "Hệ thống tỉnh trả lời thiếu error_code."
            return RetryLater(missing, request_hash=req, response_hash=resp)
        if code in self.config.service.success_codes:
            return Accepted(req, resp)
        if code in self.config.service.retry_codes:
            return RetryLater(f"[{code}] {message}", request_hash=req, response_hash=resp)
        return Rejected(f"[{code}] {message}", req, resp)

    def _message(self, data: dict[str, Any]) -> str:
        for name in self.config.service.message_fields:
            value = data.get(name)
            if value:
                return clean(str(value))[:500]
        return "(không có nội dung)"

    def _change(self, item: dict[str, Any]) -> UpstreamChange | None:
        pull = self.config.pull
        code = clean(str(item.get(pull.code_field) or ""))
        raw_status = clean(str(item.get(pull.status_field) or ""))
        status_text = pull.status_in.get(raw_status, raw_status)
        at = self.formats.parse_when(str(item.get(pull.at_field) or ""))
        if not code or not status_text.isdigit() or at is None:
            return None
        return UpstreamChange(
            code=code.upper(),
            status=int(status_text),
            at=at,
            note=clean(str(item.get(pull.note_field) or ""), multiline=True),
            by=clean(str(item.get(pull.by_field) or "")),
        )


def _code(data: dict[str, Any]) -> str:
    value = data.get("error_code")
    return "" if value is None else str(value).strip()


def _packet(job: Job) -> DossierPacket:
    if job.dossier is None:
        raise ValueError(f"outbox row {job.row_id} has no dossier")
    return job.dossier
