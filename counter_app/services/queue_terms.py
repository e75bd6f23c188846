"""The supervisor's queue in words: categories, groupings, periods and the read models a
screen, a report or a script receives. Plain data; the questions are in `queue_query`.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.status import Status
from counter_app.domain.timeliness import Timeliness
from counter_app.errors import ValidationError
from counter_app.services.views import CHANNEL_LABELS

MAX_PERIOD_DAYS = 3660


class Category(enum.StrEnum):
    RECEIVED = "received"
    DUE = "due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    WAITING = "waiting"
    READY = "ready"
    RETURNED = "returned"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.RECEIVED: "Tiếp nhận",
    Category.DUE: "Đến hạn",
    Category.DUE_SOON: "Sắp đến hạn",
    Category.OVERDUE: "Quá hạn",
    Category.WAITING: "Chờ bổ sung",
    Category.READY: "Chờ trả kết quả",
    Category.RETURNED: "Đã trả kết quả",
    Category.REFUSED: "Từ chối",
    Category.WITHDRAWN: "Rút hồ sơ",
}
DERIVED = frozenset({Category.DUE, Category.DUE_SOON, Category.OVERDUE})


class GroupBy(enum.StrEnum):
    COUNTER = "counter"
    OFFICER = "officer"
    PROCEDURE = "procedure"
    FIELD = "field"
    CHANNEL = "channel"

    @property
    def label(self) -> str:
        return {
            "counter": "Quầy",
            "officer": "Cán bộ",
            "procedure": "Thủ tục",
            "field": "Lĩnh vực",
            "channel": "Kênh nộp",
        }[self.value]


@dataclass(frozen=True)
class Period:
    """Whole local days from `first` to `last`, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValidationError(
                "E_PERIOD", "Ngày kết thúc đứng trước ngày bắt đầu.", hint="Đổi lại hai ngày."
            )
        if (self.last - self.first).days > MAX_PERIOD_DAYS:
            raise ValidationError("E_PERIOD", "Khoảng thời gian dài quá 10 năm.")

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(day, day)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(), tzinfo=VN_TZ)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time(), tzinfo=VN_TZ)

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    @property
    def label(self) -> str:
        if self.first == self.last:
            return f"{self.first:%d/%m/%Y}"
        return f"{self.first:%d/%m/%Y} – {self.last:%d/%m/%Y}"


def parse_day(text: str) -> date:
    """A day typed by a person or a script: YYYY-MM-DD or dd/mm/yyyy."""
    value = text.strip()
    for pattern, fmt in (
        (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d"),
        (r"\d{1,2}/\d{1,2}/\d{4}", "%d/%m/%Y"),
    ):
        if re.fullmatch(pattern, value):
            try:
                return datetime.strptime(value, fmt).date()
            except ValueError:
                break
    raise ValidationError(
        "E_DATE", f"Ngày không hợp lệ: {text!r} (dùng YYYY-MM-DD hoặc dd/mm/yyyy)."
    )


@dataclass(frozen=True)
class QueueRow:
    """One dossier in a supervisor's list; personal data masked."""

    id: int
    code: str
    holder_name: str
    holder_id_masked: str
    procedure_code: str
    procedure_name: str
    field: str
    channel: int
    counter: str
    officer_id: int | None
    officer_name: str
    status: Status
    received_at: datetime
    appointment_at: datetime
    due_at: datetime
    timeliness: Timeliness
    late_by: timedelta
    ended_at: datetime | None
    returned_at: datetime | None
    supplement_count: int
    new_appointment_at: datetime | None = None  # promised again by an apology (Mẫu 04)

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABELS.get(self.channel, "")

    def to_dict(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.astimezone(VN_TZ).isoformat(timespec="seconds") if value else None

        return {
            "code": self.code,
            "holder_name": self.holder_name,
            "holder_id_masked": self.holder_id_masked,
            "procedure_code": self.procedure_code,
            "procedure_name": self.procedure_name,
            "field": self.field,
            "channel": self.channel_label,
            "counter": self.counter,
            "officer": self.officer_name,
            "status": int(self.status),
            "status_label": self.status.label,
            "received_at": iso(self.received_at),
            "appointment_at": iso(self.appointment_at),
            "due_at": iso(self.due_at),
            "timeliness": self.timeliness.value,
            "timeliness_label": self.timeliness.label,
            "late_hours": round(self.late_by / timedelta(hours=1), 2),
            "supplement_count": self.supplement_count,
            "new_appointment_at": iso(self.new_appointment_at),
        }


@dataclass(frozen=True)
class GroupCount:
    key: str
    label: str
    counts: dict[Category, int]


@dataclass(frozen=True)
class QueueCounts:
    period: Period
    as_of: datetime
    live: bool  # the period reaches now: states are today's
    totals: dict[Category, int]
    group_by: GroupBy | None = None
    groups: list[GroupCount] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": {
                "first": self.period.first.isoformat(),
                "last": self.period.last.isoformat(),
            },
            "as_of": self.as_of.astimezone(VN_TZ).isoformat(timespec="seconds"),
            "counts": {c.value: n for c, n in self.totals.items()},
            "group_by": self.group_by.value if self.group_by else None,
            "groups": [
                {
                    "key": g.key,
                    "label": g.label,
                    "counts": {c.value: n for c, n in g.counts.items()},
                }
                for g in self.groups
            ],
        }


@dataclass(frozen=True)
class QueueList:
    category: Category
    period: Period
    as_of: datetime
    total: int  # rows may be cut at `limit`; the total is not
    rows: list[QueueRow]
