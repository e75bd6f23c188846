"""How forms write dates, times, durations and money (the wording of the Circular's forms)."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.procedures import DurationUnit


def local(moment: datetime) -> datetime:
    return moment.astimezone(VN_TZ)


def long_moment(moment: datetime | None) -> str:
    """`09 giờ 05 phút, ngày 23 tháng 11 năm 2026`."""
    if moment is None:
        return ""
    t = local(moment)
    return f"{t:%H} giờ {t:%M} phút, ngày {t:%d} tháng {t:%m} năm {t.year}"


def long_day(day: date | datetime | None) -> str:
    """`ngày 23 tháng 11 năm 2026`."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = local(day).date()
    return f"ngày {day:%d} tháng {day:%m} năm {day.year}"


def short_day(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = local(moment).date()
    return f"{moment:%d/%m/%Y}"


def short_moment(moment: datetime | None) -> str:
    return "" if moment is None else f"{local(moment):%H:%M %d/%m/%Y}"


def place_date(place: str, day: date | datetime) -> str:
    """`Xã Thử Nghiệm, ngày 23 tháng 11 năm 2026` (the place is optional)."""
    text = long_day(day)
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def duration(amount: int, unit: DurationUnit) -> str:
    if amount <= 0:
        return "trong ngày làm việc"
    return f"{amount} {unit.label}"


def money(amount_vnd: int) -> str:
    """`1.250.000 đồng` (Vietnamese thousands separator)."""
    return f"{amount_vnd:,}".replace(",", ".") + " đồng"
