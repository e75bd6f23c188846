"""queue numbers (số thứ tự): ticket groups, tickets, per-day counters

Revision ID: tickets_1
Revises: queue_1
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = "tickets_1"
down_revision = "queue_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the owner of this area


def downgrade() -> None:
    pass
