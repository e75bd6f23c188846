"""The satisfaction report as a workbook (`report satisfaction --xlsx`).

Comments are written as the citizen typed them, with long digit runs masked
(`ratings.mask_comment`); nothing else about the citizen is in the file.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.domain.calendar import VN_TZ
from counter_app.errors import ValidationError
from counter_app.services.context import Actor, Core
from counter_app.services.exports import replace_atomically
from counter_app.services.queue_terms import Period
from counter_app.services.ratings import (
    Level,
    LevelCounts,
    RatingRow,
    SatisfactionFigures,
    figures,
    ratings,
)


def export_xlsx(core: Core, actor: Actor, period: Period, path: Path) -> SatisfactionFigures:
    """Báo cáo kết quả đánh giá sự hài lòng: summary, per officer, per procedure and the
    ratings with their (masked) comments, one sheet each; the whole file or none."""
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(
            "E_EXPORT_FORMAT",
            f"Không xuất được tệp {path.name!r}: báo cáo đánh giá chỉ ghi ra .xlsx.",
            hint="Đặt tên tệp kết thúc bằng .xlsx.",
        )
    result = figures(core, actor, period)
    rows = ratings(core, actor, period)
    replace_atomically(path, lambda tmp: _write_workbook(tmp, result, rows))
    return result


def _write_workbook(path: Path, result: SatisfactionFigures, rows: list[RatingRow]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    levels = list(Level)
    head = [*(level.label for level in levels), "Tổng số", "Tỷ lệ hài lòng"]

    def line(label: str, figures: LevelCounts) -> list[Any]:
        counts = [figures.counts[level] for level in levels]
        return [label, *counts, figures.total, figures.rate]

    def sheet(title: str, columns: list[str], table: list[list[Any]], *, first: bool) -> None:
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        ws.title = title
        ws.append([f"Kết quả đánh giá sự hài lòng – {result.period.label}"])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append(columns)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for values in table:
            ws.append(values)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, float):
                    cell.number_format = "0.0%"
                elif isinstance(cell.value, datetime):
                    cell.number_format = "dd/mm/yyyy hh:mm"
                elif isinstance(cell.value, str):
                    cell.data_type = "s"  # a comment is never run as a formula
        ws.freeze_panes = "A3"

    wb = Workbook()
    sheet("Tổng hợp", ["", *head], [line("Tổng cộng", result.totals)], first=True)
    sheet(
        "Theo cán bộ",
        ["Cán bộ", *head],
        [line(g.label, g.figures) for g in result.by_officer],
        first=False,
    )
    sheet(
        "Theo thủ tục",
        ["Thủ tục", *head],
        [line(g.label, g.figures) for g in result.by_procedure],
        first=False,
    )
    sheet(
        "Ý kiến",
        ["Thời điểm", "Mức", "Cán bộ", "Thủ tục", "Quầy", "Mã hồ sơ", "Ý kiến"],
        [
            [
                r.rated_at.astimezone(VN_TZ).replace(tzinfo=None),
                r.level.label,
                r.officer_name,
                r.procedure_code,
                r.counter,
                r.dossier_code,
                r.comment,
            ]
            for r in rows
        ],
        first=False,
    )
    wb.save(path)
