"""Secrets (provincial API credentials, the data key, database passwords) via the OS keyring.

Windows: Credential Manager; macOS: Keychain; Linux desktops: Secret Service. A headless Linux
box has no keyring (STACK.md, trap 5): there a secret may come from an environment variable
`COUNTER_APP_SECRET_<NAME>` (for scheduled tasks and CI), and otherwise the user is told plainly.
`keyrings.alt` is never used: it silently stores secrets in clear text.
"""

from __future__ import annotations

import os
import re

import keyring
import keyring.errors

from counter_app.errors import ConfigError

SERVICE = "counter-app"


def env_name(name: str) -> str:
    return "COUNTER_APP_SECRET_" + re.sub(r"[^A-Z0-9]", "_", name.upper())


def keyring_available() -> bool:
    from keyring.backends import fail

    return not isinstance(keyring.get_keyring(), fail.Keyring)


def get_secret(name: str) -> str | None:
    value = os.environ.get(env_name(name))
    if value:
        return value
    try:
        return keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError:
        return None


def set_secret(name: str, value: str) -> None:
    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as exc:
        raise ConfigError(
            "E_KEYRING_UNAVAILABLE",
            f"Máy này không có kho khoá bảo mật của hệ điều hành để lưu bí mật “{name}”.",
            hint=f"Trên Windows dùng Credential Manager; trên máy chủ không giao diện đặt biến "
            f"môi trường {env_name(name)}.",
        ) from exc


def require_secret(name: str, what: str) -> str:
    value = get_secret(name)
    if not value:
        raise ConfigError(
            "E_SECRET_MISSING",
            f"Chưa có {what} trong kho khoá bảo mật.",
            hint=f"Quản trị viên lưu nó bằng lệnh `python main.py secret set {name}` "
            f"hoặc đặt biến môi trường {env_name(name)}.",
        )
    return value
