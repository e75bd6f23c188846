"""Identity numbers (số định danh cá nhân / CCCD, old CMND) and the chip card's QR code.

A 12-digit number carries no check digit: all we can check is its shape, the province code
(digits 1–3), and that digits 4–6 agree with the birth date and gender. Disagreement is a
warning for the clerk, never a block: the card in the applicant's hand is the authority.
"""

from __future__ import annotations

import contextlib
import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from counter_app.errors import ValidationError
from counter_app.text import clean, fold

# The 63 pre-2025 province codes (Circular 07/2016/TT-BCA). Numbers issued before the 2025
# merger keep them, so the old names are what the digits mean.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}


class Gender(enum.StrEnum):
    """Gender as the card states it; digit 4 of the number encodes it (even: male)."""

    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        return "Nam" if self is Gender.MALE else "Nữ"


IdKind = Literal["cccd", "cmnd", "unknown"]

_SEPARATORS = re.compile(r"[\s.\-]+")
_DIGITS = re.compile(r"[0-9]+")  # ASCII only: str.isdigit() would accept '٣' or '³'
_QR_MAX_CHARS = 1000
_QR_MIN_FIELDS = 6
_QR_FIELDS = 7


@dataclass(frozen=True)
class _Decoded:
    """What digits 1–6 of a 12-digit number say."""

    province_code: str
    century: int
    gender: Gender
    birth_year: int


def _decode(digits: str) -> _Decoded:
    d4 = int(digits[3])
    century = 1900 + 100 * (d4 // 2)
    return _Decoded(
        province_code=digits[:3],
        century=century,
        gender=Gender.MALE if d4 % 2 == 0 else Gender.FEMALE,
        birth_year=century + int(digits[4:6]),
    )


def _strip_separators(number: str) -> str:
    return _SEPARATORS.sub("", clean(number))


@dataclass(frozen=True)
class IdCheck:
    """The verdict on a typed number: what it says, and why it is not valid when it is not."""

    number: str  # without spaces, dots or dashes
    kind: IdKind
    valid: bool
    province_code: str | None
    province_name: str | None
    gender: Gender | None
    century: int | None  # 1900, 2000, …
    birth_year: int | None
    problems: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "kind": self.kind,
            "valid": self.valid,
            "province_code": self.province_code,
            "province_name": self.province_name,
            "gender": self.gender.value if self.gender else None,
            "century": self.century,
            "birth_year": self.birth_year,
            "problems": list(self.problems),
        }


def check_id(number: str, *, today: date | None = None) -> IdCheck:
    """Check a CCCD (12 digits) or an old CMND (9 digits, shape only); separators are ignored.

    `today` (default: the system date) rejects numbers whose digits 4–6 give a future birth
    year: no one born in 2130 stands at the counter, so digit 4 ≥ 4 is a typo.
    """
    digits = _strip_separators(number)
    if not digits:
        return _invalid(digits, "Chưa nhập số định danh.")
    if not _DIGITS.fullmatch(digits):
        return _invalid(digits, "Số định danh chỉ gồm chữ số (0–9).")
    if len(digits) == 9:
        return IdCheck(digits, "cmnd", True, None, None, None, None, None, ())
    if len(digits) != 12:
        return _invalid(
            digits,
            "Số định danh phải có 12 chữ số (căn cước/CCCD) hoặc 9 chữ số (CMND cũ); "
            f"số đã nhập có {len(digits)} chữ số.",
        )
    decoded = _decode(digits)
    province_name = PROVINCE_CODES.get(decoded.province_code)
    problems: list[str] = []
    if province_name is None:
        problems.append(_unknown_province(decoded.province_code))
    this_year = (today or date.today()).year
    if decoded.birth_year > this_year:
        problems.append(
            f"Chữ số thứ 4–6 cho năm sinh {decoded.birth_year}, sau năm hiện tại: "
            "kiểm tra lại số định danh."
        )
    return IdCheck(
        number=digits,
        kind="cccd",
        valid=not problems,
        province_code=decoded.province_code,
        province_name=province_name,
        gender=decoded.gender,
        century=decoded.century,
        birth_year=decoded.birth_year,
        problems=tuple(problems),
    )


def _invalid(digits: str, problem: str) -> IdCheck:
    return IdCheck(digits, "unknown", False, None, None, None, None, None, (problem,))


def _unknown_province(code: str) -> str:
    return f"Mã tỉnh {code} (3 chữ số đầu) không có trong danh sách 63 mã tỉnh."


def birth_warnings(
    id_number: str, birth_date: date | None, gender: Gender | None
) -> tuple[str, ...]:
    """Where digits 4–6 of a 12-digit number disagree with the birth date or gender given.

    Shared by the QR parser and manual entry, so both warn with the same words. Anything that is
    not a 12-digit number has nothing to compare, hence no warning.
    """
    digits = _strip_separators(id_number)
    if len(digits) != 12 or not _DIGITS.fullmatch(digits):
        return ()
    decoded = _decode(digits)
    warnings: list[str] = []
    if birth_date is not None and birth_date.year != decoded.birth_year:
        warnings.append(
            f"Năm sinh {birth_date.year} không khớp với số định danh "
            f"(chữ số thứ 4–6 cho năm {decoded.birth_year})."
        )
    if gender is not None and gender is not decoded.gender:
        warnings.append(
            f"Giới tính {gender.label} không khớp với số định danh "
            f"(chữ số thứ 4 cho giới tính {decoded.gender.label})."
        )
    return tuple(warnings)


# -- the chip card's QR -----------------------------------------------------------------------


@dataclass(frozen=True)
class QrCard:
    """The applicant as the chip card's QR code states it, with what looks wrong."""

    id_number: str
    old_id: str  # "" when the card has none
    full_name: str
    birth_date: date
    gender: Gender
    address: str
    issued_on: date | None
    warnings: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id_number": self.id_number,
            "old_id": self.old_id,
            "full_name": self.full_name,
            "birth_date": self.birth_date.isoformat(),
            "gender": self.gender.value,
            "address": self.address,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "warnings": list(self.warnings),
        }


def _trim(text: str) -> str:
    """Drop what scanners add around a burst: CR/LF/tab, spaces, and sometimes a BOM."""
    return text.strip().removeprefix("\ufeff").strip()


def looks_like_card_qr(text: str) -> bool:
    """Cheap routing test for a scanner burst: ≥ 6 '|'-separated fields, the first 12 digits."""
    fields = _trim(text).split("|", _QR_MIN_FIELDS - 1)
    return len(fields) >= _QR_MIN_FIELDS and bool(re.fullmatch(r"[0-9]{12}", fields[0].strip()))


def parse_card_qr(text: str, *, today: date | None = None) -> QrCard:
    """Parse `ID12|oldCMND|Họ và tên|ddMMyyyy|Nam/Nữ|Địa chỉ|ddMMyyyy(issue)`.

    Scanner noise (trailing CR/LF/tab, NFD text, an empty old number, no issue date) is
    tolerated; a payload that cannot be a card raises ValidationError. `today` (default: the
    system date) bounds the dates.
    """
    today = today or date.today()
    if len(text) > _QR_MAX_CHARS:
        raise _format_error(f"Dữ liệu quét quá dài ({len(text)} ký tự).")
    payload = _trim(text)
    # A control or invisible format character inside the payload means two bursts merged or
    # a forged code (bidi overrides can disguise a name): refuse rather than guess.
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in payload):
        raise _format_error("Dữ liệu quét chứa ký tự điều khiển.")
    fields = [clean(field) for field in payload.split("|")]
    if len(fields) < _QR_MIN_FIELDS:
        raise _format_error(
            f"Mã QR có {len(fields)} trường, thẻ căn cước có ít nhất {_QR_MIN_FIELDS}."
        )
    id_number, old_id, full_name, birth_text, gender_text, address = fields[:_QR_MIN_FIELDS]
    issue_text = fields[_QR_MIN_FIELDS] if len(fields) > _QR_MIN_FIELDS else ""

    if not re.fullmatch(r"[0-9]{12}", id_number):
        raise ValidationError(
            "E_QR_ID",
            f"Số định danh trong mã QR ('{id_number[:20]}') không phải 12 chữ số.",
            hint="Quét lại mã QR trên thẻ căn cước, hoặc nhập tay.",
        )
    if not full_name:
        raise _format_error("Mã QR không có họ và tên.")
    birth_date = _qr_date(birth_text, "ngày sinh")
    if birth_date > today:
        raise ValidationError(
            "E_QR_DATE",
            f"Ngày sinh {birth_date:%d/%m/%Y} trong mã QR ở sau ngày hôm nay.",
            hint="Quét lại mã QR, hoặc nhập tay theo thẻ.",
        )
    gender = _qr_gender(gender_text)
    issued_on = _qr_date(issue_text, "ngày cấp") if issue_text else None
    if issued_on is not None and not birth_date <= issued_on <= today:
        raise ValidationError(
            "E_QR_DATE",
            f"Ngày cấp {issued_on:%d/%m/%Y} trong mã QR không hợp lý "
            "(trước ngày sinh hoặc sau ngày hôm nay).",
            hint="Quét lại mã QR, hoặc nhập tay theo thẻ.",
        )

    warnings: list[str] = []
    if id_number[:3] not in PROVINCE_CODES:
        warnings.append(_unknown_province(id_number[:3]))
    warnings.extend(birth_warnings(id_number, birth_date, gender))
    if old_id and not re.fullmatch(r"[0-9]{9}|[0-9]{12}", old_id):
        warnings.append(f"Số CMND cũ '{old_id[:20]}' không phải 9 hoặc 12 chữ số.")
    if len(fields) > _QR_FIELDS:
        warnings.append(f"Mã QR có thêm {len(fields) - _QR_FIELDS} trường lạ, đã bỏ qua.")
    return QrCard(
        id_number=id_number,
        old_id=old_id,
        full_name=full_name,
        birth_date=birth_date,
        gender=gender,
        address=address,
        issued_on=issued_on,
        warnings=tuple(warnings),
    )


def _format_error(message: str) -> ValidationError:
    return ValidationError(
        "E_QR_FORMAT",
        f"Không đọc được mã QR thẻ căn cước: {message}",
        hint="Quét lại mã QR ở mặt trước thẻ căn cước, hoặc nhập tay.",
    )


def _qr_date(text: str, what: str) -> date:
    """`ddMMyyyy` → date; anything else (31/02, letters, year 1850) is E_QR_DATE."""
    parsed: date | None = None
    if re.fullmatch(r"[0-9]{8}", text):
        with contextlib.suppress(ValueError):
            parsed = date(int(text[4:]), int(text[2:4]), int(text[:2]))
    # The numbering starts with the 20th century: an earlier year is a corrupt scan.
    if parsed is None or parsed.year < 1900:
        raise ValidationError(
            "E_QR_DATE",
            f"{what.capitalize()} '{text[:20]}' trong mã QR không phải ngày hợp lệ (ddMMyyyy).",
            hint="Quét lại mã QR, hoặc nhập tay theo thẻ.",
        )
    return parsed


def _qr_gender(text: str) -> Gender:
    # fold() makes "Nữ", NFD "Nữ", "nữ" and an accent-stripping scanner's "Nu" one key.
    key = fold(text)
    if key == "nam":
        return Gender.MALE
    if key == "nu":
        return Gender.FEMALE
    raise ValidationError(
        "E_QR_GENDER",
        f"Giới tính '{text[:20]}' trong mã QR không phải Nam hoặc Nữ.",
        hint="Quét lại mã QR, hoặc nhập tay theo thẻ.",
    )
