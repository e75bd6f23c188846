"""fee payments (cash or VietQR transfer) with their references

Revision ID: payments_1
Revises: tickets_1
"""

import sqlalchemy as sa
from alembic import op

revision = "payments_1"
down_revision = "tickets_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fee_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("amount_vnd", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_by_name", sa.String(length=200), nullable=False),
        sa.Column("counter", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recorded_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fee_payments", schema=None) as batch_op:
        batch_op.create_index("ix_fee_payments_dossier_id", ["dossier_id"], unique=False)
        batch_op.create_index("ix_fee_payments_recorded_at", ["recorded_at"], unique=False)
        # One bank transaction pays one fee: unique among transfers, across every counter.
        batch_op.create_index(
            "ix_fee_payments_reference",
            ["reference"],
            unique=True,
            sqlite_where=sa.text("method = 'transfer'"),
            postgresql_where=sa.text("method = 'transfer'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("fee_payments", schema=None) as batch_op:
        batch_op.drop_index("ix_fee_payments_reference")
        batch_op.drop_index("ix_fee_payments_recorded_at")
        batch_op.drop_index("ix_fee_payments_dossier_id")
    op.drop_table("fee_payments")
