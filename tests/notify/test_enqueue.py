"""A dossier becomes ready to return (status 9), here or upstream: exactly one message is
queued for a citizen who asked, none otherwise, and it says only what it needs to."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.config import Settings
from counter_app.domain.calendar import VN_TZ
from counter_app.services import lifecycle, supervision
from counter_app.services.context import SYSTEM, Core
from counter_app.services.result_notice import NotifyRequest
from counter_app.storage import models as m
from sync.jobs import UpstreamChange
from sync.pull import apply_changes
from tests.conftest import Clock
from tests.notify.conftest import ADDRESS, OFFICE_PHONE, with_address
from tests.support.factories import register, vn

HOLDER, HOLDER_ID = "Nguyễn Văn An", "001090012345"


def notify_rows(core: Core) -> list[dict[str, Any]]:
    """The payloads of the queued messages, oldest first."""
    with core.uow(write=False) as uow:
        return list(
            uow.session.scalars(
                select(m.OutboxRow.payload)
                .where(m.OutboxRow.kind == "notify")
                .order_by(m.OutboxRow.id)
            )
        )


def opted_in(core: Core, **kw: object) -> str:
    return register(core, notify=NotifyRequest(**kw)).code  # type: ignore[arg-type]


@pytest.fixture
def office(notify_on: Settings, ready_core: Core) -> Core:
    with_address(ready_core)
    return ready_core


def test_finishing_here_queues_one_message_with_the_opt_in_recorded(
    office: Core, clock: Clock
) -> None:
    code = opted_in(office)
    with office.uow(write=False) as uow:
        d = uow.session.scalars(select(m.Dossier).where(m.Dossier.code == code)).one()
        assert d.notify_opt_in and d.notify_channel == "sms"
        assert d.notify_opted_at == clock.current  # when the citizen asked
        assert d.notify_phone_masked == "*******678"
        assert "0912345678" not in d.notify_phone_sealed  # sealed, not in clear
        assert office.protector.unseal(d.notify_phone_sealed) == "0912345678"
    lifecycle.start_processing(office, SYSTEM, code)
    assert notify_rows(office) == []  # not ready yet
    lifecycle.finish(office, SYSTEM, code)
    rows = notify_rows(office)
    assert len(rows) == 1
    payload = rows[0]
    assert payload["code"] == code and payload["channel"] == "sms"
    assert "0912345678" not in str(payload) and "912345678" not in str(payload)
    assert office.protector.unseal(payload["to"]) == "0912345678"
    lifecycle.hand_over(office, SYSTEM, code, receiver_name=HOLDER)
    assert len(notify_rows(office)) == 1  # handing over tells the citizen nothing new


def test_ready_upstream_queues_exactly_one_message_even_when_pulled_twice(
    office: Core, clock: Clock
) -> None:
    code = opted_in(office, channel="zalo")
    change = UpstreamChange(code, 9, clock.current + timedelta(hours=2), note="Đã ký")
    clock.set(clock.current + timedelta(hours=3))
    assert apply_changes(office, [change]).applied == 1  # 2 → 4 → 9, as the rules need
    assert apply_changes(office, [change]).unchanged == 1  # the overlapping next pull
    rows = notify_rows(office)
    assert len(rows) == 1 and rows[0]["channel"] == "zalo"
    with office.uow(write=False) as uow:  # the province knows: only the message goes out
        kinds = uow.session.scalars(select(m.OutboxRow.kind).order_by(m.OutboxRow.id)).all()
    assert kinds == ["dossier", "notify"]


def test_no_opt_in_no_message(office: Core) -> None:
    code = register(office).code
    lifecycle.finish(office, SYSTEM, code)
    other = register(office).code
    apply_changes(office, [UpstreamChange(other, 9, office.now())])
    assert notify_rows(office) == []


@pytest.mark.parametrize("switch", ["disabled", "no_url", "sync_off"])
def test_notifications_off_or_unconfigured_queue_nothing_and_intake_says_so(
    switch: str, office: Core
) -> None:
    n = office.settings
    if switch == "disabled":
        n.notify.enabled = False
    elif switch == "no_url":
        n.notify.url = ""
    else:
        n.sync.enabled = False
    reg = register(office, notify=NotifyRequest())
    assert any("sẽ không gửi" in w for w in reg.warnings)  # recorded, but not promised
    lifecycle.finish(office, SYSTEM, reg.code)
    assert notify_rows(office) == []


def test_the_message_has_code_appointment_and_address_and_no_personal_data(
    office: Core,
) -> None:
    sms = opted_in(office)
    zalo = opted_in(office, channel="zalo", phone="+84 98 765 4321")
    for code in (sms, zalo):
        lifecycle.finish(office, SYSTEM, code)
    rows = {r["code"]: r for r in notify_rows(office)}
    with office.uow(write=False) as uow:
        appointment = uow.session.scalar(
            select(m.Dossier.appointment_at).where(m.Dossier.code == sms)
        )
    assert appointment is not None
    when = appointment.astimezone(VN_TZ)

    zalo_text = rows[zalo]["text"]
    assert zalo_text.startswith(f"Hồ sơ {zalo} đã có kết quả.")
    assert f"{when:%H:%M} ngày {when:%d/%m/%Y}" in zalo_text
    assert ADDRESS in zalo_text and OFFICE_PHONE in zalo_text
    assert "Bộ phận Một cửa xã Thử Nghiệm" in zalo_text

    sms_text = rows[sms]["text"]
    assert sms_text.isascii() and len(sms_text) <= 160  # one GSM-7 message
    assert sms in sms_text and "da co ket qua" in sms_text
    assert f"{when:%H:%M %d/%m/%Y}" in sms_text
    assert "Tran Hung Dao" in sms_text and OFFICE_PHONE in sms_text
    for text in (sms_text, zalo_text):
        for personal in (HOLDER, "Nguyen Van An", HOLDER_ID, "0010******45", "Thôn Đông"):
            assert personal not in text


def test_a_long_address_is_shortened_in_an_sms_never_the_code_date_or_phone(
    office: Core,
) -> None:
    with office.uow() as uow:
        row = uow.session.scalars(select(m.Office)).one()
        row.address = "Tầng 3, Trung tâm Phục vụ hành chính công, " * 4
        uow.commit()
    code = opted_in(office)
    lifecycle.finish(office, SYSTEM, code)
    text = notify_rows(office)[0]["text"]
    assert len(text) <= 160 and text.isascii()
    assert code in text and text.endswith(f"DT: {OFFICE_PHONE}") and "..." in text


def test_accented_sms_when_the_gateway_takes_it(office: Core) -> None:
    office.settings.notify.sms_unaccented = False
    code = opted_in(office)
    lifecycle.finish(office, SYSTEM, code)
    assert notify_rows(office)[0]["text"].startswith(f"Hồ sơ {code} đã có kết quả.")


def test_a_new_date_promised_by_an_apology_is_the_one_announced(office: Core, clock: Clock) -> None:
    code = opted_in(office)
    lifecycle.start_processing(office, SYSTEM, code)
    new_date = vn(2026, 12, 4, 15, 30)
    supervision.issue_apology(office, SYSTEM, code, "Chờ xác minh thêm", new_date)
    lifecycle.finish(office, SYSTEM, code)
    assert "15:30 04/12/2026" in notify_rows(office)[0]["text"]


def test_an_sms_is_plain_ascii_whatever_the_address_holds(office: Core) -> None:
    with office.uow() as uow:
        row = uow.session.scalars(select(m.Office)).one()
        row.address = "Nhà “Một cửa” – số 5 Đường Ỷ Lan"
        uow.commit()
    code = opted_in(office)
    lifecycle.finish(office, SYSTEM, code)
    text = notify_rows(office)[0]["text"]
    assert text.isascii() and 'Nha "Mot cua" - so 5 Duong Y Lan' in text
