"""Ratings with their window and clerk, and the follow-ups of poor ones

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rating_record",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("tx_id", sa.String(length=36), nullable=False),
        sa.Column("tracking_number", sa.String(length=40), nullable=True),
        sa.Column("ticket_number", sa.String(length=12), nullable=True),
        sa.Column("ticket_day", sa.String(length=10), nullable=True),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("window", sa.String(length=16), nullable=True),
        sa.Column("staff_no", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("terminal_id", "tx_id"),
    )
    with op.batch_alter_table("rating_record", schema=None) as batch_op:
        batch_op.create_index("ix_rating_record_day", ["center", "day"], unique=False)
    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rating_id", sa.Integer(), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("opened_at", sa.Float(), nullable=False),
        sa.Column("due_day", sa.String(length=10), nullable=False),
        sa.Column("due_estimated", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_by", sa.String(length=32), nullable=True),
        sa.Column("answered_at", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["rating_id"], ["rating_record.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("rating_id"),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index("ix_follow_up_desk", ["center", "state", "due_day"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index("ix_follow_up_desk")
    op.drop_table("follow_up")
    with op.batch_alter_table("rating_record", schema=None) as batch_op:
        batch_op.drop_index("ix_rating_record_day")
    op.drop_table("rating_record")
