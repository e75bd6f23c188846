"""Local accounts: argon2id passwords, roles, lockout after repeated failures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from counter_app.errors import AppError, NotFound, PermissionDenied, ValidationError
from counter_app.services.context import SYSTEM, Actor, Core, Role, require
from counter_app.storage import models as m
from counter_app.text import clean

# argon2id with one of OWASP's equivalent minimums (19 MiB, 2 passes, 1 lane; the cheat sheet
# rates it as strong as 46 MiB / 1 pass): 18 ms at sign-in on a 2-core counter PC instead of
# 43 ms, most of which was the kernel handing over 46 MiB of fresh pages, and 140 ms for the
# library default. Older hashes are upgraded at the next sign-in (needs_rehash).
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
USERNAME_RE = re.compile(r"^[a-z0-9._-]{2,60}$")
MIN_PASSWORD = 8


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    full_name: str
    role: Role
    active: bool
    counter: str
    title: str
    must_change_password: bool

    def actor(self) -> Actor:
        return Actor(self.id, self.username, self.full_name, self.role, self.counter, self.title)


def _view(u: m.User) -> UserView:
    return UserView(
        u.id,
        u.username,
        u.full_name,
        Role(u.role),
        u.active,
        u.counter,
        u.title,
        u.must_change_password,
    )


def _encodable(password: str) -> bool:
    """False for broken Unicode (a lone surrogate), which the hasher cannot even encode."""
    try:
        password.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_password(password: str) -> None:
    if not _encodable(password):
        raise ValidationError("E_TEXT_INVALID", "Mật khẩu chứa ký tự không hợp lệ.")
    if len(password) < MIN_PASSWORD:
        raise ValidationError("E_PASSWORD_WEAK", f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")


def count_users(core: Core) -> int:
    with core.uow(write=False) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(m.User)) or 0)


def add_user(
    core: Core,
    actor: Actor,
    username: str,
    full_name: str,
    role: Role | str,
    password: str,
    *,
    counter: str = "",
    title: str = "",
) -> UserView:
    """Create an account. The very first account (first run) needs no signed-in admin."""
    if count_users(core) > 0:
        require(actor, "users")
    username = clean(username).lower()
    if not USERNAME_RE.match(username):
        raise ValidationError(
            "E_USERNAME",
            "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (2–60 ký tự).",
        )
    full_name = clean(full_name)
    if not full_name:
        raise ValidationError("E_NAME_REQUIRED", "Chưa nhập họ tên người dùng.")
    try:
        role = Role(role)
    except ValueError as exc:
        raise ValidationError(
            "E_ROLE", f"Vai trò không hợp lệ: {role!r} (clerk, supervisor, admin)."
        ) from exc
    _check_password(password)
    with core.uow() as uow:
        if uow.session.scalar(select(m.User.id).where(m.User.username == username)):
            raise ValidationError("E_USERNAME_TAKEN", f"Tên đăng nhập {username} đã có.")
        user = m.User(
            username=username,
            full_name=full_name,
            role=role.value,
            password_hash=_hasher.hash(password),
            active=True,
            counter=clean(counter),
            title=clean(title),
            created_at=core.now(),
        )
        uow.session.add(user)
        uow.session.flush()
        uow.audit(
            actor if actor is not SYSTEM else SYSTEM,
            "create",
            "user",
            username,
            detail=f"Tạo tài khoản vai trò {role.value}",
        )
        uow.commit()
        return _view(user)


def list_users(core: Core) -> list[UserView]:
    with core.uow(write=False) as uow:
        return [_view(u) for u in uow.session.scalars(select(m.User).order_by(m.User.username))]


def prepare_sign_in(core: Core) -> None:
    """Pay the first sign-in's one-time costs ahead (the app calls this while the login window
    waits for the password): the first argon2 run gets its 19 MiB as fresh pages from the
    kernel (later runs reuse the heap), and SQLAlchemy compiles the user look-up. 43 → 18 ms."""
    with core.uow(write=False) as uow:
        uow.session.scalars(select(m.User).where(m.User.username == "")).one_or_none()
    _hasher.hash("prepare-sign-in")


def authenticate(core: Core, username: str, password: str) -> UserView:
    """Sign in. After `max_failed_logins` failures the account locks for `lockout_minutes`."""
    sec = core.settings.security
    wrong = AppError("E_LOGIN_FAILED", "Sai tên đăng nhập hoặc mật khẩu.")
    if not _encodable(password):
        raise wrong
    with core.uow() as uow:
        user = uow.session.scalars(
            select(m.User).where(m.User.username == clean(username).lower())
        ).one_or_none()
        now = core.now()
        if user is None or not user.active:
            _hasher.hash(password)  # same cost either way: no user enumeration by timing
            raise wrong
        if user.locked_until and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            raise AppError(
                "E_ACCOUNT_LOCKED",
                f"Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần. Thử lại sau {minutes} phút.",
                hint="Hoặc nhờ quản trị viên đặt lại mật khẩu.",
            )
        try:
            _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            user.failed_attempts += 1
            if user.failed_attempts >= sec.max_failed_logins:
                user.locked_until = now + timedelta(minutes=sec.lockout_minutes)
                user.failed_attempts = 0
            uow.audit(
                Actor(user.id, user.username, user.full_name, Role(user.role)),
                "login_failed",
                "user",
                user.username,
            )
            uow.commit()
            raise wrong from None
        user.failed_attempts = 0
        user.locked_until = None
        user.last_login_at = now
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        view = _view(user)
        uow.audit(view.actor(), "login", "user", user.username)
        uow.commit()
        return view


def change_password(core: Core, actor: Actor, old: str, new: str) -> None:
    authenticate(core, actor.username, old)
    _set_password(core, actor, actor.username, new, must_change=False)


def reset_password(core: Core, actor: Actor, username: str, new: str) -> None:
    """An administrator sets a temporary password; the user must change it at next sign-in."""
    require(actor, "users")
    _set_password(core, actor, username, new, must_change=True)


def _set_password(core: Core, actor: Actor, username: str, new: str, *, must_change: bool) -> None:
    _check_password(new)
    with core.uow() as uow:
        user = uow.session.scalars(select(m.User).where(m.User.username == username)).one_or_none()
        if user is None:
            raise NotFound("E_USER_UNKNOWN", f"Không có tài khoản {username}.")
        user.password_hash = _hasher.hash(new)
        user.must_change_password = must_change
        user.failed_attempts = 0
        user.locked_until = None
        uow.audit(
            actor,
            "password",
            "user",
            username,
            detail="Đặt lại mật khẩu" if must_change else "Đổi mật khẩu",
        )
        uow.commit()


def set_active(core: Core, actor: Actor, username: str, active: bool) -> None:
    require(actor, "users")
    if actor.username == username and not active:
        raise PermissionDenied("E_SELF_DISABLE", "Không thể tự khoá tài khoản đang đăng nhập.")
    with core.uow() as uow:
        user = uow.session.scalars(select(m.User).where(m.User.username == username)).one_or_none()
        if user is None:
            raise NotFound("E_USER_UNKNOWN", f"Không có tài khoản {username}.")
        user.active = active
        uow.audit(actor, "update", "user", username, detail="Mở khoá" if active else "Vô hiệu hoá")
        uow.commit()
