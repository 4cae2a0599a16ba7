"""The center manager's pages on the counter: the center's notices, staff,
windows, opening hours and quotas, and working-day calendar, kept on the
platform (`/v1/admin/*`, `sync.manager_client`). Reachable only while a
manager of the counter's center is signed in online."""
