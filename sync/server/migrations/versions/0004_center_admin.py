"""The center's own data kept by its manager: manager sessions, the center's
notices, and its windows and opening rules

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "manager_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("staff_no", sa.String(length=32), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("issued_at", sa.Float(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["terminal_id"], ["terminal.id"]),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("manager_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_manager_session_expires_at"), ["expires_at"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_manager_session_terminal_id"), ["terminal_id"],
                              unique=False)
    op.create_table(
        "center_notice",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("title_zh", sa.String(length=100), nullable=False),
        sa.Column("title_en", sa.String(length=100), nullable=False),
        sa.Column("body_zh", sa.Text(), nullable=False),
        sa.Column("body_en", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.Float(), nullable=False),
        sa.Column("ends_at", sa.Float(), nullable=True),
        sa.Column("expired_at", sa.Float(), nullable=True),
        sa.Column("author", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("center_notice", schema=None) as batch_op:
        batch_op.create_index("ix_center_notice_showing", ["center", "expired_at", "ends_at"],
                              unique=False)
    op.create_table(
        "center_setup",
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("center"),
    )


def downgrade() -> None:
    op.drop_table("center_setup")
    with op.batch_alter_table("center_notice", schema=None) as batch_op:
        batch_op.drop_index("ix_center_notice_showing")
    op.drop_table("center_notice")
    with op.batch_alter_table("manager_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_manager_session_terminal_id"))
        batch_op.drop_index(batch_op.f("ix_manager_session_expires_at"))
    op.drop_table("manager_session")
