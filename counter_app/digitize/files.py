"""Imported files → pages: JPEG, PNG, multi-page TIFF and PDF, checked before anything is kept.

Bad input never crashes and never half-imports: an empty file, an unknown type, a file over the
size limit, a corrupt image, a decompression bomb, an encrypted or broken PDF each raise a
`ValidationError` with a stable code and a Vietnamese message, and no page of that file is
returned. PDF pages are rendered at the profile's resolution (pdfium), so imported PDFs go
through the same clean-up as scans and the result carries no scripts, forms or fonts from the
citizen's file.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from PIL import Image, ImageSequence, UnidentifiedImageError

from counter_app.config import DigitizeSettings
from counter_app.digitize.pages import Page
from counter_app.digitize.processing import prepare
from counter_app.digitize.profiles import ScanProfile
from counter_app.errors import ValidationError

SUPPORTED = "JPEG, PNG, TIFF (nhiều trang), PDF"
IMAGE_KINDS = {"jpeg", "png", "tiff"}

Progress = Callable[[int, int], None]  # (pages done, pages expected)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    max_pixels: int = 90_000_000

    @classmethod
    def from_settings(cls, s: DigitizeSettings) -> Limits:
        return cls(s.max_file_mb * 1024 * 1024, s.max_pages, s.max_megapixels * 1_000_000)


def sniff(head: bytes) -> str:
    """The file's real type from its first bytes (never from its name)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return ""


def read_checked(path: Path, limits: Limits) -> bytes:
    """The file's bytes, or a clear refusal before reading anything too big."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ValidationError("E_FILE_TYPE", f"{path.name} không phải là một tệp.")
        if size > limits.max_bytes:
            raise _too_big(path.name, limits)
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            "E_FILE_READ", f"Không đọc được tệp {path.name}: {exc.strerror or exc}."
        ) from exc
    return data


def _too_big(name: str, limits: Limits) -> ValidationError:
    return ValidationError(
        "E_FILE_TOO_BIG",
        f"Tệp {name} lớn hơn giới hạn {limits.max_bytes // (1024 * 1024)} MB.",
        hint="Quét lại với độ phân giải thấp hơn hoặc tách tệp; quản trị viên có thể đổi "
        "giới hạn (digitize.max_file_mb).",
    )


def load_file(
    path: Path, profile: ScanProfile, limits: Limits, progress: Progress | None = None
) -> list[Page]:
    return load_bytes(read_checked(path, limits), path.name, profile, limits, progress)


def load_bytes(
    data: bytes,
    name: str,
    profile: ScanProfile,
    limits: Limits,
    progress: Progress | None = None,
) -> list[Page]:
    """All pages of one file, cleaned for `profile`; all or nothing."""
    if not data:
        raise ValidationError("E_FILE_EMPTY", f"Tệp {name} rỗng (0 byte).")
    if len(data) > limits.max_bytes:
        raise _too_big(name, limits)
    kind = sniff(data[:1024])
    if not kind:
        raise ValidationError(
            "E_FILE_TYPE",
            f"Tệp {name} không phải loại được hỗ trợ ({SUPPORTED}).",
            hint="Lưu lại tệp dưới dạng PDF hoặc ảnh JPEG/PNG/TIFF rồi nhập lại.",
        )
    if kind == "pdf":
        return _pdf_pages(data, name, profile, limits, progress)
    return _image_pages(data, name, profile, limits, progress)


def _broken_image(name: str, exc: BaseException | None = None) -> ValidationError:
    detail = f" ({exc})" if exc else ""
    return ValidationError(
        "E_IMAGE_BROKEN",
        f"Ảnh {name} bị hỏng hoặc không đọc được{detail}.",
        hint="Quét hoặc chụp lại giấy tờ.",
    )


def _too_large(name: str, pixels: int, limits: Limits) -> ValidationError:
    return ValidationError(
        "E_IMAGE_TOO_LARGE",
        f"Ảnh {name} quá lớn ({pixels / 1e6:.0f} triệu điểm ảnh, giới hạn "
        f"{limits.max_pixels / 1e6:.0f} triệu): có thể là tệp độc hại (decompression bomb).",
        hint="Quét lại ở 200–300 dpi.",
    )


def _image_pages(
    data: bytes, name: str, profile: ScanProfile, limits: Limits, progress: Progress | None
) -> list[Page]:
    pages: list[Page] = []
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it; every bomb must stop here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                total = getattr(image, "n_frames", 1)
                if total > limits.max_pages:
                    raise _too_many(name, total, limits)
                for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                    pixels = frame.width * frame.height
                    if pixels > limits.max_pixels:
                        raise _too_large(name, pixels, limits)
                    frame.load()
                    dpi = frame.info.get("dpi")
                    source = f"{name} – trang {number}" if total > 1 else name
                    page_dpi = float(dpi[0]) if isinstance(dpi, tuple) and dpi[0] >= 50 else None
                    pages.append(prepare(frame.copy(), profile, source, page_dpi))
                    if progress:
                        progress(number, total)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_large(name, 0, limits) from exc
    except UnidentifiedImageError as exc:
        raise _broken_image(name) from exc
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError) as exc:
        raise _broken_image(name, exc) from exc
    except MemoryError as exc:
        raise _too_large(name, 0, limits) from exc
    if not pages:
        raise _broken_image(name)
    return pages


def _too_many(name: str, pages: int, limits: Limits) -> ValidationError:
    return ValidationError(
        "E_TOO_MANY_PAGES",
        f"Tệp {name} có {pages} trang, quá giới hạn {limits.max_pages} trang cho một thành phần.",
    )


def check_pdf(data: bytes, name: str) -> int:
    """Re-validate a PDF before use: encrypted → E_PDF_ENCRYPTED, broken → E_PDF_BROKEN."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                raise _encrypted(name)
            count = len(pdf.pages)
    except pikepdf.PasswordError as exc:
        raise _encrypted(name) from exc
    except (pikepdf.PdfError, ValueError, RuntimeError) as exc:
        raise _broken_pdf(name) from exc
    if count == 0:
        raise _broken_pdf(name)
    return count


def _encrypted(name: str) -> ValidationError:
    return ValidationError(
        "E_PDF_ENCRYPTED",
        f"Tệp PDF {name} được đặt mật khẩu / mã hoá nên không thể số hoá.",
        hint="Xin người nộp bản không đặt mật khẩu, hoặc in ra rồi quét.",
    )


def _broken_pdf(name: str) -> ValidationError:
    return ValidationError(
        "E_PDF_BROKEN",
        f"Tệp PDF {name} bị hỏng hoặc không đúng định dạng.",
        hint="Xin người nộp gửi lại tệp, hoặc in ra rồi quét.",
    )


def _pdf_pages(
    data: bytes, name: str, profile: ScanProfile, limits: Limits, progress: Progress | None
) -> list[Page]:
    import pypdfium2 as pdfium  # rendering only; imported late (a native library)

    total = check_pdf(data, name)
    if total > limits.max_pages:
        raise _too_many(name, total, limits)
    pages: list[Page] = []
    scale = profile.dpi / 72.0
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _broken_pdf(name) from exc
    try:
        for index in range(total):
            page = doc[index]
            try:
                w_pt, h_pt = page.get_size()
                pixels = int(w_pt * scale) * int(h_pt * scale)
                if pixels > limits.max_pixels:
                    raise _too_large(f"{name} (trang {index + 1})", pixels, limits)
                bitmap = page.render(scale=scale)  # white paper is the default fill
                image = bitmap.to_pil()
                source = f"{name} – trang {index + 1}" if total > 1 else name
                pages.append(prepare(image, profile, source, float(profile.dpi)))
            finally:
                page.close()
            if progress:
                progress(index + 1, total)
    except pdfium.PdfiumError as exc:
        raise _broken_pdf(name) from exc
    finally:
        doc.close()
    return pages
