"""Ratings (好差评): each one recorded with the window and clerk it rates, the
follow-ups of poor ones, and the center's figures over a range of days."""
