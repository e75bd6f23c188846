"""A province's adapter configuration: endpoints, credential names, field mapping, formats.

A province's variant of the national-portal style is a file, not a fork: paths, unit code,
date format, field names (rename, drop, add constants), code lists and the attachment mode
all come from here. Secrets never do: the file only names the keyring entries
(`counter_app.secrets`; `COUNTER_APP_SECRET_<NAME>` on a headless machine).
See resources/examples/province-dvc.toml for every key with its meaning.
"""

from __future__ import annotations

import dataclasses
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counter_app.errors import ConfigError

ADAPTERS = ("dvc-national",)
ITEM_SECTIONS = ("dossier", "progress", "document", "fee", "paper", "supplement", "result")


@dataclass(frozen=True)
class TransportConfig:
    base_url: str = ""
    timeout_seconds: float = 30.0
    connect_timeout_seconds: float = 10.0
    ca_bundle: str = ""  # PEM file of a province's own CA, added to the public roots
    max_in_flight: int = 4  # requests sent at once (rows of different dossiers only)
    user_agent: str = "counter-app-sync"


@dataclass(frozen=True)
class RetryConfig:
    base_seconds: float = 5.0  # first back-off; doubles per attempt, with jitter
    max_seconds: float = 900.0
    breaker_failures: int = 5  # consecutive transport failures that open the circuit
    breaker_cooldown_seconds: float = 60.0
    lease_seconds: float = 600.0  # a claimed row is taken over only after this long
    batch_size: int = 50


@dataclass(frozen=True)
class SessionConfig:
    auth_path: str = ""
    dstcode: str = ""  # the `dstcode` header sent with every call
    username: str = ""  # or, when the account name itself is secret, username_secret
    username_secret: str = "dvc-username"
    password_secret: str = "dvc-password"
    session_field: str = "session"
    ttl_seconds: float = 1800.0  # renew before the province's session runs out
    expired_codes: tuple[str, ...] = ()  # error_code values meaning "log in again"


@dataclass(frozen=True)
class ServiceConfig:
    integration_path: str = ""
    unit_code: str = ""  # madonvi; empty: the office's unit id
    dossier_service: str = "DongBoHoSoMC"
    progress_service: str = "CapNhatTienDoHoSoMC"
    success_codes: tuple[str, ...] = ("0", "00")
    retry_codes: tuple[str, ...] = ()  # error codes that mean "busy, try later"
    exists_codes: tuple[str, ...] = ()  # "case already exists": re-sent as an update
    resync_dossier_on_progress: bool = True  # follow each progress with the dossier's state
    idempotency_header: str = "Idempotency-Key"  # carries the outbox key ("" = none)
    idempotency_field: str = ""  # or a field inside each data item ("" = none)
    message_fields: tuple[str, ...] = ("message", "error_message", "msg")


@dataclass(frozen=True)
class FormatConfig:
    datetime_format: str = "%Y%m%d%H%M%S"
    timezone: str = "Asia/Ho_Chi_Minh"
    true_value: str = "True"
    false_value: str = "False"


@dataclass(frozen=True)
class CodesConfig:
    applicant_type: dict[str, str] = field(
        default_factory=lambda: {"citizen": "1", "business": "2", "organization": "3"}
    )
    copy_type: dict[str, str] = field(
        default_factory=lambda: {
            "original": "0",
            "certified_copy": "1",
            "copy": "1",
            "electronic": "2",
        }
    )
    payment_method: dict[str, str] = field(
        default_factory=lambda: {"": "1", "cash": "1", "transfer": "2"}
    )
    fee_type: str = "1"
    status_out: dict[str, str] = field(default_factory=dict)  # local status → upstream code


@dataclass(frozen=True)
class AttachmentConfig:
    mode: str = "url"  # url: the province fetches a link | upload: we post the file | none
    url_template: str = ""  # e.g. https://files.example/hoso/{code}/{sha256}.pdf
    upload_path: str = ""
    upload_field: str = "file"
    upload_id_field: str = "id"
    upload_url_field: str = "url"


@dataclass(frozen=True)
class PullConfig:
    enabled: bool = True
    service: str = "LayTienDoHoSoMC"
    from_field: str = "TuNgay"
    to_field: str = "DenNgay"
    list_field: str = "data"
    code_field: str = "MaHoSo"
    status_field: str = "TrangThaiHoSo"
    at_field: str = "ThoiDiemXuLy"
    note_field: str = "NoiDungXuLy"
    by_field: str = "NguoiXuLy"
    overlap_seconds: float = 600.0  # re-read this much before the cursor (clock skew)
    status_in: dict[str, str] = field(default_factory=dict)  # upstream code → local status


@dataclass(frozen=True)
class AdapterConfig:
    adapter: str = "dvc-national"
    transport: TransportConfig = field(default_factory=TransportConfig)
    retry: RetryConfig = field(default_factory=RetryConfig)
    session: SessionConfig = field(default_factory=SessionConfig)
    service: ServiceConfig = field(default_factory=ServiceConfig)
    format: FormatConfig = field(default_factory=FormatConfig)
    codes: CodesConfig = field(default_factory=CodesConfig)
    attachments: AttachmentConfig = field(default_factory=AttachmentConfig)
    pull: PullConfig = field(default_factory=PullConfig)
    # Per item kind: national field name → the province's name ("" drops the field).
    rename: dict[str, dict[str, str]] = field(default_factory=dict)
    # Per item kind: fields added with a fixed value.
    constants: dict[str, dict[str, str]] = field(default_factory=dict)
    source: str = ""

    def with_base_url(self, url: str) -> AdapterConfig:
        return dataclasses.replace(
            self, transport=dataclasses.replace(self.transport, base_url=url)
        )


_SECTIONS = {
    "transport": TransportConfig,
    "retry": RetryConfig,
    "session": SessionConfig,
    "service": ServiceConfig,
    "format": FormatConfig,
    "codes": CodesConfig,
    "attachments": AttachmentConfig,
    "pull": PullConfig,
}


def load_adapter_config(path: Path) -> AdapterConfig:
    """Read a TOML (or JSON) adapter file; any mistake is a clear E_SYNC_CONFIG* error."""
    if not path.is_file():
        raise ConfigError(
            "E_SYNC_CONFIG_MISSING",
            f"Không tìm thấy tệp cấu hình đồng bộ {path}.",
            hint="Đặt [sync] config_file trỏ tới tệp cấu hình của tỉnh "
            "(mẫu: resources/examples/province-dvc.toml).",
        )
    try:
        text = path.read_text("utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(
            "E_SYNC_CONFIG_SYNTAX", f"Tệp cấu hình đồng bộ {path} sai cú pháp: {exc}"
        ) from exc
    return parse_adapter_config(data, str(path))


def parse_adapter_config(data: dict[str, Any], origin: str = "") -> AdapterConfig:
    values: dict[str, Any] = {"source": origin}
    for key, value in data.items():
        if key == "adapter":
            if value not in ADAPTERS:
                raise _bad(origin, key, f"bộ chuyển đổi không biết: {value!r}")
            values["adapter"] = value
        elif key in _SECTIONS:
            values[key] = _section(_SECTIONS[key], _table(value, key, origin), f"{origin} [{key}]")
        elif key in ("fields", "constants"):
            values["rename" if key == "fields" else key] = _item_tables(value, key, origin)
        else:
            raise _bad(origin, key, "mục không biết")
    config = AdapterConfig(**values)
    _check(config, origin)
    return config


def _table(value: Any, key: str, origin: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(origin, key, "phải là một bảng [mục]")
    return value


def _item_tables(value: Any, key: str, origin: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for kind, table in _table(value, key, origin).items():
        if kind not in ITEM_SECTIONS:
            raise _bad(origin, f"{key}.{kind}", f"chỉ dùng: {', '.join(ITEM_SECTIONS)}")
        out[kind] = {str(k): str(v) for k, v in _table(table, f"{key}.{kind}", origin).items()}
    return out


def _section(cls: type[Any], table: dict[str, Any], origin: str) -> Any:
    fields = {f.name: f for f in dataclasses.fields(cls)}
    defaults = cls()
    values: dict[str, Any] = {}
    for name, value in table.items():
        if name not in fields:
            raise _bad(origin, name, "khoá không biết")
        current = getattr(defaults, name)
        try:
            values[name] = _coerce(current, value)
        except (TypeError, ValueError) as exc:
            raise _bad(origin, name, f"giá trị không hợp lệ {value!r}") from exc
    return cls(**values)


def _coerce(current: Any, value: Any) -> Any:
    if isinstance(current, bool):
        if not isinstance(value, bool):
            raise TypeError("boolean expected")
        return value
    if isinstance(current, int):
        if isinstance(value, bool):
            raise TypeError("number expected")
        return int(value)
    if isinstance(current, float):
        if isinstance(value, bool):
            raise TypeError("number expected")
        return float(value)
    if isinstance(current, tuple):
        if not isinstance(value, list):
            raise TypeError("list expected")
        return tuple(str(v) for v in value)
    if isinstance(current, dict):
        if not isinstance(value, dict):
            raise TypeError("table expected")
        return {str(k): str(v) for k, v in value.items()}
    if isinstance(value, dict | list):
        raise TypeError("text expected")
    return str(value)


def _check(config: AdapterConfig, origin: str) -> None:
    url = config.transport.base_url
    if not url.startswith(("https://", "http://")):
        raise _bad(origin, "transport.base_url", "cần địa chỉ http(s)://… của hệ thống tỉnh")
    if not config.session.auth_path or not config.service.integration_path:
        raise _bad(origin, "session.auth_path / service.integration_path", "chưa khai báo")
    if config.attachments.mode not in ("url", "upload", "none"):
        raise _bad(origin, "attachments.mode", "chỉ dùng url, upload hoặc none")
    if config.attachments.mode == "upload" and not config.attachments.upload_path:
        raise _bad(origin, "attachments.upload_path", "cần khi mode = upload")
    if not 1 <= config.transport.max_in_flight <= 32:
        raise _bad(origin, "transport.max_in_flight", "từ 1 đến 32")
    if config.retry.batch_size < 1 or config.retry.base_seconds <= 0:
        raise _bad(origin, "retry", "batch_size ≥ 1 và base_seconds > 0")
    try:
        import zoneinfo

        zoneinfo.ZoneInfo(config.format.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise _bad(
            origin, "format.timezone", f"múi giờ không biết {config.format.timezone!r}"
        ) from exc


def _bad(origin: str, key: str, what: str) -> ConfigError:
    return ConfigError(
        "E_SYNC_CONFIG",
        f"Cấu hình đồng bộ không hợp lệ ({origin}): {key}: {what}.",
        hint="So sánh với tệp mẫu resources/examples/province-dvc.toml.",
    )
