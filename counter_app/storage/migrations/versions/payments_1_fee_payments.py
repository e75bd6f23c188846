"""fee payments (cash or VietQR transfer) with their references

Revision ID: payments_1
Revises: tickets_1
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = "payments_1"
down_revision = "tickets_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the owner of this area


def downgrade() -> None:
    pass
