"""Mẫu 02–05 and the Circular 03/2025 stop notice: each printed where it makes sense, with its
content, refused with E_FORM_STATUS elsewhere; templates chosen by configuration."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter_app.domain.status import Status
from counter_app.errors import AppError, ConfigError
from counter_app.services import forms, lifecycle
from counter_app.services.context import Actor, Core
from counter_app.storage import models as m
from printing import render
from tests.printing import pdfcheck
from tests.printing.conftest import apologised, refused, slip_row
from tests.support.factories import vn


def text_of(core: Core, actor: Actor, code: str, form: str) -> str:
    return pdfcheck.flat(
        " ".join(pdfcheck.page_texts(render.preview(core, actor, code, form).data))
    )


def test_supplement_request_lists_what_to_bring(pcore: Core, clerk: Actor, code: str) -> None:
    lifecycle.request_supplement(
        pcore,
        clerk,
        code,
        "Giấy chứng sinh bị nhòe, không đọc được số.",
        [
            {"name": "Giấy chứng sinh", "copy_type": "original", "count": 1},
            {"name": "Sổ hộ khẩu hoặc giấy xác nhận cư trú", "copy_type": "certified_copy"},
        ],
    )
    text = text_of(pcore, clerk, code, "02")
    for phrase in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Mã hồ sơ: {code}",
        "Hồ sơ của: Nguyễn Văn An",
        "Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh",
        "1 Giấy chứng sinh Bản chính 1",
        "2 Sổ hộ khẩu hoặc giấy xác nhận cư trú Bản sao chứng thực 1",
        "Lý do: Giấy chứng sinh bị nhòe, không đọc được số.",
        "liên hệ với Nguyễn Thị Lan",
        "NGƯỜI HƯỚNG DẪN",
        "Ngày 23 tháng 11 năm 2026",
    ):
        assert phrase in text, phrase


def test_refusal_states_the_reason(pcore: Core, clerk: Actor) -> None:
    code = refused(pcore, clerk)
    text = text_of(pcore, clerk, code, "03")
    for phrase in (
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Tiếp nhận hồ sơ của: Trần Thị Bích Ngọc",
        "từ chối tiếp nhận giải quyết hồ sơ của Ông/Bà vì lý do sau:",
        "Hồ sơ thiếu giấy chứng sinh bản chính; ảnh chụp mờ.",
        "Xin thông báo để Ông/Bà biết và thực hiện./.",
    ):
        assert phrase in text, phrase


def test_apology_gives_the_reason_and_the_new_date(pcore: Core, clerk: Actor, code: str) -> None:
    pcore.settings.printing.head_title = "CHỦ TỊCH"
    pcore.settings.printing.head_name = "Hoàng Minh Đức"
    with pytest.raises(AppError) as err:
        render.preview(pcore, clerk, code, "04")
    assert err.value.code == "E_FORM_INPUT"
    apologised(
        pcore, clerk, code, vn(2026, 12, 2, 16, 30), "Phải xác minh thông tin với UBND xã nơi sinh."
    )
    text = text_of(pcore, clerk, code, "04")
    for phrase in (
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Kính gửi: Nguyễn Văn An",
        "Vào ngày 23 tháng 11 năm 2026, ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM tiếp nhận",
        f"Mã hồ sơ: {code}",
        "với lý do: Phải xác minh thông tin với UBND xã nơi sinh.",
        "hẹn lại trả kết quả giải quyết hồ sơ vào 16 giờ 30 phút, ngày 02 tháng 12 năm 2026",
        "CHỦ TỊCH",
        "Hoàng Minh Đức",
    ):
        assert phrase in text, phrase


def test_control_slip_has_the_hand_overs_and_room_for_more(
    pcore: Core, clerk: Actor, code: str
) -> None:
    slip_row(pcore, code, "Bộ phận Một cửa", "Công chức Tư pháp - Hộ tịch", vn(2026, 11, 23, 10))
    slip_row(
        pcore, code, "Công chức Tư pháp - Hộ tịch", "Bộ phận Một cửa", vn(2026, 11, 24, 15), "early"
    )
    r = render.preview(pcore, clerk, code, "05")
    text = pdfcheck.flat(" ".join(pdfcheck.page_texts(r.data)))
    for phrase in (
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "Giao: Bộ phận Một cửa Nhận: Công chức Tư pháp - Hộ tịch",
        "10:00 23/11/2026",
        "Trước hạn",
        "Quyển số 1, Số thứ tự 1",
    ):
        assert phrase in text, phrase
    assert text.count("Người nhận: ……") == 6  # blank rows for the paper's next hand-overs
    assert " 8 Giao: ……" in text  # numbered after the two recorded rows
    found = [hit for page in pdfcheck.rasterize(r.data, 150) for hit in pdfcheck.decode(page)]
    assert found == [("Code128", code)]


def test_stop_notice_of_circular_03_2025(pcore: Core, clerk: Actor, code: str) -> None:
    lifecycle.stop(pcore, clerk, code, "Người yêu cầu đã chết trước khi có kết quả.")
    r = render.preview(pcore, clerk, code, "stop")
    assert (r.template_id, r.template_version) == ("tt03-2025/thong-bao-dung", "2025.1")
    text = pdfcheck.flat(pdfcheck.page_texts(r.data)[0])
    for phrase in (
        "THÔNG BÁO Về việc dừng giải quyết hồ sơ",
        "Kính gửi: Nguyễn Văn An",
        f"mã hồ sơ {code}",
        "thông báo dừng giải quyết hồ sơ nêu trên kể từ 09 giờ 00 phút, ngày 23 tháng 11 năm 2026",
        "Người yêu cầu đã chết trước khi có kết quả.",
        "THỦ TRƯỞNG CƠ QUAN",
    ):
        assert phrase in text, phrase


@pytest.mark.parametrize(
    ("form", "status"),
    [
        ("02", Status.RECEIVED),
        ("03", Status.RECEIVED),
        ("stop", Status.PROCESSING),
        ("04", Status.DONE),
        ("01", Status.NOT_RECEIVED),
    ],
)
def test_a_form_that_makes_no_sense_is_refused_and_nothing_is_written(
    pcore: Core, clerk: Actor, code: str, out_dir: Path, form: str, status: Status
) -> None:
    if status is Status.NOT_RECEIVED:
        code = refused(pcore, clerk)
    elif status is Status.PROCESSING:
        lifecycle.start_processing(pcore, clerk, code)
    elif status is Status.DONE:
        lifecycle.finish(pcore, clerk, code)
    target = out_dir / "x.pdf"
    with pytest.raises(AppError) as err:
        render.produce(pcore, clerk, code, form, target)
    assert err.value.code == "E_FORM_STATUS"
    assert f"trạng thái {int(status)}" in err.value.message
    assert list(out_dir.iterdir()) == []
    with pcore.uow(write=False) as uow:
        assert uow.session.scalar(select(func.count(m.PrintedForm.id))) == 0


def test_which_forms_each_status_allows() -> None:
    assert forms.forms_for(Status.RECEIVED) == ["01", "04", "05"]
    assert forms.forms_for(Status.SUPPLEMENT_REQUESTED) == ["01", "02", "04", "05"]
    assert forms.forms_for(Status.NOT_RECEIVED) == ["03"]
    assert forms.forms_for(Status.STOPPED) == ["01", "05", "stop"]
    assert forms.forms_for(Status.NEW_ONLINE) == []


def test_the_form_set_is_chosen_by_configuration(pcore: Core, clerk: Actor, code: str) -> None:
    pcore.settings.printing.form_set = "tt03-2025"
    r = render.preview(pcore, clerk, code, "01")  # not redefined there: the 2018 template
    assert r.template_id == "tt01-2018/mau-01"
    pcore.settings.printing.form_set = "tt99-2099"
    with pytest.raises(ConfigError) as err:
        render.preview(pcore, clerk, code, "01")
    assert err.value.code == "E_FORM_SET"


def test_bad_printing_settings_are_named(pcore: Core, clerk: Actor, code: str) -> None:
    p = pcore.settings.printing
    for field, value in (("receipt_layout", "a3"), ("copies", 3), ("receipt_qr", "https://x/")):
        old = getattr(p, field)
        setattr(p, field, value)
        with pytest.raises(ConfigError) as err:
            render.preview(pcore, clerk, code, "01")
        assert err.value.code == "E_CONFIG_VALUE" and field in err.value.message
        setattr(p, field, old)


def test_missing_office_is_a_clear_error(core: Core, out_dir: Path) -> None:
    from counter_app.services.context import SYSTEM

    with pytest.raises(ConfigError) as err:
        render.produce(core, SYSTEM, "000.00.01.H22-261123-0001", "01", out_dir / "a.pdf")
    assert err.value.code == "E_OFFICE_MISSING"
    assert list(out_dir.iterdir()) == []


def test_unknown_dossier(pcore: Core, clerk: Actor) -> None:
    with pytest.raises(AppError) as err:
        render.preview(pcore, clerk, "000.00.01.H22-261123-9999", "01")
    assert err.value.code == "E_DOSSIER_UNKNOWN"


def test_printing_is_audited(pcore: Core, clerk: Actor, code: str, out_dir: Path) -> None:
    render.produce(pcore, clerk, code, "01", out_dir / "a.pdf")
    with pcore.uow(write=False) as uow:
        events = uow.session.execute(
            select(
                m.AuditEvent.username,
                m.AuditEvent.object_id,
                m.AuditEvent.detail,
                m.AuditEvent.subject_lookup,
            ).where(m.AuditEvent.action == "print")
        ).all()
    assert [(e.username, e.object_id) for e in events] == [("canbo", code)]
    assert "tt01-2018/mau-01" in events[0].detail and "bản in đầu" in events[0].detail
    assert events[0].subject_lookup  # findable in a "who saw whose data" report
    from counter_app.services import audit

    assert audit.verify(pcore).ok


def test_supplement_notice_keeps_the_request_date(
    pcore: Core, clerk: Actor, code: str, clock: object
) -> None:
    lifecycle.request_supplement(pcore, clerk, code, "Thiếu ảnh.", [])
    clock.set(vn(2026, 12, 20, 9, 0))  # type: ignore[attr-defined]
    text = text_of(pcore, clerk, code, "02")
    assert "Lý do: Thiếu ảnh." in text and "Ngày 23 tháng 11 năm 2026" in text
    assert "cần bổ sung, hoàn thiện" not in text  # no empty table when no items were listed
