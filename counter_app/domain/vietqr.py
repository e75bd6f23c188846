"""VietQR: the EMVCo merchant-presented payload any Vietnamese banking app pays from.

A dynamic NAPAS 24/7 transfer to an account (service `QRIBFTTA`):

    00 "01"   payload format           01 "12"  dynamic (the amount is fixed)
    38        beneficiary: 00 GUID "A000000727", 01 organisation (00 bank BIN, 01 account),
              02 service "QRIBFTTA"
    53 "704"  VND                      54 amount (whole đồng)         58 "VN"
    62        additional data: 01 bill number (optional), 08 purpose of transaction
    63        CRC-16/CCITT-FALSE over everything before it, "6304" included, 4 upper-case hex

Limits are those of NAPAS's VietQR specification v1.5.2 as public implementations quote it
(bank BIN 6 digits; account ≤ 19 letters/digits; amount ≤ 13 characters; purpose and bill
number ≤ 25 characters; tag 62 ≤ 99). The purpose is folded to ASCII: banking apps show and
store transfer contents without diacritics, and a folded text is what the clerk will search
for in the bank statement.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from counter_app.errors import ValidationError
from counter_app.text import clean

GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY = "VN"
DYNAMIC = "12"
STATIC = "11"
MAX_ACCOUNT = 19
MAX_PURPOSE = 25
MAX_BILL = 25
MAX_AMOUNT_CHARS = 13
# NAPAS 24/7 transfers stop at 499.999.999 đ per transaction (banks' published ceiling): a
# larger QR would scan but every app would refuse it, so it is refused here, where it is clear.
MAX_AMOUNT = 499_999_999
_BIN = re.compile(r"^\d{6}$")
_ACCOUNT = re.compile(r"^[0-9A-Za-z]+$")
_PRINTABLE = re.compile(r"^[\x20-\x7e]*$")

# Short names banks use on statements, by NAPAS BIN (the common ones; `payment.bank_name`
# overrides). BINs are assigned by NAPAS and do not change when a bank renames itself.
BANK_NAMES: dict[str, str] = {
    "970405": "Agribank",
    "970436": "Vietcombank",
    "970415": "VietinBank",
    "970418": "BIDV",
    "970422": "MB",
    "970407": "Techcombank",
    "970416": "ACB",
    "970432": "VPBank",
    "970423": "TPBank",
    "970403": "Sacombank",
    "970437": "HDBank",
    "970441": "VIB",
    "970443": "SHB",
    "970431": "Eximbank",
    "970426": "MSB",
    "970448": "OCB",
    "970440": "SeABank",
    "970449": "LPBank",
    "970428": "Nam A Bank",
    "970409": "Bac A Bank",
    "970438": "BaoViet Bank",
    "970454": "Viet Capital Bank",
}


@dataclass(frozen=True)
class Transfer:
    """What the citizen's banking app will pre-fill: to whom, how much, with which content."""

    bank_bin: str
    account: str
    amount: int
    purpose: str
    bill_number: str = ""


@dataclass(frozen=True)
class Decoded:
    """A payload read back: the transfer, the raw top-level fields and the checksum."""

    transfer: Transfer
    dynamic: bool
    service: str
    currency: str
    country: str
    crc: str
    fields: dict[str, str]


def crc16(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    size = len(value.encode("utf-8"))
    if size > 99:
        raise ValidationError(
            "E_VIETQR_FIELD_TOO_LONG", f"Trường {tag} của mã VietQR dài quá 99 ký tự."
        )
    return f"{tag}{size:02d}{value}"


def bank_name(bank_bin: str, configured: str = "") -> str:
    return configured or BANK_NAMES.get(bank_bin, f"Ngân hàng BIN {bank_bin}")


def ascii_text(text: str) -> str:
    """NFC in (clean), then đ→d and marks dropped, case kept: "Lệ phí Đất" → "Le phi Dat"."""
    text = clean(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def check_bin(bank_bin: str) -> str:
    value = clean(bank_bin)
    if not _BIN.match(value):
        raise ValidationError(
            "E_VIETQR_BIN",
            f"Mã BIN ngân hàng {value!r} không hợp lệ: phải gồm đúng 6 chữ số (ví dụ 970436).",
            hint="Xem mã BIN của ngân hàng thụ hưởng trong danh sách NAPAS (payment.bank_bin).",
        )
    return value


def check_account(account: str) -> str:
    value = clean(account).replace(" ", "")
    if not value or len(value) > MAX_ACCOUNT or not _ACCOUNT.match(value):
        raise ValidationError(
            "E_VIETQR_ACCOUNT",
            f"Số tài khoản {value!r} không hợp lệ: chỉ gồm chữ số và chữ cái không dấu, "
            f"từ 1 đến {MAX_ACCOUNT} ký tự.",
            hint="Kiểm tra số tài khoản của cơ quan (payment.account).",
        )
    return value


def check_amount(amount: int) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT:
        raise ValidationError(
            "E_VIETQR_AMOUNT",
            f"Số tiền {amount!r} không hợp lệ: phải là số nguyên đồng, lớn hơn 0 và không quá "
            f"{MAX_AMOUNT:,} đồng (hạn mức một lần chuyển khoản nhanh 24/7).".replace(",", "."),
        )
    return amount


def check_purpose(purpose: str, *, limit: int = MAX_PURPOSE, what: str = "Nội dung") -> str:
    value = ascii_text(purpose)
    if not value:
        raise ValidationError(
            "E_VIETQR_PURPOSE",
            f"{what} chuyển khoản không được để trống.",
            hint="Ghi mã hồ sơ để đối chiếu sao kê ngân hàng.",
        )
    if not _PRINTABLE.match(value):
        bad = "".join(sorted({ch for ch in value if not _PRINTABLE.match(ch)}))
        raise ValidationError(
            "E_VIETQR_PURPOSE_CHARS",
            f"{what} chuyển khoản có ký tự ứng dụng ngân hàng không hiển thị được: {bad!r}.",
            hint="Chỉ dùng chữ, số, dấu cách và dấu câu thông thường.",
        )
    if len(value) > limit:
        raise ValidationError(
            "E_VIETQR_PURPOSE_TOO_LONG",
            f"{what} chuyển khoản {value!r} dài {len(value)} ký tự, quá {limit} ký tự "
            "mà mã VietQR cho phép.",
            hint="Rút gọn nội dung (mã hồ sơ là đủ để đối chiếu).",
        )
    return value


def purpose_for(dossier_code: str) -> str:
    """Transfer content for a dossier's fee: the longest of "LE PHI <code>", "LP <code>",
    "<code>" that fits 25 characters (the usual code `000.00.01.H22-261123-0001` is 25
    already, so it usually goes alone; the code is what the statement is matched on)."""
    code = ascii_text(dossier_code)
    for text in (f"LE PHI {code}", f"LP {code}", code):
        if len(text) <= MAX_PURPOSE:
            return check_purpose(text)
    compact = re.sub(r"[^0-9A-Za-z]", "", code)  # a long configured code pattern
    return check_purpose(compact, what="Mã hồ sơ trong nội dung")


def build(transfer: Transfer) -> str:
    """The payload string (validated: bad input raises, nothing is half-built)."""
    bank_bin = check_bin(transfer.bank_bin)
    account = check_account(transfer.account)
    amount = check_amount(transfer.amount)
    purpose = check_purpose(transfer.purpose)
    bill = ""
    if transfer.bill_number.strip():
        bill = check_purpose(transfer.bill_number, limit=MAX_BILL, what="Số hoá đơn")
    organisation = tlv("00", bank_bin) + tlv("01", account)
    beneficiary = tlv("00", GUID) + tlv("01", organisation) + tlv("02", SERVICE_TO_ACCOUNT)
    extra = (tlv("01", bill) if bill else "") + tlv("08", purpose)
    body = (
        tlv("00", "01")
        + tlv("01", DYNAMIC)
        + tlv("38", beneficiary)
        + tlv("53", CURRENCY_VND)
        + tlv("54", str(amount))
        + tlv("58", COUNTRY)
        + tlv("62", extra)
        + "6304"
    )
    return body + f"{crc16(body.encode('utf-8')):04X}"


def build_transfer(bank_bin: str, account: str, amount: int, purpose: str) -> str:
    return build(Transfer(bank_bin, account, amount, purpose))


def decode_tlv(data: bytes, where: str = "mã") -> dict[str, str]:
    """ID (2 digits), length (2 digits, in bytes), value; duplicates and overruns refused."""
    fields: dict[str, str] = {}
    i = 0
    while i < len(data):
        head = data[i : i + 4]
        if len(head) < 4 or not head.isdigit():
            raise _format(f"{where}: phần tử hỏng ở vị trí {i}.")
        tag, size = head[:2].decode(), int(head[2:])
        value = data[i + 4 : i + 4 + size]
        if len(value) < size:
            raise _format(f"{where}: trường {tag} khai báo {size} ký tự nhưng bị cắt cụt.")
        if tag in fields:
            raise _format(f"{where}: trường {tag} xuất hiện hai lần.")
        try:
            fields[tag] = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _format(f"{where}: trường {tag} không phải UTF-8.") from exc
        i += 4 + size
    return fields


def parse(payload: str) -> Decoded:
    """Read and verify a VietQR payload: structure, CRC, then the transfer it describes."""
    text = payload.strip()
    raw = text.encode("utf-8")
    if len(raw) < 8 or raw[-8:-4] != b"6304":
        raise _format("không kết thúc bằng trường kiểm tra 63 (6304…).")
    expected = f"{crc16(raw[:-4]):04X}"
    given = raw[-4:].decode("ascii", "replace")
    if given != expected:  # the spec writes it in upper-case hex
        raise ValidationError(
            "E_VIETQR_CRC",
            f"Mã VietQR sai mã kiểm tra CRC (ghi {given!r}, tính được {expected!r}): "
            "dữ liệu đã bị sửa hoặc đọc sai.",
        )
    fields = decode_tlv(raw)
    if fields.get("00") != "01":
        raise _format("trường 00 (định dạng) phải là 01.")
    beneficiary = decode_tlv(fields.get("38", "").encode("utf-8"), "trường 38")
    if beneficiary.get("00") != GUID:
        raise _format(f"trường 38 không mang GUID NAPAS {GUID}.")
    organisation = decode_tlv(beneficiary.get("01", "").encode("utf-8"), "trường 38/01")
    extra = decode_tlv(fields.get("62", "").encode("utf-8"), "trường 62")
    amount_text = fields.get("54", "")
    if amount_text and not amount_text.isdigit():
        raise _format(f"số tiền {amount_text!r} không phải số nguyên đồng.")
    return Decoded(
        transfer=Transfer(
            bank_bin=organisation.get("00", ""),
            account=organisation.get("01", ""),
            amount=int(amount_text) if amount_text else 0,
            purpose=extra.get("08", ""),
            bill_number=extra.get("01", ""),
        ),
        dynamic=fields.get("01") == DYNAMIC,
        service=beneficiary.get("02", ""),
        currency=fields.get("53", ""),
        country=fields.get("58", ""),
        crc=given,
        fields=fields,
    )


def _format(detail: str) -> ValidationError:
    return ValidationError("E_VIETQR_FORMAT", f"Mã VietQR không đúng cấu trúc EMVCo: {detail}")
