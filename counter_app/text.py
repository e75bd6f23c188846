"""Text at the boundaries: NFC normalization, accent folding for search, masking.

Every string that enters the program (typed, scanned, imported, received from sync) passes
through `clean()`, so ReportLab (no shaping) and comparisons see one form of each letter.
"""

from __future__ import annotations

import re
import unicodedata

from counter_app.errors import ValidationError

_SPACES = re.compile(r"\s+")
# Control characters a scanner or a paste may carry; tab/newline are handled as spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str | None, *, multiline: bool = False) -> str:
    """NFC, no control characters, trimmed, inner whitespace collapsed (unless multiline)."""
    if text is None:
        return ""
    if _SURROGATE.search(text):
        # Broken UTF-16 from a paste, a bad file or a forged scan: no database can store it.
        raise ValidationError(
            "E_TEXT_INVALID",
            "Dữ liệu nhập chứa ký tự không hợp lệ (mã Unicode hỏng).",
            hint="Gõ lại trường này thay vì dán từ nguồn khác.",
        )
    text = _CONTROL.sub("", nfc(text))
    if multiline:
        lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip()
    return _SPACES.sub(" ", text).strip()


def fold(text: str | None) -> str:
    """Accent-insensitive search key: đ→d, marks stripped, lower case, spaces collapsed.

    SQLite's `remove_diacritics` does not fold đ (a letter, not d + mark), hence our own key.
    """
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def mask_id(number: str | None) -> str:
    """`079203001245` → `0792******45`: enough to tell people apart, not enough to misuse."""
    if not number:
        return ""
    if len(number) <= 6:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 6) + number[-2:]


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    digits = phone.strip()
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 3) + digits[-3:]
