"""Mẫu 06 – the tracking book over a date range, as PDF and as a spreadsheet."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from counter_app.domain.status import Status
from counter_app.errors import AppError, PermissionDenied
from counter_app.services import lifecycle
from counter_app.services.context import Actor, Core
from counter_app.services.forms import BookRow
from counter_app.storage import models as m
from printing import tracking_book
from tests.printing import pdfcheck
from tests.printing.conftest import register
from tests.support.factories import vn


@pytest.fixture
def week(pcore: Core, clerk: Actor, clock: object) -> list[str]:
    """Dossiers received on 20, 23 (two) and 25 November; one of them returned."""
    codes = []
    for day, name in (
        (20, "Đặng Thị Huệ"),
        (23, "Nguyễn Văn An"),
        (23, '=HYPERLINK("x")'),
        (25, "Vũ Quốc Khánh"),
    ):
        clock.set(vn(2026, 11, day, 9, 0))  # type: ignore[attr-defined]
        codes.append(register(pcore, clerk, name=name, phone="0912 345 678"))
    lifecycle.finish(pcore, clerk, codes[1])
    lifecycle.hand_over(pcore, clerk, codes[1], receiver_name="Nguyễn Văn An")
    return codes


def test_pdf_book_lists_the_range_with_its_dates(
    pcore: Core, clerk: Actor, week: list[str]
) -> None:
    r = tracking_book.preview_book(pcore, clerk, date(2026, 11, 21), date(2026, 11, 24))
    text = pdfcheck.flat(" ".join(pdfcheck.page_texts(r.data)))
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Từ ngày 21 tháng 11 năm 2026 đến ngày 24 tháng 11 năm 2026" in text
    assert week[1] in text and week[2] in text
    assert week[0] not in text and week[3] not in text
    assert "Tổng số: 2 hồ sơ." in text
    assert "Đã trả kết quả" in text and "Nguyễn Văn An" in text
    assert "0912 345 678" not in text and "*********678" in text  # phone masked
    assert pdfcheck.page_sizes(r.data) == [(842, 595)]


def test_xlsx_book_has_the_same_columns_and_rows(
    pcore: Core, clerk: Actor, week: list[str], out_dir: Path
) -> None:
    target = out_dir / "so-theo-doi.xlsx"
    r = tracking_book.produce_book(pcore, clerk, date(2026, 11, 1), date(2026, 11, 30), target)
    assert r.media == "xlsx"
    ws = load_workbook(target).active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, row in enumerate(rows) if row[0] == "STT")
    assert rows[head][1:3] == ("Mã hồ sơ", "Tên thủ tục hành chính")
    data = rows[head + 1 :]
    assert [row[1] for row in data] == week
    assert all(isinstance(row[0], int) and row[3] == 1 for row in data)
    assert data[2][4] == '=HYPERLINK("x")'  # stays text: a name never runs as a formula
    cell = ws.cell(head + 1 + 3, 5)
    assert cell.data_type == "s"
    assert "*********678" in str(data[0][5])
    with pcore.uow(write=False) as uow:
        printed = uow.session.execute(
            select(m.PrintedForm.form, m.PrintedForm.dossier_id, m.PrintedForm.sha256)
        ).all()
        actions = uow.session.scalars(
            select(m.AuditEvent.action).where(m.AuditEvent.object_type == "tracking_book")
        ).all()
    assert printed == [("06", None, r.output.sha256)]
    assert actions == ["export"]


def test_a_thousand_dossiers_continue_page_after_page(pcore: Core, clerk: Actor) -> None:
    from counter_app.services.forms import tracking_book as book_of
    from printing.tracking_book import build_book

    book = book_of(pcore, clerk, date(2026, 11, 1), date(2026, 11, 30))
    big = dataclasses.replace(book, rows=tuple(_fake_rows()))
    r = build_book(big, pcore.settings.printing)
    texts = pdfcheck.page_texts(r.data)
    assert len(texts) == r.pages > 20
    assert all("Mã hồ sơ" in t and "Ghi chú" in t for t in texts)  # header on every page
    assert all(f"Trang {i}/{r.pages}" in t for i, t in enumerate(texts, 1))
    joined = pdfcheck.squashed(" ".join(texts))
    assert "000.00.01.H22-261123-1000" in joined and "Tổngsố:1000hồsơ." in joined
    g = pdfcheck.glyphs(r.data, 3)
    assert pdfcheck.overlapping(g) == []


def _fake_rows() -> list[BookRow]:
    """1,000 book rows without registering 1,000 dossiers (fast)."""
    return [
        BookRow(
            volume="1",
            number=i,
            code=f"000.00.01.H22-261123-{i:04d}",
            procedure_name="Thủ tục đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam",
            sets_count=1,
            applicant=f"Nguyễn Văn Người Nộp Số {i}",
            address="Thôn Đông, xã Thử Nghiệm, tỉnh Hưng Yên",
            phone="*******678",
            lead_agency="Công chức Tư pháp - Hộ tịch",
            received_at=vn(2026, 11, 23, 9),
            appointment_at=vn(2026, 11, 25, 9),
            sent_at=None,
            result_at=None,
            returned_at=None,
            receiver_name="",
            status=Status.RECEIVED,
            notes="",
        )
        for i in range(1, 1001)
    ]


def test_bad_ranges_and_unmasking_rights(pcore: Core, clerk: Actor, out_dir: Path) -> None:
    for start, end in (
        (date(2026, 11, 30), date(2026, 11, 1)),
        (date(2025, 1, 1), date(2026, 6, 1)),
    ):
        with pytest.raises(AppError) as err:
            tracking_book.produce_book(pcore, clerk, start, end, out_dir / "b.pdf")
        assert err.value.code == "E_DATE_RANGE"
    with pytest.raises(PermissionDenied):  # a clerk may not print phone numbers in clear
        tracking_book.produce_book(
            pcore, clerk, date(2026, 11, 1), date(2026, 11, 2), out_dir / "b.pdf", unmasked=True
        )
    assert list(out_dir.iterdir()) == []
