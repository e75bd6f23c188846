"""A provincial one-stop system for tests: real HTTP on 127.0.0.1, strict, and unreliable on
demand.

It speaks the national-portal style (DOMAIN.md): login with `dstcode` → session;
`DongBoHoSoMC` (isUpdating, data[dossier]) and `CapNhatTienDoHoSoMC` (data[progress]);
a pull service listing upstream changes; a multipart upload. It checks every field name
against the published lists, every value's type (strings; "" for null) and format (dates
`yyyyMMddHHmmss`, codes, NFC text) and keeps what it received:

- cases by MaHoSo (a re-sent DongBoHoSoMC for a known MaHoSo is an update: one case);
- progress events by idempotency key (header or field): a re-send is counted as a
  duplicate and not recorded twice, so "exactly once, in order" can be checked.

Misbehaviour on purpose: `add_fault(Fault(kind, …))` for the next matching requests, or
`set_chaos({kind: probability})` for random trouble. Kinds: timeout, reset, status (500/502/
503…), throttle (429 + Retry-After), unavailable (503 + Retry-After), malformed (broken JSON),
error (`error_code` ≠ 0), expired (session expired), slow, drop_after (processed, then the
connection is reset before the answer: the client cannot know it arrived).

Run in-process (`with ProvincialServer() as server`) or as its own process
(tests/sync/server_process.py: `RemoteServer`, over the `/_admin/…` endpoints), so a benchmark
or a Qt latency test does not share the GIL with it.
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
import random
import socket
import ssl
import struct
import threading
import time
import uuid
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.sync.portal_fields import check_item, valid_date

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class ServerConfig:
    auth_path: str = "/api/dvc/auth"
    integration_path: str = "/api/dvc/integration"
    upload_path: str = "/api/dvc/upload"
    dstcode: str = "DVC-TINH-THU"
    username: str = "motcua-thu"
    password: str = "mat-khau-tinh"
    unit_code: str = ""  # when set, madonvi must be exactly this
    success_code: Any = 0  # 0 or "00": both are "success" in the wild
    expired_code: str = "SESSION_EXPIRED"
    exists_code: str = ""  # when set: isUpdating=False for a known MaHoSo answers this
    session_ttl: float = 0.0  # > 0: sessions expire after this many seconds
    idempotency_header: str = "Idempotency-Key"
    idempotency_field: str = ""
    pull_service: str = "LayTienDoHoSoMC"
    pull_from: str = "TuNgay"
    pull_to: str = "DenNgay"
    record_bodies: bool = False


@dataclass
class Fault:
    kind: str
    service: str = ""  # "" any integration call; "auth"; "upload"; or a service name
    times: int = 1
    status: int = 500
    seconds: float = 0.0
    code: str = "E_TU_CHOI"
    message: str = "Hồ sơ không hợp lệ theo quy định của tỉnh"


class State:
    """What the province received. Guarded by one lock; snapshot() gives a JSON-able copy."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cases: dict[str, dict[str, Any]] = {}
        self.case_posts: Counter[str] = Counter()
        self.case_order: list[str] = []
        self.progress: dict[str, list[dict[str, Any]]] = {}
        self.progress_keys: set[str] = set()
        self.duplicates = 0
        self.problems: list[str] = []
        self.requests: Counter[str] = Counter()
        self.faults_fired: Counter[str] = Counter()
        self.logins = 0
        self.sessions: dict[str, float] = {}
        self.uploads: dict[str, str] = {}  # upstream id → sha256
        self.upstream: list[dict[str, str]] = []
        self.bodies: list[str] = []
        self.keys_by_service: dict[str, list[str]] = {}

    def snapshot(self, full: bool = True) -> dict[str, Any]:
        with self.lock:
            out: dict[str, Any] = {
                "case_count": len(self.cases),
                "case_posts": dict(self.case_posts),
                "case_order": list(self.case_order),
                "progress": {k: list(v) for k, v in self.progress.items()},
                "duplicates": self.duplicates,
                "problems": list(self.problems),
                "requests": dict(self.requests),
                "faults_fired": dict(self.faults_fired),
                "logins": self.logins,
                "uploads": dict(self.uploads),
            }
            if full:
                out["cases"] = {k: dict(v) for k, v in self.cases.items()}
            return out


class _Abort(Exception):
    """End the exchange without an answer (timeout / reset faults)."""


class ProvincialServer:
    def __init__(
        self,
        config: ServerConfig | None = None,
        *,
        port: int = 0,
        tls: tuple[Path, Path] | None = None,
        seed: int = 0,
    ) -> None:
        self.config = config or ServerConfig()
        self.state = State()
        self._faults: list[Fault] = []
        self._chaos: dict[str, float] = {}
        self._chaos_fault: dict[str, Fault] = {}
        self._rng = random.Random(seed)
        self._httpd = _Server(("127.0.0.1", port), _Handler)
        self._httpd.province = self
        if tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self.scheme = "https" if tls else "http"
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host = "localhost" if self.scheme == "https" else "127.0.0.1"
        return f"{self.scheme}://{host}:{self._httpd.server_address[1]}"

    def start(self) -> ProvincialServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> ProvincialServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- control ----------------------------------------------------------------------------

    def add_fault(self, fault: Fault) -> None:
        with self.state.lock:
            self._faults.append(fault)

    def set_chaos(self, chaos: dict[str, float], **fault_args: Any) -> None:
        """Random trouble on integration calls: {kind: probability per request}."""
        with self.state.lock:
            self._chaos = dict(chaos)
            self._chaos_fault = {k: Fault(k, **fault_args) for k in chaos}

    def add_upstream(
        self, code: str, status: int, at: datetime, note: str = "", by: str = ""
    ) -> None:
        """A change made by the province's officers, for the pull service to report."""
        with self.state.lock:
            self.state.upstream.append(
                {
                    "MaHoSo": code,
                    "TrangThaiHoSo": str(status),
                    "ThoiDiemXuLy": at.astimezone(VN).strftime("%Y%m%d%H%M%S"),
                    "NoiDungXuLy": note,
                    "NguoiXuLy": by,
                }
            )

    def expire_sessions(self) -> None:
        with self.state.lock:
            self.state.sessions.clear()

    def reset(self) -> None:
        with self.state.lock:
            self._faults.clear()
            self._chaos.clear()
        bodies = self.config.record_bodies
        self.state = State()
        self.config.record_bodies = bodies

    def snapshot(self, full: bool = True) -> dict[str, Any]:
        return self.state.snapshot(full)

    def _take_fault(self, service: str) -> Fault | None:
        with self.state.lock:
            for fault in self._faults:
                if fault.times > 0 and (
                    fault.service == service
                    or (not fault.service and service not in ("auth", "upload"))
                ):
                    fault.times -= 1
                    self.state.faults_fired[fault.kind] += 1
                    return fault
            if service not in ("auth", "upload") and self._chaos:
                roll = self._rng.random()
                for kind, p in self._chaos.items():
                    if roll < p:
                        self.state.faults_fired[kind] += 1
                        return self._chaos_fault[kind]
                    roll -= p
        return None

    # -- the province's logic ---------------------------------------------------------------

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        cfg = self.config
        state = self.state
        if headers.get("dstcode") != cfg.dstcode:
            return 200, {"error_code": "E_DSTCODE", "message": "Sai hoặc thiếu dstcode"}
        if path == cfg.auth_path:
            return self._login(body)
        if path == cfg.upload_path:
            return self._upload(headers, body)
        if path != cfg.integration_path:
            return 404, {"error_code": "404", "message": "Không có dịch vụ"}
        try:
            request = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return 200, self._problem("Thân yêu cầu không phải JSON UTF-8")
        if not isinstance(request, dict):
            return 200, self._problem("Thân yêu cầu phải là đối tượng JSON")
        if not self._session_ok(request.get("session")):
            return 200, {"error_code": cfg.expired_code, "message": "Phiên làm việc hết hạn"}
        unit = request.get("madonvi")
        if not isinstance(unit, str) or not unit or (cfg.unit_code and unit != cfg.unit_code):
            return 200, self._problem(f"madonvi không hợp lệ: {unit!r}")
        service = request.get("service")
        with state.lock:
            if cfg.record_bodies:
                state.bodies.append(body.decode("utf-8"))
        key = headers.get(cfg.idempotency_header.lower(), "") if cfg.idempotency_header else ""
        if service == "DongBoHoSoMC":
            return self._dossiers(request, key)
        if service == "CapNhatTienDoHoSoMC":
            return self._progress(request, key)
        if service == cfg.pull_service:
            return self._pull(request)
        return 200, self._problem(f"service không biết: {service!r}")

    def _ok(self, **extra: Any) -> dict[str, Any]:
        return {"error_code": self.config.success_code, "message": "Thành công", **extra}

    def _problem(self, text: str) -> dict[str, Any]:
        with self.state.lock:
            self.state.problems.append(text)
        return {"error_code": "E_DINH_DANG", "message": text}

    def _login(self, body: bytes) -> tuple[int, dict[str, Any]]:
        try:
            creds = json.loads(body)
        except json.JSONDecodeError:
            return 200, self._problem("Đăng nhập: thân không phải JSON")
        if creds != {"username": self.config.username, "password": self.config.password}:
            return 200, {"error_code": "E_DANG_NHAP", "message": "Sai tên đăng nhập hoặc mật khẩu"}
        token = uuid.uuid4().hex
        with self.state.lock:
            ttl = self.config.session_ttl
            self.state.sessions[token] = time.monotonic() + ttl if ttl > 0 else float("inf")
            self.state.logins += 1
        return 200, self._ok(session=token)

    def _session_ok(self, token: Any) -> bool:
        with self.state.lock:
            until = self.state.sessions.get(str(token))
            return until is not None and time.monotonic() < until

    def _dossiers(self, request: dict[str, Any], key: str) -> tuple[int, dict[str, Any]]:
        updating = request.get("isUpdating")
        data = request.get("data")
        if updating not in ("True", "False"):
            return 200, self._problem(f"isUpdating phải là chuỗi True/False: {updating!r}")
        if not isinstance(data, list) or not data:
            return 200, self._problem("data phải là danh sách hồ sơ không rỗng")
        for item in data:
            problems = check_item("dossier", item, self.config.idempotency_field)
            if problems:
                return 200, self._problem("; ".join(problems))
        with self.state.lock:
            for item in data:
                code = item["MaHoSo"]
                if updating == "True" and code not in self.state.cases:
                    return 200, {"error_code": "E_CHUA_CO", "message": f"Chưa có hồ sơ {code}"}
                if updating == "False" and code in self.state.cases and self.config.exists_code:
                    return 200, {"error_code": self.config.exists_code, "message": "Đã tồn tại"}
            for item in data:
                code = item["MaHoSo"]
                if code not in self.state.cases:
                    self.state.case_order.append(code)
                self.state.cases[code] = item
                self.state.case_posts[code] += 1
            if key:
                self.state.keys_by_service.setdefault("DongBoHoSoMC", []).append(key)
        return 200, self._ok()

    def _progress(self, request: dict[str, Any], key: str) -> tuple[int, dict[str, Any]]:
        data = request.get("data")
        if not isinstance(data, list) or not data:
            return 200, self._problem("data phải là danh sách tiến độ không rỗng")
        for item in data:
            problems = check_item("progress", item, self.config.idempotency_field)
            if problems:
                return 200, self._problem("; ".join(problems))
        with self.state.lock:
            for item in data:
                code = item["MaHoSo"]
                if code not in self.state.cases:
                    return 200, {"error_code": "E_CHUA_CO", "message": f"Chưa có hồ sơ {code}"}
                event_key = key or item.get(self.config.idempotency_field, "")
                if not event_key:
                    self.state.problems.append(f"Tiến độ {code} thiếu khoá chống trùng")
                elif event_key in self.state.progress_keys:
                    self.state.duplicates += 1
                    continue
                self.state.progress_keys.add(event_key)
                self.state.progress.setdefault(code, []).append({**item, "_key": event_key})
        return 200, self._ok()

    def _pull(self, request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        start, end = request.get(self.config.pull_from), request.get(self.config.pull_to)
        if not all(isinstance(v, str) and valid_date(v) and v for v in (start, end)):
            return 200, self._problem(f"Khoảng thời gian không hợp lệ: {start!r} – {end!r}")
        with self.state.lock:
            items = [u for u in self.state.upstream if start <= u["ThoiDiemXuLy"] <= end]
        return 200, self._ok(data=items)

    def _upload(self, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        parser = email.parser.BytesParser(policy=email.policy.HTTP)
        message = parser.parsebytes(
            b"Content-Type: " + headers.get("content-type", "").encode() + b"\r\n\r\n" + body
        )
        fields: dict[str, str] = {}
        content: bytes | None = None
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename():
                content = payload
                if part.get_content_type() != "application/pdf":
                    return 200, self._problem(f"Tệp không phải PDF: {part.get_content_type()}")
            elif name:
                fields[str(name)] = payload.decode("utf-8")
        if not self._session_ok(fields.get("session")):
            return 200, {"error_code": self.config.expired_code, "message": "Phiên hết hạn"}
        if content is None or not fields.get("MaHoSo"):
            return 200, self._problem("Tải tệp: thiếu tệp hoặc MaHoSo")
        upstream_id = f"F{len(self.state.uploads) + 1:06d}"
        with self.state.lock:
            self.state.uploads[upstream_id] = hashlib.sha256(content).hexdigest()
        return 200, self._ok(id=upstream_id, url=f"{self.url}/files/{upstream_id}")


# -- HTTP plumbing ------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64
    province: ProvincialServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # resets and timeouts are on purpose here


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in separate writes: without this, Nagle + delayed ACK add
        # ~40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if len(body) < length:  # the client went away mid-request (killed): nothing arrived
            self.close_connection = True
            raise _Abort()
        return body

    def _reply(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _json(self, status: int, data: Any) -> None:
        self._reply(status, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def _reset(self) -> None:
        # RST instead of FIN: the client sees "connection reset by peer".
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True
        raise _Abort()

    def do_GET(self) -> None:
        url = urlparse(self.path)
        province = self.server.province
        if url.path == "/_admin/state":
            full = parse_qs(url.query).get("full", ["1"])[0] == "1"
            self._json(200, province.snapshot(full))
        elif url.path == "/_admin/bodies":
            with province.state.lock:
                self._json(200, list(province.state.bodies))
        else:
            self._json(404, {"error_code": "404"})

    def do_POST(self) -> None:
        url = urlparse(self.path)
        try:
            body = self._body()
        except _Abort:
            return
        province = self.server.province
        if url.path.startswith("/_admin/"):
            self._admin(url.path, json.loads(body or b"{}"))
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        cfg = province.config
        paths = {cfg.auth_path: "auth", cfg.upload_path: "upload"}
        service = paths.get(url.path, "")
        if not service:
            try:
                service = str(json.loads(body).get("service", ""))
            except (json.JSONDecodeError, AttributeError):
                service = ""
        with province.state.lock:
            province.state.requests[service] += 1  # every call, answered or not
        fault = province._take_fault(service)
        try:
            if fault is not None and self._misbehave(fault, url.path, headers, body):
                return
            status, data = province.handle(url.path, headers, body)
            self._json(status, data)
        except _Abort:
            return

    def _misbehave(self, fault: Fault, path: str, headers: dict[str, str], body: bytes) -> bool:
        """True when the fault replaced the answer; False to answer normally after it."""
        province = self.server.province
        match fault.kind:
            case "timeout":
                time.sleep(fault.seconds or 3.0)
                self._reset()
            case "reset":
                self._reset()
            case "status":
                self._reply(fault.status, b"<html><body>Bad Gateway</body></html>")
            case "throttle" | "unavailable":
                status = 429 if fault.kind == "throttle" else 503
                wait = {"Retry-After": str(max(1, round(fault.seconds or 1)))}
                self._reply(status, b'{"message":"Too many requests"}', wait)
            case "malformed":
                self._reply(200, b'{"error_code": 0, "message": "Th')
            case "error":
                self._json(200, {"error_code": fault.code, "message": fault.message})
            case "expired":
                province.expire_sessions()
                self._json(200, {"error_code": province.config.expired_code, "message": "Hết hạn"})
            case "slow":
                time.sleep(fault.seconds or 0.5)
                return False
            case "drop_after":
                province.handle(path, headers, body)
                self._reset()
            case _:
                raise ValueError(f"unknown fault {fault.kind}")
        return True

    def _admin(self, path: str, data: dict[str, Any]) -> None:
        province = self.server.province
        match path:
            case "/_admin/fault":
                province.add_fault(Fault(**data))
            case "/_admin/chaos":
                province.set_chaos(data["chaos"], **data.get("fault", {}))
            case "/_admin/upstream":
                province.add_upstream(
                    data["code"], int(data["status"]),
                    datetime.strptime(data["at"], "%Y%m%d%H%M%S").replace(tzinfo=VN),
                    data.get("note", ""),
                )  # fmt: skip
            case "/_admin/reset":
                province.reset()
            case "/_admin/record":
                province.config.record_bodies = bool(data.get("on", True))
            case _:
                self._json(404, {"error_code": "404"})
                return
        self._json(200, {"ok": True})
