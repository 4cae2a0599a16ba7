"""Alembic environment of the platform: migrations run on the connection
`sync.server.migrate` hands in (already in a transaction, holding the lock)."""

from alembic import context

from sync.server.db import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
