"""Building the configured sync from the settings: adapter file, credentials, loop."""

from __future__ import annotations

import json
from pathlib import Path

from counter_app import secrets
from counter_app.errors import ConfigError
from counter_app.services import office
from counter_app.services.context import Core
from sync.adapter import Adapter
from sync.adapter_config import AdapterConfig, load_adapter_config
from sync.dvc import DvcAdapter
from sync.files import StoreReader
from sync.loop import SyncLoop
from sync.notify import build_notifier
from sync.outbox import put_meta
from sync.prepare import upload_key


def adapter_config_path(core: Core) -> Path:
    """`[sync] config_file`; a relative path is looked up in the data folder, then here."""
    name = core.settings.sync.config_file
    if not name:
        raise ConfigError(
            "E_SYNC_NOT_CONFIGURED",
            "Chưa cấu hình đồng bộ với hệ thống một cửa của tỉnh.",
            hint="Đặt [sync] config_file = tệp cấu hình của tỉnh "
            "(mẫu: resources/examples/province-dvc.toml) và [sync] enabled = true.",
        )
    path = Path(name).expanduser()
    if not path.is_absolute() and (core.settings.data_dir / path).is_file():
        return core.settings.data_dir / path
    return path


def load_config(core: Core) -> AdapterConfig:
    config = load_adapter_config(adapter_config_path(core))
    if config.adapter != core.settings.sync.adapter:
        raise ConfigError(
            "E_SYNC_CONFIG",
            f"Tệp cấu hình đồng bộ dành cho “{config.adapter}”, "
            f"nhưng [sync] adapter = “{core.settings.sync.adapter}”.",
        )
    return config


def credentials(config: AdapterConfig) -> tuple[str, str]:
    """Read when logging in, so a password stored after start-up is picked up."""
    s = config.session
    username = s.username or secrets.require_secret(
        s.username_secret, f"tên đăng nhập hệ thống một cửa tỉnh ({s.username_secret})"
    )
    password = secrets.require_secret(
        s.password_secret, f"mật khẩu hệ thống một cửa tỉnh ({s.password_secret})"
    )
    return username, password


def build_adapter(core: Core, config: AdapterConfig) -> Adapter:
    here = office.get_office(core)

    def remember_upload(attachment_id: int, upstream_id: str, url: str) -> None:
        with core.uow() as uow:
            value = json.dumps({"id": upstream_id, "url": url}, ensure_ascii=False)
            put_meta(uow.session, core.db.dialect, core.now(), {upload_key(attachment_id): value})
            uow.commit()

    return DvcAdapter(
        config,
        lambda: credentials(config),
        files=StoreReader(core.settings.attachments_dir, core.protector),
        on_uploaded=remember_upload,
        unit_id=here.unit_id if here else "",
    )


def build_loop(core: Core, config: AdapterConfig | None = None) -> SyncLoop:
    config = config or load_config(core)
    s = core.settings.sync
    return SyncLoop(
        core,
        build_adapter(core, config),
        config.retry,
        interval=float(s.interval_seconds),
        pull_interval=float(s.pull_interval_seconds),
        pull_enabled=config.pull.enabled,
        pull_overlap=config.pull.overlap_seconds,
        in_flight=config.transport.max_in_flight,
        notifier=build_notifier(core),
    )


def require_enabled(core: Core) -> None:
    if not core.settings.sync.enabled:
        raise ConfigError(
            "E_SYNC_DISABLED",
            "Đồng bộ với hệ thống một cửa tỉnh đang tắt trên máy này.",
            hint="Đặt [sync] enabled = true trong tệp cấu hình của máy "
            "(hoặc biến môi trường COUNTER_APP_SYNC_ENABLED=true).",
        )
