"""Payload checksums, and store metadata (one-time upgrade tasks).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SEALED = """
CREATE TRIGGER records_sealed BEFORE UPDATE OF id, kind, created_at, corrects, payload{extra}
ON records WHEN OLD.sealed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'record is sealed: record a correction instead'); END
"""


def upgrade() -> None:
    op.add_column("records", sa.Column("checksum", sa.String(64), nullable=True))
    op.execute("DROP TRIGGER records_sealed")
    op.execute(SEALED.format(extra=", checksum"))
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    # Free text kept in the clear by earlier versions is sealed by the runtime,
    # which holds the key (see sync.store.reseal).
    op.execute("INSERT INTO store_meta (key, value) "
               "SELECT 'reseal_free_text', '1' WHERE EXISTS (SELECT 1 FROM records)")


def downgrade() -> None:
    op.drop_table("store_meta")
    op.execute("DROP TRIGGER records_sealed")
    op.execute(SEALED.format(extra=""))
    op.drop_column("records", "checksum")
