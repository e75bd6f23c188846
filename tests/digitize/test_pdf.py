"""The component PDF: compact encodings, 100 % scale, the pages as seen, and its metadata."""

from __future__ import annotations

import io
from datetime import datetime

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from counter_app.digitize import pdf, processing
from counter_app.digitize.profiles import profile
from counter_app.domain.calendar import VN_TZ
from tests.digitize import documents

INFO = pdf.DocumentInfo(
    dossier_code="000.00.01.H22-261123-0001",
    component_code="2",
    component_name="Giấy chứng sinh",
    copy_type="copy",
    digitized_by="Nguyễn Thị Lan",
    digitized_at=datetime(2026, 11, 23, 9, 30, tzinfo=VN_TZ),
    office="Bộ phận Một cửa xã Thử Nghiệm",
)


def render(data: bytes, index: int, dpi: int, grey: bool = True) -> Image.Image:
    doc = pdfium.PdfDocument(data)
    try:
        image = doc[index].render(scale=dpi / 72, grayscale=grey).to_pil()
        return image.convert("L" if grey else "RGB")
    finally:
        doc.close()


def test_text_page_is_g4_at_300_dpi_a4_and_renders_like_the_scan() -> None:
    page = processing.prepare(documents.text_page(300, skew=1.0), profile("text"), "t", 300)
    data = pdf.assemble([page], INFO)
    with pikepdf.open(io.BytesIO(data)) as doc:
        p = doc.pages[0]
        image = p.Resources.XObject.Im0
        assert image.Filter == "/CCITTFaxDecode" and image.BitsPerComponent == 1
        box = [float(v) for v in p.MediaBox]
        assert box[2] / 72 * 25.4 == pytest.approx(210, abs=1)  # 100 % scale
        assert box[3] / 72 * 25.4 == pytest.approx(297, abs=1)
        assert image.Width / (box[2] / 72) >= 200  # ≥ 200 dpi
    assert len(data) < 100_000  # a page of text, compact
    shown = np.asarray(render(data, 0, 300)) < 128
    expected = np.asarray(pdf.bilevel(page).convert("L")) < 128
    h, w = min(shown.shape[0], expected.shape[0]), min(shown.shape[1], expected.shape[1])
    agreement = (shown[:h, :w] == expected[:h, :w]).mean()
    assert agreement > 0.995 and expected.mean() > 0.01  # ink in the right place, not inverted


def test_grey_and_colour_pages_are_jpeg_and_stamps_stay_red() -> None:
    grey = processing.prepare(documents.photo_page(200), profile("grey"), "g", 200)
    stamp = processing.prepare(documents.stamped_page(200), profile("text"), "s", 200)
    text = processing.prepare(documents.text_page(300), profile("text"), "t", 300)
    data = pdf.assemble([grey, stamp, text], INFO)
    with pikepdf.open(io.BytesIO(data)) as doc:
        filters = [str(p.Resources.XObject.Im0.Filter) for p in doc.pages]
        spaces = [str(p.Resources.XObject.Im0.ColorSpace) for p in doc.pages]
    assert filters == ["/DCTDecode", "/DCTDecode", "/CCITTFaxDecode"]
    assert spaces == ["/DeviceGray", "/DeviceRGB", "/DeviceGray"]
    colour = np.asarray(render(data, 1, 100, grey=False)).astype(int)
    red = (colour[..., 0] > 150) & (colour[..., 0] - colour[..., 1] > 80)
    assert red.sum() > 200


def test_metadata_and_pdfa_identification() -> None:
    page = processing.prepare(documents.text_page(200, lines=3), profile("grey"), "t", 200)
    data = pdf.assemble([page, page], INFO)
    meta = pdf.read_info(data)
    assert meta["MaHoSo"] == INFO.dossier_code and meta["MaThanhPhan"] == "2"
    assert meta["LoaiBan"] == "copy" and meta["SoTrang"] == "2" and meta["pages"] == "2"
    assert meta["NguoiSoHoa"] == "Nguyễn Thị Lan"
    assert meta["ThoiDiemSoHoa"].startswith("2026-11-23T09:30")
    with pikepdf.open(io.BytesIO(data)) as doc:
        assert doc.open_metadata().pdfa_status == "2B"
        assert str(doc.docinfo.Title).startswith("Giấy chứng sinh")
        intent = doc.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and int(intent.DestOutputProfile.N) == 3


def test_no_pages_is_refused() -> None:
    from counter_app.errors import ValidationError

    with pytest.raises(ValidationError) as err:
        pdf.assemble([], INFO)
    assert err.value.code == "E_PAGE_NONE"
