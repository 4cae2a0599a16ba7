"""The clerk's case desk: cases after acceptance, and their completion notice."""
