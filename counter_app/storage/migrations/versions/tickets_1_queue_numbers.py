"""queue numbers (số thứ tự): ticket groups, tickets, per-day counters

Revision ID: tickets_1
Revises: queue_1
"""
from alembic import op
import sqlalchemy as sa


revision = "tickets_1"
down_revision = "queue_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_groups",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "ticket_sequences",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("group_code", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("counter", sa.String(length=40), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("call_count", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("dossier_code", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"]),
        sa.ForeignKeyConstraint(["group_code"], ["ticket_groups.code"]),
        sa.ForeignKeyConstraint(["officer_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("day", "number", name="uq_tickets_day_number"),
        sa.UniqueConstraint("dossier_id"),
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tickets_waiting", ["day", "state", "group_code", "number"], unique=False
        )
        batch_op.create_index("ix_tickets_counter_state", ["counter", "state"], unique=False)
        batch_op.create_index("ix_tickets_taken_at", ["taken_at"], unique=False)
    op.create_table(
        "ticket_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("counter", sa.String(length=40), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("repeat", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["officer_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ticket_calls", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_calls_ticket_id", ["ticket_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ticket_calls", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_calls_ticket_id")
    op.drop_table("ticket_calls")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_taken_at")
        batch_op.drop_index("ix_tickets_counter_state")
        batch_op.drop_index("ix_tickets_waiting")
    op.drop_table("tickets")
    op.drop_table("ticket_sequences")
    op.drop_table("ticket_groups")
