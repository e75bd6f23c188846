"""Errors users see: a stable code for scripts and support, a Vietnamese message for people.

Every failure a user can cause (bad input, a missing setting, a wrong state) is an `AppError`.
The CLI prints `[CODE] message` and exits 1; the desktop app shows the message and the hint.
Anything else is a bug (exit 2).
"""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    """A failure the user can understand and act on."""

    def __init__(self, code: str, message: str, *, hint: str = "", **details: Any) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message
        self.hint = hint
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"error": self.code, "message": self.message}
        if self.hint:
            out["hint"] = self.hint
        if self.details:
            out["details"] = self.details
        return out


class ValidationError(AppError):
    """Input that breaks a rule; nothing was written."""


class NotFound(AppError):
    """The thing asked for does not exist."""


class InvalidTransition(AppError):
    """A status change the one-stop rules do not allow."""


class PermissionDenied(AppError):
    """The signed-in user's role does not allow this."""


class ConfigError(AppError):
    """A setting is missing or wrong."""


class BackupError(AppError):
    """A backup cannot be made, or cannot be restored; nothing was replaced."""
