"""supervisor's desk: apologies (Mẫu 04), reassignments, "as of" indexes

Revision ID: queue_1
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = "queue_1"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dossiers_open_cover",
            ["status", "appointment_at", "supplement_count", "received_at", "ended_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_dossiers_ended_cover",
            ["ended_at", "appointment_at", "supplement_count", "received_at", "status"],
            unique=False,
        )
        batch_op.create_index(
            "ix_dossiers_returned_ended", ["returned_at", "ended_at"], unique=False
        )
    with op.batch_alter_table("supplement_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_supplement_requests_received",
            ["received_at", "requested_at", "dossier_id"],
            unique=False,
        )
    op.create_table(
        "apologies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=True),
        sa.Column("issued_by_name", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("previous_due_at", sa.DateTime(), nullable=False),
        sa.Column("new_appointment_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["issued_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("apologies", schema=None) as batch_op:
        batch_op.create_index("ix_apologies_dossier_id", ["dossier_id"], unique=False)
        batch_op.create_index(
            "ix_apologies_new_appointment_at", ["new_appointment_at"], unique=False
        )
    op.create_table(
        "reassignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("from_user_id", sa.Integer(), nullable=True),
        sa.Column("to_user_id", sa.Integer(), nullable=False),
        sa.Column("by_user_id", sa.Integer(), nullable=True),
        sa.Column("by_name", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["from_user_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["to_user_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["by_user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reassignments", schema=None) as batch_op:
        batch_op.create_index("ix_reassignments_dossier_id", ["dossier_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reassignments", schema=None) as batch_op:
        batch_op.drop_index("ix_reassignments_dossier_id")
    op.drop_table("reassignments")
    with op.batch_alter_table("apologies", schema=None) as batch_op:
        batch_op.drop_index("ix_apologies_new_appointment_at")
        batch_op.drop_index("ix_apologies_dossier_id")
    op.drop_table("apologies")
    with op.batch_alter_table("supplement_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_supplement_requests_received")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index("ix_dossiers_returned_ended")
        batch_op.drop_index("ix_dossiers_ended_cover")
        batch_op.drop_index("ix_dossiers_open_cover")
