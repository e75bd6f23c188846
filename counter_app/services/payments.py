"""Nộp phí, lệ phí: what a dossier owes, what was paid (cash or bank transfer), and the VietQR
code that lets the citizen pay the rest from any banking app.

A counter takes the exact amount owed; a part payment is allowed only when the clerk says so
(`partial=True`), and never more than is outstanding. A transfer is recorded with the bank's
reference so it can be matched on the statement. When the fee is paid in full, the dossier's
fee lines are marked paid (method and reference), and the provincial system is told (outbox).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from counter_app.config import PaymentSettings
from counter_app.domain import vietqr
from counter_app.errors import ConfigError, NotFound, ValidationError
from counter_app.services.context import Actor, Core, UnitOfWork, require
from counter_app.storage import models as m
from counter_app.text import clean

METHODS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản"}
MAX_REFERENCE = 100
MAX_NOTE = 500
_REFERENCE_OK = re.compile(r"^[0-9A-Za-z .:/_\-]+$")


@dataclass(frozen=True)
class PaymentView:
    id: int
    method: str  # cash | transfer
    amount_vnd: int
    reference: str
    recorded_at: datetime
    recorded_by: str
    counter: str
    note: str

    @property
    def method_label(self) -> str:
        return METHODS.get(self.method, self.method)


@dataclass(frozen=True)
class FeeState:
    """Owed (the dossier's fee total), paid so far, outstanding."""

    code: str
    owed: int
    paid: int
    payments: tuple[PaymentView, ...]

    @property
    def outstanding(self) -> int:
        return max(self.owed - self.paid, 0)

    @property
    def state(self) -> str:
        """none (no fee) | unpaid | partial | paid."""
        if self.owed == 0:
            return "none"
        if self.paid == 0:
            return "unpaid"
        return "paid" if self.outstanding == 0 else "partial"

    @property
    def label(self) -> str:
        return {
            "none": "Không thu phí",
            "unpaid": "Chưa nộp phí",
            "partial": "Đã nộp một phần",
            "paid": "Đã nộp đủ",
        }[self.state]


@dataclass(frozen=True)
class PaymentQr:
    """A VietQR code for what is still owed, and what to print or show beside it."""

    payload: str
    amount: int
    purpose: str
    bank_bin: str
    bank_name: str
    account: str
    account_name: str


@dataclass(frozen=True)
class RecordRequest:
    code: str
    method: str
    amount_vnd: int
    reference: str = ""
    note: str = ""
    partial: bool = False  # the clerk accepts less than what is outstanding


def configured(settings: PaymentSettings) -> bool:
    """A VietQR can be made: a bank and an account are set."""
    return bool(settings.bank_bin.strip() and settings.account.strip())


def qr_for(settings: PaymentSettings, amount: int, purpose: str) -> PaymentQr:
    """A code for `amount` to the configured account (validated: E_VIETQR_… on bad input)."""
    if not configured(settings):
        raise ValidationError(
            "E_VIETQR_NOT_CONFIGURED",
            "Chưa cấu hình tài khoản nhận phí (payment.bank_bin và payment.account).",
            hint="Khai báo mã BIN ngân hàng và số tài khoản của cơ quan trong tệp cấu hình.",
        )
    transfer = vietqr.Transfer(settings.bank_bin, settings.account, amount, purpose)
    payload = vietqr.build(transfer)
    decoded = vietqr.parse(payload).transfer  # the normalized values, as the bank will see them
    return PaymentQr(
        payload=payload,
        amount=decoded.amount,
        purpose=decoded.purpose,
        bank_bin=decoded.bank_bin,
        bank_name=vietqr.bank_name(decoded.bank_bin, clean(settings.bank_name)),
        account=decoded.account,
        account_name=clean(settings.account_name),
    )


def qr_in(uow: UnitOfWork, code: str) -> PaymentQr | None:
    """The code for what a dossier still owes; None when nothing is owed or no account is set."""
    settings = uow.core.settings.payment
    if not configured(settings):
        return None
    state = _state(uow, _dossier(uow, code))
    if state.outstanding == 0:
        return None
    try:
        return qr_for(settings, state.outstanding, vietqr.purpose_for(state.code))
    except ValidationError as exc:  # a wrong [payment] setting, not the clerk's input
        raise ConfigError(
            exc.code,
            f"Cấu hình tài khoản nhận phí sai: {exc.message}",
            hint="Sửa mục [payment] trong tệp cấu hình (hoặc để trống payment.bank_bin "
            "để không in mã VietQR).",
        ) from exc


def dossier_qr(core: Core, actor: Actor, code: str) -> PaymentQr | None:
    require(actor, "view")
    with core.uow(write=False) as uow:
        return qr_in(uow, code)


def fee_state(core: Core, actor: Actor, code: str) -> FeeState:
    require(actor, "view")
    with core.uow(write=False) as uow:
        return _state(uow, _dossier(uow, code))


def list_payments(core: Core, actor: Actor, code: str) -> list[PaymentView]:
    return list(fee_state(core, actor, code).payments)


def record(core: Core, actor: Actor, request: RecordRequest) -> FeeState:
    """Record a payment received at the counter; audited, all or nothing."""
    require(actor, "intake")
    method = clean(request.method).lower()
    if method not in METHODS:
        raise ValidationError(
            "E_PAYMENT_METHOD",
            f"Hình thức nộp {request.method!r} không hợp lệ: tiền mặt (cash) "
            "hoặc chuyển khoản (transfer).",
        )
    reference = clean(request.reference)
    note = clean(request.note, multiline=True)
    amount = request.amount_vnd
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValidationError(
            "E_PAYMENT_AMOUNT", f"Số tiền {amount!r} không hợp lệ: phải là số nguyên đồng > 0."
        )
    if method == "transfer" and not reference:
        raise ValidationError(
            "E_PAYMENT_REFERENCE",
            "Nộp bằng chuyển khoản cần ghi mã giao dịch (số tham chiếu) của ngân hàng.",
            hint="Mã giao dịch in trên màn hình ứng dụng ngân hàng của người nộp.",
        )
    if len(reference) > MAX_REFERENCE or (reference and not _REFERENCE_OK.match(reference)):
        raise ValidationError(
            "E_PAYMENT_REFERENCE",
            f"Mã giao dịch {reference!r} không hợp lệ: tối đa {MAX_REFERENCE} ký tự gồm chữ "
            "không dấu, số, dấu cách và . : / _ -.",
        )
    if len(note) > MAX_NOTE:
        raise ValidationError("E_PAYMENT_NOTE", f"Ghi chú dài quá {MAX_NOTE} ký tự.")
    with core.uow() as uow:
        # The dossier row is locked (PostgreSQL) so two counters cannot both take the last
        # outstanding amount; SQLite has one writer anyway.
        dossier = _dossier(uow, request.code, lock=True)
        before = _state(uow, dossier)
        _check_amount(before, amount, partial=request.partial)
        if method == "transfer" and _reference_used(uow, reference):
            raise _duplicate(reference)
        now = core.now()
        uow.session.add(
            m.FeePayment(
                dossier_id=dossier.id,
                method=method,
                amount_vnd=amount,
                reference=reference,
                recorded_at=now,
                recorded_by=actor.user_id,
                recorded_by_name=actor.full_name,
                counter=actor.counter or core.settings.counter.counter,
                note=note,
            )
        )
        try:
            uow.session.flush()
        except IntegrityError as exc:  # another counter recorded the same transfer just now
            raise _duplicate(reference) from exc
        if before.outstanding == amount:  # paid in full: the fee lines say how
            for fee in dossier.fees:
                fee.paid, fee.payment_method, fee.paid_at = True, method, now
                fee.payment_ref = reference[:100]
            dossier.updated_at = now
            uow.enqueue("dossier", dossier.id)
        uow.audit(
            actor,
            "payment",
            "dossier",
            dossier.code,
            subject_lookup=dossier.holder_id_lookup,
            detail=f"Nộp phí {amount} đồng ({METHODS[method]})"
            + (f", mã giao dịch {reference}" if reference else ""),
        )
        after = _state(uow, dossier)
        uow.commit()
        return after


def _duplicate(reference: str) -> ValidationError:
    return ValidationError(
        "E_PAYMENT_DUPLICATE",
        f"Mã giao dịch {reference} đã được ghi nhận cho một khoản nộp khác.",
        hint="Kiểm tra lại: một giao dịch ngân hàng chỉ ghi nhận một lần.",
    )


def _check_amount(state: FeeState, amount: int, *, partial: bool) -> None:
    money = _money
    if state.owed == 0:
        raise ValidationError("E_PAYMENT_NO_FEE", f"Hồ sơ {state.code} không thu phí, lệ phí.")
    if state.outstanding == 0:
        raise ValidationError(
            "E_PAYMENT_ALREADY_PAID",
            f"Hồ sơ {state.code} đã nộp đủ {money(state.owed)}.",
        )
    if amount > state.outstanding:
        raise ValidationError(
            "E_PAYMENT_TOO_MUCH",
            f"Số tiền {money(amount)} lớn hơn số còn phải nộp ({money(state.outstanding)}).",
        )
    if amount < state.outstanding and not partial:
        raise ValidationError(
            "E_PAYMENT_AMOUNT_MISMATCH",
            f"Số tiền {money(amount)} khác số còn phải nộp ({money(state.outstanding)}).",
            hint="Nhập đúng số tiền, hoặc đánh dấu là nộp một phần.",
        )


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _reference_used(uow: UnitOfWork, reference: str) -> bool:
    count = uow.session.scalar(
        select(func.count(m.FeePayment.id)).where(
            m.FeePayment.method == "transfer", m.FeePayment.reference == reference
        )
    )
    return bool(count)


def _dossier(uow: UnitOfWork, code: str, *, lock: bool = False) -> m.Dossier:
    stmt = select(m.Dossier).where(m.Dossier.code == clean(code).upper())
    dossier = uow.session.scalars(stmt.with_for_update() if lock else stmt).one_or_none()
    if dossier is None:
        raise NotFound(
            "E_DOSSIER_UNKNOWN",
            f"Không tìm thấy hồ sơ mã {code!r}.",
            hint="Kiểm tra lại mã trên giấy tiếp nhận.",
        )
    return dossier


def _state(uow: UnitOfWork, dossier: m.Dossier) -> FeeState:
    rows = uow.session.scalars(
        select(m.FeePayment)
        .where(m.FeePayment.dossier_id == dossier.id)
        .order_by(m.FeePayment.recorded_at, m.FeePayment.id)
    ).all()
    payments = tuple(
        PaymentView(
            r.id,
            r.method,
            r.amount_vnd,
            r.reference,
            r.recorded_at,
            r.recorded_by_name,
            r.counter,
            r.note,
        )
        for r in rows
    )
    return FeeState(dossier.code, dossier.fee_total, sum(p.amount_vnd for p in payments), payments)
