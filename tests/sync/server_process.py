"""The provincial test server in its own process, driven over its `/_admin/…` endpoints:
benchmarks and the Qt latency test must not share a GIL with the server they measure.

    python -m tests.sync.server_process [--port N] [--config-json '{…ServerConfig…}']
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx

from tests.sync.provincial_server import Fault, ProvincialServer, ServerConfig


class RemoteServer:
    """A ProvincialServer running in a subprocess, driven over its /_admin/ endpoints."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url
        self._client = httpx.Client(base_url=url, timeout=60)

    @classmethod
    def spawn(cls, config: ServerConfig | None = None) -> RemoteServer:
        root = Path(__file__).resolve().parents[2]
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.sync.server_process", "--config-json",
             json.dumps(asdict(config or ServerConfig()))],
            cwd=root, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        if not line.startswith("READY "):
            process.kill()
            raise RuntimeError(f"test server did not start: {line!r}")
        return cls(process, line.split(" ", 1)[1])

    def snapshot(self, full: bool = True) -> dict[str, Any]:
        return dict(self._client.get("/_admin/state", params={"full": int(full)}).json())

    def bodies(self) -> list[str]:
        return list(self._client.get("/_admin/bodies").json())

    def add_fault(self, fault: Fault) -> None:
        self._client.post("/_admin/fault", json=asdict(fault)).raise_for_status()

    def reset(self) -> None:
        self._client.post("/_admin/reset", json={}).raise_for_status()

    def record(self, on: bool = True) -> None:
        self._client.post("/_admin/record", json={"on": on}).raise_for_status()

    def stop(self) -> None:
        self._client.close()
        self.process.terminate()
        self.process.wait(timeout=10)

    def __enter__(self) -> RemoteServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description="Máy chủ một cửa tỉnh giả lập (cho kiểm thử)")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--config-json", default="{}")
    args = ap.parse_args()
    server = ProvincialServer(ServerConfig(**json.loads(args.config_json)), port=args.port)
    server.start()
    print(f"READY {server.url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
