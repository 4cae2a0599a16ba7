"""Local caches of reference data and application statuses.

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
        "caches",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("validator", sa.String(200), nullable=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("fetched_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "application_statuses",
        sa.Column("tracking_number", sa.String(40), primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("fetched_at", sa.String(40), nullable=False),
    )
