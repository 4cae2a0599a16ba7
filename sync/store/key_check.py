"""The store remembers which key sealed it.

A known text sealed with the data key is kept in `store_meta`. Opened with
another key (secrets from another enrollment, a restored secrets file), every
record would look damaged and be set aside; instead the store refuses to open
and says which file is wrong.
"""

from __future__ import annotations

from sqlalchemy import text

from sync.crypto import DecryptionError, Sealer
from sync.store.database import Database, StoreError

KEY = "key_check"
PLAIN = b"reception terminal store"


def check_key(database: Database, sealer: Sealer, secrets_path: object) -> None:
    with database.read() as connection:
        sealed = connection.execute(text("SELECT value FROM store_meta WHERE key = :key"),
                                    {"key": KEY}).scalar()
    if sealed is None:
        with database.write() as connection:
            connection.execute(text("INSERT OR IGNORE INTO store_meta (key, value) "
                                    "VALUES (:key, :value)"),
                               {"key": KEY, "value": sealer.seal(PLAIN, KEY.encode()).hex()})
        return
    try:
        sealer.open(bytes.fromhex(sealed), KEY.encode())
    except (DecryptionError, ValueError) as error:
        raise StoreError(
            f"The data key in {secrets_path} is not the key the local database "
            f"{database.path} was sealed with: nothing in it could be read. Put back the "
            f"secrets file this terminal was enrolled with (enrolling again makes a new key).",
        ) from error
