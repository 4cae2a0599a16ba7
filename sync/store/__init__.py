"""The terminal's durable local store: SQLite, typed tables, migrations."""
