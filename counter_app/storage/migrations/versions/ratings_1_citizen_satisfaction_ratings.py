"""citizen satisfaction ratings

Revision ID: ratings_1
Revises: payments_1
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = "ratings_1"
down_revision = "payments_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the owner of this area


def downgrade() -> None:
    pass
