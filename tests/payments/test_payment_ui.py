"""The VietQR on screen and "Ghi nhận nộp phí" (pytest-qt, offscreen): the code drawn on the
screen decodes to the fee owed; the dialog records cash or a transfer, Vietnamese typed as
key events (STACK.md trap 1)."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from counter_app.domain import vietqr
from counter_app.services import payments, users
from counter_app.services.context import Actor, Core
from tests.payments.conftest import ACCOUNT, BANK_BIN
from tests.support import factories
from tests.ui.keys import type_text
from ui.payment import PaymentDialog, PaymentPanel, VietQrWidget
from ui.session import Session
from ui.tasks import SyncRunner

pytestmark = pytest.mark.ui


@pytest.fixture
def session(pay_core: Core, clerk: Actor) -> Session:
    user = users.authenticate(pay_core, "canbo", "matkhau-123")
    return Session(core=pay_core, user=user, runner=SyncRunner())


def _decode(widget: QWidget) -> list[str]:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().toImage().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data())))
    return [r.text for r in zxingcpp.read_barcodes(image)]


def test_the_widget_draws_a_code_a_phone_reads(qtbot: QtBot, pay_core: Core) -> None:
    widget = VietQrWidget()
    qtbot.addWidget(widget)
    qr = payments.qr_for(pay_core.settings.payment, 50000, "Lệ phí chứng thực")
    widget.set_qr(qr)
    widget.show()
    assert _decode(widget.image) == [qr.payload]
    t = vietqr.parse(qr.payload).transfer
    assert (t.bank_bin, t.account, t.amount, t.purpose) == (
        BANK_BIN,
        ACCOUNT,
        50000,
        "Le phi chung thuc",
    )
    assert widget.amount.text() == "50.000 đ"
    assert "UBND xã Thử Nghiệm, Agribank" in widget.payee.text()
    assert ACCOUNT in widget.payee.text()
    assert widget.purpose.text().endswith("Le phi chung thuc")
    widget.set_qr(None)
    assert widget.isHidden() and widget.payload == ""


def test_the_dossier_panel_shows_what_is_owed_and_its_code(
    qtbot: QtBot, session: Session, fee_code: str, free_code: str
) -> None:
    panel = PaymentPanel(session)
    qtbot.addWidget(panel)
    panel.load(fee_code)
    assert not panel.isHidden()
    assert "Chưa nộp phí" in panel.summary.text() and "2.000 đ" in panel.summary.text()
    panel.show()
    [payload] = _decode(panel.qr.image)
    t = vietqr.parse(payload).transfer
    assert (t.amount, t.purpose) == (2000, fee_code)
    assert panel.record_button.isEnabled()
    panel.load(free_code)  # no fee: nothing to show
    assert panel.isHidden()


def test_the_intake_fee_area_previews_then_shows_the_registered_dossiers_code(
    qtbot: QtBot, session: Session, pay_core: Core, clerk: Actor
) -> None:
    from ui.intake.procedure_box import ProcedureBox

    box = ProcedureBox(session)
    qtbot.addWidget(box)
    box.show()
    fee_spec = next(p for p in factories.PROCEDURES if p.fees)
    box.show_spec(fee_spec)
    assert box.payment.isVisible() and box.payment.qr.isHidden()
    assert "2.000 đ" in box.payment.summary.text()
    free_spec = next(p for p in factories.PROCEDURES if not p.fees)
    box.show_spec(free_spec)
    assert box.payment.isHidden()
    code = factories.register(pay_core, clerk, procedure=fee_spec.code).code
    box.clear()  # what the intake screen does once saved, before showing the code
    box.payment.load(code)
    assert box.payment.isVisible()
    [payload] = _decode(box.payment.qr.image)
    assert vietqr.parse(payload).transfer.purpose == code


def test_no_account_configured_no_code(qtbot: QtBot, session: Session, fee_code: str) -> None:
    session.core.settings.payment.bank_bin = ""
    panel = PaymentPanel(session)
    qtbot.addWidget(panel)
    panel.load(fee_code)
    assert not panel.isHidden() and panel.qr.isHidden()  # the fee shows, cash is still possible
    panel.preview(2000)
    assert panel.isHidden()


def test_recording_a_transfer_with_its_reference_and_a_vietnamese_note(
    qtbot: QtBot, session: Session, fee_code: str
) -> None:
    state = payments.fee_state(session.core, session.actor, fee_code)
    dialog = PaymentDialog(session, state)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.amount.text() == "2000" and not dialog.reference.isEnabled()
    dialog.transfer.setChecked(True)
    assert dialog.reference.isEnabled()
    dialog.ok_button.click()  # no reference yet: refused, the dialog stays
    assert dialog.isVisible() and "mã giao dịch" in dialog.banner.text()
    assert payments.fee_state(session.core, session.actor, fee_code).paid == 0
    dialog.reference.setFocus()
    type_text(dialog.reference, "FT26327555")
    dialog.note.setFocus()
    type_text(dialog.note, "Người nộp chuyển từ Vietcombank")
    dialog.ok_button.click()
    assert dialog.result() == PaymentDialog.DialogCode.Accepted
    assert dialog.state is not None and dialog.state.state == "paid"
    [p] = payments.list_payments(session.core, session.actor, fee_code)
    assert (p.method, p.reference, p.note) == (
        "transfer",
        "FT26327555",
        "Người nộp chuyển từ Vietcombank",
    )


def test_a_part_cash_payment_must_be_ticked_as_partial(
    qtbot: QtBot, session: Session, fee_code: str
) -> None:
    state = payments.fee_state(session.core, session.actor, fee_code)
    dialog = PaymentDialog(session, state)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.amount.clear()
    type_text(dialog.amount, "500")
    dialog.ok_button.click()
    assert dialog.isVisible() and "2.000 đồng" in dialog.banner.text()
    dialog.amount.clear()
    type_text(dialog.amount, "năm trăm")
    dialog.ok_button.click()
    assert dialog.isVisible() and "số nguyên" in dialog.banner.text()
    dialog.amount.clear()
    type_text(dialog.amount, "500")
    dialog.partial.setChecked(True)
    dialog.ok_button.click()
    assert dialog.state is not None
    assert (dialog.state.paid, dialog.state.outstanding) == (500, 1500)


@pytest.fixture
def private_qsettings(tmp_path: object) -> None:
    """QSettings (recent procedures) in the test's folder, never the user's."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("MotCuaTest")
    QCoreApplication.setApplicationName("counter-app-test")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, f"{tmp_path}/qs")


def test_after_registering_a_fee_the_intake_screen_shows_its_vietqr(
    qtbot: QtBot, session: Session, private_qsettings: None
) -> None:
    from tests.ui.helpers import QR_AN
    from tests.ui.keys import enter
    from ui.intake.view import IntakeView

    view = IntakeView(session)
    qtbot.addWidget(view)
    view.resize(1366, 740)
    view.show()
    qtbot.waitExposed(view)
    view.fill_card(QR_AN)
    view.picker.search.setFocus()
    type_text(view.picker.search, "2.000815")
    qtbot.waitUntil(lambda: view.picker.current() is not None)
    enter(view.picker.search)
    panel = view.procedure.payment
    assert panel.isVisible() and "2.000 đ" in panel.summary.text() and panel.qr.isHidden()
    with qtbot.waitSignal(view.registered) as saved:
        view.register()
    code = saved.args[0].code
    assert view.spec is None  # a fresh form, but the fee's code stays until the next dossier
    assert panel.isVisible() and code in panel.qr.title.text()
    [payload] = _decode(panel.qr.image)
    t = vietqr.parse(payload).transfer
    assert (t.bank_bin, t.account, t.amount, t.purpose) == (BANK_BIN, ACCOUNT, 2000, code)
