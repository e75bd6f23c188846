"""Nhắn tin khi có kết quả: the citizen's opt-in at intake and the "result ready" message.

The opt-in (a Vietnamese mobile number, the channel, when it was given) is stored on the
dossier, the number sealed like an ID. When the dossier reaches status 9 (Đã xử lý xong),
locally or pulled from the province, `enqueue_ready` adds one outbox row of kind "notify" in
the same transaction; the sync loop hands it to the gateway adapter (sync/notify.py).

The message carries only what the citizen needs: the dossier code, that the result is ready,
the appointment, the office's address and phone. No name, no ID number. The number travels
sealed in the row's payload; only the adapter unseals it, right before sending.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from counter_app.config import NotifySettings, Settings
from counter_app.domain.calendar import VN_TZ
from counter_app.errors import ValidationError
from counter_app.services.context import UnitOfWork
from counter_app.storage import models as m
from counter_app.text import clean, mask_phone

log = logging.getLogger(__name__)
KIND = "notify"
CHANNELS = ("sms", "zalo")
# Vietnamese mobile prefixes after the 2018 renumbering: 03x (032–039), 05x (052, 055, 056,
# 058, 059), 07x (070, 076–079), 08x (081–089), 09x. Landlines (02x, 11 digits) cannot get SMS.
MOBILE_RE = re.compile(r"^0(?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$")
MOBILE_HINT = (
    "Số di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 "
    "(ví dụ 0912 345 678); có thể viết dạng +84."
)


@dataclass
class NotifyRequest:
    """The citizen asks to be told when the result is ready (part of the intake input)."""

    phone: str = ""  # "" = the holder's phone, else the submitter's
    channel: str = ""  # sms | zalo; "" = the office's configured channel


def normalize_mobile(text: str) -> str:
    """`+84 912.345.678` → `0912345678`, or E_NOTIFY_PHONE when it is no Vietnamese mobile."""
    raw = clean(text)
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not MOBILE_RE.match(digits):
        raise ValidationError(
            "E_NOTIFY_PHONE",
            f"Số điện thoại nhận tin nhắn không phải số di động Việt Nam hợp lệ: {raw}.",
            hint=MOBILE_HINT,
        )
    return digits


def unavailable_reason(settings: Settings) -> str:
    """Why this machine sends no result-ready messages ("" when it does)."""
    n = settings.notify
    if not n.enabled:
        return "Nhắn tin khi có kết quả đang tắt trên máy này ([notify] enabled)."
    if not n.url:
        return "Chưa khai báo địa chỉ cổng nhắn tin ([notify] url)."
    if n.channel not in CHANNELS:
        return f"Kênh nhắn tin không hợp lệ: {n.channel!r} ([notify] channel: sms hoặc zalo)."
    if not settings.sync.enabled:
        return "Tin nhắn đi qua vòng đồng bộ, mà đồng bộ đang tắt trên máy này ([sync] enabled)."
    return ""


def validate_opt_in(
    settings: Settings, choice: NotifyRequest, phones: list[str], warnings: list[str]
) -> None:
    """Normalize the opt-in in place: a mobile number (typed, else the first of `phones`)
    and a channel. Warns, without refusing, when this machine will not send messages."""
    channel = clean(choice.channel).lower() or settings.notify.channel
    if channel not in CHANNELS:
        raise ValidationError(
            "E_NOTIFY_CHANNEL",
            f"Kênh nhắn tin không hợp lệ: {choice.channel!r}.",
            hint="Dùng sms hoặc zalo.",
        )
    phone = clean(choice.phone) or next((p for p in phones if clean(p)), "")
    if not phone:
        raise ValidationError(
            "E_NOTIFY_PHONE_REQUIRED",
            "Muốn nhắn tin khi có kết quả thì cần số điện thoại di động của người nộp.",
            hint=MOBILE_HINT,
        )
    choice.phone, choice.channel = normalize_mobile(phone), channel
    reason = unavailable_reason(settings)
    if reason:
        warnings.append(f"Đã ghi nhận yêu cầu nhắn tin nhưng máy này sẽ không gửi: {reason}")


def record_opt_in(
    uow: UnitOfWork, dossier: m.Dossier, choice: NotifyRequest | None, at: datetime
) -> None:
    """Store a validated opt-in on a new dossier, with when it was given."""
    if choice is None:
        return
    dossier.notify_opt_in = True
    dossier.notify_channel = choice.channel
    dossier.notify_phone_sealed = uow.core.protector.seal(choice.phone)
    dossier.notify_phone_masked = mask_phone(choice.phone)
    dossier.notify_opted_at = at


def enqueue_ready(uow: UnitOfWork, dossier: m.Dossier, change_id: int | None) -> bool:
    """The dossier just became ready to return: one "notify" row, if the citizen opted in
    and this machine sends messages. Returns whether a row was added."""
    if not dossier.notify_opt_in or not dossier.notify_phone_sealed:
        return False
    settings = uow.core.settings
    reason = unavailable_reason(settings)
    if reason:
        log.info("no result-ready message for %s: %s", dossier.code, reason)
        return False
    session = uow.session
    office = session.scalars(select(m.Office)).first()
    promised = session.scalar(  # an apology (Mẫu 04) promised a new date: that one holds
        select(m.Apology.new_appointment_at)
        .where(m.Apology.dossier_id == dossier.id)
        .order_by(m.Apology.issued_at.desc(), m.Apology.id.desc())
        .limit(1)
    )
    channel = dossier.notify_channel or settings.notify.channel
    text = compose(
        dossier.code,
        promised or dossier.appointment_at,
        office,
        channel=channel,
        config=settings.notify,
    )
    uow.enqueue(
        KIND,
        dossier.id,
        ref_id=change_id,
        payload={
            "channel": channel,
            "to": dossier.notify_phone_sealed,  # sealed under the office's data key
            "to_masked": dossier.notify_phone_masked,
            "code": dossier.code,
            "text": text,
        },
    )
    return True


def office_address(office: m.Office | None) -> str:
    if office is None:
        return ""
    if office.address:
        return office.address
    return ", ".join(p for p in (office.commune_name, office.province_name) if p)


def compose(
    code: str,
    appointment: datetime,
    office: m.Office | None,
    *,
    channel: str,
    config: NotifySettings,
) -> str:
    """The message. Zalo gets full Vietnamese; SMS, by default, a short unaccented text that
    fits one 160-character GSM-7 message (a single accented letter would make it UCS-2: 70)."""
    local = appointment.astimezone(VN_TZ)
    name = office.name if office else ""
    address = office_address(office)
    phone = office.phone if office else ""
    if channel != "sms" or not config.sms_unaccented:
        parts = [
            f"Hồ sơ {code} đã có kết quả.",
            f"Ngày hẹn trả: {local:%H:%M} ngày {local:%d/%m/%Y}.",
            f"Mời ông/bà mang giấy tiếp nhận đến nhận kết quả tại {place}."
            if (place := ", ".join(p for p in (name, address) if p))
            else "Mời ông/bà mang giấy tiếp nhận đến Bộ phận Một cửa để nhận kết quả.",
        ]
        if phone:
            parts.append(f"Điện thoại: {phone}.")
        return " ".join(parts)  # accented SMS: the gateway splits it (70 UCS-2 per part)
    head = f"Ho so {code} da co ket qua. Hen tra: {local:%H:%M %d/%m/%Y}."
    tail = f" DT: {phone}" if phone else ""
    limit = config.sms_max_chars
    for place in (", ".join(p for p in (name, address) if p), address):
        text = unaccent(f"{head} Nhan tai: {place}.{tail}" if place else head + tail)
        if not limit or len(text) <= limit:
            return text
    # Still too long: shorten the address, never the code, the date or the phone.
    room = max(limit - len(unaccent(f"{head} Nhan tai: ...{tail}")), 0)
    short = unaccent(address)[:room].rstrip()
    return unaccent(f"{head} Nhan tai: {short}...{tail}")[:limit]


_ASCII = str.maketrans({"đ": "d", "Đ": "D", "–": "-", "—": "-", "“": '"', "”": '"', "‘": "'",
                        "’": "'", "…": "..."})  # fmt: skip


def unaccent(text: str) -> str:
    """Plain ASCII for an SMS, case kept: "Đã xử lý – số 1" → "Da xu ly - so 1"; marks are
    stripped, common punctuation mapped, anything else outside ASCII dropped."""
    decomposed = unicodedata.normalize("NFD", text.translate(_ASCII))
    return "".join(ch for ch in decomposed if ch.isascii())
