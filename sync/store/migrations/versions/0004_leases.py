"""Queue numbers leased for offline use, and bookings made on this kiosk.

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
        "ticket_leases",
        sa.Column("lease_id", sa.String(36), primary_key=True),
        sa.Column("number", sa.String(12), primary_key=True),
        sa.Column("category", sa.String(8), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),  # UTC, ISO 8601
        sa.Column("used_at", sa.String(40), nullable=True),  # set once: never reused
    )
    op.create_index("ix_ticket_leases_free", "ticket_leases",
                    ["category", "used_at", "expires_at"])
    op.create_table(
        "kiosk_bookings",
        sa.Column("booking_code", sa.String(40), primary_key=True),
        sa.Column("matter_code", sa.String(40), nullable=False),
        sa.Column("slot_start", sa.String(40), nullable=False),  # UTC, ISO 8601
        sa.Column("slot_end", sa.String(40), nullable=False),
        sa.Column("id_hash", sa.String(64), nullable=False),  # SHA-256, never the id number
        sa.Column("ticket_number", sa.String(12), nullable=True),  # after check-in
    )
    op.create_index("ix_kiosk_bookings_id_hash", "kiosk_bookings", ["id_hash"])


def downgrade() -> None:
    op.drop_index("ix_kiosk_bookings_id_hash", "kiosk_bookings")
    op.drop_table("kiosk_bookings")
    op.drop_index("ix_ticket_leases_free", "ticket_leases")
    op.drop_table("ticket_leases")
