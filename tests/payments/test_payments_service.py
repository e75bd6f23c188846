"""Recording fee payments: what a counter may accept, what it refuses, what it leaves behind."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from counter_app.domain import vietqr
from counter_app.errors import AppError, ConfigError, ValidationError
from counter_app.services import payments
from counter_app.services.context import Actor, Core
from counter_app.services.dossiers import show
from counter_app.storage import models as m
from tests.payments.conftest import ACCOUNT, BANK_BIN
from tests.support import factories


def _record(core: Core, actor: Actor, code: str, **kw: object) -> payments.FeeState:
    return payments.record(core, actor, payments.RecordRequest(code=code, **kw))  # type: ignore[arg-type]


def _rows(core: Core, table: type) -> int:
    with core.uow(write=False) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(table)) or 0)


def test_a_fee_starts_unpaid_and_a_full_transfer_settles_it(
    pay_core: Core, clerk: Actor, fee_code: str
) -> None:
    state = payments.fee_state(pay_core, clerk, fee_code)
    assert (state.owed, state.paid, state.outstanding, state.state) == (2000, 0, 2000, "unpaid")
    after = _record(
        pay_core, clerk, fee_code, method="transfer", amount_vnd=2000, reference="FT26327123456"
    )
    assert (after.paid, after.outstanding, after.state) == (2000, 0, "paid")
    [p] = payments.list_payments(pay_core, clerk, fee_code)
    assert (p.method, p.amount_vnd, p.reference, p.recorded_by, p.counter) == (
        "transfer",
        2000,
        "FT26327123456",
        "Nguyễn Thị Lan",
        "2",
    )
    # The dossier's fee lines now say how it was paid (the provincial payload reads them).
    fees = show(pay_core, clerk, fee_code).fees
    assert all(
        f.paid and f.payment_method == "transfer" and f.payment_ref == "FT26327123456" for f in fees
    )


def test_payment_is_audited_and_the_provincial_system_is_told(
    pay_core: Core, clerk: Actor, fee_code: str
) -> None:
    outbox_before = _rows(pay_core, m.OutboxRow)
    _record(pay_core, clerk, fee_code, method="cash", amount_vnd=2000)
    with pay_core.uow(write=False) as uow:
        events = [
            (e.object_id, e.username, e.detail)
            for e in uow.session.scalars(
                select(m.AuditEvent).where(m.AuditEvent.action == "payment")
            )
        ]
    assert [(obj, user) for obj, user, _ in events] == [(fee_code, "canbo")]
    assert "2000" in events[0][2] and "Tiền mặt" in events[0][2]
    assert _rows(pay_core, m.OutboxRow) == outbox_before + 1


def test_a_part_payment_needs_the_clerks_say_so(
    pay_core: Core, clerk: Actor, fee_code: str
) -> None:
    with pytest.raises(ValidationError) as err:
        _record(pay_core, clerk, fee_code, method="cash", amount_vnd=500)
    assert err.value.code == "E_PAYMENT_AMOUNT_MISMATCH" and "2.000 đồng" in err.value.message
    assert _rows(pay_core, m.FeePayment) == 0
    state = _record(pay_core, clerk, fee_code, method="cash", amount_vnd=500, partial=True)
    assert (state.paid, state.outstanding, state.state) == (500, 1500, "partial")
    # The fee lines are marked paid only once the whole fee is in.
    assert not any(f.paid for f in show(pay_core, clerk, fee_code).fees)
    state = _record(pay_core, clerk, fee_code, method="transfer", amount_vnd=1500, reference="FT1")
    assert state.state == "paid" and len(state.payments) == 2


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"method": "cash", "amount_vnd": 3000}, "E_PAYMENT_TOO_MUCH"),
        ({"method": "cash", "amount_vnd": 0}, "E_PAYMENT_AMOUNT"),
        ({"method": "cash", "amount_vnd": -2000}, "E_PAYMENT_AMOUNT"),
        ({"method": "cheque", "amount_vnd": 2000}, "E_PAYMENT_METHOD"),
        ({"method": "transfer", "amount_vnd": 2000}, "E_PAYMENT_REFERENCE"),
        (
            {"method": "transfer", "amount_vnd": 2000, "reference": "mã giao dịch"},
            "E_PAYMENT_REFERENCE",
        ),
        ({"method": "cash", "amount_vnd": 2000, "note": "x" * 501}, "E_PAYMENT_NOTE"),
    ],
)
def test_bad_payments_are_refused_and_nothing_is_written(
    pay_core: Core, clerk: Actor, fee_code: str, kw: dict[str, object], code: str
) -> None:
    audit_before = _rows(pay_core, m.AuditEvent)
    with pytest.raises(ValidationError) as err:
        _record(pay_core, clerk, fee_code, **kw)
    assert err.value.code == code
    assert _rows(pay_core, m.FeePayment) == 0 and _rows(pay_core, m.AuditEvent) == audit_before


def test_no_fee_nothing_owed_and_unknown_dossiers(
    pay_core: Core, clerk: Actor, fee_code: str, free_code: str
) -> None:
    with pytest.raises(ValidationError) as err:
        _record(pay_core, clerk, free_code, method="cash", amount_vnd=1000)
    assert err.value.code == "E_PAYMENT_NO_FEE"
    _record(pay_core, clerk, fee_code, method="cash", amount_vnd=2000)
    with pytest.raises(ValidationError) as err:
        _record(pay_core, clerk, fee_code, method="cash", amount_vnd=2000)
    assert err.value.code == "E_PAYMENT_ALREADY_PAID"
    with pytest.raises(AppError) as err2:
        _record(pay_core, clerk, "000.00.01.H22-261123-9999", method="cash", amount_vnd=1)
    assert err2.value.code == "E_DOSSIER_UNKNOWN"


def test_one_bank_transaction_is_recorded_once(pay_core: Core, clerk: Actor) -> None:
    a = factories.register(pay_core, clerk, procedure="2.000815").code
    b = factories.register(pay_core, clerk, procedure="2.000815", id_number="001090012346").code
    _record(pay_core, clerk, a, method="transfer", amount_vnd=2000, reference="FT777")
    with pytest.raises(ValidationError) as err:
        _record(pay_core, clerk, b, method="transfer", amount_vnd=2000, reference="FT777")
    assert err.value.code == "E_PAYMENT_DUPLICATE"


def test_the_vietqr_asks_for_what_is_still_owed(
    pay_core: Core, clerk: Actor, fee_code: str, free_code: str
) -> None:
    qr = payments.dossier_qr(pay_core, clerk, fee_code)
    assert qr is not None
    t = vietqr.parse(qr.payload).transfer
    assert (t.bank_bin, t.account, t.amount, t.purpose) == (BANK_BIN, ACCOUNT, 2000, fee_code)
    assert (qr.bank_name, qr.account_name) == ("Agribank", "UBND xã Thử Nghiệm")
    _record(pay_core, clerk, fee_code, method="cash", amount_vnd=500, partial=True)
    qr = payments.dossier_qr(pay_core, clerk, fee_code)
    assert qr is not None and vietqr.parse(qr.payload).transfer.amount == 1500
    _record(pay_core, clerk, fee_code, method="cash", amount_vnd=1500)
    assert payments.dossier_qr(pay_core, clerk, fee_code) is None  # paid: nothing to scan
    assert payments.dossier_qr(pay_core, clerk, free_code) is None  # no fee


def test_no_vietqr_without_an_account_and_a_clear_error_for_a_wrong_one(
    pay_core: Core, clerk: Actor, fee_code: str
) -> None:
    pay_core.settings.payment.account = ""
    assert payments.dossier_qr(pay_core, clerk, fee_code) is None
    pay_core.settings.payment.account = ACCOUNT
    pay_core.settings.payment.bank_bin = "9704"
    with pytest.raises(ConfigError) as err:
        payments.dossier_qr(pay_core, clerk, fee_code)
    assert err.value.code == "E_VIETQR_BIN" and "[payment]" in err.value.hint
    # Cash stays possible whatever the bank settings say.
    assert _record(pay_core, clerk, fee_code, method="cash", amount_vnd=2000).state == "paid"


def test_two_counters_taking_the_same_fee_at_once_record_it_once(
    pay_core: Core, clerk: Actor, fee_code: str
) -> None:
    import threading

    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def pay() -> None:
        barrier.wait()
        try:
            _record(pay_core, clerk, fee_code, method="cash", amount_vnd=2000)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=pay) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["E_PAYMENT_ALREADY_PAID"] * 3 + ["ok"]
    assert payments.fee_state(pay_core, clerk, fee_code).paid == 2000


def test_one_bank_transfer_paid_for_two_dossiers_at_once_is_recorded_once(
    pay_core: Core, clerk: Actor
) -> None:
    """Two counters, two dossiers, the same bank reference at the same moment: the check
    before writing cannot see the other's uncommitted row, the unique index must."""
    import threading

    codes = [
        factories.register(pay_core, clerk, procedure="2.000815", id_number=f"00109001234{i}").code
        for i in range(4)
    ]
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def pay(code: str) -> None:
        barrier.wait()
        try:
            _record(pay_core, clerk, code, method="transfer", amount_vnd=2000, reference="FT9")
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=pay, args=(code,)) for code in codes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["E_PAYMENT_DUPLICATE"] * 3 + ["ok"]
    assert _rows(pay_core, m.FeePayment) == 1
