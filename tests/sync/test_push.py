"""Every case and every status change reaches the province once, in order, in its formats."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from counter_app.domain.calendar import VN_TZ
from counter_app.services import lifecycle
from counter_app.services.context import SYSTEM, Core
from counter_app.storage import models as m
from sync.adapter_config import AdapterConfig, load_adapter_config
from sync.loop import SyncLoop
from tests.conftest import Clock
from tests.support import factories
from tests.support.factories import register
from tests.sync.conftest import EXAMPLE, fast
from tests.sync.provincial_server import ProvincialServer

ID_NUMBER = "001090012345"


def outbox_states(core: Core) -> list[str]:
    with core.uow(write=False) as uow:
        return list(uow.session.scalars(select(m.OutboxRow.state).order_by(m.OutboxRow.id)))


def test_a_dossier_and_its_progress_arrive_once_and_in_order(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    reg = register(live_core)
    lifecycle.start_processing(live_core, SYSTEM, reg.code)
    lifecycle.request_supplement(live_core, SYSTEM, reg.code, "Thiếu bản sao giấy chứng sinh")
    lifecycle.receive_supplement(live_core, SYSTEM, reg.code)
    lifecycle.finish(live_core, SYSTEM, reg.code, "Đã ký giấy khai sinh")
    lifecycle.hand_over(live_core, SYSTEM, reg.code, receiver_name="Nguyễn Văn An")
    report = make_loop(live_core, province).cycle()
    assert (report.sent, report.retried, report.rejected) == (6, 0, 0)
    state = server.snapshot()
    assert state["problems"] == []
    assert list(state["cases"]) == [reg.code]
    assert [e["TrangThai"] for e in state["progress"][reg.code]] == ["4", "5", "4", "9", "10"]
    case = state["cases"][reg.code]
    assert case["TrangThaiHoSo"] == "10" and case["NgayTra"] != ""
    assert case["DanhSachHoSoBoSung"][0]["NoiDungBoSung"] == "Thiếu bản sao giấy chứng sinh"
    assert case["DanhSachHoSoBoSung"][0]["TrangThaiBoSung"] == "1"
    assert outbox_states(live_core) == ["done"] * 6
    assert state["duplicates"] == 0


def test_values_are_strings_in_the_portal_formats_and_reading_the_id_is_audited(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    reg = register(live_core, procedure="2.000815", id_number=ID_NUMBER)
    make_loop(live_core, province).cycle()
    case = server.snapshot()["cases"][reg.code]
    with live_core.uow(write=False) as uow:
        d = uow.session.scalars(select(m.Dossier).where(m.Dossier.code == reg.code)).one()
        received, appointment, lookup = d.received_at, d.appointment_at, d.holder_id_lookup
        events = [
            (e.object_id, e.subject_lookup)
            for e in uow.session.scalars(select(m.AuditEvent).where(m.AuditEvent.action == "sync"))
        ]
    # Dates: yyyyMMddHHmmss on the Asia/Ho_Chi_Minh clock, whatever the PC's zone.
    assert case["NgayTiepNhan"] == received.astimezone(VN_TZ).strftime("%Y%m%d%H%M%S")
    assert case["NgayHenTra"] == appointment.astimezone(VN_TZ).strftime("%Y%m%d%H%M%S")
    assert case["NgayTra"] == "" and case["NgayKetThucXuLy"] == ""  # null → ""
    assert case["MaDoiTuong"] == ID_NUMBER  # the clear number goes upstream …
    assert events == [(reg.code, lookup)]  # … and reading it is on the record
    assert case["MaTTHC"] == "2.000815" and case["ChuHoSo"] == "Nguyễn Văn An"
    assert case["DanhSachLePhi"] == [
        {
            "TenPhiLePhi": "Phí chứng thực bản sao",
            "MaPhiLePhi": "",
            "HinhThucThu": "1",
            "Gia": "2000",
            "LoaiPhiLePhi": "1",
        }
    ]
    assert case["HoSoCoThanhPhanSoHoa"] == "0" and case["TaiLieuNop"] == []


def test_a_province_variant_is_configuration(
    live_core: Core,
    server: ProvincialServer,
    credentials: None,
    make_loop: Callable[..., SyncLoop],
) -> None:
    """Success as "00", the outbox key in a data field instead of a header, a unit code."""
    cfg = server.config
    cfg.success_code, cfg.idempotency_header, cfg.idempotency_field = "00", "", "MaGiaoDich"
    cfg.unit_code = "H22.99"
    base = fast(load_adapter_config(EXAMPLE).with_base_url(server.url))
    province = dataclasses.replace(
        base,
        service=dataclasses.replace(
            base.service, idempotency_header="", idempotency_field="MaGiaoDich", unit_code="H22.99"
        ),
    )
    reg = register(live_core)
    lifecycle.start_processing(live_core, SYSTEM, reg.code)
    report = make_loop(live_core, province).cycle()
    state = server.snapshot()
    assert report.sent == 2 and state["problems"] == []
    with live_core.uow(write=False) as uow:
        keys = list(uow.session.scalars(select(m.OutboxRow.key).order_by(m.OutboxRow.id)))
    assert [e["_key"] for e in state["progress"][reg.code]] == keys[1:]


def test_nothing_is_sent_before_it_is_due(
    core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
    clock: Clock,
) -> None:
    """A row waiting for its next attempt is not sent, and holds back its dossier's next rows."""
    factories.setup_office(core)
    factories.load_procedures(core)
    reg = register(core)
    lifecycle.start_processing(core, SYSTEM, reg.code)
    with core.uow() as uow:
        first = uow.session.scalars(select(m.OutboxRow).order_by(m.OutboxRow.id)).first()
        assert first is not None
        first.next_attempt_at = core.now() + timedelta(minutes=5)
        uow.commit()
    loop = make_loop(core, province)
    assert loop.cycle().sent == 0 and server.snapshot()["requests"] == {}
    clock.set(core.now() + timedelta(minutes=6))
    assert loop.cycle().sent == 2
    assert outbox_states(core) == ["done", "done"]
