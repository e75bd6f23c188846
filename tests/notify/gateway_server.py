"""An SMS/Zalo gateway for tests: real HTTP on 127.0.0.1, strict, unreliable on demand.

It speaks the contract of sync/notify.py: `POST /api/v1/messages` with a bearer token, an
`Idempotency-Key` header equal to the body's `id`, and exactly the fields id, channel, to,
text, sender, reference. It checks them like a real gateway would: the number in 84… form of
a Vietnamese mobile, the channel, an SMS text in plain ASCII (GSM-7) of at most 160
characters, NFC text for Zalo. A message whose key it has already delivered is answered with
the first answer and counted as a duplicate, not delivered again.

Misbehaviour on purpose, for the next requests: `add_fault(Fault(kind, …))` with kinds
status (HTTP 500/502…), throttle (429 + Retry-After), timeout (no answer, then a reset),
malformed (broken JSON), error (`error_code` ≠ 0 in the body), drop_after (delivered, then the
connection is reset before the answer: the client cannot know it arrived).
"""

from __future__ import annotations

import json
import re
import socket
import struct
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PATH = "/api/v1/messages"
TOKEN = "ma-truy-cap-cong-tin-nhan"
FIELDS = {"id", "channel", "to", "text", "sender", "reference"}
MOBILE_84 = re.compile(r"^84(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$")


@dataclass
class Fault:
    kind: str
    times: int = 1
    status: int = 500
    seconds: float = 1.0
    code: str = "INVALID_NUMBER"
    message: str = "Số thuê bao không tồn tại"


@dataclass
class GatewayState:
    delivered: dict[str, dict[str, Any]] = field(default_factory=dict)  # key → body
    order: list[str] = field(default_factory=list)
    duplicates: int = 0
    requests: int = 0
    problems: list[str] = field(default_factory=list)
    faults_fired: list[str] = field(default_factory=list)


class GatewayServer:
    def __init__(self) -> None:
        self.state = GatewayState()
        self.lock = threading.Lock()
        self._faults: list[Fault] = []
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.gateway = self
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}{PATH}"

    def __enter__(self) -> GatewayServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def add_fault(self, fault: Fault) -> None:
        with self.lock:
            self._faults.append(fault)

    def take_fault(self) -> Fault | None:
        with self.lock:
            for fault in self._faults:
                if fault.times > 0:
                    fault.times -= 1
                    self.state.faults_fired.append(fault.kind)
                    return fault
        return None

    def messages(self) -> list[dict[str, Any]]:
        with self.lock:
            return [self.state.delivered[k] for k in self.state.order]

    # -- the gateway's logic ----------------------------------------------------------------

    def handle(self, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        if headers.get("authorization") != f"Bearer {TOKEN}":
            return 401, {"error_code": "UNAUTHORIZED", "message": "Sai mã truy cập"}
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return self._problem("Thân yêu cầu không phải JSON UTF-8")
        if not isinstance(data, dict) or set(data) != FIELDS:
            return self._problem(
                f"Trường không đúng: {sorted(data) if isinstance(data, dict) else data}"
            )
        if not all(isinstance(v, str) for v in data.values()):
            return self._problem("Mọi giá trị phải là chuỗi")
        key = headers.get("idempotency-key", "")
        if not key or key != data["id"]:
            return self._problem("Idempotency-Key phải có và bằng id")
        if not MOBILE_84.match(data["to"]):
            return self._problem(f"Số nhận không hợp lệ: {data['to']}")
        text = data["text"]
        if data["channel"] == "sms":
            if not text.isascii() or len(text) > 160:
                return self._problem(f"SMS phải không dấu, tối đa 160 ký tự ({len(text)})")
        elif data["channel"] == "zalo":
            if unicodedata.normalize("NFC", text) != text:
                return self._problem("Tin Zalo phải ở dạng NFC")
        else:
            return self._problem(f"Kênh không biết: {data['channel']}")
        with self.lock:
            if key in self.state.delivered:
                self.state.duplicates += 1
            else:
                self.state.delivered[key] = data
                self.state.order.append(key)
            message_id = f"M{self.state.order.index(key) + 1:06d}"
        return 200, {"error_code": 0, "message": "Đã gửi", "message_id": message_id}

    def _problem(self, text: str) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.state.problems.append(text)
        return 200, {"error_code": "BAD_REQUEST", "message": text}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    gateway: GatewayServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # resets and timeouts are on purpose here


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _reply(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _reset(self) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def do_POST(self) -> None:
        gateway = self.server.gateway
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with gateway.lock:
            gateway.state.requests += 1
        headers = {k.lower(): v for k, v in self.headers.items()}
        if self.path != PATH:
            self._reply(404, b'{"error_code":"NOT_FOUND"}')
            return
        fault = gateway.take_fault()
        if fault is not None:
            match fault.kind:
                case "status":
                    self._reply(fault.status, b"<html>Bad Gateway</html>")
                case "throttle":
                    wait = {"Retry-After": str(max(1, round(fault.seconds)))}
                    self._reply(429, b'{"message":"Too many requests"}', wait)
                case "timeout":
                    time.sleep(fault.seconds)
                    self._reset()
                case "malformed":
                    self._reply(200, b'{"error_code": 0, "message": "\xc4\x90\xc3')
                case "error":
                    answer = {"error_code": fault.code, "message": fault.message}
                    self._reply(200, json.dumps(answer, ensure_ascii=False).encode("utf-8"))
                case "drop_after":
                    gateway.handle(headers, body)
                    self._reset()
                case _:
                    raise ValueError(fault.kind)
            return
        status, data = gateway.handle(headers, body)
        self._reply(status, json.dumps(data, ensure_ascii=False).encode("utf-8"))
