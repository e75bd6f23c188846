"""The printed receipt (Mẫu 01) carries the fee's VietQR: a real decoder reads it back from the
rasterized PDF, and the payload is checked field by field and by CRC."""

from __future__ import annotations

import pytest

from counter_app.domain import vietqr
from counter_app.services import payments
from counter_app.services.context import Actor, Core
from printing import render
from printing.layout import BarsOp, QrOp, TextOp
from tests.payments.conftest import ACCOUNT, BANK_BIN
from tests.printing import pdfcheck

LOOKUP = "https://dichvucong.example.gov.vn/tra-cuu?ma={code}"


def _vietqr_texts(pdf: bytes, dpi: int) -> list[str]:
    found = []
    for image in pdfcheck.rasterize(pdf, dpi):
        found += [text for fmt, text in pdfcheck.decode(image) if text.startswith("000201")]
    return found


@pytest.mark.parametrize("layout", ["a5x2", "a4x2"])
def test_the_printed_vietqr_decodes_to_the_fee_owed(
    pay_core: Core, clerk: Actor, fee_code: str, layout: str
) -> None:
    pay_core.settings.printing.receipt_layout = layout
    pay_core.settings.printing.receipt_qr = LOOKUP  # the look-up QR too: both must decode
    r = render.preview(pay_core, clerk, fee_code, "01")
    texts = _vietqr_texts(r.data, 150)
    assert len(texts) == 2  # one per copy (Liên 1, Liên 2)
    for payload in texts:
        raw = payload.encode()
        assert payload[-8:-4] == "6304"
        assert payload[-4:] == f"{vietqr.crc16(raw[:-4]):04X}"
        d = vietqr.parse(payload)
        assert d.fields["00"] == "01" and d.fields["01"] == "12"
        assert (d.service, d.currency, d.country) == ("QRIBFTTA", "704", "VN")
        assert d.fields["38"].startswith("0010A000000727")
        t = d.transfer
        assert (t.bank_bin, t.account, t.amount, t.purpose) == (BANK_BIN, ACCOUNT, 2000, fee_code)
    decoded = [text for im in pdfcheck.rasterize(r.data, 150) for _, text in pdfcheck.decode(im)]
    assert decoded.count(fee_code) == 2  # the Code128 still reads
    assert decoded.count(LOOKUP.replace("{code}", fee_code)) == 2
    text = pdfcheck.flat(" ".join(pdfcheck.page_texts(r.data)))
    assert "Quét để nộp phí: 2.000 đồng — UBND xã Thử Nghiệm, Agribank" in text
    assert f"Nội dung chuyển khoản: {fee_code}" in text
    for page in range(r.pages):  # the new block overlaps nothing
        assert pdfcheck.overlapping(pdfcheck.glyphs(r.data, page)) == []
    for flow in r.laid_out:
        for ops in flow.pages:
            codes = [op.box() for op in ops if isinstance(op, BarsOp | QrOp)]
            for op in ops:
                if isinstance(op, TextOp):
                    x0, y0, x1, y1 = op.box()
                    for c in codes:
                        assert x1 <= c[0] or x0 >= c[2] or y1 <= c[1] or y0 >= c[3]


def test_the_receipt_keeps_to_one_sheet_with_the_vietqr(
    pay_core: Core, clerk: Actor, fee_code: str
) -> None:
    pay_core.settings.printing.receipt_layout = "a5x2"
    assert render.preview(pay_core, clerk, fee_code, "01").pages == 1


def test_no_vietqr_when_nothing_is_owed_or_no_account(
    pay_core: Core, clerk: Actor, fee_code: str, free_code: str
) -> None:
    assert _vietqr_texts(render.preview(pay_core, clerk, free_code, "01").data, 150) == []
    pay_core.settings.payment.account = ""
    r = render.preview(pay_core, clerk, fee_code, "01")
    assert _vietqr_texts(r.data, 150) == []
    assert "Quét để nộp phí" not in " ".join(pdfcheck.page_texts(r.data))
    pay_core.settings.payment.account = ACCOUNT
    payments.record(
        pay_core, clerk, payments.RecordRequest(fee_code, "cash", 2000)
    )  # paid at the counter before printing: no code asking for it again
    assert _vietqr_texts(render.preview(pay_core, clerk, fee_code, "01").data, 150) == []


def test_the_thermal_receipt_carries_it_too(pay_core: Core, clerk: Actor, fee_code: str) -> None:
    import io

    from PIL import Image

    r = render.preview(pay_core, clerk, fee_code, "01", media="png")
    image = Image.open(io.BytesIO(r.data))
    texts = [t for _, t in pdfcheck.decode(image) if t.startswith("000201")]
    assert texts and all(vietqr.parse(t).transfer.amount == 2000 for t in texts)
