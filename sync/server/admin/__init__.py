"""The center's own data, kept by its signed-in manager on the counter."""
