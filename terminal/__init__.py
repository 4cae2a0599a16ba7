"""The shell that kiosk and counter share: start-up, configuration, logging,
theme, translations, the sync bridge and status badge, the local platform."""
