"""Fee commands: `vietqr` (print or check a VietQR payload) and `payment record|list`.

`vietqr` takes the bank and account from `[payment]` in the configuration unless given;
`payment` commands run as the local system account, like the other IT commands.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from counter_app.cli_support import Context, add_json_flag
from counter_app.domain import vietqr
from counter_app.domain.calendar import VN_TZ
from counter_app.errors import AppError, ValidationError
from counter_app.services import payments
from counter_app.services.context import SYSTEM


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("vietqr", help="tạo (hoặc kiểm tra) mã VietQR chuyển khoản nộp phí")
    p.add_argument("--amount", type=int, metavar="N", help="số tiền (đồng, số nguyên)")
    p.add_argument("--purpose", metavar="TEXT", help="nội dung chuyển khoản (≤ 25 ký tự)")
    p.add_argument("--bin", metavar="B", help="mã BIN ngân hàng (mặc định: payment.bank_bin)")
    p.add_argument("--account", metavar="A", help="số tài khoản (mặc định: payment.account)")
    p.add_argument("--png", metavar="FILE", help="ghi thêm ảnh mã QR ra tệp PNG")
    p.add_argument("--check", metavar="PAYLOAD", help="đọc và kiểm tra một mã VietQR có sẵn")
    add_json_flag(p)
    p.set_defaults(func=cmd_vietqr)

    pay = sub.add_parser("payment", help="nộp phí, lệ phí của hồ sơ").add_subparsers(
        dest="sub", required=True
    )
    p = pay.add_parser("record", help="ghi nhận một khoản nộp phí")
    p.add_argument("code", metavar="CODE", help="mã hồ sơ")
    p.add_argument("--method", required=True, choices=sorted(payments.METHODS))
    p.add_argument("--amount", required=True, type=int, metavar="N")
    p.add_argument("--reference", default="", metavar="R", help="mã giao dịch ngân hàng")
    p.add_argument("--note", default="", metavar="TEXT")
    p.add_argument("--partial", action="store_true", help="nộp một phần số còn phải nộp")
    add_json_flag(p)
    p.set_defaults(func=cmd_payment_record)
    p = pay.add_parser("list", help="các khoản đã nộp và số còn phải nộp của hồ sơ")
    p.add_argument("code", metavar="CODE", help="mã hồ sơ")
    add_json_flag(p)
    p.set_defaults(func=cmd_payment_list)


def cmd_vietqr(ctx: Context) -> int:
    a = ctx.args
    if a.check:
        decoded = vietqr.parse(a.check)
        ctx.emit(_decoded_dict(decoded), lambda: _print_decoded(ctx, decoded))
        return 0
    if a.amount is None or a.purpose is None:
        raise ValidationError(
            "E_VIETQR_ARGS", "Cần --amount và --purpose (hoặc --check để kiểm tra một mã)."
        )
    configured = ctx.settings.payment
    settings = dataclasses.replace(
        configured,
        bank_bin=a.bin if a.bin is not None else configured.bank_bin,
        account=a.account if a.account is not None else configured.account,
    )
    if not settings.bank_bin.strip() or not settings.account.strip():
        raise ValidationError(
            "E_VIETQR_NOT_CONFIGURED",
            "Chưa có tài khoản nhận: dùng --bin và --account, hoặc cấu hình "
            "payment.bank_bin và payment.account.",
        )
    qr = payments.qr_for(settings, a.amount, a.purpose)
    if a.png:
        _write_png(Path(a.png), qr.payload)
    ctx.emit(dataclasses.asdict(qr), lambda: ctx.print(qr.payload))
    return 0


def _write_png(path: Path, payload: str) -> None:
    import segno

    tmp = path.with_name(path.name + ".tmp")
    try:
        segno.make(payload, error="m", micro=False).save(str(tmp), kind="png", scale=8, border=4)
        tmp.replace(path)  # no half-written image under the final name
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise AppError("E_FILE_WRITE", f"Không ghi được tệp {path}: {exc.strerror}.") from exc


def _decoded_dict(d: vietqr.Decoded) -> dict[str, object]:
    return {
        "valid": True,
        "bank_bin": d.transfer.bank_bin,
        "bank_name": vietqr.bank_name(d.transfer.bank_bin),
        "account": d.transfer.account,
        "amount": d.transfer.amount,
        "purpose": d.transfer.purpose,
        "bill_number": d.transfer.bill_number,
        "dynamic": d.dynamic,
        "service": d.service,
        "currency": d.currency,
        "country": d.country,
        "crc": d.crc,
    }


def _print_decoded(ctx: Context, d: vietqr.Decoded) -> None:
    t = d.transfer
    ctx.print(f"Mã hợp lệ (CRC {d.crc}).")
    ctx.print(f"Ngân hàng: {vietqr.bank_name(t.bank_bin)} (BIN {t.bank_bin})")
    ctx.print(f"Số tài khoản: {t.account}")
    ctx.print(f"Số tiền: {_money(t.amount) if t.amount else 'người nộp tự nhập'}")
    ctx.print(f"Nội dung: {t.purpose}")


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _state_dict(state: payments.FeeState) -> dict[str, object]:
    return {
        "code": state.code,
        "owed": state.owed,
        "paid": state.paid,
        "outstanding": state.outstanding,
        "state": state.state,
        "payments": [dataclasses.asdict(p) for p in state.payments],
    }


def _print_state(ctx: Context, state: payments.FeeState) -> None:
    ctx.print(f"Hồ sơ {state.code}: {state.label}")
    ctx.print(
        f"Phải nộp: {_money(state.owed)}; đã nộp: {_money(state.paid)}; "
        f"còn lại: {_money(state.outstanding)}"
    )
    for p in state.payments:
        when = p.recorded_at.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M")
        ref = f" – mã giao dịch {p.reference}" if p.reference else ""
        ctx.print(f"  {when}  {p.method_label}: {_money(p.amount_vnd)}{ref} ({p.recorded_by})")


def cmd_payment_record(ctx: Context) -> int:
    a = ctx.args
    request = payments.RecordRequest(
        code=a.code,
        method=a.method,
        amount_vnd=a.amount,
        reference=a.reference,
        note=a.note,
        partial=a.partial,
    )
    state = payments.record(ctx.core, SYSTEM, request)
    ctx.emit(_state_dict(state), lambda: _print_state(ctx, state))
    return 0


def cmd_payment_list(ctx: Context) -> int:
    state = payments.fee_state(ctx.core, SYSTEM, ctx.args.code)
    ctx.emit(_state_dict(state), lambda: _print_state(ctx, state))
    return 0
