"""result-ready notifications: opt-in on the dossier

Revision ID: notify_1
Revises: ratings_1
"""
from alembic import op
import sqlalchemy as sa


revision = "notify_1"
down_revision = "ratings_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Server defaults fill the rows already there (no opt-in); the ORM sets every value itself.
    # recreate="never": plain ALTER TABLE ADD COLUMN. Recreating the table would drop the
    # FTS5 triggers that keep the dossier search index up to date (migration 0001).
    with op.batch_alter_table("dossiers", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("notify_opt_in", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("notify_channel", sa.String(length=10), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "notify_phone_sealed", sa.String(length=200), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column(
                "notify_phone_masked", sa.String(length=20), nullable=False, server_default=""
            )
        )
        batch_op.add_column(sa.Column("notify_opted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dossiers", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("notify_opted_at")
        batch_op.drop_column("notify_phone_masked")
        batch_op.drop_column("notify_phone_sealed")
        batch_op.drop_column("notify_channel")
        batch_op.drop_column("notify_opt_in")
