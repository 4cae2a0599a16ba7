"""The hall display: the numbers being called, their windows, and the voice."""
