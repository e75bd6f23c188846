"""result-ready notifications: opt-in on the dossier

Revision ID: notify_1
Revises: ratings_1
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = "notify_1"
down_revision = "ratings_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the owner of this area


def downgrade() -> None:
    pass
