"""Citizen satisfaction ratings (đánh giá mức độ hài lòng): one tap after the hand-over.

Levels follow what Vietnamese one-stop systems ask ("Ông/Bà đánh giá như thế nào về thái độ
công chức khi tiếp nhận và hướng dẫn giải quyết hồ sơ?"): Rất hài lòng / Hài lòng / Không hài
lòng; the satisfaction rate is (very satisfied + satisfied) / all ratings.

Who is rated is never the citizen's choice: after a hand-over the officer is the account that
recorded status 10 (else the one who received the dossier); a walk-in rating (no dossier)
rates the account signed in at the counter. The citizen does not log in and gives no
personal data; a comment is optional and stored as typed, and lists and exports mask any
long run of digits in it (an ID or phone number typed by the citizen).

One rating per dossier: the first tap counts. A second rating of the same dossier is refused
(E_RATING_EXISTS) and the window thanks the citizen anyway; an officer cannot overwrite a
citizen's answer afterwards. Walk-in ratings at one counter need `WALK_IN_GAP` between them,
so a rating cannot be stuffed by tapping the idle window over and over.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.status import Status
from counter_app.errors import NotFound, ValidationError
from counter_app.services.context import Actor, Core, Role, require
from counter_app.services.lifecycle import load_for_update
from counter_app.services.queue_terms import Period
from counter_app.storage import models as m
from counter_app.text import clean, mask_id

MAX_COMMENT = 500
WALK_IN_GAP = timedelta(seconds=20)
WALK_IN_LABEL = "Đánh giá chung (không gắn hồ sơ)"

# The audit log names who acted; a citizen at the rating window is nobody's account.
CITIZEN = Actor(None, "citizen", "Người dân (đánh giá)", Role.CLERK)


class Level(enum.StrEnum):
    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    NOT_SATISFIED = "not_satisfied"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]

    @property
    def satisfied(self) -> bool:
        return self is not Level.NOT_SATISFIED


LEVEL_LABELS = {
    Level.VERY_SATISFIED: "Rất hài lòng",
    Level.SATISFIED: "Hài lòng",
    Level.NOT_SATISFIED: "Không hài lòng",
}


def parse_level(value: str | Level) -> Level:
    try:
        return Level(value)
    except ValueError:
        choices = ", ".join(level.value for level in Level)
        raise ValidationError(
            "E_RATING_LEVEL", f"Mức đánh giá không hợp lệ: {value!r} (chọn một trong: {choices})."
        ) from None


# -- recording -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingPrompt:
    """What the rating window shows, from the counter's side: the dossier (or none), the
    officer's name and the procedure. Nothing about the citizen."""

    dossier_code: str  # "" for a walk-in rating
    officer_id: int | None
    officer_name: str
    procedure_code: str
    procedure_name: str
    counter: str

    @property
    def walk_in(self) -> bool:
        return not self.dossier_code


@dataclass(frozen=True)
class Recorded:
    id: int
    level: Level
    officer_name: str
    dossier_code: str
    rated_at: datetime


def _officer_of(session: Any, dossier: m.Dossier) -> m.User | None:
    """Who served the citizen: the account that recorded the hand-over, else the receiver."""
    handed_by = session.scalars(
        select(m.StatusChange.user_id)
        .where(
            m.StatusChange.dossier_id == dossier.id,
            m.StatusChange.to_status == int(Status.RETURNED),
        )
        .order_by(m.StatusChange.id.desc())
        .limit(1)
    ).first()
    user_id = handed_by or dossier.officer_id
    return session.get(m.User, user_id) if user_id else None


def _counter(core: Core, actor: Actor) -> str:
    return actor.counter or core.settings.counter.counter


def prompt_after_hand_over(core: Core, actor: Actor, code: str) -> RatingPrompt:
    """The prompt for a dossier just handed over at this counter (the window's context)."""
    require(actor, "process")
    with core.uow(write=False) as uow:
        dossier = uow.session.scalars(
            select(m.Dossier).where(m.Dossier.code == clean(code).upper())
        ).one_or_none()
        if dossier is None:
            raise NotFound("E_DOSSIER_UNKNOWN", f"Không tìm thấy hồ sơ mã {code!r}.")
        _require_returned(dossier)
        officer = _officer_of(uow.session, dossier)
        return RatingPrompt(
            dossier_code=dossier.code,
            officer_id=officer.id if officer else None,
            officer_name=officer.full_name if officer else "",
            procedure_code=dossier.procedure_code,
            procedure_name=dossier.procedure_name,
            counter=_counter(core, actor),
        )


def walk_in_prompt(core: Core, actor: Actor) -> RatingPrompt:
    """A rating of the officer signed in at this counter, without a dossier."""
    require(actor, "process")
    return RatingPrompt("", actor.user_id, actor.full_name, "", "", _counter(core, actor))


def _require_returned(dossier: m.Dossier) -> None:
    if Status(dossier.status) is not Status.RETURNED:
        raise ValidationError(
            "E_RATING_NOT_RETURNED",
            f"Hồ sơ {dossier.code} chưa trả kết quả: chỉ đánh giá sau khi trả kết quả.",
        )


def clean_comment(text: str) -> str:
    comment = clean(text)
    if len(comment) > MAX_COMMENT:
        raise ValidationError(
            "E_TOO_LONG",
            f"Ý kiến dài quá {MAX_COMMENT} ký tự.",
            hint="Viết ngắn gọn hơn.",
        )
    return comment


def record(core: Core, prompt: RatingPrompt, level: Level | str, comment: str = "") -> Recorded:
    """The citizen's tap. No login: for a dossier, the officer, procedure and status are read
    again from the database (the prompt only names the dossier); for a walk-in, the prompt's
    officer is the account signed in at the counter and must exist."""
    chosen = parse_level(level)
    text = clean_comment(comment)
    counter = clean(prompt.counter)[:40]
    with core.uow() as uow:
        now = core.now()
        dossier: m.Dossier | None = None
        if prompt.dossier_code:
            dossier = load_for_update(uow, prompt.dossier_code)
            _require_returned(dossier)
            taken = uow.session.scalars(
                select(m.SatisfactionRating.id).where(m.SatisfactionRating.dossier_id == dossier.id)
            ).first()
            if taken is not None:
                raise ValidationError(
                    "E_RATING_EXISTS",
                    f"Hồ sơ {dossier.code} đã được đánh giá; mỗi lần trả kết quả chỉ đánh giá "
                    "một lần.",
                )
            officer = _officer_of(uow.session, dossier)
        else:
            officer = uow.session.get(m.User, prompt.officer_id) if prompt.officer_id else None
            if officer is None:
                raise NotFound(
                    "E_USER_UNKNOWN",
                    "Không xác định được cán bộ đang làm việc tại quầy.",
                    hint="Đăng nhập lại rồi mở cửa sổ đánh giá.",
                )
            last = uow.session.scalars(
                select(func.max(m.SatisfactionRating.rated_at)).where(
                    m.SatisfactionRating.dossier_id.is_(None),
                    m.SatisfactionRating.counter == counter,
                )
            ).first()
            if last is not None and now - last < WALK_IN_GAP:
                raise ValidationError(
                    "E_RATING_TOO_SOON",
                    "Quầy này vừa nhận một đánh giá; xin chờ giây lát rồi đánh giá lại.",
                )
        row = m.SatisfactionRating(
            dossier_id=dossier.id if dossier else None,
            officer_id=officer.id if officer else None,
            officer_name=officer.full_name if officer else "",
            procedure_code=dossier.procedure_code if dossier else "",
            procedure_name=dossier.procedure_name if dossier else "",
            counter=counter,
            level=chosen.value,
            comment=text,
            rated_at=now,
            workstation=core.settings.workstation[:100],
        )
        uow.session.add(row)
        uow.session.flush()
        # The comment stays out of the audit log: it may hold what the citizen typed about
        # themselves, and logs carry no personal data.
        uow.audit(
            CITIZEN,
            "rating",
            "dossier" if dossier else "counter",
            dossier.code if dossier else counter,
            detail=f"{chosen.label} – {row.officer_name or '—'}",
        )
        uow.commit()
        return Recorded(row.id, chosen, row.officer_name, dossier.code if dossier else "", now)


# -- figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelCounts:
    counts: dict[Level, int] = field(default_factory=lambda: dict.fromkeys(Level, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def satisfied(self) -> int:
        return sum(n for level, n in self.counts.items() if level.satisfied)

    @property
    def rate(self) -> float | None:
        """Share of ratings that are satisfied or very satisfied; None without ratings."""
        return self.satisfied / self.total if self.total else None

    @property
    def rate_text(self) -> str:
        rate = self.rate
        return "—" if rate is None else f"{rate * 100:.1f}%".replace(".", ",")

    def to_dict(self) -> dict[str, Any]:
        return {
            "counts": {level.value: n for level, n in self.counts.items()},
            "total": self.total,
            "satisfied": self.satisfied,
            "rate": self.rate,
        }


@dataclass(frozen=True)
class GroupFigures:
    key: str
    label: str
    figures: LevelCounts

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, **self.figures.to_dict()}


@dataclass(frozen=True)
class SatisfactionFigures:
    period: Period
    as_of: datetime
    totals: LevelCounts
    by_officer: list[GroupFigures]
    by_procedure: list[GroupFigures]
    walk_in: int  # ratings without a dossier (part of the totals)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": {
                "first": self.period.first.isoformat(),
                "last": self.period.last.isoformat(),
            },
            "as_of": self.as_of.astimezone(VN_TZ).isoformat(timespec="seconds"),
            "levels": {level.value: level.label for level in Level},
            **self.totals.to_dict(),
            "walk_in": self.walk_in,
            "by_officer": [g.to_dict() for g in self.by_officer],
            "by_procedure": [g.to_dict() for g in self.by_procedure],
        }


def _groups(rows: Any) -> list[GroupFigures]:
    """(key, label, level, n) rows → one line per key, most ratings first."""
    found: dict[str, tuple[str, dict[Level, int]]] = {}
    for key, label, level, n in rows:
        entry = found.setdefault(key, (label, dict.fromkeys(Level, 0)))
        entry[1][Level(level)] += n
    groups = [GroupFigures(k, label, LevelCounts(c)) for k, (label, c) in found.items()]
    return sorted(groups, key=lambda g: (-g.figures.total, g.label))


def figures(core: Core, actor: Actor, period: Period) -> SatisfactionFigures:
    """Counts per level, the satisfaction rate, per officer and per procedure, for `period`."""
    require(actor, "supervise")
    r = m.SatisfactionRating
    within = (r.rated_at >= period.start, r.rated_at < period.end)
    with core.uow(write=False) as uow:
        s = uow.session
        totals = dict.fromkeys(Level, 0)
        for level, n in s.execute(select(r.level, func.count()).where(*within).group_by(r.level)):
            totals[Level(level)] += n
        officer_rows = s.execute(
            select(r.officer_id, func.max(r.officer_name), r.level, func.count())
            .where(*within)
            .group_by(r.officer_id, r.level)
        ).all()
        by_officer = _groups(
            (str(uid) if uid is not None else "", name or "—", level, n)
            for uid, name, level, n in officer_rows
        )
        procedure_rows = s.execute(
            select(r.procedure_code, func.max(r.procedure_name), r.level, func.count())
            .where(*within)
            .group_by(r.procedure_code, r.level)
        ).all()
        by_procedure = _groups(
            (code, f"{code} – {name}" if code else WALK_IN_LABEL, level, n)
            for code, name, level, n in procedure_rows
        )
        walk_in = s.scalar(select(func.count()).where(*within, r.dossier_id.is_(None))) or 0
        return SatisfactionFigures(
            period, core.now(), LevelCounts(totals), by_officer, by_procedure, walk_in
        )


# -- the ratings themselves (comments), masked -----------------------------------------------

_DIGIT_RUN = re.compile(r"\d(?:[\s.\-]?\d){7,}")


def mask_comment(text: str) -> str:
    """A comment as lists and exports show it: runs of 8+ digits (an ID, a phone) masked."""
    return _DIGIT_RUN.sub(lambda mt: mask_id(re.sub(r"\D", "", mt.group())), text)


@dataclass(frozen=True)
class RatingRow:
    rated_at: datetime
    level: Level
    officer_name: str
    procedure_code: str
    procedure_name: str
    counter: str
    dossier_code: str
    comment: str  # masked

    def to_dict(self) -> dict[str, Any]:
        return {
            "rated_at": self.rated_at.astimezone(VN_TZ).isoformat(timespec="seconds"),
            "level": self.level.value,
            "level_label": self.level.label,
            "officer": self.officer_name,
            "procedure_code": self.procedure_code,
            "procedure_name": self.procedure_name,
            "counter": self.counter,
            "dossier_code": self.dossier_code,
            "comment": self.comment,
        }


def ratings(
    core: Core, actor: Actor, period: Period, *, limit: int | None = None
) -> list[RatingRow]:
    """The ratings of `period`, newest first; comments masked (see `mask_comment`)."""
    require(actor, "supervise")
    r = m.SatisfactionRating
    stmt = (
        select(r, m.Dossier.code)
        .outerjoin(m.Dossier, m.Dossier.id == r.dossier_id)
        .where(r.rated_at >= period.start, r.rated_at < period.end)
        .order_by(r.rated_at.desc(), r.id.desc())
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    with core.uow(write=False) as uow:
        return [
            RatingRow(
                row.rated_at,
                Level(row.level),
                row.officer_name,
                row.procedure_code,
                row.procedure_name,
                row.counter,
                code or "",
                mask_comment(row.comment),
            )
            for row, code in uow.session.execute(stmt)
        ]
