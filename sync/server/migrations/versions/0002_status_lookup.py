"""The public status page's look-ups, for its rate limit

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_lookup",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("status_lookup", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_lookup_address"), ["address"], unique=False)
        batch_op.create_index(batch_op.f("ix_status_lookup_at"), ["at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("status_lookup", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_lookup_at"))
        batch_op.drop_index(batch_op.f("ix_status_lookup_address"))
    op.drop_table("status_lookup")
