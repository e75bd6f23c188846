"""The citizen's opt-in at intake: a Vietnamese mobile number, checked with a clear message;
from the JSON register shape and the command line too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter_app.errors import ValidationError
from counter_app.services import dossiers, intake
from counter_app.services.context import SYSTEM, Core
from counter_app.services.result_notice import NotifyRequest, normalize_mobile
from counter_app.storage import models as m
from tests.notify.gateway_server import TOKEN, Fault, GatewayServer
from tests.support.factories import register
from tests.sync.provincial_server import ProvincialServer
from tests.sync.test_cli import REGISTER, Cli


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84987654321", "0987654321"),
        ("(+84) 32-123-4567", "0321234567"),
        ("0703 123 456", "0703123456"),
    ],
)
def test_vietnamese_mobile_numbers_in_the_usual_spellings(typed: str, stored: str) -> None:
    assert normalize_mobile(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "02838221234",  # a landline (Hồ Chí Minh City): cannot receive the SMS
        "0123456789",  # 012x: an old 11-digit prefix, gone since 2018
        "091234567",  # one digit short
        "09123456789",  # one digit too many
        "0912 34 56 7x",
        "+1 650 555 0100",  # not Vietnamese
        "0612345678",
    ],
)
def test_anything_else_is_refused_with_a_vietnamese_message(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_mobile(typed)
    assert caught.value.code == "E_NOTIFY_PHONE"
    assert "không phải số di động Việt Nam hợp lệ" in caught.value.message
    assert "10 chữ số" in caught.value.hint


def dossier_count(core: Core) -> int:
    with core.uow(write=False) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(m.Dossier)) or 0)


@pytest.mark.parametrize(
    ("phone", "choice", "code"),
    [
        ("", NotifyRequest(), "E_NOTIFY_PHONE_REQUIRED"),
        ("0912345678", NotifyRequest(phone="02838221234"), "E_NOTIFY_PHONE"),
        ("02838221234", NotifyRequest(), "E_NOTIFY_PHONE"),  # the only phone is a landline
        ("0912345678", NotifyRequest(channel="email"), "E_NOTIFY_CHANNEL"),
    ],
)
def test_a_bad_opt_in_stops_the_register_and_writes_nothing(
    ready_core: Core, phone: str, choice: NotifyRequest, code: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        register(ready_core, phone=phone, notify=choice)
    assert caught.value.code == code
    assert dossier_count(ready_core) == 0


def test_the_number_typed_wins_then_the_holder_then_the_submitter(ready_core: Core) -> None:
    def masked(code: str) -> str:
        with ready_core.uow(write=False) as uow:
            return str(
                uow.session.scalar(
                    select(m.Dossier.notify_phone_masked).where(m.Dossier.code == code)
                )
            )

    typed = register(ready_core, notify=NotifyRequest(phone="0388 111 222")).code
    holder = register(ready_core, notify=NotifyRequest()).code
    submitter = register(
        ready_core,
        phone="",
        submitter=intake.PersonInput(full_name="Lê Thị Hoa", phone="0977 000 333"),
        notify=NotifyRequest(),
    ).code
    assert [masked(c) for c in (typed, holder, submitter)] == [
        "*******222",
        "*******678",
        "*******333",
    ]


def test_the_json_register_shape_accepts_the_opt_in() -> None:
    base = json.loads(REGISTER.read_text("utf-8"))
    assert intake.request_from_dict(base).notify == NotifyRequest("0987 654 321", "sms")
    assert intake.request_from_dict({**base, "notify": True}).notify == NotifyRequest()
    assert intake.request_from_dict({**base, "notify": False}).notify is None
    assert intake.request_from_dict({**base, "notify": None}).notify is None
    with pytest.raises(ValidationError) as caught:
        intake.request_from_dict({**base, "notify": "có"})
    assert caught.value.code == "E_JSON_SHAPE"


@pytest.mark.slow
def test_from_the_command_line_to_a_refused_message_in_sync_status_and_back(
    tmp_path: Path, server: ProvincialServer, gateway: GatewayServer
) -> None:
    cli = Cli(tmp_path)
    assert cli("init", "--demo").returncode == 0
    cli.point_at(server.url)
    settings = cli.config.read_text("utf-8")
    cli.config.write_text(
        settings + f'[notify]\nenabled = true\nurl = "{gateway.url}"\n', encoding="utf-8"
    )
    cli.env["COUNTER_APP_SECRET_NOTIFY_TOKEN"] = TOKEN
    out = cli("dossier", "register", "--json", str(REGISTER))
    assert out.returncode == 0, out.stderr
    code = out.stdout.strip()
    assert cli("dossier", "finish", code).returncode == 0

    gateway.add_fault(Fault("error", code="INVALID_NUMBER", message="Số thuê bao không tồn tại"))
    run = cli.json("sync", "run", "--once")
    assert (run["rejected"], run["dead"]) == (1, 1)
    human = cli("sync", "status").stdout
    assert code in human and "Tin nhắn" in human
    assert "Cổng nhắn tin từ chối: Số thuê bao không tồn tại (mã INVALID_NUMBER)." in human
    assert "987654321" not in human and "987 654 321" not in human

    assert len(cli.json("sync", "retry", "--all-dead")["revived"]) == 1  # type: ignore[arg-type]
    final = cli.json("sync", "run", "--once")
    assert (final["sent"], final["backlog"], final["dead"]) == (1, 0, 0)
    [message] = gateway.messages()
    assert message["to"] == "84987654321" and message["reference"] == code


def test_the_schema_change_keeps_the_search_index_up_to_date(ready_core: Core) -> None:
    """notify_1 adds columns to the dossiers table without recreating it: on SQLite a
    recreated table loses the FTS5 triggers and new dossiers can no longer be found."""
    code = register(ready_core, name="Trần Thị Bích Ngọc", notify=NotifyRequest()).code
    found = dossiers.search(ready_core, SYSTEM, "bich ngoc")
    assert [d.code for d in found] == [code]


def test_the_dossier_says_how_the_citizen_will_be_told(ready_core: Core, tmp_path: Path) -> None:
    """The clerk handing over (or a colleague on the phone) sees the opt-in on the dossier:
    the channel and the masked number, never the number itself."""
    from ui.receipt import summary_html

    asked = register(ready_core, notify=NotifyRequest(phone="0388 111 222", channel="zalo")).code
    silent = register(ready_core).code
    view = dossiers.show(ready_core, SYSTEM, asked)
    assert (view.notify_channel, view.notify_phone_masked) == ("zalo", "*******222")
    assert "Zalo đến *******222" in summary_html(view)
    assert "0388111222" not in summary_html(view) and "111 222" not in summary_html(view)
    quiet = dossiers.show(ready_core, SYSTEM, silent)
    assert quiet.notify_channel == "" and "Báo khi có kết quả" not in summary_html(quiet)
