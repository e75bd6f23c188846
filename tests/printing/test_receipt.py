"""Mẫu 01: every field, two copies, a Code128 and a QR a real decoder reads back, nothing
overlapping however long the input, the layout and wording from configuration."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest

from counter_app.domain.procedures import CopyType
from counter_app.services import forms
from counter_app.services.context import Actor, Core
from counter_app.services.intake import ComponentInput, PersonInput
from printing import render
from printing.layout import BarsOp, QrOp, TextOp
from tests.printing import pdfcheck
from tests.printing.conftest import QR, register

A4_PORTRAIT = (595, 842)
A4_LANDSCAPE = (842, 595)


@pytest.mark.parametrize("dpi", [150, 300])
@pytest.mark.parametrize("layout", ["a5x2", "a4x2"])
def test_barcode_and_qr_decode_back_to_the_exact_code(
    pcore: Core, clerk: Actor, code: str, dpi: int, layout: str
) -> None:
    pcore.settings.printing.receipt_layout = layout
    pdf = render.preview(pcore, clerk, code, "01").data
    found = [hit for page in pdfcheck.rasterize(pdf, dpi) for hit in pdfcheck.decode(page)]
    url = QR.replace("{code}", code)
    assert sorted(found) == sorted(
        [("Code128", code), ("Code128", code), ("QRCode", url), ("QRCode", url)]
    )


def test_bars_are_at_least_a_third_of_a_millimetre(pcore: Core, clerk: Actor, code: str) -> None:
    for layout in ("a5x2", "a4x2"):
        pcore.settings.printing.receipt_layout = layout
        r = render.preview(pcore, clerk, code, "01")
        bars = [op for f in r.laid_out for page in f.pages for op in page if isinstance(op, BarsOp)]
        assert len(bars) == 2
        assert all(op.module * 25.4 / 72 >= 0.33 for op in bars)


def test_every_field_is_printed_with_its_diacritics(pcore: Core, clerk: Actor) -> None:
    code = register(
        pcore,
        clerk,
        name="Nguyễn Thị Ánh Tuyết",
        email="tuyet@example.vn",
        submitter=PersonInput(full_name="Lê Văn Hưởng", phone="0987654321"),
        submitter_relation="chồng",
    )
    text = pdfcheck.flat(
        " ".join(pdfcheck.page_texts(render.preview(pcore, clerk, code, "01").data))
    )
    view = forms.load(pcore, clerk, code, "01").view
    expected = [
        "ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM",
        "BỘ PHẬN MỘT CỬA XÃ THỬ NGHIỆM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Ngày 23 tháng 11 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "(Liên 1: Lưu)",
        "(Liên 2: Giao người nộp)",
        f"Mã hồ sơ: {code}",
        "Bộ phận tiếp nhận và trả kết quả: Bộ phận Một cửa xã Thử Nghiệm",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Ánh Tuyết",
        "Người nộp thay: Lê Văn Hưởng (chồng)",
        "Địa chỉ: Thôn Đông, xã Thử Nghiệm",
        "Số điện thoại: 0912345678; Email: tuyet@example.vn",
        "Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh",
        "1. Thành phần hồ sơ nộp gồm:",
        "1 Tờ khai đăng ký khai sinh theo mẫu Bản chính 1",
        "2 Giấy chứng sinh Bản chính 1",
        "2. Số lượng hồ sơ: 1 (bộ)",
        "3. Thời gian giải quyết hồ sơ theo quy định là: 1 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 23 tháng 11 năm 2026",
        # one working day; 24/11 is a public holiday from 2026
        "5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 25 tháng 11 năm 2026",
        "6. Đăng ký nhận kết quả tại: Bộ phận Một cửa xã Thử Nghiệm",
        f"Vào Sổ theo dõi hồ sơ, Quyển số: 1, Số thứ tự: {view.book_number}",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "(Ký và ghi rõ họ tên)",
        "Lê Văn Hưởng",
        "Nguyễn Thị Lan",  # the clerk who received it
    ]
    for phrase in expected:
        assert phrase in text, phrase
    assert text.count("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") == 2
    assert not pdfcheck.has_decomposed(text)
    assert "BẢN IN LẠI" not in text


def test_decomposed_input_is_printed_composed(pcore: Core, clerk: Actor, code: str) -> None:
    """ReportLab does no shaping: NFD reaching it would print marks beside the letters."""
    data = forms.load(pcore, clerk, code, "01")
    nfd = unicodedata.normalize("NFD", "Phạm Thị Hường")
    data = dataclasses.replace(data, view=dataclasses.replace(data.view, holder_name=nfd))
    text = pdfcheck.flat(pdfcheck.page_texts(render.build(data, pcore.settings.printing).data)[0])
    assert "Phạm Thị Hường" in text
    assert not pdfcheck.has_decomposed(text)


def test_layout_and_wording_come_from_configuration(pcore: Core, clerk: Actor, code: str) -> None:
    p = pcore.settings.printing
    r = render.preview(pcore, clerk, code, "01")
    assert pdfcheck.page_sizes(r.data) == [A4_LANDSCAPE]  # two A5 halves of one A4

    p.receipt_layout, p.signer_title, p.receipt_qr = "a4x2", "CÁN BỘ MỘT CỬA", ""
    p.place = "Xã Thử Nghiệm"
    r = render.preview(pcore, clerk, code, "01")
    texts = pdfcheck.page_texts(r.data)
    assert pdfcheck.page_sizes(r.data) == [A4_PORTRAIT, A4_PORTRAIT]
    assert "Liên 1: Lưu" in texts[0] and "Liên 2: Giao người nộp" in texts[1]
    assert all("CÁN BỘ MỘT CỬA" in t and "NGƯỜI TIẾP NHẬN HỒ SƠ" not in t for t in texts)
    assert "Xã Thử Nghiệm, ngày 23 tháng 11 năm 2026" in pdfcheck.flat(texts[0])
    codes = [hit for page in pdfcheck.rasterize(r.data, 150) for hit in pdfcheck.decode(page)]
    assert codes == [("Code128", code), ("Code128", code)]  # no QR when none is configured

    p.copies = 1
    texts = pdfcheck.page_texts(render.preview(pcore, clerk, code, "01").data)
    assert len(texts) == 1 and "Liên 2" not in texts[0]


def _long_dossier(core: Core, actor: Actor) -> str:
    components = [
        ComponentInput(
            f"Thành phần số {i}: bản sao giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở "
            f"và tài sản khác gắn liền với đất của hộ gia đình, cá nhân (kèm sơ đồ thửa đất) {i}",
            CopyType.CERTIFIED_COPY if i % 2 else CopyType.ORIGINAL,
            count=i % 3 + 1,
        )
        for i in range(1, 36)
    ]
    components.append(ComponentInput("Giấy" + "tờkhôngcókhoảngtrắng" * 12, CopyType.COPY))
    return register(
        core,
        actor,
        name="Công ty Trách nhiệm hữu hạn Một thành viên Thương mại Dịch vụ Xây dựng "
        "Phát triển Nông nghiệp Công nghệ cao Đồng bằng sông Cửu Long Việt Nam",
        components=components,
        address="Số nhà 1234/56/78, ngõ 910, đường Nguyễn Văn Linh, khu phố Ấp Bắc, phường "
        "Tân Thuận Đông, thành phố Hồ Chí Minh (địa chỉ trước sắp xếp: phường Tân Thuận "
        "Đông, quận 7, thành phố Hồ Chí Minh); liên hệ qua người đại diện theo pháp luật",
    )


@pytest.mark.parametrize("layout", ["a5x2", "a4x2"])
def test_long_inputs_wrap_and_continue_without_overlapping(
    pcore: Core, clerk: Actor, layout: str
) -> None:
    pcore.settings.printing.receipt_layout = layout
    code = _long_dossier(pcore, clerk)
    r = render.preview(pcore, clerk, code, "01")
    assert r.pages >= 2
    text = pdfcheck.squashed(" ".join(pdfcheck.page_texts(r.data)))
    for needle in (
        "Thànhphầnsố35",
        "(kèmsơđồthửađất)35",
        "tờkhôngcókhoảngtrắng" * 12,
        "ĐồngbằngsôngCửuLongViệtNam",
        "liênhệquangườiđạidiệntheophápluật",
        "NGƯỜINỘPHỒSƠ",
        "(tiếptheo)",
    ):
        assert needle in text, needle
    width = A4_LANDSCAPE[0] / 2 if layout == "a5x2" else A4_PORTRAIT[0]
    for page in range(r.pages):
        g = pdfcheck.glyphs(r.data, page)
        assert pdfcheck.overlapping(g) == []
        if layout == "a5x2":  # nothing crosses the cut between the two copies
            left = g.boxes[:, 0] < width
            assert (g.boxes[left, 2] <= width - 5).all()
            assert (g.boxes[~left, 0] >= width + 5).all()
        assert (g.boxes[:, 0] >= 0).all() and (g.boxes[:, 1] >= 0).all()
    # Structural: in the laid-out pages no text touches the barcode or the QR, and every
    # mark stays on its paper.
    for flow in r.laid_out:
        for ops in flow.pages:
            codes = [op.box() for op in ops if isinstance(op, BarsOp | QrOp)]
            for op in ops:
                x0, y0, x1, y1 = op.box()
                assert x0 >= 0 and x1 <= flow.frame_width and y0 >= 0 and y1 <= flow.frame_height
                if isinstance(op, TextOp):
                    for c in codes:
                        assert x1 <= c[0] or x0 >= c[2] or y1 <= c[1] or y0 >= c[3]


def test_reprint_says_ban_in_lai_and_every_print_is_recorded(
    pcore: Core, clerk: Actor, code: str, out_dir: object
) -> None:
    from pathlib import Path

    first = render.produce(pcore, clerk, code, "01", Path(str(out_dir)) / "a.pdf")
    second = render.produce(pcore, clerk, code, "01", Path(str(out_dir)) / "b.pdf")
    assert not first.reprint and second.reprint
    texts = [pdfcheck.flat(" ".join(pdfcheck.page_texts(r.data))) for r in (first, second)]
    assert "BẢN IN LẠI" not in texts[0]
    assert texts[1].count("BẢN IN LẠI") == 2  # on each copy
    history = forms.history(pcore, clerk, code)
    assert [(h.form, h.template_id, h.template_version, h.reprint) for h in history] == [
        ("01", "tt01-2018/mau-01", "2018.1", False),
        ("01", "tt01-2018/mau-01", "2018.1", True),
    ]
    assert [h.sha256 for h in history] == [first.output.sha256, second.output.sha256]
    assert all(h.printed_by == "Nguyễn Thị Lan" for h in history)
    assert (Path(str(out_dir)) / "b.pdf").read_bytes() == second.data
    # Another form printed for the first time is not a reprint.
    assert not render.preview(pcore, clerk, code, "05").reprint
