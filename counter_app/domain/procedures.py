"""Procedures (thủ tục hành chính) and their dossier components (thành phần hồ sơ)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import time


class CopyType(enum.StrEnum):
    """How a component is submitted (loại bản)."""

    ORIGINAL = "original"  # bản chính
    CERTIFIED_COPY = "certified_copy"  # bản sao chứng thực
    COPY = "copy"  # bản sao / bản chụp
    ELECTRONIC = "electronic"  # bản điện tử

    @property
    def label(self) -> str:
        return COPY_TYPE_LABELS[self]


COPY_TYPE_LABELS: dict[CopyType, str] = {
    CopyType.ORIGINAL: "Bản chính",
    CopyType.CERTIFIED_COPY: "Bản sao chứng thực",
    CopyType.COPY: "Bản sao",
    CopyType.ELECTRONIC: "Bản điện tử",
}


class DurationUnit(enum.StrEnum):
    """Unit of a processing time: working days (1 day = 8 working hours) or working hours."""

    DAYS = "days"
    HOURS = "hours"

    @property
    def label(self) -> str:
        return "ngày làm việc" if self is DurationUnit.DAYS else "giờ làm việc"


@dataclass(frozen=True, slots=True)
class ComponentSpec:
    """One line of a procedure's checklist, as the catalogue publishes it."""

    name: str
    copy_type: CopyType = CopyType.ORIGINAL
    count: int = 1
    required: bool = True
    must_digitize: bool = False
    code: str = ""  # a province's component code (MaThanhPhanHoSo), when it has one


@dataclass(frozen=True, slots=True)
class FeeSpec:
    name: str
    amount_vnd: int
    code: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class ProcedureSpec:
    """A procedure as the catalogue describes it (import/export shape, no database ids)."""

    code: str
    name: str
    field: str = ""
    level: str = "Cấp xã"
    duration: int = 1
    duration_unit: DurationUnit = DurationUnit.DAYS
    cutoff: time | None = None  # received after this → the clock starts next working day
    fees: tuple[FeeSpec, ...] = ()
    components: tuple[ComponentSpec, ...] = ()
    field_code: str = ""
    source: str = ""
    note: str = ""

    @property
    def fee_total(self) -> int:
        return sum(f.amount_vnd for f in self.fees)
