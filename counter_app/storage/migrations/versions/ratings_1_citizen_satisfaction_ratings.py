"""citizen satisfaction ratings

Revision ID: ratings_1
Revises: payments_1
"""
from alembic import op
import sqlalchemy as sa


revision = "ratings_1"
down_revision = "payments_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "satisfaction_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("officer_name", sa.String(length=200), nullable=False),
        sa.Column("procedure_code", sa.String(length=60), nullable=False),
        sa.Column("procedure_name", sa.String(length=500), nullable=False),
        sa.Column("counter", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("rated_at", sa.DateTime(), nullable=False),
        sa.Column("workstation", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["officer_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id"),
    )
    with op.batch_alter_table("satisfaction_ratings", schema=None) as batch_op:
        batch_op.create_index("ix_satisfaction_ratings_rated_at", ["rated_at"], unique=False)
        batch_op.create_index(
            "ix_satisfaction_ratings_officer_at", ["officer_id", "rated_at"], unique=False
        )
        batch_op.create_index(
            "ix_satisfaction_ratings_procedure_at", ["procedure_code", "rated_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("satisfaction_ratings", schema=None) as batch_op:
        batch_op.drop_index("ix_satisfaction_ratings_procedure_at")
        batch_op.drop_index("ix_satisfaction_ratings_officer_at")
        batch_op.drop_index("ix_satisfaction_ratings_rated_at")
    op.drop_table("satisfaction_ratings")
