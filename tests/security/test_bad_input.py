"""Hostile or broken input: injection strings, huge fields, invalid Unicode, forged QR codes.

Each gets a clear error with a stable code and writes nothing at all, or is stored as the
literal text it is (an injection string is just somebody's odd name).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from counter_app.errors import AppError, ValidationError
from counter_app.services import dossiers, intake, users
from counter_app.services.context import SYSTEM, Core
from counter_app.storage import models as m
from main import main
from tests.support import factories

HOLDER_FIELDS = {"name", "address", "phone", "email", "id_number"}


def register(core: Core, **kw: Any) -> intake.Registered:
    """The factory's registration, with any holder field given as a keyword too."""
    holder = {k: kw.pop(k) for k in list(kw) if k in HOLDER_FIELDS - {"name", "id_number"}}
    if not holder:
        return factories.register(core, **kw)
    person = intake.PersonInput(
        full_name=kw.pop("name", "Nguyễn Văn An"),
        id_number=kw.pop("id_number", "001090012345"),
        **holder,
    )
    return intake.register(
        core,
        SYSTEM,
        intake.RegisterRequest(procedure_code=kw.pop("procedure", "1.001193"), holder=person, **kw),
    )


INJECTIONS = [
    "Robert'); DROP TABLE dossiers; --",
    "' OR '1'='1",
    '"; DELETE FROM audit_events; --',
    "x' UNION SELECT password_hash FROM users --",
    "$$; DROP SCHEMA public CASCADE; $$",
    "\\'; TRUNCATE outbox; --",
    "<script>alert(1)</script>",
    "dossier_fts MATCH '*'",
]


def _written(core: Core) -> dict[str, int]:
    tables = [
        m.Dossier,
        m.Applicant,
        m.AuditEvent,
        m.OutboxRow,
        m.StatusChange,
        m.CodeSequence,
        m.BookSequence,
    ]
    with core.uow(write=False) as uow:
        return {
            t.__tablename__: int(uow.session.scalar(select(func.count()).select_from(t)) or 0)
            for t in tables
        }


def _rejected(core: Core, code: str, attempt: Any) -> None:
    before = _written(core)
    with pytest.raises(AppError) as err:
        attempt()
    assert err.value.code == code, err.value.message
    assert err.value.message  # a sentence for the clerk, not a traceback
    assert _written(core) == before


@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_strings_are_stored_as_plain_text(ready_core: Core, evil: str) -> None:
    code = register(ready_core, name=f"Nguyễn {evil}", address=evil, notes=evil).code
    view = dossiers.show(ready_core, SYSTEM, code)
    assert view.holder_name == f"Nguyễn {evil}".strip()
    assert view.notes == evil.strip()
    assert _written(ready_core)["dossiers"] == 1  # the table is still there, and only one row
    for query in (evil, f"nguyen {evil}"):
        dossiers.search(ready_core, SYSTEM, query)  # never an SQL error
    assert [r.code for r in dossiers.search(ready_core, SYSTEM, "")] == [code]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_strings_find_nothing_where_they_should_not(ready_core: Core, evil: str) -> None:
    register(ready_core)
    with pytest.raises(AppError) as err:
        dossiers.show(ready_core, SYSTEM, evil)
    assert err.value.code == "E_DOSSIER_UNKNOWN"
    assert intake.find_applicant(ready_core, SYSTEM, evil) is None
    with pytest.raises(AppError) as err:
        users.authenticate(ready_core, f"admin{evil}", evil)
    assert err.value.code in {"E_LOGIN_FAILED", "E_TEXT_INVALID"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Nguyễn " * 2_000),
        ("address", "Thôn Đông " * 100_000),  # ~1 MB
        ("notes", "ghi chú " * 200_000),
        ("phone", "0" * 5_000),
        ("email", "a" * 500 + "@example.vn"),
    ],
)
def test_huge_fields_are_refused_before_anything_is_written(
    ready_core: Core, field: str, value: str
) -> None:
    _rejected(ready_core, "E_TOO_LONG", lambda: register(ready_core, **{field: value}))
    assert register(ready_core).code.endswith("-0001")  # the refused one used no number


def test_a_flood_of_components_is_refused(ready_core: Core) -> None:
    many = [intake.ComponentInput(f"Giấy tờ {i}") for i in range(10_000)]
    _rejected(ready_core, "E_COMPONENTS", lambda: register(ready_core, components=many))


@pytest.mark.parametrize("field", ["name", "address", "notes", "phone", "id_number", "procedure"])
def test_broken_unicode_is_a_clear_error_not_a_crash(ready_core: Core, field: str) -> None:
    broken = "Nguy\ud800n"  # a lone surrogate: no database can store it
    _rejected(ready_core, "E_TEXT_INVALID", lambda: register(ready_core, **{field: broken}))
    with pytest.raises(ValidationError) as err:
        dossiers.search(ready_core, SYSTEM, broken)
    assert err.value.code == "E_TEXT_INVALID"


def test_a_password_with_broken_unicode_is_refused_cleanly(ready_core: Core) -> None:
    users.add_user(ready_core, SYSTEM, "canbo", "Nguyễn Thị Lan", "clerk", "matkhau-123")
    with pytest.raises(AppError) as err:
        users.authenticate(ready_core, "canbo", "matkhau\udc80")
    assert err.value.code == "E_LOGIN_FAILED"
    with pytest.raises(AppError) as err:
        users.add_user(ready_core, SYSTEM, "lan2", "Lan", "clerk", "matkhau\udc80-12")
    assert err.value.code == "E_TEXT_INVALID"


def test_control_characters_and_nul_bytes_are_dropped_not_stored(ready_core: Core) -> None:
    code = register(ready_core, name="Nguyễn\x00 Văn\x07 An\x1b", address="Thôn\x00 Đông").code
    view = dossiers.show(ready_core, SYSTEM, code)
    assert (view.holder_name, view.holder_address) == ("Nguyễn Văn An", "Thôn Đông")


GOOD_QR = "001090012345|123456789|Nguyễn Văn An|01011990|Nam|Thôn Đông, xã Thử Nghiệm|01012021"
FORGED_QR = {
    "too few fields": ("001090012345|Nguyễn Văn An|01011990", "E_QR_FORMAT"),
    "letters in the ID": ("00109001234X|||Nguyễn Văn An|01011990|Nam|Hà Nội", "E_QR_ID"),
    "ID too long": ("0010900123456|1|Nguyễn Văn An|01011990|Nam|Hà Nội", "E_QR_ID"),
    "no name": ("001090012345|||01011990|Nam|Hà Nội", "E_QR_FORMAT"),
    "31 February": ("001090012345||Nguyễn Văn An|31021990|Nam|Hà Nội", "E_QR_DATE"),
    "born in the future": ("001090012345||Nguyễn Văn An|01012099|Nam|Hà Nội", "E_QR_DATE"),
    "issued before birth": (
        "001090012345||Nguyễn Văn An|01011990|Nam|Hà Nội|01011980",
        "E_QR_DATE",
    ),
    "unknown gender": ("001090012345||Nguyễn Văn An|01011990|X' OR 1=1|Hà Nội", "E_QR_GENDER"),
    "bidi override in the name": (
        "001090012345||Nguyễn \u202eAn|01011990|Nam|Hà Nội",
        "E_QR_FORMAT",
    ),
    "two scans run together": (GOOD_QR + "\n" + GOOD_QR, "E_QR_FORMAT"),
    "a megabyte of QR": ("0" * 1_000_000, "E_QR_FORMAT"),
    "broken unicode": ("001090012345||Nguy\ud800n|01011990|Nam|Hà Nội", "E_TEXT_INVALID"),
}


@pytest.mark.parametrize("case", FORGED_QR, ids=list(FORGED_QR))
def test_forged_qr_text_registers_nothing(ready_core: Core, case: str) -> None:
    text, code = FORGED_QR[case]
    data = {"procedure": "1.001193", "qr": text}
    _rejected(
        ready_core,
        code,
        lambda: intake.register(ready_core, SYSTEM, intake.request_from_dict(data)),
    )


def test_a_genuine_qr_still_registers(ready_core: Core) -> None:
    data = {"procedure": "1.001193", "qr": GOOD_QR}
    code = intake.register(ready_core, SYSTEM, intake.request_from_dict(data)).code
    assert dossiers.show(ready_core, SYSTEM, code).holder_name == "Nguyễn Văn An"


def _cli(tmp_path: Path, settings: Any, *args: str) -> int:
    return main(["--data-dir", str(settings.data_dir), *args])


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (
            b'{"procedure": "1.001193", "applicant": {"full_name": "Nguy\xff\xfen"}}',
            "E_JSON_SYNTAX",
        ),
        (
            json.dumps({"procedure": "1.001193", "applicant": {"full_name": "A\ud800"}}).encode(),
            "E_TEXT_INVALID",
        ),
        (b"[1, 2, 3]", "E_JSON_SHAPE"),
        (b'{"procedure": "1.001193", "qr": "' + b"9" * 500_000 + b'"}', "E_QR_FORMAT"),
    ],
)
def test_the_command_line_answers_bad_files_with_exit_1_and_a_code(
    ready_core: Core,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    payload: bytes,
    code: str,
) -> None:
    monkeypatch.setenv("COUNTER_APP_DATABASE_URL", ready_core.settings.database_url)
    before = _written(ready_core)
    bad = tmp_path / "bad.json"
    bad.write_bytes(payload)
    assert _cli(tmp_path, ready_core.settings, "dossier", "register", "--json", str(bad)) == 1
    assert f"[{code}]" in capsys.readouterr().err
    assert _written(ready_core) == before
