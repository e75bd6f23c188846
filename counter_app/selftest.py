"""`self-test`: does this machine's installation work? Checks IT runs after a roll-out.

Each check says in plain Vietnamese what it found and, when something is wrong, what to do:
the bundled files, a temporary database (every migration applied), a dossier registered
through the real services, the Mẫu 01 receipt rendered from it, the OS keyring (a probe entry
written, read back and deleted), the data key, and the sync configuration with its credentials.

The temporary database uses this machine's real settings (receipt layout, VietQR account…)
but its own file in a temporary folder, and a throw-away data key: nothing of the office's
data, keyring or key files is touched, and nothing is left behind.

The receipt and the sync configuration belong to `printing` and `sync`, which the core never
imports: `main.py` hands their functions in (see `counter_app.cli_it`).
"""

from __future__ import annotations

import secrets as pysecrets
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from counter_app import secrets
from counter_app.config import Settings
from counter_app.domain.calendar import VN_TZ
from counter_app.errors import AppError
from counter_app.services.context import SYSTEM, Actor, Core

ReceiptRenderer = Callable[[Core, Actor, str], bytes]  # (core, actor, dossier code) → PDF
SyncConfigLoader = Callable[[Core], Any]  # raises AppError when the file is missing or wrong
SyncCredentials = Callable[[Any], tuple[str, str]]  # raises AppError when a secret is missing

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
PROBE_PREFIX = "self-test-probe-"


@dataclass(frozen=True)
class CheckResult:
    name: str  # stable id for scripts: resources, database, register, receipt, keyring, …
    title: str  # what was checked, in Vietnamese
    ok: bool
    verdict: str  # what was found, in plain Vietnamese
    action: str = ""  # what to do when not ok

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Run:
    settings: Settings
    render_receipt: ReceiptRenderer | None
    load_sync_config: SyncConfigLoader | None
    sync_credentials: SyncCredentials | None
    core: Core | None = None
    code: str = ""


def run_checks(
    settings: Settings,
    *,
    render_receipt: ReceiptRenderer | None = None,
    load_sync_config: SyncConfigLoader | None = None,
    sync_credentials: SyncCredentials | None = None,
) -> list[CheckResult]:
    """Every check, in order; a check that needs an earlier one's result says so if it failed."""
    state = _Run(settings, render_receipt, load_sync_config, sync_credentials)
    with tempfile.TemporaryDirectory(prefix="counter-app-selftest-") as tmp:
        try:
            results = [
                _guard("resources", "Tệp đi kèm chương trình", _resources),
                _guard("database", "Cơ sở dữ liệu tạm", lambda: _database(state, Path(tmp))),
                _guard("register", "Tiếp nhận một hồ sơ thử", lambda: _register(state)),
                _guard("receipt", "In Giấy tiếp nhận (Mẫu 01)", lambda: _receipt(state)),
                _guard("keyring", "Kho khoá bảo mật của hệ điều hành", _keyring),
                _guard("data_key", "Khoá mã hoá dữ liệu", lambda: _data_key(settings)),
                _guard("sync", "Cấu hình đồng bộ với tỉnh", lambda: _sync(state)),
            ]
        finally:
            if state.core is not None:
                state.core.close()
    return results


def _guard(name: str, title: str, check: Callable[[], tuple[bool, str, str]]) -> CheckResult:
    """Run one check; an unexpected error is a failed check with its message, not a crash."""
    try:
        ok, verdict, action = check()
    except AppError as exc:
        ok, verdict, action = False, exc.message, exc.hint
    except Exception as exc:
        from counter_app.logs import mask_text

        ok = False
        verdict = f"Lỗi không mong muốn: {type(exc).__name__}: {mask_text(str(exc))}"
        action = "Gửi tệp chẩn đoán (lệnh diagnostics) cho bộ phận CNTT."
    return CheckResult(name, title, ok, verdict, "" if ok else action)


# -- the checks: each returns (ok, verdict, action) --------------------------------------------


def _resources() -> tuple[bool, str, str]:
    from counter_app.services.catalog import SAMPLE_CATALOG
    from counter_app.storage.db import MIGRATIONS

    needed = [
        SAMPLE_CATALOG,
        RESOURCES / "fonts",
        RESOURCES / "forms",
        RESOURCES / "translations" / "counter_app_en.qm",
        MIGRATIONS / "env.py",
        MIGRATIONS / "versions",
    ]
    missing = [p for p in needed if not p.exists()]
    if not list((RESOURCES / "fonts").glob("*.ttf")):
        missing.append(RESOURCES / "fonts" / "*.ttf")
    if missing:
        names = ", ".join(str(p) for p in missing)
        return False, f"Thiếu tệp của chương trình: {names}.", "Cài đặt lại chương trình."
    return True, "Đủ danh mục mẫu, phông chữ, mẫu biểu, bản dịch và các bước nâng cấp CSDL.", ""


def _database(state: _Run, folder: Path) -> tuple[bool, str, str]:
    from counter_app.protection import Protector, decode_key, new_key
    from counter_app.storage.db import Database, sqlite_url

    db = Database(sqlite_url(folder / "selftest.db"))
    db.migrate()
    state.core = Core(
        settings=state.settings,
        db=db,
        protector=Protector(decode_key(new_key())),  # throw-away: the office's key is untouched
        key_origin="self-test",
    )
    revision, head = db.current_revision(), db.head_revision()
    if revision != head:
        return (
            False,
            f"Cơ sở dữ liệu tạm dừng ở phiên bản {revision}, bản mới nhất là {head}.",
            "Cài đặt lại chương trình (thiếu tệp nâng cấp cơ sở dữ liệu).",
        )
    return True, f"Tạo được cơ sở dữ liệu tạm, đủ mọi bước nâng cấp (phiên bản {head}).", ""


def _register(state: _Run) -> tuple[bool, str, str]:
    from counter_app.services import catalog, intake, office

    core = state.core
    if core is None:
        return False, "Không thử được vì chưa tạo được cơ sở dữ liệu tạm.", "Xem lỗi ở trên."
    office.setup_office(
        core,
        SYSTEM,
        office.OfficeInput(unit_id="000.00.00.T00", name="Bộ phận Một cửa (tự kiểm tra)"),
    )
    added = catalog.import_file(core, SYSTEM, catalog.SAMPLE_CATALOG).added
    procedure = catalog.list_procedures(core)[0]
    registered = intake.register(
        core,
        SYSTEM,
        intake.RegisterRequest(
            procedure_code=procedure.code,
            holder=intake.PersonInput(full_name="Nguyễn Văn Thử", phone="0900000000"),
        ),
    )
    state.code = registered.code
    if registered.appointment_at <= core.now() - timedelta(minutes=1):
        return False, "Ngày hẹn trả tính ra trước lúc tiếp nhận.", "Báo bộ phận CNTT."
    return (
        True,
        f"Nạp {added} thủ tục mẫu, tiếp nhận hồ sơ {registered.code} "
        f"(hẹn trả {registered.appointment_at.astimezone(VN_TZ):%d/%m/%Y %H:%M}).",
        "",
    )


def _receipt(state: _Run) -> tuple[bool, str, str]:
    if state.render_receipt is None:
        return False, "Chương trình chưa gắn bộ in biểu mẫu.", "Cài đặt lại chương trình."
    if state.core is None or not state.code:
        return False, "Không thử được vì chưa tiếp nhận được hồ sơ thử.", "Xem lỗi ở trên."
    pdf = state.render_receipt(state.core, SYSTEM, state.code)
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = len(document)
        text = "".join(document[i].get_textpage().get_text_range() for i in range(pages))
    finally:
        document.close()
    if not pdf.startswith(b"%PDF") or pages < 1 or state.code not in text:
        return (
            False,
            "Giấy tiếp nhận in ra không đọc được hoặc thiếu mã hồ sơ.",
            "Cài đặt lại chương trình (thiếu phông chữ hoặc mẫu biểu).",
        )
    return True, f"Giấy tiếp nhận: {pages} trang PDF, {len(pdf) // 1024} KB, có mã hồ sơ.", ""


def _keyring() -> tuple[bool, str, str]:
    import keyring
    import keyring.errors

    hint = (
        "Trên Windows: bật dịch vụ Credential Manager (Trình quản lý thông tin xác thực). "
        "Trên Linux có giao diện: cài và mở khoá GNOME Keyring hoặc KWallet. "
        "Máy chủ không giao diện: đặt bí mật bằng biến môi trường COUNTER_APP_SECRET_<TÊN>."
    )
    if not secrets.keyring_available():
        return False, "Máy này không có kho khoá bảo mật của hệ điều hành.", hint
    backend = type(keyring.get_keyring()).__module__
    probe = PROBE_PREFIX + pysecrets.token_hex(4)
    value = pysecrets.token_urlsafe(16)
    try:
        keyring.set_password(secrets.SERVICE, probe, value)
        try:
            read = keyring.get_password(secrets.SERVICE, probe)
        finally:
            keyring.delete_password(secrets.SERVICE, probe)
    except keyring.errors.KeyringError as exc:
        return False, f"Kho khoá bảo mật ({backend}) từ chối ghi/đọc: {exc}.", hint
    if read != value:
        return False, f"Kho khoá bảo mật ({backend}) trả về giá trị khác đã ghi.", hint
    return True, f"Ghi, đọc và xoá được một mục thử trong kho khoá ({backend}).", ""


def _data_key(settings: Settings) -> tuple[bool, str, str]:
    from counter_app.protection import KEY_NAME, load_protector
    from counter_app.services.context import key_fallback_file

    fallback = key_fallback_file(settings.data_dir)
    database = settings.database_url
    fresh = (
        database.startswith("sqlite:///") and not Path(database.removeprefix("sqlite:///")).exists()
    )
    try:
        _protector, origin = load_protector(fallback, create=False)
    except AppError as exc:
        if fresh:
            return True, "Chưa có dữ liệu: khoá sẽ được tạo khi mở chương trình lần đầu.", ""
        return False, exc.message, exc.hint
    where = {"keyring": "trong kho khoá bảo mật", "env": "từ biến môi trường"}.get(
        origin, f"trong tệp {origin} (máy không có kho khoá)"
    )
    if origin not in ("keyring", "env"):
        return (
            True,
            f"Khoá dữ liệu {where}: dùng được, nhưng kém an toàn hơn kho khoá.",
            f"Nên lưu khoá vào kho khoá: python main.py secret set {KEY_NAME}.",
        )
    return True, f"Có khoá dữ liệu {where}.", ""


def _sync(state: _Run) -> tuple[bool, str, str]:
    if not state.settings.sync.enabled:
        return True, "Đồng bộ đang tắt trên máy này: không cần kiểm tra.", ""
    if state.load_sync_config is None or state.sync_credentials is None:
        return False, "Chương trình chưa gắn phần đồng bộ.", "Cài đặt lại chương trình."
    if state.core is None:
        return False, "Không thử được vì chưa tạo được cơ sở dữ liệu tạm.", "Xem lỗi ở trên."
    config = state.load_sync_config(state.core)
    state.sync_credentials(config)
    return True, f"Đọc được cấu hình “{state.settings.sync.adapter}”, đủ tên và mật khẩu.", ""


def all_passed(results: list[CheckResult]) -> bool:
    return all(r.ok for r in results)
