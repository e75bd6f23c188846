"""Settings: per-machine file (written by IT's installer) < per-user file < environment.

Files are TOML with sections matching the dataclasses below, e.g.

    [office]
    unit_id = "000.00.01.H22"
    [database]
    url = "postgresql+psycopg://counter@db.local/motcua"

Environment variables override single keys: `COUNTER_APP_<SECTION>_<KEY>` (upper case),
e.g. `COUNTER_APP_DATABASE_URL`. `--config FILE` (or `COUNTER_APP_CONFIG`) adds one more file on
top of the user file; `--data-dir DIR` (or `COUNTER_APP_DATA_DIR`) moves everything local.
Secrets never live here: they go to the OS keyring (see `counter_app.secrets`).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from counter_app.errors import ConfigError

APP_NAME = "counter-app"
APP_AUTHOR = "MotCua"
ENV_PREFIX = "COUNTER_APP_"


@dataclass
class OfficeSettings:
    """Preset for the first-run dialog; the office row in the database is the truth after."""

    unit_id: str = ""
    name: str = ""
    agency_name: str = ""
    province_code: str = ""
    commune_code: str = ""
    book_volume: str = "1"
    code_pattern: str = ""


@dataclass
class DatabaseSettings:
    url: str = ""  # empty: SQLite file in the data folder
    sqlite_synchronous: str = "NORMAL"  # FULL: survive power loss at the cost of speed
    password_key: str = ""  # keyring entry holding the PostgreSQL password, if any


@dataclass
class CounterSettings:
    counter: str = "1"  # quầy số
    workstation: str = ""  # defaults to the host name
    language: str = "vi"
    idle_lock_minutes: int = 10
    due_soon_hours: int = 8


@dataclass
class CatalogSettings:
    sample_on_init: bool = True
    file: str = ""  # a province's catalogue to load at init instead of the sample


@dataclass
class PrintingSettings:
    receipt_layout: str = "a5x2"  # a5x2: two A5 halves of one A4 | a4x2: two A4 pages
    receipt_qr: str = ""  # e.g. "https://dichvucong.example.gov.vn/tra-cuu?ma={code}"; "" = no QR
    copies: int = 2
    form_set: str = "tt01-2018"  # versioned template set chosen by configuration
    signer_title: str = "NGƯỜI TIẾP NHẬN HỒ SƠ"
    printer: str = ""
    place: str = ""  # place in "…, ngày … tháng … năm …"; "" = the office's commune/province
    head_title: str = "THỦ TRƯỞNG CƠ QUAN"  # signs Mẫu 04 and the stop notice
    head_name: str = ""


@dataclass
class SyncSettings:
    enabled: bool = False
    adapter: str = "dvc-national"
    config_file: str = ""  # the province's adapter configuration (TOML/JSON)
    interval_seconds: int = 15
    pull_interval_seconds: int = 300


@dataclass
class SecuritySettings:
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    mask_ids_in_exports: bool = True


@dataclass
class DigitizeSettings:
    """Số hoá: limits on what may be imported, the copier's folder, the scanner, signing."""

    max_file_mb: int = 50  # one imported file; bigger → E_FILE_TOO_BIG
    max_pages: int = 200  # pages in one component's PDF
    max_megapixels: int = 90  # one page image (decompression bombs → E_IMAGE_TOO_LARGE)
    watch_folder: str = ""  # the copier's "scan to folder" share; "" = none
    default_profile: str = "text"  # text | grey | colour
    scanner_backend: str = "auto"  # auto | sane | wia
    scanner_device: str = ""  # e.g. "test" or "escl:https://…"; "" = first found
    scanner_options: str = ""  # extra backend options for scanimage, e.g. "--brightness=10"
    pdfa: bool = True  # write PDF/A-2b identification and an sRGB output intent
    pkcs11_lib: str = ""  # the officer's USB token driver (.so/.dll); "" = none
    pkcs11_token: str = ""  # token label
    pkcs11_key: str = ""  # key label on the token ("" = the first key)
    pkcs12_file: str = ""  # a .p12 certificate file instead of a token


@dataclass
class QueueSettings:
    """Số thứ tự: what this counter calls and how the hall is told (owned by queue numbers)."""

    groups: str = ""  # ticket groups this counter calls, comma-separated; "" = every group
    ticket_printer: str = ""  # the 80 mm printer at the ticket kiosk; "" = the default printer
    chime: bool = True
    speech: bool = False  # spoken Vietnamese call, where the machine has a voice


@dataclass
class PaymentSettings:
    """Cashless fees: the agency's account a VietQR transfer goes to (owned by fee payments)."""

    bank_bin: str = ""  # NAPAS BIN of the beneficiary bank, 6 digits; "" = no VietQR
    account: str = ""  # the agency's account number
    account_name: str = ""  # shown beside the code so the citizen sees who is paid
    bank_name: str = ""  # short bank name printed beside the code; "" = known from the BIN


@dataclass
class NotifySettings:
    """Result-ready messages: the SMS/Zalo gateway (owned by result-ready notifications)."""

    enabled: bool = False
    channel: str = "sms"  # sms | zalo: the default for a new opt-in
    url: str = ""  # the gateway's HTTP endpoint; its token is a secret in the keyring
    token_secret: str = "notify-token"  # keyring entry (env COUNTER_APP_SECRET_NOTIFY_TOKEN)
    sender: str = ""  # SMS brandname or Zalo OA id, passed to the gateway as is
    sms_unaccented: bool = True  # SMS without diacritics: 160 GSM-7 characters per message
    sms_max_chars: int = 160  # longer SMS texts are shortened (address last); 0 = no limit
    phone_format: str = "84"  # number sent to the gateway: 84 → 84912345678, 0 → 0912345678
    timeout_seconds: int = 15
    ca_bundle: str = ""  # PEM of a private CA, added to the public roots
    retry_codes: str = ""  # gateway error codes meaning "busy, try later", comma-separated
    max_age_hours: int = 72  # an older "result ready" message is no longer sent


@dataclass
class Settings:
    data_dir: Path = field(default_factory=lambda: default_data_dir())
    office: OfficeSettings = field(default_factory=OfficeSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    counter: CounterSettings = field(default_factory=CounterSettings)
    catalog: CatalogSettings = field(default_factory=CatalogSettings)
    printing: PrintingSettings = field(default_factory=PrintingSettings)
    sync: SyncSettings = field(default_factory=SyncSettings)
    security: SecuritySettings = field(default_factory=SecuritySettings)
    digitize: DigitizeSettings = field(default_factory=DigitizeSettings)
    queue: QueueSettings = field(default_factory=QueueSettings)
    payment: PaymentSettings = field(default_factory=PaymentSettings)
    notify: NotifySettings = field(default_factory=NotifySettings)
    sources: list[str] = field(default_factory=list)  # files read, for diagnostics

    @property
    def database_url(self) -> str:
        if self.database.url:
            return self.database.url
        return f"sqlite:///{(self.data_dir / 'counter.db').as_posix()}"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def log_dir(self) -> Path:
        """The platform's log folder (Windows `%LOCALAPPDATA%\\MotCua\\counter-app\\Logs`,
        Linux `~/.local/state/counter-app/log`); a data folder moved elsewhere (`--data-dir`:
        a portable copy, a test) keeps its logs beside it."""
        if self.data_dir == default_data_dir():
            return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
        return self.data_dir / "logs"

    @property
    def workstation(self) -> str:
        import socket

        return self.counter.workstation or socket.gethostname()

    def redacted(self) -> dict[str, Any]:
        """Settings as a dict with anything that could carry a secret masked (diagnostics)."""
        out = dataclasses.asdict(self)
        out["data_dir"] = str(self.data_dir)
        url = out["database"]["url"]
        if "@" in url and "://" in url:
            scheme, rest = url.split("://", 1)
            creds, host = rest.rsplit("@", 1)
            user = creds.split(":", 1)[0]
            out["database"]["url"] = f"{scheme}://{user}:***@{host}"
        return out


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def machine_config_path() -> Path:
    return Path(platformdirs.site_config_dir(APP_NAME, APP_AUTHOR)) / "config.toml"


def user_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "config.toml"


def load_settings(
    config_file: str | Path | None = None,
    data_dir: str | Path | None = None,
    *,
    env: dict[str, str] | None = None,
) -> Settings:
    env = dict(os.environ if env is None else env)
    settings = Settings()
    files = [machine_config_path(), user_config_path()]
    explicit = config_file or env.get(ENV_PREFIX + "CONFIG")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("E_CONFIG_MISSING", f"Không tìm thấy tệp cấu hình {path}.")
        files.append(path)
    for path in files:
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text("utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(
                    "E_CONFIG_SYNTAX",
                    f"Tệp cấu hình {path} sai cú pháp: {exc}",
                    hint="Sửa tệp hoặc xoá nó để dùng cấu hình mặc định.",
                ) from exc
            _apply(settings, data, str(path))
            settings.sources.append(str(path))
    _apply_env(settings, env)
    chosen_dir = data_dir or env.get(ENV_PREFIX + "DATA_DIR")
    if chosen_dir:
        settings.data_dir = Path(chosen_dir)
    settings.data_dir = settings.data_dir.expanduser()
    return settings


def _apply(settings: Settings, data: dict[str, Any], origin: str) -> None:
    for key, value in data.items():
        if key == "data_dir":
            settings.data_dir = Path(str(value))
            continue
        section = getattr(settings, key, None)
        if not dataclasses.is_dataclass(section) or not isinstance(value, dict):
            raise ConfigError("E_CONFIG_KEY", f"Mục cấu hình không biết: [{key}] trong {origin}.")
        for name, item in value.items():
            _set(section, name, item, f"{origin} [{key}]")


def _apply_env(settings: Settings, env: dict[str, str]) -> None:
    for f in dataclasses.fields(settings):
        section = getattr(settings, f.name)
        if not dataclasses.is_dataclass(section):
            continue
        for sub in dataclasses.fields(section):
            name = f"{ENV_PREFIX}{f.name}_{sub.name}".upper()
            if name in env:
                _set(section, sub.name, env[name], name)


def _set(section: Any, name: str, value: Any, origin: str) -> None:
    fields = {f.name: f for f in dataclasses.fields(section)}
    if name not in fields:
        raise ConfigError("E_CONFIG_KEY", f"Khoá cấu hình không biết: {name} ({origin}).")
    current = getattr(section, name)
    try:
        if isinstance(current, bool):
            value = value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes"}
        elif isinstance(current, int):
            value = int(value)
        else:
            value = str(value)
    except ValueError as exc:
        raise ConfigError(
            "E_CONFIG_VALUE", f"Giá trị không hợp lệ cho {name} ({origin}): {value!r}"
        ) from exc
    setattr(section, name, value)
