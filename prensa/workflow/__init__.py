"""The edition workflow: states, the transitions between them, their log, and scheduling."""
