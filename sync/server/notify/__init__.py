"""Notifying residents: "your case moved", "your number is near" and appointment
reminders, queued durably in the platform's database, sent by `reception-platform
notify` through a transport (a log file for the demo, an HTTP SMS gateway),
retried with back-off, once only per idempotency key."""
