"""Start-up's quick schema check agrees with Alembic, and migrations run once."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from counter_app.storage.db import Database


def test_the_quick_head_lookup_is_alembics_head(core: object) -> None:
    db = core.db  # type: ignore[attr-defined]
    alembic_head = ScriptDirectory.from_config(db._alembic_config()).get_current_head()
    assert Database.head_revision() == alembic_head


def test_a_fresh_database_needs_migrating_and_then_does_not(tmp_path: object) -> None:
    db = Database(f"sqlite:///{tmp_path}/fresh.db")
    assert db.current_revision() is None and db.needs_migration()
    db.migrate()
    assert db.current_revision() == Database.head_revision()
    assert not db.needs_migration()
    db.dispose()
