"""Tiếp nhận: the applicant from a card scan or typed, the procedure, register, the draft."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from counter_app.domain.status import Status
from counter_app.services import dossiers
from tests.support import factories
from tests.ui.helpers import QR_AN, QR_NGOC, answer
from tests.ui.keys import enter, type_text
from ui.intake.view import IntakeView
from ui.session import Session


@pytest.fixture
def intake(qtbot: QtBot, session: Session) -> IntakeView:
    view = IntakeView(session)
    qtbot.addWidget(view)
    view.resize(1366, 740)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    return view


def pick(qtbot: QtBot, view: IntakeView, typed: str) -> None:
    view.picker.search.setFocus()
    type_text(view.picker.search, typed)
    qtbot.waitUntil(lambda: view.picker.results.count() > 0 and view.picker.current() is not None)
    enter(view.picker.search)


def test_a_card_scan_fills_the_applicant_and_moves_on_to_the_procedure(
    qtbot: QtBot, intake: IntakeView
) -> None:
    assert intake.fill_card(QR_NGOC)
    a = intake.applicant
    assert a.id_edit.text() == "079195001234"
    assert a.name_edit.text() == "Trần Thị Bích Ngọc"
    assert a.birth_edit.text() == "12/03/1995"
    assert a.gender_combo.currentText() == "Nữ"
    assert a.address_edit.text() == "12 Lê Lợi, phường Bến Thành, TP.HCM"
    assert "Hồ Chí Minh" in a.id_status.text()
    assert QApplication.focusWidget() is intake.picker.search


def test_a_returning_applicant_gets_their_earlier_details_back(
    qtbot: QtBot, intake: IntakeView, session: Session
) -> None:
    factories.register(session.core, procedure="1.001193", phone="0987 654 321")
    intake.fill_card(QR_AN)
    assert intake.applicant.phone_edit.text() == "0987 654 321"
    assert "đã đến trước đây" in intake.applicant.notice.text()
    assert intake.applicant.name_edit.text() == "Nguyễn Văn An"  # the card wins over old data


def test_the_id_is_checked_as_it_is_typed_and_warnings_do_not_block(
    qtbot: QtBot, intake: IntakeView, session: Session
) -> None:
    a = intake.applicant
    a.id_edit.setFocus()
    type_text(a.id_edit, "07919")
    assert "12 chữ số" in a.id_status.text()
    type_text(a.id_edit, "5001234")
    assert "Hồ Chí Minh" in a.id_status.text() and "1995" in a.id_status.text()
    a.birth_edit.setText("12/03/1994")
    a.set_gender(None)
    assert "1994" in a.warnings.text() and a.warnings.isVisibleTo(intake)
    a.name_edit.setFocus()
    type_text(a.name_edit, "Trần Thị Bích Ngọc")
    pick(qtbot, intake, "2.000815")
    with qtbot.waitSignal(intake.registered) as saved:
        intake.register()
    result = saved.args[0]
    assert any("1994" in w for w in result.warnings)  # warned, not refused
    view = dossiers.show(session.core, session.actor, result.code)
    assert view.holder_name == "Trần Thị Bích Ngọc"


def test_a_procedure_is_found_by_its_name_typed_without_accents(
    qtbot: QtBot, intake: IntakeView
) -> None:
    pick(qtbot, intake, "chung thuc ban sao")
    spec = intake.spec
    assert spec is not None and spec.code == "2.000815"
    assert intake.checklist.rowCount() == len(spec.components)
    assert intake.checklist.components()[0].name == spec.components[0].name
    assert "2.000 đ" in intake.fee_label.text()
    assert intake.duration_label.text() == "Trong ngày"
    assert "/" in intake.appointment_label.text()  # e.g. "17:00, thứ Hai ngày 23/11/2026"
    assert QApplication.focusWidget() is intake.checklist_view


def test_a_procedure_is_found_by_its_code_and_the_checklist_follows_the_catalogue(
    qtbot: QtBot, intake: IntakeView
) -> None:
    pick(qtbot, intake, "1.001193")
    spec = intake.spec
    assert spec is not None and spec.name.startswith("Thủ tục đăng ký khai sinh")
    required = [c.name for c in spec.components if c.required]
    assert [c.name for c in intake.checklist.components()] == required
    assert intake.duration_label.text() == "1 ngày làm việc"


def test_register_saves_every_field_and_starts_a_fresh_form(
    qtbot: QtBot, intake: IntakeView, session: Session
) -> None:
    intake.fill_card(QR_AN)
    intake.applicant.phone_edit.setText("0912 000 111")
    pick(qtbot, intake, "1.001193")
    view = intake.checklist_view
    row = next(i for i, r in enumerate(intake.checklist.rows) if r["required"] and i > 0)
    view.setCurrentIndex(intake.checklist.index(row, 1))
    qtbot.keyClick(view, Qt.Key.Key_Space)  # unticks a required component
    intake.submitter.toggle.setChecked(True)
    type_text(intake.submitter.name_edit, "Nguyễn Thị Hoa")
    type_text(intake.submitter.relation_edit, "vợ")
    intake.return_method.setCurrentIndex(1)
    type_text(intake.return_address, "Xóm Bãi, xã Minh Khai")
    intake.sets.setValue(2)
    intake.notes.setPlainText("Nộp thay chồng")
    unticked = intake.checklist.rows[row]["name"]
    expected = [c.name for c in intake.checklist.components()]
    assert unticked not in expected
    answer(QMessageBox.StandardButton.Yes)  # a required component is not ticked: go on
    with qtbot.waitSignal(intake.registered) as saved:
        intake.register()
    stored = dossiers.show(session.core, session.actor, saved.args[0].code)
    assert stored.status is Status.RECEIVED
    assert stored.holder_name == "Nguyễn Văn An"
    assert stored.holder_phone == "0912 000 111"
    assert stored.holder_id_masked == "0010******45"
    assert stored.submitter_name == "Nguyễn Thị Hoa" and stored.submitter_relation == "vợ"
    assert stored.return_method == 1 and stored.return_address == "Xóm Bãi, xã Minh Khai"
    assert stored.sets_count == 2 and stored.notes == "Nộp thay chồng"
    assert [c.name for c in stored.components] == expected  # what was ticked, in order
    assert intake.checklist.rows == []  # and the form is empty again
    assert intake.applicant.is_empty() and intake.spec is None
    assert not intake.draft.path.exists()


def test_a_refused_register_says_why_and_what_to_do_and_keeps_the_form(
    qtbot: QtBot, intake: IntakeView, session: Session
) -> None:
    intake.applicant.id_edit.setText("079195001234")
    pick(qtbot, intake, "2.000815")
    intake.register()
    assert intake.banner.kind == "error"
    assert "Chưa nhập họ tên" in intake.banner.text()
    assert QApplication.focusWidget() is intake.applicant.name_edit
    assert intake.spec is not None  # nothing typed was lost
    assert dossiers.search(session.core, session.actor, "") == []


def test_register_without_a_procedure_points_at_the_procedure_field(
    qtbot: QtBot, intake: IntakeView
) -> None:
    intake.fill_card(QR_AN)
    intake.register()
    assert "Chưa chọn thủ tục" in intake.banner.text()
    assert "Cách xử lý" in intake.banner.text()
    assert QApplication.focusWidget() is intake.picker.search


def test_a_missing_required_component_can_stop_the_register(
    qtbot: QtBot, intake: IntakeView, session: Session
) -> None:
    intake.fill_card(QR_AN)
    pick(qtbot, intake, "2.000815")
    intake.checklist.toggle(0)
    boxes = answer(QMessageBox.StandardButton.No)
    intake.register()
    assert boxes and "Bản chính giấy tờ" in boxes[0].text()
    assert dossiers.search(session.core, session.actor, "") == []


def test_a_bad_card_scan_is_explained(qtbot: QtBot, intake: IntakeView) -> None:
    assert not intake.fill_card("001090012345||Nguyễn Văn An|31021990|Nam|Hà Nội|")
    assert intake.banner.kind == "error"
    assert "ngày sinh" in intake.banner.text().lower()
    assert intake.applicant.is_empty()


def test_the_draft_survives_closing_half_way_and_is_sealed_on_disk(
    qtbot: QtBot, intake: IntakeView, session: Session
) -> None:
    intake.fill_card(QR_AN)
    pick(qtbot, intake, "1.001193")
    intake.checklist.toggle(0)
    intake.notes.setPlainText("Chờ bổ sung ảnh")
    intake.save_draft_now()
    raw = intake.draft.path.read_bytes()
    assert "Nguyễn".encode() not in raw and b"001090012345" not in raw

    again = IntakeView(session)
    qtbot.addWidget(again)
    assert again.applicant.name_edit.text() == "Nguyễn Văn An"
    assert again.applicant.id_edit.text() == "001090012345"
    assert again.spec is not None and again.spec.code == "1.001193"
    assert again.checklist.rows[0]["checked"] is False  # the clerk's own ticks, not defaults
    assert again.notes.toPlainText() == "Chờ bổ sung ảnh"
    assert "khôi phục" in again.banner.text()


def test_typing_saves_the_draft_by_itself(qtbot: QtBot, intake: IntakeView) -> None:
    intake.applicant.name_edit.setFocus()
    type_text(intake.applicant.name_edit, "Lê Hoàng Đức")
    qtbot.waitUntil(intake.draft.path.exists, timeout=3000)
    assert intake.draft.load()["applicant"]["name"] == "Lê Hoàng Đức"  # type: ignore[index]


def test_a_damaged_draft_is_set_aside_not_fatal(qtbot: QtBot, session: Session) -> None:
    first = IntakeView(session)
    qtbot.addWidget(first)
    first.draft.path.parent.mkdir(parents=True, exist_ok=True)
    first.draft.path.write_bytes(b"not a sealed draft")
    view = IntakeView(session)
    qtbot.addWidget(view)
    assert view.applicant.is_empty()
    assert view.draft.path.with_suffix(".damaged").exists()


def test_with_nothing_typed_enter_takes_the_procedure_used_last(
    qtbot: QtBot, intake: IntakeView, session: Session
) -> None:
    intake.picker.search.setFocus()
    intake.picker.refresh()
    enter(intake.picker.search)
    assert intake.spec is None  # no history yet: an empty Enter picks nothing by chance
    pick(qtbot, intake, "xac nhan tinh trang hon nhan")
    assert intake.spec is not None
    used = intake.spec.code
    intake.clear()

    again = IntakeView(session)  # another day, the same clerk
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.activateWindow()
    again.fill_card(QR_AN)  # focus moves to the empty procedure field
    qtbot.waitUntil(lambda: again.picker.current() is not None)
    enter(again.picker.search)
    assert again.spec is not None and again.spec.code == used
