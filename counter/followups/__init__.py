"""The center manager's follow-ups of poor ratings (好差评 差评回访)."""
