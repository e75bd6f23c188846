"""Exports for the supervisor: the tracking book (Mẫu 06) or one category's list to xlsx /
CSV, and the daily summary to PDF (drawn by `printing`, handed in as a function).

ID numbers and phones are masked unless the supervisor asks otherwise; an unmasked export
needs the "export_unmasked" permission. Every export is written to the audit log in the
transaction that lets the file appear: whole (temporary file, then rename) or not at all.
"""

from __future__ import annotations

import csv
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from counter_app.domain.calendar import VN_TZ
from counter_app.errors import AppError, ValidationError
from counter_app.services.context import Actor, Core, require
from counter_app.services.queue import dossiers as queue_dossiers
from counter_app.services.queue_query import D as Dossier
from counter_app.services.queue_terms import Category, GroupBy, Period, QueueRow
from counter_app.services.reports import BookRow, DailySummary, daily_summary, tracking_book


@dataclass(frozen=True)
class ExportReport:
    path: Path
    rows: int
    masked: bool
    title: str = ""
    columns: list[str] = field(default_factory=list)


BOOK_COLUMNS = [
    "Số TT",
    "Mã hồ sơ",
    "Tên thủ tục",
    "Số bộ",
    "Người nộp",
    "Số định danh",
    "Địa chỉ",
    "Điện thoại",
    "Cơ quan chủ trì",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Chuyển xử lý",
    "Nhận kết quả",
    "Ngày trả kết quả",
    "Người nhận",
    "Ghi chú",
]
LIST_COLUMNS = [
    "Mã hồ sơ",
    "Người nộp",
    "Số định danh",
    "Mã thủ tục",
    "Tên thủ tục",
    "Lĩnh vực",
    "Kênh nộp",
    "Quầy",
    "Cán bộ xử lý",
    "Trạng thái",
    "Tiếp nhận",
    "Hẹn trả",
    "Hạn (tính cả thời gian chờ bổ sung)",
    "Đánh giá",
    "Số giờ trễ",
    "Hẹn lại (Mẫu 04)",
]


def export(
    core: Core,
    actor: Actor,
    period: Period,
    path: Path,
    *,
    category: Category | None = None,
    group_by: GroupBy | None = None,
    group_key: str | None = None,
    unmasked: bool = False,
) -> ExportReport:
    """Write the tracking book (no category) or one category's list to .xlsx or .csv."""
    require(actor, "supervise")
    if unmasked:
        require(actor, "export_unmasked")
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError(
            "E_EXPORT_FORMAT",
            f"Không xuất được tệp {path.name!r}: chỉ hỗ trợ .xlsx và .csv.",
            hint="Đặt tên tệp kết thúc bằng .xlsx hoặc .csv.",
        )
    if not path.parent.is_dir():
        raise ValidationError("E_EXPORT_PATH", f"Thư mục {path.parent} không tồn tại.")
    if category is None:
        title = f"Sổ theo dõi hồ sơ {period.label}"
        columns = BOOK_COLUMNS
        book = tracking_book(core, actor, period, unmasked=unmasked)
        codes = [b.code for b in book]
        table = [_book_cells(b) for b in book]
    else:
        title = f"{category.label} {period.label}"
        columns = LIST_COLUMNS
        listing = queue_dossiers(
            core, actor, period, category, group_by=group_by, group_key_value=group_key, limit=10**7
        )
        clear = _clear_ids(core, [r.id for r in listing.rows]) if unmasked else {}
        codes = [r.code for r in listing.rows]
        table = [_list_cells(r, clear.get(r.id, r.holder_id_masked)) for r in listing.rows]
    with core.uow() as uow:
        action = "export_unmasked" if unmasked else "export"
        detail = f"{title}: {len(table)} hồ sơ → {path.name}"
        if unmasked:  # who saw whose clear ID: the codes go into the log
            detail += "\n" + " ".join(codes)
        uow.audit(actor, action, "report", category.value if category else "book", detail=detail)
        _write_atomically(path, title, columns, table)
        try:
            uow.commit()
        except Exception:
            path.unlink(missing_ok=True)
            raise
    return ExportReport(path, len(table), not unmasked, title, columns)


def _clear_ids(core: Core, ids: Sequence[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    with core.uow(write=False) as uow:
        for i in range(0, len(ids), 5000):
            rows = uow.session.execute(
                select(Dossier.id, Dossier.holder_id_sealed).where(
                    Dossier.id.in_(ids[i : i + 5000])
                )
            )
            out.update({dossier_id: core.protector.unseal(sealed) for dossier_id, sealed in rows})
    return out


def _book_cells(b: BookRow) -> list[Any]:
    return [
        b.number,
        b.code,
        b.procedure_name,
        b.sets_count,
        b.holder_name,
        b.holder_id,
        b.address,
        b.phone,
        b.lead_agency,
        _local(b.received_at),
        _local(b.appointment_at),
        _local(b.sent_at),
        _local(b.result_at),
        _local(b.returned_at),
        b.receiver_name,
        b.note,
    ]


def _list_cells(r: QueueRow, holder_id: str) -> list[Any]:
    return [
        r.code,
        r.holder_name,
        holder_id,
        r.procedure_code,
        r.procedure_name,
        r.field,
        r.channel_label,
        r.counter,
        r.officer_name,
        r.status.label,
        _local(r.received_at),
        _local(r.appointment_at),
        _local(r.due_at),
        r.timeliness.label,
        round(r.late_by / timedelta(hours=1), 2),
        _local(r.new_appointment_at),
    ]


def _local(moment: datetime | None) -> datetime | None:
    return moment.astimezone(VN_TZ).replace(tzinfo=None) if moment else None


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    """Text a spreadsheet must not run as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_atomically(path: Path, title: str, columns: list[str], table: list[list[Any]]) -> None:
    if path.suffix.lower() == ".csv":
        replace_atomically(path, lambda tmp: _write_csv(tmp, columns, table))
    else:
        replace_atomically(path, lambda tmp: _write_xlsx(tmp, title, columns, table))


def replace_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """The whole file or none: `write` fills a temporary file beside `path`, then a rename."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise AppError(
            "E_EXPORT_WRITE",
            f"Không ghi được tệp {path}: {exc.strerror or exc}.",
            hint="Kiểm tra quyền ghi và chỗ trống trên ổ đĩa, hoặc tệp đang mở trong Excel.",
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)


def _write_bytes(path: Path, data: bytes) -> None:
    with path.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _write_csv(path: Path, columns: list[str], table: list[list[Any]]) -> None:
    # utf-8-sig: Excel on Windows opens Vietnamese correctly only with the BOM.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in table:
            writer.writerow(
                [
                    f"{v:%d/%m/%Y %H:%M}" if isinstance(v, datetime) else _safe(v)
                    for v in (("" if v is None else v) for v in row)
                ]
            )
        fh.flush()
        os.fsync(fh.fileno())


def _write_xlsx(path: Path, title: str, columns: list[str], table: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=False)
    ws = wb.active
    assert ws is not None
    ws.title = "Danh sách"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(columns)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in table:
        ws.append([None if v is None else v for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text begins with
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{max(ws.max_row, 2)}"
    for i, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(name) + 4))
    wb.save(path)


def save_daily_summary(
    core: Core, actor: Actor, day: date, path: Path, render: Callable[[DailySummary], bytes]
) -> DailySummary:
    """Draw the day's summary with `render` (printing's PDF) and write it, audited."""
    require(actor, "supervise")
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise ValidationError("E_EXPORT_FORMAT", f"Tệp báo cáo phải có đuôi .pdf: {path.name!r}.")
    if not path.parent.is_dir():
        raise ValidationError("E_EXPORT_PATH", f"Thư mục {path.parent} không tồn tại.")
    summary = daily_summary(core, actor, day)
    data = render(summary)
    with core.uow() as uow:
        uow.audit(
            actor,
            "report",
            "report",
            "daily",
            detail=f"Báo cáo tổng hợp ngày {day:%d/%m/%Y} → {path.name}",
        )
        replace_atomically(path, lambda tmp: _write_bytes(tmp, data))
        try:
            uow.commit()
        except Exception:
            path.unlink(missing_ok=True)
            raise
    return summary
