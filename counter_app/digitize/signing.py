"""PAdES signatures (pyHanko) with the officer's PKCS#11 USB token or a PKCS#12 file.

The PIN / password is asked each time and never stored. The signature is an incremental
update, so the signed PDF still contains the unsigned one byte for byte (and stays PDF/A).
`inspect` reads back who signed and when, and whether the signature still covers the file.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.config import DigitizeSettings
from counter_app.errors import AppError, ConfigError

log = logging.getLogger(__name__)
FIELD = "ChuKySo"


class SigningError(AppError):
    """The token, the certificate or the PIN did not allow signing."""


@dataclass(frozen=True)
class SignerConfig:
    pkcs11_lib: str = ""
    token_label: str = ""
    key_label: str = ""
    pkcs12_file: str = ""

    @classmethod
    def from_settings(cls, s: DigitizeSettings) -> SignerConfig:
        return cls(s.pkcs11_lib, s.pkcs11_token, s.pkcs11_key, s.pkcs12_file)

    @property
    def configured(self) -> bool:
        return bool(self.pkcs11_lib or self.pkcs12_file)

    @property
    def kind(self) -> str:
        return "pkcs11" if self.pkcs11_lib else "pkcs12"


@dataclass(frozen=True)
class SignatureInfo:
    signer: str  # the certificate's common name
    signed_at: datetime | None
    intact: bool  # the signed bytes were not changed
    valid: bool  # the signature matches the certificate's key
    trusted: bool  # the certificate chains to a configured trust root
    covers_whole_file: bool
    issuer: str = ""
    serial: str = ""

    @property
    def label(self) -> str:
        when = self.signed_at.strftime("%d/%m/%Y %H:%M") if self.signed_at else "?"
        state = "hợp lệ" if self.intact and self.valid else "KHÔNG hợp lệ"
        return f"{self.signer} – {when} ({state})"


def _common_name(cert: Any) -> str:
    names = cert.subject.native
    return str(names.get("common_name") or cert.subject.human_friendly)


def sign(
    data: bytes,
    config: SignerConfig,
    secret: str,
    *,
    reason: str = "Xác thực bản số hoá",
    location: str = "",
) -> tuple[bytes, SignatureInfo]:
    """The PDF signed by the configured token or file; its signature read back."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    if not config.configured:
        raise ConfigError(
            "E_SIGN_NOT_CONFIGURED",
            "Chưa cấu hình chữ ký số (USB token PKCS#11 hoặc tệp PKCS#12).",
            hint="Quản trị viên đặt digitize.pkcs11_lib (và pkcs11_token) hoặc "
            "digitize.pkcs12_file trong tệp cấu hình.",
        )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location or None,
    )
    session = None
    try:
        if config.pkcs11_lib:
            session, signer = _pkcs11_signer(config, secret)
        else:
            signer = _pkcs12_signer(config, secret)
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
            out = signers.PdfSigner(meta, signer=signer).sign_pdf(writer)
        except Exception as exc:  # pyHanko and the token driver raise many kinds
            log.warning("signing failed: %s", exc)
            raise SigningError(
                "E_SIGN_FAILED",
                f"Không ký được tệp: {exc}",
                hint="Kiểm tra USB token đã cắm, chứng thư số còn hạn.",
            ) from exc
    finally:
        if session is not None:
            session.close()
    signed = out.getvalue()
    infos = inspect(signed)
    return signed, infos[-1]


def _pkcs12_signer(config: SignerConfig, password: str) -> Any:
    from pyhanko.sign import signers

    path = Path(config.pkcs12_file)
    if not path.is_file():
        raise ConfigError("E_SIGN_P12_MISSING", f"Không tìm thấy tệp chứng thư {path}.")
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            path.read_bytes(), other_certs=(), passphrase=password.encode("utf-8")
        )
    except (ValueError, OSError, TypeError) as exc:
        raise SigningError(
            "E_SIGN_PASSWORD", "Mật khẩu tệp chứng thư số không đúng hoặc tệp bị hỏng."
        ) from exc
    if signer is None:
        raise SigningError(
            "E_SIGN_PASSWORD", "Mật khẩu tệp chứng thư số không đúng hoặc tệp bị hỏng."
        )
    return signer


def _pkcs11_signer(config: SignerConfig, pin: str) -> tuple[Any, Any]:
    import pkcs11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    if not Path(config.pkcs11_lib).is_file():
        raise ConfigError(
            "E_SIGN_DRIVER", f"Không tìm thấy trình điều khiển USB token {config.pkcs11_lib}."
        )
    label = config.token_label or _only_token(config.pkcs11_lib)
    criteria = TokenCriteria(label=label)
    try:
        session = open_pkcs11_session(config.pkcs11_lib, token_criteria=criteria, user_pin=pin)
    except pkcs11.PinIncorrect as exc:
        raise SigningError("E_SIGN_PIN", "Mã PIN của USB token không đúng.") from exc
    except pkcs11.PinLocked as exc:
        raise SigningError(
            "E_SIGN_PIN_LOCKED", "USB token đã bị khoá mã PIN.", hint="Liên hệ nơi cấp token."
        ) from exc
    except Exception as exc:  # no token plugged in, driver errors
        raise SigningError(
            "E_SIGN_NO_TOKEN",
            "Không mở được USB token: chưa cắm token hoặc sai tên token.",
            hint="Cắm USB token của cán bộ rồi thử lại.",
        ) from exc
    try:
        key = _find_key_label(session, config.key_label)
        signer = PKCS11Signer(session, key_label=key, cert_label=key)
        signer.signing_cert  # noqa: B018 - fetch now: a missing certificate fails here, clearly
    except SigningError:
        session.close()
        raise
    except Exception as exc:
        session.close()
        raise SigningError(
            "E_SIGN_KEY", "Không tìm thấy khoá ký và chứng thư số trên USB token."
        ) from exc
    return session, signer


def _only_token(lib_path: str) -> str:
    """The label of the one initialised token (a USB token shows one; SoftHSM adds a spare)."""
    import pkcs11

    try:
        slots = pkcs11.lib(lib_path).get_slots(token_present=True)
        tokens = [slot.get_token() for slot in slots]
    except Exception as exc:
        raise SigningError(
            "E_SIGN_NO_TOKEN", "Không đọc được USB token.", hint="Cắm USB token rồi thử lại."
        ) from exc
    labels = [t.label for t in tokens if pkcs11.TokenFlag.TOKEN_INITIALIZED in t.flags]
    if len(labels) != 1:
        raise SigningError(
            "E_SIGN_NO_TOKEN",
            "Không có USB token nào." if not labels else "Có nhiều USB token: hãy chọn tên token.",
            hint="Cắm đúng một USB token, hoặc đặt digitize.pkcs11_token.",
        )
    return str(labels[0])


def _find_key_label(session: Any, wanted: str) -> str:
    import pkcs11

    labels = [
        str(obj.label)
        for obj in session.get_objects({pkcs11.Attribute.CLASS: pkcs11.ObjectClass.PRIVATE_KEY})
    ]
    if wanted:
        if wanted not in labels:
            raise SigningError("E_SIGN_KEY", f"USB token không có khoá tên {wanted!r}.")
        return wanted
    if not labels:
        raise SigningError("E_SIGN_KEY", "USB token không có khoá ký nào.")
    return labels[0]


def inspect(data: bytes, trust_roots: list[bytes] | None = None) -> list[SignatureInfo]:
    """Every signature in the PDF, checked (integrity, key, and trust if roots are given)."""
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = [
        x509.Certificate.load(pem.unarmor(r)[2] if pem.detect(r) else r) for r in trust_roots or []
    ]
    out = []
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = list(reader.embedded_signatures)
    except Exception as exc:
        raise SigningError("E_PDF_BROKEN", "Không đọc được chữ ký trong tệp PDF.") from exc
    for sig in sigs:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(sig, signer_validation_context=context)
            intact, valid, trusted = status.intact, status.valid, status.trusted
            when = status.signer_reported_dt
        except Exception as exc:  # a mangled signature is reported, not raised
            log.info("signature validation error: %s", exc)
            intact = valid = trusted = False
            when = None
        cert = sig.signer_cert
        coverage = getattr(sig, "coverage", None)
        out.append(
            SignatureInfo(
                signer=_common_name(cert),
                signed_at=when,
                intact=bool(intact),
                valid=bool(valid),
                trusted=bool(trusted),
                covers_whole_file=coverage is not None and coverage.name == "ENTIRE_FILE",
                issuer=str(cert.issuer.human_friendly),
                serial=format(cert.serial_number, "x"),
            )
        )
    return out
