"""Records, their outbox entries and attachments.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("corrects", sa.String(36), nullable=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("personal", sa.LargeBinary, nullable=True),
        sa.Column("sealed_at", sa.String(40), nullable=True),
        sa.Column("purged_at", sa.String(40), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer, sa.ForeignKey("records.seq"), primary_key=True),
        sa.Column("state", sa.String(12), nullable=False, server_default="pending"),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("delivered_at", sa.String(40), nullable=True),
        sa.Column("result", sa.String(12), nullable=True),
        sa.Column("error_code", sa.String(40), nullable=True),
        sa.Column("error_reason", sa.Text, nullable=True),
    )
    op.create_index("ix_outbox_state_seq", "outbox", ["state", "seq"])
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("media_type", sa.String(60), nullable=False),
        sa.Column("uploaded_at", sa.String(40), nullable=True),
        sa.Column("purged_at", sa.String(40), nullable=True),
    )
    op.create_table(
        "record_attachments",
        sa.Column("seq", sa.Integer, sa.ForeignKey("records.seq"), primary_key=True),
        sa.Column(
            "sha256", sa.String(64), sa.ForeignKey("attachments.sha256"), primary_key=True
        ),
    )
    # A record is sealed once first sent: its content can never change again.
    op.execute(
        """
        CREATE TRIGGER records_sealed BEFORE UPDATE OF id, kind, created_at, corrects, payload
        ON records WHEN OLD.sealed_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'record is sealed: record a correction instead'); END
        """
    )
