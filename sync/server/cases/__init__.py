"""Cases at the platform: one per application or repair with its timeline and
statutory deadline, on the center's working-day calendar."""
