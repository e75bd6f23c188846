"""The province's file: mistakes are named clearly; renames and constants shape the payload;
back-off, Retry-After and the circuit breaker behave as documented."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from counter_app.errors import ConfigError
from counter_app.services.context import Core
from sync.adapter_config import load_adapter_config, parse_adapter_config
from sync.jobs import DossierPacket
from sync.outbox import claim
from sync.payload import Formats, dossier_item
from sync.policy import CircuitBreaker, backoff
from sync.prepare import build_jobs
from sync.transport import parse_retry_after
from tests.support.factories import register
from tests.sync.conftest import EXAMPLE

MINIMAL = {
    "transport": {"base_url": "https://dvc.example.vn"},
    "session": {"auth_path": "/auth"},
    "service": {"integration_path": "/api"},
}


def _with(**sections: dict[str, object]) -> dict[str, object]:
    data: dict[str, object] = {k: dict(v) for k, v in MINIMAL.items()}
    for name, values in sections.items():
        data[name] = {**data.get(name, {}), **values}  # type: ignore[dict-item]
    return data


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (_with(extra={"x": 1}), "extra: mục không biết"),
        (_with(service={"dossier_servic": "X"}), "dossier_servic: khoá không biết"),
        (_with(retry={"batch_size": "nhiều"}), "batch_size: giá trị không hợp lệ"),
        (_with(retry={"base_seconds": True}), "base_seconds: giá trị không hợp lệ"),
        (_with(transport={"base_url": "dvc.example.vn"}), "transport.base_url"),
        (_with(format={"timezone": "Asia/Sai_Gon"}), "format.timezone"),
        (_with(attachments={"mode": "upload"}), "attachments.upload_path"),
        (_with(attachments={"mode": "fax"}), "attachments.mode"),
        (_with(fields={"hoso": {"A": "B"}}), "fields.hoso"),
        (_with(transport={"max_in_flight": 100}), "transport.max_in_flight"),
        ({"adapter": "igate", **MINIMAL}, "bộ chuyển đổi không biết"),
    ],
)
def test_a_mistake_in_the_province_file_names_the_key(
    data: dict[str, object], fragment: str
) -> None:
    with pytest.raises(ConfigError) as err:
        parse_adapter_config(data, "tinh.toml")
    assert err.value.code == "E_SYNC_CONFIG"
    assert fragment in err.value.message and "tinh.toml" in err.value.message


def test_a_missing_or_broken_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_adapter_config(tmp_path / "khong-co.toml")
    assert err.value.code == "E_SYNC_CONFIG_MISSING"
    broken = tmp_path / "hong.toml"
    broken.write_text("[transport\nbase_url = ", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_adapter_config(broken)
    assert err.value.code == "E_SYNC_CONFIG_SYNTAX"


def test_the_example_file_is_complete_and_json_works_too(tmp_path: Path) -> None:
    config = load_adapter_config(EXAMPLE)
    assert config.session.password_secret == "dvc-password"
    assert config.service.idempotency_header == "Idempotency-Key"
    as_json = tmp_path / "tinh.json"
    as_json.write_text('{"transport": {"base_url": "https://a.vn"}, "session": '
                       '{"auth_path": "/a"}, "service": {"integration_path": "/b"}}')  # fmt: skip
    assert load_adapter_config(as_json).transport.base_url == "https://a.vn"


def _packet(core: Core) -> DossierPacket:
    with core.uow() as uow:
        rows = claim(uow.session, core.db.dialect, "w", 1, core.now(), timedelta(minutes=1))
        (job,) = build_jobs(uow, rows)
    assert job.dossier is not None
    return job.dossier


def test_renames_drops_and_constants_shape_the_items(ready_core: Core) -> None:
    register(ready_core, procedure="2.000815")
    packet = _packet(ready_core)
    config = parse_adapter_config(
        _with(
            fields={"dossier": {"SoDienThoai": "DienThoai", "Fax": ""}, "fee": {"Gia": "SoTien"}},
            constants={"dossier": {"NoiNopHoSo": "1"}},
            format={"datetime_format": "%Y-%m-%d %H:%M:%S"},
            codes={"status_out": {"2": "TIEP_NHAN"}},
        )
    )
    item = dossier_item(packet, config, Formats(config))
    assert "SoDienThoai" not in item and item["DienThoai"] == "0912345678"
    assert "Fax" not in item and item["NoiNopHoSo"] == "1"
    assert item["DanhSachLePhi"][0]["SoTien"] == "2000"
    assert item["NgayTiepNhan"] == "2026-11-23 09:00:00"
    assert item["TrangThaiHoSo"] == "TIEP_NHAN"


def test_back_off_doubles_with_jitter_up_to_the_cap() -> None:
    rng = random.Random(5)
    for attempts, low, high in [(1, 2.5, 5), (2, 5, 10), (4, 20, 40), (12, 450, 900)]:
        for _ in range(50):
            assert low <= backoff(attempts, 5, 900, rng) <= high
    spread = {round(backoff(3, 5, 900, rng), 3) for _ in range(20)}
    assert len(spread) > 10  # counters that went offline together do not return in lockstep


def test_retry_after_as_seconds_or_http_date() -> None:
    now = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Mon, 23 Nov 2026 02:01:30 GMT", now) == 90
    assert parse_retry_after("ngày mai") is None and parse_retry_after(None) is None
    assert parse_retry_after("99999999") == 6 * 3600  # capped


def test_the_breaker_opens_lets_one_trial_through_then_closes() -> None:
    now = [0.0]
    breaker = CircuitBreaker(3, 10.0, clock=lambda: now[0])
    for _ in range(3):
        assert breaker.allow()
        breaker.failure()
    assert breaker.state == "open" and not breaker.allow() and breaker.wait_time() == 10
    now[0] = 10.5
    assert breaker.allow() and not breaker.allow()  # half-open: exactly one trial
    breaker.failure()
    assert breaker.state == "open"
    now[0] = 21.0
    assert breaker.allow()
    breaker.success()
    assert breaker.state == "closed" and breaker.allow() and breaker.allow()
