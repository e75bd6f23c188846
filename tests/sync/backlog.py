"""A big sync backlog, fast: one dossier registered through the service, then cloned.

The clones are bulk-inserted with SQLAlchemy Core (dossier, components, fees, first status,
one pending outbox row each), spread over past receipt days so every code keeps the
4-digit daily sequence. Each clone has its own holder name and sealed ID number. Used by the
Qt latency test and by bench/bench_sync.py.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import func, insert, select

from counter_app.domain.calendar import VN_TZ
from counter_app.services.context import Core
from counter_app.storage import models as m
from counter_app.text import fold, mask_id
from tests.support.factories import register

PER_DAY = 500


def _row(obj: Any, skip: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns if c.key not in skip}


def build_backlog(core: Core, n: int) -> list[str]:
    """`n` dossiers waiting to be synced (one "dossier" outbox row each); returns their codes."""
    first = register(core, name="Nguyễn Văn Mẫu")
    with core.uow(write=False) as uow:
        s = uow.session
        template = s.get_one(m.Dossier, first.id)
        dossier = _row(template)
        components = [_row(c, ("id", "dossier_id")) for c in template.components]
        fees = [_row(f, ("id", "dossier_id")) for f in template.fees]
        history = _row(template.history[0], ("id", "dossier_id"))
        next_id = int(s.scalar(select(func.max(m.Dossier.id))) or 0) + 1
    now = core.now()
    today = now.astimezone(VN_TZ).date()
    protector = core.protector
    codes = [first.code]
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in ("d", "c", "f", "h", "o")}
    for i in range(n - 1):
        dossier_id = next_id + i
        day = today - timedelta(days=1 + i // PER_DAY)
        seq = i % PER_DAY + 1
        shift = timedelta(days=(today - day).days)
        code = f"{dossier['unit_id']}-{day:%y%m%d}-{seq:04d}"
        name = f"Trần Thị Bản Sao {i}"
        number = f"001190{i:06d}"
        received = dossier["received_at"] - shift
        rows["d"].append(
            {
                **dossier,
                "id": dossier_id,
                "code": code,
                "received_day": day,
                "seq": seq,
                "holder_name": name,
                "holder_id_sealed": protector.seal(number),
                "holder_id_lookup": protector.lookup(number),
                "holder_id_masked": mask_id(number),
                "received_at": received,
                "clock_start_at": dossier["clock_start_at"] - shift,
                "appointment_at": dossier["appointment_at"] - shift,
                "status_at": received,
                "book_number": 1000 + i,
                "search_text": fold(f"{name} {code}"),
            }
        )
        rows["c"] += [{**c, "dossier_id": dossier_id} for c in components]
        rows["f"] += [{**f, "dossier_id": dossier_id} for f in fees]
        rows["h"].append({**history, "dossier_id": dossier_id, "at": received})
        rows["o"].append(
            {
                "key": str(uuid.uuid4()),
                "dossier_id": dossier_id,
                "kind": "dossier",
                "ref_id": None,
                "payload": {},
                "created_at": now,
                "next_attempt_at": now,
                "state": "pending",
            }
        )
        codes.append(code)
    tables = {
        "d": m.Dossier,
        "c": m.DossierComponent,
        "f": m.DossierFee,
        "h": m.StatusChange,
        "o": m.OutboxRow,
    }
    with core.db.engine.begin() as conn:
        for key, model in tables.items():
            if rows[key]:
                conn.execute(insert(model.__table__), rows[key])  # type: ignore[attr-defined]
    return codes
