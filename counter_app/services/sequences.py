"""Gap-free counters bumped inside the caller's transaction (dossier codes, tracking book).

One `INSERT … ON CONFLICT DO UPDATE … RETURNING` statement on both SQLite and PostgreSQL: the
row stays locked until the registering transaction ends, so two counters can never get the
same number, and a rolled-back registration gives its number back (no gap).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def next_value(session: Session, model: Any, key: dict[str, Any]) -> int:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(model)
        .values(**key, last=1)
        .on_conflict_do_update(index_elements=list(key), set_={"last": model.last + 1})
        .returning(model.last)
    )
    return int(session.execute(stmt).scalar_one())
