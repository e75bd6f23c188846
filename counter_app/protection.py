"""Protection of personal identifiers at rest (Personal Data Protection Law 91/2025).

ID numbers are sealed with AES-GCM under the office's data key, so a copied data folder reveals
nothing; a keyed hash (HMAC-SHA256) still finds a person by exact ID. The key lives in the OS
keyring (`data-key`), shared by every counter of an office.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets as pysecrets
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from counter_app import secrets
from counter_app.errors import ConfigError

log = logging.getLogger(__name__)
KEY_NAME = "data-key"
_PREFIX = "v1:"


class Protector:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ConfigError("E_DATA_KEY", "Khoá dữ liệu phải dài 32 byte.")
        self._enc = AESGCM(_derive(key, b"seal"))
        self._mac = _derive(key, b"lookup")
        self.fingerprint = hashlib.sha256(_derive(key, b"fingerprint")).hexdigest()[:16]

    def seal(self, value: str) -> str:
        if not value:
            return ""
        nonce = os.urandom(12)
        sealed = self._enc.encrypt(nonce, value.encode("utf-8"), None)
        return _PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def unseal(self, token: str) -> str:
        if not token:
            return ""
        if not token.startswith(_PREFIX):
            raise ConfigError("E_DATA_KEY", "Dữ liệu mã hoá không đúng định dạng.")
        raw = base64.urlsafe_b64decode(token[len(_PREFIX) :])
        try:
            return self._enc.decrypt(raw[:12], raw[12:], None).decode("utf-8")
        except Exception as exc:  # cryptography raises InvalidTag
            raise ConfigError(
                "E_DATA_KEY_WRONG",
                "Không giải mã được dữ liệu: khoá dữ liệu của máy này khác khoá của cơ sở dữ liệu.",
                hint="Nhập đúng khoá dữ liệu của cơ quan vào kho khoá (quản trị viên).",
            ) from exc

    def seal_bytes(self, data: bytes) -> bytes:
        """Scans and other files at rest: nonce ‖ AES-GCM(ciphertext+tag)."""
        nonce = os.urandom(12)
        return b"CAv1" + nonce + self._enc.encrypt(nonce, data, b"file")

    def unseal_bytes(self, blob: bytes) -> bytes:
        if not blob.startswith(b"CAv1"):
            raise ConfigError("E_DATA_KEY", "Tệp mã hoá không đúng định dạng.")
        try:
            return self._enc.decrypt(blob[4:16], blob[16:], b"file")
        except Exception as exc:  # InvalidTag: wrong key or a damaged file
            raise ConfigError(
                "E_FILE_DAMAGED",
                "Không giải mã được tệp: tệp bị hỏng hoặc khoá dữ liệu không đúng.",
            ) from exc

    def lookup(self, value: str) -> str:
        if not value:
            return ""
        return hmac.new(self._mac, value.encode("utf-8"), hashlib.sha256).hexdigest()


def _derive(key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=b"counter-app", info=purpose).derive(key)


def new_key() -> str:
    return base64.urlsafe_b64encode(pysecrets.token_bytes(32)).decode("ascii")


def decode_key(text: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip())
    except ValueError as exc:
        raise ConfigError("E_DATA_KEY", "Khoá dữ liệu không đúng định dạng base64.") from exc
    if len(key) != 32:
        raise ConfigError("E_DATA_KEY", "Khoá dữ liệu phải dài 32 byte.")
    return key


def load_protector(fallback_file: Path, *, create: bool) -> tuple[Protector, str]:
    """The office's protector and where its key came from ("keyring", "env" or a file path).

    Without an OS keyring the key goes to `fallback_file`, outside the data folder and readable
    only by the user, and the app says so (diagnostics, self-test): better than no encryption.
    """
    value = secrets.get_secret(KEY_NAME)
    if value:
        origin = "env" if os.environ.get(secrets.env_name(KEY_NAME)) else "keyring"
        return Protector(decode_key(value)), origin
    if fallback_file.is_file():
        return Protector(decode_key(fallback_file.read_text("ascii"))), str(fallback_file)
    if not create:
        raise ConfigError(
            "E_DATA_KEY_MISSING",
            "Chưa có khoá dữ liệu của cơ quan trên máy này.",
            hint="Quản trị viên nhập khoá bằng `python main.py secret set data-key`.",
        )
    key = new_key()
    if secrets.keyring_available():
        secrets.set_secret(KEY_NAME, key)
        return Protector(decode_key(key)), "keyring"
    log.warning("no OS keyring: data key stored in %s", fallback_file)
    fallback_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(fallback_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    return Protector(decode_key(key)), str(fallback_file)
