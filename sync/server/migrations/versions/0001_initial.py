"""The platform's schema as create_all made it before migrations

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
        "application_state",
        sa.Column("tracking_number", sa.String(length=40), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("matter_code", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tracking_number"),
        sa.UniqueConstraint("change_seq"),
    )
    with op.batch_alter_table("application_state", schema=None) as batch_op:
        batch_op.create_index("ix_application_state_feed", ["center", "change_seq"], unique=False)

    op.create_table(
        "attachment",
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("center", "sha256"),
    )
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("actor", sa.String(length=130), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("object", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_center"), ["center"], unique=False)

    op.create_table(
        "booking",
        sa.Column("booking_code", sa.String(length=40), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("matter_code", sa.String(length=40), nullable=False),
        sa.Column("slot_start", sa.Float(), nullable=False),
        sa.Column("slot_end", sa.Float(), nullable=False),
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("ticket_number", sa.String(length=12), nullable=True),
        sa.Column("checked_in_at", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("booking_code"),
    )
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_booking_id_hash"), ["id_hash"], unique=False)
        batch_op.create_index(
            "ix_booking_slot", ["center", "matter_code", "slot_start"], unique=False
        )

    op.create_table(
        "calendar_day",
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("center", "day"),
    )
    op.create_table(
        "calendar_year",
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("published_at", sa.Float(), nullable=False),
        sa.Column("published_by", sa.String(length=130), nullable=False),
        sa.PrimaryKeyConstraint("center", "year"),
    )
    op.create_table(
        "case_record",
        sa.Column("tracking_number", sa.String(length=40), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("matter_code", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("submitted_at", sa.Float(), nullable=False),
        sa.Column("accepted_at", sa.Float(), nullable=True),
        sa.Column("time_limit_days", sa.Integer(), nullable=False),
        sa.Column("due_day", sa.String(length=10), nullable=True),
        sa.Column("due_estimated", sa.Boolean(), nullable=False),
        sa.Column("promised_day", sa.String(length=10), nullable=True),
        sa.Column("ticket_number", sa.String(length=12), nullable=True),
        sa.Column("ticket_day", sa.String(length=10), nullable=True),
        sa.Column("window", sa.String(length=16), nullable=True),
        sa.Column("staff_no", sa.String(length=32), nullable=True),
        sa.Column("result", sa.String(length=20), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("check_code", sa.String(length=12), nullable=True),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("tracking_number"),
    )
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.create_index("ix_case_record_desk", ["center", "state", "due_day"], unique=False)

    op.create_table(
        "catalog_matter",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "counter",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "document",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("etag", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "enroll_code",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("used_at", sa.Float(), nullable=True),
        sa.Column("terminal_id", sa.String(length=40), nullable=True),
        sa.Column("renews", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("code_hash"),
    )
    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=120), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_attempt_address"), ["address"], unique=False)
        batch_op.create_index(batch_op.f("ix_login_attempt_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_login_attempt_username"), ["username"], unique=False)

    op.create_table(
        "operator",
        sa.Column("username", sa.String(length=120), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("username"),
    )
    op.create_table(
        "operator_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=120), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("last_seen", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("operator_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_operator_session_username"), ["username"], unique=False
        )

    op.create_table(
        "queue_category",
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("prefix", sa.String(length=1), nullable=False),
        sa.Column("name_zh", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("center", "code"),
    )
    op.create_table(
        "queue_counter",
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=8), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("center", "category", "day"),
    )
    op.create_table(
        "queue_policy",
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("priority_weight", sa.Integer(), nullable=False),
        sa.Column("interleave", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("center"),
    )
    op.create_table(
        "queue_ticket",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("number", sa.String(length=12), nullable=False),
        sa.Column("category", sa.String(length=8), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("issued_at", sa.Float(), nullable=False),
        sa.Column("queued_at", sa.Float(), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("client_ref", sa.String(length=36), nullable=True),
        sa.Column("offline", sa.Boolean(), nullable=False),
        sa.Column("booking_code", sa.String(length=40), nullable=True),
        sa.Column("target_window", sa.String(length=16), nullable=True),
        sa.Column("window", sa.String(length=16), nullable=True),
        sa.Column("called_at", sa.Float(), nullable=True),
        sa.Column("recalls", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("center", "day", "number"),
        sa.UniqueConstraint("terminal_id", "client_ref"),
    )
    with op.batch_alter_table("queue_ticket", schema=None) as batch_op:
        batch_op.create_index(
            "ix_queue_ticket_waiting", ["center", "day", "status", "category"], unique=False
        )

    op.create_table(
        "seen_nonce",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("terminal_id", "nonce"),
    )
    with op.batch_alter_table("seen_nonce", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_seen_nonce_seen_at"), ["seen_at"], unique=False)

    op.create_table(
        "sign_in_attempt",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sign_in_attempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sign_in_attempt_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_sign_in_attempt_terminal_id"), ["terminal_id"], unique=False
        )

    op.create_table(
        "staff_lockout",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("lockouts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "terminal",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("hostname", sa.String(length=200), nullable=False),
        sa.Column("enrolled_at", sa.Float(), nullable=False),
        sa.Column("revoked_at", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "case_event",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tracking_number", sa.String(length=40), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("tx_id", sa.String(length=36), nullable=False),
        sa.Column("staff_no", sa.String(length=32), nullable=True),
        sa.Column("window", sa.String(length=16), nullable=True),
        sa.Column("receipt", sa.String(length=24), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tracking_number"],
            ["case_record.tracking_number"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_event_tracking_number"), ["tracking_number"], unique=False
        )

    op.create_table(
        "heartbeat",
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("received_at", sa.Float(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["terminal_id"],
            ["terminal.id"],
        ),
        sa.PrimaryKeyConstraint("terminal_id"),
    )
    op.create_table(
        "help_request",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("tx_id", sa.String(length=36), nullable=False),
        sa.Column("kiosk", sa.String(length=16), nullable=False),
        sa.Column("screen", sa.String(length=40), nullable=False),
        sa.Column("screen_title", sa.String(length=100), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("raised_at", sa.Float(), nullable=False),
        sa.Column("acknowledged_at", sa.Float(), nullable=True),
        sa.Column("window", sa.String(length=16), nullable=True),
        sa.Column("staff_no", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["terminal_id"],
            ["terminal.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("terminal_id", "tx_id"),
    )
    with op.batch_alter_table("help_request", schema=None) as batch_op:
        batch_op.create_index("ix_help_request_board", ["center", "day"], unique=False)

    op.create_table(
        "queue_event",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("window", sa.String(length=16), nullable=True),
        sa.Column("staff_no", sa.String(length=32), nullable=True),
        sa.Column("at", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["queue_ticket.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("queue_event", schema=None) as batch_op:
        batch_op.create_index("ix_queue_event_day", ["center", "day", "kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_queue_event_ticket_id"), ["ticket_id"], unique=False)

    op.create_table(
        "queue_lease",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("center", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=8), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["terminal_id"],
            ["terminal.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("queue_lease", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_queue_lease_terminal_id"), ["terminal_id"], unique=False
        )

    op.create_table(
        "stored_transaction",
        sa.Column("terminal_id", sa.String(length=40), nullable=False),
        sa.Column("tx_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["terminal_id"],
            ["terminal.id"],
        ),
        sa.PrimaryKeyConstraint("terminal_id", "tx_id"),
    )
