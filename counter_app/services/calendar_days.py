"""The editable part of the working calendar: extra days off and extra working days."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from counter_app.domain.calendar import CalendarOverride
from counter_app.services.context import Actor, Core, require
from counter_app.storage import models as m
from counter_app.text import clean


def list_overrides(core: Core) -> list[CalendarOverride]:
    with core.uow(write=False) as uow:
        rows = uow.session.scalars(select(m.CalendarOverride).order_by(m.CalendarOverride.day))
        return [CalendarOverride(r.day, r.working, r.note) for r in rows]


def set_override(core: Core, actor: Actor, day: date, working: bool, note: str = "") -> None:
    require(actor, "office")
    with core.uow() as uow:
        row = uow.session.get(m.CalendarOverride, day)
        if row is None:
            row = m.CalendarOverride(day=day, working=working)
            uow.session.add(row)
        row.working = working
        row.note = clean(note)
        uow.audit(
            actor,
            "update",
            "calendar",
            day.isoformat(),
            detail=("Ngày làm việc bù" if working else "Ngày nghỉ thêm") + f": {row.note}",
        )
        uow.commit()
    core.invalidate_calendar()


def remove_override(core: Core, actor: Actor, day: date) -> bool:
    require(actor, "office")
    with core.uow() as uow:
        row = uow.session.get(m.CalendarOverride, day)
        if row is None:
            return False
        uow.session.delete(row)
        uow.audit(actor, "delete", "calendar", day.isoformat())
        uow.commit()
    core.invalidate_calendar()
    return True
