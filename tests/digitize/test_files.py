"""Importing files: every supported type works; every kind of bad file gets a clear refusal."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from counter_app.digitize.files import Limits, load_bytes, load_file
from counter_app.digitize.profiles import profile
from counter_app.errors import ValidationError
from tests.digitize import documents

TEXT = profile("text")
LIMITS = Limits()


def test_jpeg_png_multipage_tiff_and_pdf_become_pages(tmp_path: Path) -> None:
    jpg = documents.save(documents.photo_page(200), tmp_path / "anh.jpg", "JPEG", 200)
    png = documents.save(documents.text_page(300, lines=5), tmp_path / "giay.png", "PNG", 300)
    tif = documents.multipage_tiff(
        [documents.text_page(300, lines=n) for n in (3, 4, 5)], tmp_path / "ba-trang.tif"
    )
    pdf = tmp_path / "tep.pdf"
    pdf.write_bytes(documents.pdf_of([documents.text_page(200, lines=4)] * 2, 200))
    assert len(load_file(jpg, profile("grey"), LIMITS)) == 1
    assert len(load_file(png, TEXT, LIMITS)) == 1
    pages = load_file(tif, TEXT, LIMITS)
    assert [p.source for p in pages] == [f"ba-trang.tif – trang {n}" for n in (1, 2, 3)]
    from_pdf = load_file(pdf, TEXT, LIMITS)
    assert len(from_pdf) == 2 and all(p.dpi == 300 for p in from_pdf)
    assert from_pdf[0].size_mm == pytest.approx((210, 297), abs=1.5)


def test_the_type_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    disguised = documents.save(documents.text_page(200, lines=2), tmp_path / "scan.pdf", "PNG")
    assert len(load_file(disguised, TEXT, LIMITS)) == 1


def _encrypted_pdf(owner_only: bool) -> bytes:
    source = pikepdf.open(io.BytesIO(documents.pdf_of([documents.text_page(100, lines=2)], 100)))
    out = io.BytesIO()
    user = "" if owner_only else "mat-khau"
    source.save(out, encryption=pikepdf.Encryption(owner="chu-so-huu", user=user))
    return out.getvalue()


def _truncated_jpeg() -> bytes:
    buf = io.BytesIO()
    documents.photo_page(200).save(buf, "JPEG", quality=80)
    return buf.getvalue()[: len(buf.getvalue()) // 3]


def _png_with_garbage() -> bytes:
    buf = io.BytesIO()
    documents.text_page(100, lines=2).save(buf, "PNG")
    data = bytearray(buf.getvalue())
    data[60:400] = b"\x00" * 340  # the image data is damaged
    return bytes(data)


CORPUS = {
    "empty.pdf": (b"", "E_FILE_EMPTY"),
    "notes.jpg": ("Đây là văn bản, không phải ảnh".encode(), "E_FILE_TYPE"),
    "word.docx": (b"PK\x03\x04" + b"\x00" * 100, "E_FILE_TYPE"),
    "gif.gif": (b"GIF89a" + b"\x00" * 50, "E_FILE_TYPE"),
    "truncated.jpg": (_truncated_jpeg(), "E_IMAGE_BROKEN"),
    "damaged.png": (_png_with_garbage(), "E_IMAGE_BROKEN"),
    "header-only.tif": (b"II*\x00\x08\x00\x00\x00", "E_IMAGE_BROKEN"),
    "bomb.png": (documents.png_bomb(), "E_IMAGE_TOO_LARGE"),
    "password.pdf": (_encrypted_pdf(False), "E_PDF_ENCRYPTED"),
    "owner-locked.pdf": (_encrypted_pdf(True), "E_PDF_ENCRYPTED"),
    "garbage.pdf": (b"%PDF-1.7\n" + b"\x8f" * 500, "E_PDF_BROKEN"),
    "no-pages.pdf": (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
        "E_PDF_BROKEN",
    ),
}


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_malformed_files_are_refused_with_a_code_and_a_vietnamese_message(
    tmp_path: Path, name: str
) -> None:
    data, code = CORPUS[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ValidationError) as err:
        load_file(path, TEXT, LIMITS)
    assert err.value.code == code
    assert name in err.value.message  # the clerk knows which file


def test_files_over_the_size_limit_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    documents.save(documents.photo_page(300), path, "PNG")
    small = Limits(max_bytes=100_000)
    with pytest.raises(ValidationError) as err:
        load_file(path, TEXT, small)
    assert err.value.code == "E_FILE_TOO_BIG" and "MB" in err.value.message


def test_pixel_and_page_limits(tmp_path: Path) -> None:
    big = documents.save(Image.new("L", (5000, 5000), 255), tmp_path / "poster.png", "PNG")
    with pytest.raises(ValidationError) as err:
        load_file(big, TEXT, Limits(max_pixels=10_000_000))
    assert err.value.code == "E_IMAGE_TOO_LARGE"
    tif = documents.multipage_tiff([Image.new("L", (200, 300), 255)] * 4, tmp_path / "4.tif", 50)
    with pytest.raises(ValidationError) as err:
        load_file(tif, TEXT, Limits(max_pages=3))
    assert err.value.code == "E_TOO_MANY_PAGES"
    huge_pdf = pikepdf.new()
    huge_pdf.add_blank_page(page_size=(14000, 14000))  # ~5 m × 5 m
    buf = io.BytesIO()
    huge_pdf.save(buf)
    with pytest.raises(ValidationError) as err:
        load_bytes(buf.getvalue(), "poster.pdf", TEXT, LIMITS)
    assert err.value.code == "E_IMAGE_TOO_LARGE"


def test_a_missing_file_or_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as err:
        load_file(tmp_path / "khong-co.pdf", TEXT, LIMITS)
    assert err.value.code == "E_FILE_READ"
    with pytest.raises(ValidationError) as err:
        load_file(tmp_path, TEXT, LIMITS)
    assert err.value.code in ("E_FILE_TYPE", "E_FILE_READ")
