"""Reports: the daily summary (data and PDF), the week's chart, exports to xlsx and CSV with
ID numbers masked unless asked otherwise, and every export in the audit log."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from counter_app.errors import AppError, PermissionDenied
from counter_app.services import exports, reports
from counter_app.services.context import Core
from counter_app.services.queue import Category, Period
from counter_app.storage import models as m
from printing.daily_summary import render_pdf
from tests.supervisor.conftest import Staff, Week
from tests.support.factories import register, vn

FRI, MON = date(2026, 8, 21), date(2026, 8, 24)
WEEK = Period(date(2026, 8, 19), MON)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where exports go (tmp_path itself also holds the test database)."""
    out = tmp_path / "exports"
    out.mkdir()
    return out


def audit_events(core: Core) -> list[tuple[str, str, str]]:
    with core.uow(write=False) as uow:
        rows = uow.session.execute(
            select(m.AuditEvent.action, m.AuditEvent.object_id, m.AuditEvent.detail).order_by(
                m.AuditEvent.id
            )
        )
        return [tuple(r) for r in rows]


def clear_ids(core: Core) -> list[str]:
    with core.uow(write=False) as uow:
        sealed = uow.session.scalars(select(m.Dossier.holder_id_sealed)).all()
        return [core.protector.unseal(s) for s in sealed]


def test_the_daily_summary_of_friday(ready_core: Core, staff: Staff, week: Week) -> None:
    summary = reports.daily_summary(ready_core, staff.supervisor, FRI)
    assert summary.counts[Category.RETURNED] == 1
    assert summary.counts[Category.OVERDUE] == 1
    assert summary.on_time.rate_text == "50,0%"
    assert [r.code for r in summary.overdue] == [week.two_supplements]
    lines = {line.code: line for line in summary.procedures}
    assert lines["1.004227"].finished == 2 and lines["1.004227"].on_time == 1
    assert lines["1.004227"].overdue == 1 and lines["1.004227"].returned == 1
    assert summary.office_name.startswith("Bộ phận Một cửa")


def test_the_daily_summary_pdf_shows_rate_overdue_and_procedures(
    ready_core: Core, staff: Staff, week: Week
) -> None:
    summary = reports.daily_summary(ready_core, staff.supervisor, date(2026, 8, 22))
    pdf = render_pdf(summary)
    assert pdf.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "BÁO CÁO TỔNG HỢP TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
    assert "Ngày 22/08/2026" in text
    assert "Tỷ lệ đúng hạn: 100,0%" in text
    for code in (week.cutoff, week.saturday_late):  # overdue on the working Saturday
        assert code in text.replace("\n", "")
    assert "Thủ tục xác nhận tình trạng hôn nhân" in text


def test_the_week_chart(ready_core: Core, staff: Staff, week: Week) -> None:
    points = reports.week(ready_core, staff.supervisor, MON)
    assert [p.day for p in points] == [date(2026, 8, d) for d in range(18, 25)]
    assert [p.received for p in points] == [0, 2, 5, 0, 0, 0, 0]
    assert [p.returned for p in points] == [0, 0, 1, 1, 0, 0, 0]
    # Thu: two requests; Fri: finished late; Sat/Sun/Mon: the cut-off one and the Saturday one.
    assert [p.overdue for p in points] == [0, 0, 1, 1, 2, 2, 2]


def test_csv_export_masks_ids_and_is_audited(
    ready_core: Core, staff: Staff, week: Week, folder: Path
) -> None:
    out = folder / "so-theo-doi.csv"
    report = exports.export(ready_core, staff.supervisor, WEEK, out)
    assert (report.rows, report.masked) == (7, True)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Vietnamese
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Số TT", "Mã hồ sơ", "Tên thủ tục"]
    assert {r[1] for r in rows[1:]} >= {week.cutoff, week.early}
    assert all("******" in r[5] for r in rows[1:])
    text = raw.decode("utf-8-sig")
    assert not any(number in text for number in clear_ids(ready_core))
    action, object_id, detail = audit_events(ready_core)[-1]
    assert (action, object_id) == ("export", "book")
    assert week.cutoff not in detail  # a masked export lists no one


def test_unmasked_xlsx_export_shows_ids_and_logs_who_was_exported(
    ready_core: Core, staff: Staff, week: Week, folder: Path
) -> None:
    out = folder / "qua-han.xlsx"
    report = exports.export(
        ready_core, staff.supervisor, WEEK, out, category=Category.OVERDUE, unmasked=True
    )
    assert not report.masked
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "Quá hạn 19/08/2026 – 24/08/2026"
    header = [c.value for c in sheet[2]]
    assert header[:3] == ["Mã hồ sơ", "Người nộp", "Số định danh"]
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert {r[0] for r in body} == {week.two_supplements, week.saturday_late, week.cutoff}
    assert all(r[2] in clear_ids(ready_core) for r in body)
    action, object_id, detail = audit_events(ready_core)[-1]
    assert (action, object_id) == ("export_unmasked", "overdue")
    assert all(code in detail for code in (week.two_supplements, week.cutoff))


def test_a_clerk_cannot_export(ready_core: Core, staff: Staff, week: Week, folder: Path) -> None:
    with pytest.raises(PermissionDenied):
        exports.export(ready_core, staff.lan, WEEK, folder / "x.csv")
    with pytest.raises(PermissionDenied):
        exports.export(ready_core, staff.lan, WEEK, folder / "x.csv", unmasked=True)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "error"),
    [("bao-cao.txt", "E_EXPORT_FORMAT"), ("khong-co/bao-cao.csv", "E_EXPORT_PATH")],
)
def test_bad_export_targets_write_nothing(
    ready_core: Core, staff: Staff, week: Week, folder: Path, name: str, error: str
) -> None:
    before = audit_events(ready_core)
    with pytest.raises(AppError) as caught:
        exports.export(ready_core, staff.supervisor, WEEK, folder / name)
    assert caught.value.code == error
    assert list(folder.iterdir()) == []
    assert audit_events(ready_core) == before


def test_a_failed_write_leaves_no_file_and_no_audit_event(
    ready_core: Core, staff: Staff, week: Week, folder: Path
) -> None:
    (folder / "bao-cao.csv").mkdir()  # a folder where the file should go: rename fails
    before = audit_events(ready_core)
    with pytest.raises(AppError) as caught:
        exports.export(ready_core, staff.supervisor, WEEK, folder / "bao-cao.csv")
    assert caught.value.code == "E_EXPORT_WRITE"
    assert [p.name for p in folder.iterdir()] == ["bao-cao.csv"]
    assert audit_events(ready_core) == before


def test_text_that_looks_like_a_formula_stays_text(
    ready_core: Core, clock, staff: Staff, folder: Path
) -> None:
    clock.set(vn(2026, 8, 20, 9, 0))
    register(ready_core, staff.lan, name='=HYPERLINK("http://x.example","Bấm")')
    exports.export(ready_core, staff.supervisor, Period.day(date(2026, 8, 20)), folder / "a.csv")
    exports.export(ready_core, staff.supervisor, Period.day(date(2026, 8, 20)), folder / "a.xlsx")
    rows = list(csv.reader(io.StringIO((folder / "a.csv").read_text("utf-8-sig"))))
    assert rows[1][4].startswith("'=HYPERLINK")
    cell = load_workbook(folder / "a.xlsx").active["E3"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
