"""Digitized components reach the province as it expects: uploaded, or as a link; flagged."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from counter_app.digitize.processing import prepare
from counter_app.digitize.profiles import profile
from counter_app.services import attachments, lifecycle
from counter_app.services.context import SYSTEM, Core
from sync import status
from sync.adapter_config import AdapterConfig
from sync.loop import SyncLoop
from tests.digitize import documents
from tests.support.factories import register
from tests.sync.provincial_server import ProvincialServer
from tests.sync.test_push import outbox_states


def _attach(core: Core, code: str) -> attachments.AttachmentView:
    page = prepare(documents.text_page(100, lines=4), profile("text"), "p1", 100)
    return attachments.attach_pages(core, SYSTEM, code, "2", [page])


def test_an_uploaded_component_is_listed_as_digitized(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    reg = register(live_core)
    view = _attach(live_core, reg.code)
    loop = make_loop(live_core, province, in_flight=1)
    assert loop.cycle().sent == 2
    state = server.snapshot()
    assert state["problems"] == []
    ((upstream_id, sha),) = state["uploads"].items()
    assert sha == view.sha256  # the very bytes that were digitized
    case = state["cases"][reg.code]
    assert case["HoSoCoThanhPhanSoHoa"] == "1"
    assert case["TaiLieuNop"] == [
        {
            "TepDinhKemId": upstream_id,
            "TenTepDinhKem": view.title or "Giấy chứng sinh",
            "IsDeleted": "False",
            "MaThanhPhanHoSo": view.component_code,
            "DuongDanTaiTepTin": f"{server.url}/files/{upstream_id}",
            "DuocSoHoa": "1",
            "DuocLayTuKhoDMQG": "0",
        }
    ]
    # A later update of the case keeps the file without uploading it again.
    lifecycle.start_processing(live_core, SYSTEM, reg.code)
    loop.cycle()
    state = server.snapshot()
    assert len(state["uploads"]) == 1
    assert state["cases"][reg.code]["TaiLieuNop"][0]["TepDinhKemId"] == upstream_id


def test_in_link_mode_the_province_gets_a_url_and_no_upload(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    linked = dataclasses.replace(
        province,
        attachments=dataclasses.replace(
            province.attachments,
            mode="url",
            url_template="https://tep.xa.example.vn/{code}/{sha256}.pdf",
        ),
    )
    reg = register(live_core)
    view = _attach(live_core, reg.code)
    make_loop(live_core, linked, in_flight=1).cycle()
    state = server.snapshot()
    assert state["uploads"] == {} and state["problems"] == []
    item = state["cases"][reg.code]["TaiLieuNop"][0]
    assert item["DuongDanTaiTepTin"] == f"https://tep.xa.example.vn/{reg.code}/{view.sha256}.pdf"
    assert item["DuocSoHoa"] == "1"


def test_a_file_missing_from_the_store_is_rejected_with_a_clear_reason(
    live_core: Core,
    server: ProvincialServer,
    province: AdapterConfig,
    make_loop: Callable[..., SyncLoop],
) -> None:
    reg = register(live_core)
    view = _attach(live_core, reg.code)
    attachments.store_for(live_core).remove(view.sha256)
    make_loop(live_core, province, in_flight=1).cycle()
    assert outbox_states(live_core) == ["done", "dead"]
    (dead,) = status.dead_rows(live_core)
    assert dead.kind_label == "Tệp đính kèm" and "Không tìm thấy tệp số hoá" in dead.reason
    assert server.snapshot()["uploads"] == {}
